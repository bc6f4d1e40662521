/**
 * Opening a workshop step's board (made from a method template) as a joined
 * participant, against plain tldraw opening an empty board, on a phone and a
 * desktop viewport, cold and warm, in the same run. Plain tldraw also opens
 * the same template's shapes (from its own storage, fetched on the first
 * visit): what tldraw alone pays to show them, which no page built on it avoids.
 *
 * - Cold: a fresh browser context (Playwright's: no HTTP cache, no service
 *   worker, no IndexedDB, no code cache), the first visit. The participant's
 *   session cookie is put in the context first: who they are is not a cache.
 * - Warm: the same context, the same page again in a new tab (HTTP cache,
 *   Samskap's service worker once it is active, the IndexedDB copy of the
 *   board; plain tldraw's IndexedDB copy of its empty board).
 * - End point, the same for both: tldraw's canvas is in the DOM and so are
 *   all the board's shapes (the template's; none on plain tldraw's empty
 *   board), taken in the page (browser/pageProbes.ts detectOpened) as ms since
 *   navigation start.
 *
 * Each round measures the three pages, in rotating order, so a change in the
 * machine's load hits them alike.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { Browser, BrowserContext, BrowserContextOptions } from 'playwright-core'
import { detectOpened, pageRequests, type PageRequest } from './browser/pageProbes.ts'
import { profileVisit, summarizePageProfile, type PageProfileSummary } from './browser/pageProfile.ts'
import type { PageWatch } from './browser/pageWatch.ts'
import type { TemplateBoard } from './lib/benchWorkshop.ts'
import { repoRoot } from './lib/childProcesses.ts'
import { waitForQuietMachine } from './lib/procStats.ts'

/** The name plain tldraw's server gives the template's shapes (/boards/<name>.json). */
export const plainTemplateBoard = 'template'

export interface FirstViewport {
  name: 'phone' | 'desktop'
  options: BrowserContextOptions
}

export const firstViewports: readonly FirstViewport[] = [
  { name: 'phone', options: { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 3 } },
  { name: 'desktop', options: { viewport: { width: 1440, height: 900 } } },
]

/** One visit to Samskap's board page, as the page saw it. */
export interface SamskapVisit {
  openedMs: number
  /** The relay's sync step 2 in the page; undefined when the board was shown before it came (warm). */
  syncedMs?: number
  /** The board's socket was created. */
  socketMs?: number
  requests: PageRequest[]
}

export interface TemplateOpenResult {
  viewport: FirstViewport['name']
  templateId: string
  shapes: number
  plainColdMs: number[]
  plainWarmMs: number[]
  /** Plain tldraw opening the template's shapes. */
  plainTemplateColdMs: number[]
  plainTemplateWarmMs: number[]
  samskapCold: SamskapVisit[]
  samskapWarm: SamskapVisit[]
  /** The machine's 1-minute load average before and after this viewport's rounds. */
  loadAverage: [number, number]
  /** With BENCH_TEMPLATE_PROFILE=1: one more cold and warm visit of each page, profiled (see browser/pageProfile.ts). */
  profiles?: Record<'samskap' | 'plain', { cold: PageProfileSummary; warm: PageProfileSummary }>
}

interface Visit {
  openedMs: number
  syncedMs?: number
  socketMs?: number
  requests: PageRequest[]
}

/** Opens `url` in a new page of `context` and times it; with `settle`, waits for its service worker before closing it. */
async function visit(context: BrowserContext, url: string, shapes: number, settle: boolean): Promise<Visit> {
  const page = await context.newPage()
  try {
    await page.addInitScript(detectOpened, shapes)
    await page.goto(url, { waitUntil: 'commit' })
    await page.waitForFunction(() => window.benchOpenedAt !== undefined, undefined, { timeout: 90_000, polling: 50 })
    const seen = await page.evaluate(() => ({ openedMs: window.benchOpenedAt, syncedMs: window.benchSyncedAt, socketMs: window.benchSocketAt }))
    if (seen.openedMs === undefined) throw new Error(`${url}: no open time`)
    const requests = await page.evaluate(pageRequests)
    if (settle) {
      // A second visit comes later in life: let the first one's service worker finish installing,
      // as it would have by then (bounded: a page without one goes on).
      await page.evaluate(() =>
        Promise.race([
          'serviceWorker' in navigator ? navigator.serviceWorker.ready.then(() => true) : Promise.resolve(false),
          new Promise((resolve) => setTimeout(() => resolve(false), 20_000)),
        ]),
      )
    }
    return {
      openedMs: seen.openedMs,
      ...(seen.syncedMs === undefined || seen.syncedMs > seen.openedMs ? {} : { syncedMs: seen.syncedMs }),
      ...(seen.socketMs === undefined ? {} : { socketMs: seen.socketMs }),
      requests,
    }
  } finally {
    await page.close()
  }
}

/** Cold then warm visits of one page in a fresh context. */
async function coldAndWarm(
  browser: Browser,
  watch: PageWatch,
  viewport: FirstViewport,
  prepare: (context: BrowserContext) => Promise<void>,
  url: string,
  shapes: number,
): Promise<{ cold: Visit; warm: Visit }> {
  const context = await browser.newContext(viewport.options)
  try {
    watch.attach(context)
    await prepare(context)
    const cold = await visit(context, url, shapes, true)
    const warm = await visit(context, url, shapes, false)
    return { cold, warm }
  } finally {
    await context.close()
  }
}

/** `rounds` rounds per viewport of: plain tldraw cold and warm, Samskap's template board cold and warm. */
export async function measureTemplateOpen(
  browser: Browser,
  watch: PageWatch,
  urls: { plain: string; relay: string },
  board: TemplateBoard,
  rounds: number,
  log: (line: string) => void,
  profile = false,
): Promise<TemplateOpenResult[]> {
  const results: TemplateOpenResult[] = []
  const boardUrl = `${urls.relay}/board/${board.boardId}`
  const participant = async (context: BrowserContext): Promise<void> => {
    await context.addCookies(board.participantCookies.map((cookie) => ({ ...cookie, url: urls.relay })))
  }
  for (const viewport of firstViewports) {
    await waitForQuietMachine(15_000)
    const before = os.loadavg()[0] ?? 0
    const result: TemplateOpenResult = {
      viewport: viewport.name,
      templateId: board.templateId,
      shapes: board.shapes,
      plainColdMs: [],
      plainWarmMs: [],
      plainTemplateColdMs: [],
      plainTemplateWarmMs: [],
      samskapCold: [],
      samskapWarm: [],
      loadAverage: [before, before],
    }
    for (let round = 0; round < rounds; round++) {
      const plain = async (): Promise<void> => {
        // A key of its own: the cold visit finds no IndexedDB copy, the warm one finds the one it wrote.
        const visits = await coldAndWarm(browser, watch, viewport, async () => {}, `${urls.plain}/?key=empty-${viewport.name}-${round}`, 0)
        result.plainColdMs.push(visits.cold.openedMs)
        result.plainWarmMs.push(visits.warm.openedMs)
      }
      const plainTemplate = async (): Promise<void> => {
        const url = `${urls.plain}/?key=template-${viewport.name}-${round}&board=${plainTemplateBoard}`
        const visits = await coldAndWarm(browser, watch, viewport, async () => {}, url, board.shapes)
        result.plainTemplateColdMs.push(visits.cold.openedMs)
        result.plainTemplateWarmMs.push(visits.warm.openedMs)
      }
      const samskap = async (): Promise<void> => {
        const visits = await coldAndWarm(browser, watch, viewport, participant, boardUrl, board.shapes)
        result.samskapCold.push(visits.cold)
        result.samskapWarm.push(visits.warm)
      }
      const order = [plain, plainTemplate, samskap]
      for (let index = 0; index < order.length; index++) await order[(round + index) % order.length]?.()
    }
    result.loadAverage[1] = os.loadavg()[0] ?? 0
    if (profile) {
      const profiled = async (name: string, url: string, shapes: number, prepare: (context: BrowserContext) => Promise<void>) => {
        const context = await browser.newContext(viewport.options)
        try {
          watch.attach(context)
          await prepare(context)
          const summaries: PageProfileSummary[] = []
          for (const visitKind of ['cold', 'warm'] as const) {
            const seen = await profileVisit(context, url, shapes, visitKind === 'cold')
            const file = path.join(repoRoot, 'tests/.tmp', `template-open-${viewport.name}-${name}-${visitKind}.cpuprofile`)
            mkdirSync(path.dirname(file), { recursive: true })
            writeFileSync(file, JSON.stringify(seen.profile))
            const summary = summarizePageProfile(seen.profile, seen.openedMs)
            log(`  profile of a ${visitKind} ${name} visit, ${viewport.name} (open at ${seen.openedMs.toFixed(0)} ms; ${file}):`)
            for (const { name: script, ms } of summary.byFile.slice(0, 12)) log(`    ${ms.toFixed(0).padStart(6)} ms  ${script}`)
            for (const { name: fn, ms } of summary.byFunction) log(`    ${ms.toFixed(0).padStart(6)} ms  self  ${fn}`)
            for (const line of summary.timeline) log(`    ${line}`)
            summaries.push(summary)
          }
          return summaries
        } finally {
          await context.close()
        }
      }
      const [samskapCold, samskapWarm] = await profiled('samskap', boardUrl, board.shapes, participant)
      const [plainCold, plainWarm] = await profiled('plain', `${urls.plain}/?key=profile-${viewport.name}`, 0, async () => {})
      if (samskapCold !== undefined && samskapWarm !== undefined && plainCold !== undefined && plainWarm !== undefined) {
        result.profiles = { samskap: { cold: samskapCold, warm: samskapWarm }, plain: { cold: plainCold, warm: plainWarm } }
      }
    }
    results.push(result)
  }
  return results
}
