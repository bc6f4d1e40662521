/**
 * Where a page's main thread spends the time until a board is open: one visit
 * with Chromium's sampling profiler (CDP Profiler) running from before the
 * navigation to the open point, summed by script file and by function (self
 * time), and as a timeline of 100 ms slices naming what dominated each. With
 * BENCH_TEMPLATE_PROFILE=1 the template bench adds one such cold and warm visit per
 * page and viewport and writes the .cpuprofile files under tests/.tmp (they open in
 * Chrome DevTools' Performance panel). Built with `build.minify: false` the
 * function names are the sources'.
 */
import type { BrowserContext } from 'playwright-core'
import { detectOpened } from './pageProbes.ts'

interface ProfileNode {
  id: number
  callFrame: { functionName: string; url: string; lineNumber: number }
  children?: number[]
}

export interface PageCpuProfile {
  nodes: ProfileNode[]
  startTime: number
  endTime: number
  samples: number[]
  timeDeltas: number[]
}

export interface PageProfileSummary {
  /** The open point, ms since navigation start. */
  openedMs: number
  /** Main-thread ms by script file (or "(idle)", "(garbage collector)", "(program)"), largest first. */
  byFile: Array<{ name: string; ms: number }>
  /** Self ms by function, largest first (the first 25). */
  byFunction: Array<{ name: string; ms: number }>
  /** Each 100 ms slice from the profile's start: its busiest file or category and its share of the slice. */
  timeline: string[]
}

/** A frame's file: the script's base name, or the category V8 names it by. */
function fileOf(frame: ProfileNode['callFrame']): string {
  if (frame.url === '') return frame.functionName.startsWith('(') ? frame.functionName : '(native)'
  return frame.url.slice(frame.url.lastIndexOf('/') + 1).split('?')[0] ?? frame.url
}

/** Sums a profile's samples by file and function, and in 100 ms slices. */
export function summarizePageProfile(profile: PageCpuProfile, openedMs: number): PageProfileSummary {
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]))
  const byFile = new Map<string, number>()
  const byFunction = new Map<string, number>()
  const slices: Map<string, number>[] = []
  let time = profile.startTime
  profile.samples.forEach((id, index) => {
    time += profile.timeDeltas[index] ?? 0
    const us = profile.timeDeltas[index + 1] ?? 0
    const frame = nodes.get(id)?.callFrame
    if (frame === undefined) return
    const file = fileOf(frame)
    byFile.set(file, (byFile.get(file) ?? 0) + us)
    const fn = `${frame.functionName || '(anonymous)'} ${file}:${frame.lineNumber + 1}`
    byFunction.set(fn, (byFunction.get(fn) ?? 0) + us)
    const slice = Math.floor((time - profile.startTime) / 100_000)
    const counts = (slices[slice] ??= new Map())
    counts.set(file, (counts.get(file) ?? 0) + us)
  })
  const sorted = (totals: Map<string, number>) =>
    [...totals].map(([name, us]) => ({ name, ms: us / 1000 })).sort((a, b) => b.ms - a.ms)
  const timeline = [...slices].map((counts, slice) => {
    const top = counts === undefined ? undefined : sorted(counts)[0]
    return `${slice * 100} ms: ${top === undefined ? '-' : `${top.name} ${top.ms.toFixed(0)} ms`}`
  })
  return { openedMs, byFile: sorted(byFile), byFunction: sorted(byFunction).slice(0, 25), timeline }
}

/**
 * Opens `url` in a new page of `context` with the profiler running until `shapes` shapes are
 * shown; with `settle`, then waits (up to 20 s) for the page's service worker, as a first visit would.
 */
export async function profileVisit(context: BrowserContext, url: string, shapes: number, settle: boolean): Promise<{ profile: PageCpuProfile; openedMs: number }> {
  const page = await context.newPage()
  try {
    const cdp = await context.newCDPSession(page)
    await cdp.send('Profiler.enable')
    await cdp.send('Profiler.setSamplingInterval', { interval: 200 })
    await page.addInitScript(detectOpened, shapes)
    await cdp.send('Profiler.start')
    await page.goto(url, { waitUntil: 'commit' })
    await page.waitForFunction(() => window.benchOpenedAt !== undefined, undefined, { timeout: 90_000, polling: 50 })
    const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: PageCpuProfile }
    const openedMs = await page.evaluate(() => window.benchOpenedAt ?? 0)
    if (settle) {
      await page.evaluate(() =>
        Promise.race([
          'serviceWorker' in navigator ? navigator.serviceWorker.ready.then(() => true) : Promise.resolve(false),
          new Promise((resolve) => setTimeout(() => resolve(false), 20_000)),
        ]),
      )
    }
    return { profile, openedMs }
  } finally {
    await page.close()
  }
}
