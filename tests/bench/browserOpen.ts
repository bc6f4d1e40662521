/**
 * What a person feels, in Debian's Chromium through playwright-core:
 *
 * 1. Opening a board of N notes through the relay, against plain tldraw
 *    opening the same notes from its own local storage (persistenceKey), in
 *    the same run. Time = from navigation start to the moment the page has all
 *    N shapes in its DOM, taken in the page (see pageProbes.ts). Both pages
 *    have warm HTTP and code caches: plain tldraw is loaded once to store the
 *    notes, Samskap once on an empty board. "first visit": the device has
 *    never seen the board, everything comes through the relay; "return visit":
 *    the same board again, with the client's IndexedDB copy.
 * 2. Page to page: a note typed on one page, until its text is in the DOM of
 *    another page on the same board (another browser context, another
 *    person). Both timestamps are taken in the pages, on the same clock.
 * 3. A workshop step's template board, cold and warm, on a phone and a
 *    desktop, against plain tldraw opening an empty board (templateBoardOpen.ts).
 *
 * BENCH_BROWSER_ONLY=template runs only the third; BENCH_TEMPLATE_ROUNDS=n sets its rounds, and
 * BENCH_TEMPLATE_PROFILE=1 adds a profiled cold visit of each page per viewport (browser/pageProfile.ts).
 */
import { randomBytes } from 'node:crypto'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { newBoardId } from '../../shared/src/protocol/boardId.ts'
import { noteBoardRecords, writeBoardRecords } from './boardSeed.ts'
import { detectOpened, rememberUser, watchTexts } from './browser/pageProbes.ts'
import { PageWatch } from './browser/pageWatch.ts'
import { launchBenchChromium } from './lib/benchChromium.ts'
import { buildClientIfStale, buildPlainTldrawIfStale, type BuildResult } from './lib/builds.ts'
import { ChildProcesses, syncUrl } from './lib/childProcesses.ts'
import { waitForQuietMachine } from './lib/procStats.ts'
import { startRelay } from './lib/servers.ts'
import { summarize, type LatencySummary } from './lib/stats.ts'
import { seedBoard } from './lib/syncSocket.ts'
import { startPlainTldrawServer, type PlainTldrawServer } from './plain/plainTldrawServer.ts'
import { measureTemplateOpen, plainTemplateBoard, type TemplateOpenResult } from './templateBoardOpen.ts'
import { createTemplateBoard } from './lib/benchWorkshop.ts'

const viewport = { width: 1440, height: 900 }

export interface BrowserOptions {
  sizes: number[]
  repeats: number
  typedNotes: number
  warmupNotes: number
  /** Rounds of the template board against plain tldraw's empty board, per viewport. */
  templateRounds: number
  /** Only the template board comparison. */
  templateOnly: boolean
  /** One more cold visit of each page per viewport with the profiler on (BENCH_TEMPLATE_PROFILE=1). */
  templateProfile: boolean
}

export const defaultBrowserOptions: BrowserOptions = {
  sizes: [500, 2000],
  repeats: 3,
  typedNotes: 24,
  warmupNotes: 2,
  templateRounds: 5,
  templateOnly: false,
  templateProfile: false,
}

/** The defaults, with BENCH_BROWSER_ONLY=template and BENCH_TEMPLATE_ROUNDS=n. */
export function browserOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): BrowserOptions {
  const only = env['BENCH_BROWSER_ONLY']
  if (only !== undefined && only !== '' && only !== 'template') throw new Error(`BENCH_BROWSER_ONLY=${only}: the only part is "template"`)
  const rounds = Number(env['BENCH_TEMPLATE_ROUNDS'] ?? defaultBrowserOptions.templateRounds)
  if (!Number.isInteger(rounds) || rounds < 1) throw new Error(`BENCH_TEMPLATE_ROUNDS=${env['BENCH_TEMPLATE_ROUNDS']}: a whole number of at least 1`)
  return { ...defaultBrowserOptions, templateOnly: only === 'template', templateRounds: rounds, templateProfile: env['BENCH_TEMPLATE_PROFILE'] === '1' }
}

export interface OpenResult {
  notes: number
  plainMs: number[]
  samskapFirstMs: number[]
  samskapReturnMs: number[]
  /** First visits: when the relay's sync step 2 (the whole board) had arrived in the page. */
  samskapSyncedMs: number[]
}

export interface BrowserReport {
  chromium: string
  builds: BuildResult[]
  open: OpenResult[]
  /** Page-to-page delay of typed notes, ms (null when not measured). */
  typing: LatencySummary | null
  templateOpen: TemplateOpenResult[]
  /** Console errors and uncaught page errors, if any. */
  pageErrors: string[]
  /** Requests to any host other than the two loopback servers (should be none). */
  foreignRequests: string[]
}

async function newContext(browser: Browser, watch: PageWatch, user: string): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport })
  watch.attach(context)
  const id = randomBytes(16).toString('hex')
  await context.addInitScript(rememberUser, { id, name: user, color: '#4263eb' })
  return context
}

/** Opens `url` in a new page; in-page times until `notes` shapes were in the DOM and until the relay's sync step 2 came. */
async function timeOpen(context: BrowserContext, url: string, notes: number): Promise<{ openedAt: number; syncedAt?: number }> {
  const page = await context.newPage()
  try {
    await page.addInitScript(detectOpened, notes)
    await page.goto(url, { waitUntil: 'commit' })
    await page.waitForFunction(() => window.benchOpenedAt !== undefined, undefined, { timeout: 90_000, polling: 100 })
    const { openedAt, syncedAt } = await page.evaluate(() => ({ openedAt: window.benchOpenedAt, syncedAt: window.benchSyncedAt }))
    if (openedAt === undefined) throw new Error(`${url}: no open time`)
    return syncedAt === undefined ? { openedAt } : { openedAt, syncedAt }
  } finally {
    await page.close()
  }
}

/**
 * One board size: plain tldraw (its notes stored once in its local storage) and
 * Samskap (its bundle loaded once on an empty board), measured in turns, so a
 * change in the machine's load hits both alike. Each round: plain tldraw opens
 * its notes, Samskap opens a board it has never seen (first visit), then the
 * same board again (return visit, from the client's IndexedDB copy).
 */
async function measureOpen(
  browser: Browser,
  watch: PageWatch,
  urls: { plain: string; relay: string },
  boards: string[],
  warmupBoard: string,
  notes: number,
): Promise<OpenResult> {
  const plainContext = await newContext(browser, watch, 'Plain')
  const samskapContext = await newContext(browser, watch, 'Samskap')
  try {
    const key = `bench-${notes}`
    const seedPage = await plainContext.newPage()
    await seedPage.goto(`${urls.plain}/?key=${key}&seed=${notes}`)
    await seedPage.waitForFunction(() => window.benchSeeded !== undefined || window.benchError !== undefined, undefined, {
      timeout: 120_000,
      polling: 100,
    })
    const seedError = await seedPage.evaluate(() => window.benchError)
    if (seedError !== undefined) throw new Error(`plain tldraw seeding: ${seedError}`)
    await seedPage.close()
    const warmup = await samskapContext.newPage()
    await warmup.goto(`${urls.relay}/board/${warmupBoard}`)
    await warmup.locator('.tl-canvas').waitFor({ timeout: 60_000 })
    await warmup.close()

    const result: OpenResult = { notes, plainMs: [], samskapFirstMs: [], samskapReturnMs: [], samskapSyncedMs: [] }
    for (const board of boards) {
      result.plainMs.push((await timeOpen(plainContext, `${urls.plain}/?key=${key}`, notes)).openedAt)
      const first = await timeOpen(samskapContext, `${urls.relay}/board/${board}`, notes)
      result.samskapFirstMs.push(first.openedAt)
      if (first.syncedAt !== undefined) result.samskapSyncedMs.push(first.syncedAt)
      result.samskapReturnMs.push((await timeOpen(samskapContext, `${urls.relay}/board/${board}`, notes)).openedAt)
    }
    return result
  } finally {
    await plainContext.close()
    await samskapContext.close()
  }
}

async function openBoardPage(context: BrowserContext, url: string): Promise<Page> {
  const page = await context.newPage()
  await page.addInitScript(watchTexts)
  await page.goto(url)
  await page.locator('.tl-canvas').waitFor({ timeout: 60_000 })
  return page
}

async function measureTyping(browser: Browser, watch: PageWatch, relayUrl: string, options: BrowserOptions): Promise<number[]> {
  const board = newBoardId()
  const contextA = await newContext(browser, watch, 'Bench A')
  const contextB = await newContext(browser, watch, 'Bench B')
  try {
    const pageA = await openBoardPage(contextA, `${relayUrl}/board/${board}`)
    const pageB = await openBoardPage(contextB, `${relayUrl}/board/${board}`)
    const canvas = pageA.locator('.tl-canvas')
    await canvas.click({ position: { x: 200, y: 200 } })
    const delays: number[] = []
    for (let note = 0; note < options.warmupNotes + options.typedNotes; note++) {
      const marker = `note${note}q${randomBytes(3).toString('hex')}`
      for (const page of [pageA, pageB]) await page.evaluate((text) => window.benchWatch?.push(text), marker)
      await pageA.keyboard.press('n')
      await canvas.click({ position: { x: 500, y: 400 } })
      await pageA.locator('[contenteditable="true"]').waitFor({ timeout: 10_000 })
      await pageA.keyboard.type(marker)
      await pageB.waitForFunction((text) => window.benchSeen?.[text] !== undefined, marker, { timeout: 15_000, polling: 20 })
      const typedAt = await pageA.evaluate((text) => window.benchSeen?.[text], marker)
      const shownAt = await pageB.evaluate((text) => window.benchSeen?.[text], marker)
      if (typedAt === undefined || shownAt === undefined) throw new Error(`note ${marker} was not seen on both pages`)
      if (note >= options.warmupNotes) delays.push(shownAt - typedAt)
      // Leave editing and remove the note, so the next one goes on an empty spot.
      await pageA.keyboard.press('Escape')
      await pageA.keyboard.press('Delete')
    }
    return delays
  } finally {
    await contextA.close()
    await contextB.close()
  }
}

export async function runBrowserBench(
  children: ChildProcesses,
  log: (line: string) => void,
  options: BrowserOptions = defaultBrowserOptions,
): Promise<BrowserReport> {
  const sizes = options.templateOnly ? [] : options.sizes
  log(
    `Chromium: a template board against plain tldraw's empty board (${options.templateRounds} rounds per viewport)` +
      (options.templateOnly ? '' : `, boards of ${sizes.join(' and ')} notes (${options.repeats} runs each), then page-to-page typing`),
  )
  const builds = [await buildClientIfStale(), await buildPlainTldrawIfStale()]
  for (const build of builds) if (build.built) log(`  built the ${build.name} in ${(build.ms / 1000).toFixed(1)} s`)
  const relay = await startRelay(children)
  let plain: PlainTldrawServer | null = null
  let browser: Browser | null = null
  try {
    const templateBoard = await createTemplateBoard(relay.url, relay.output())
    const boardsJson = new Map(sizes.map((size) => [`notes-${size}`, JSON.stringify(noteBoardRecords(size))]))
    boardsJson.set(plainTemplateBoard, JSON.stringify(templateBoard.records))
    plain = await startPlainTldrawServer(boardsJson)
    const url = syncUrl(relay.url)
    const boardsBySize = new Map<number, string[]>()
    for (const size of sizes) {
      const records = noteBoardRecords(size)
      const boards: string[] = []
      for (let run = 0; run < options.repeats; run++) {
        const board = newBoardId()
        await seedBoard(url, board, (doc) => writeBoardRecords(doc, records))
        boards.push(board)
      }
      boardsBySize.set(size, boards)
    }
    const warmupBoard = newBoardId()
    await seedBoard(url, warmupBoard, (doc) => writeBoardRecords(doc, noteBoardRecords(0)))
    browser = await launchBenchChromium()
    const watch = new PageWatch()
    const urls = { plain: plain.url, relay: relay.url }
    const templateOpen = await measureTemplateOpen(browser, watch, urls, templateBoard, options.templateRounds, log, options.templateProfile)
    const open: OpenResult[] = []
    for (const size of sizes) {
      await waitForQuietMachine(15_000)
      const result = await measureOpen(browser, watch, urls, boardsBySize.get(size) ?? [], warmupBoard, size)
      open.push(result)
      const list = (values: number[]): string => values.map((ms) => ms.toFixed(0)).join('/')
      log(
        `  ${size} notes: plain ${list(result.plainMs)} ms, samskap ${list(result.samskapFirstMs)} ms ` +
          `(return ${list(result.samskapReturnMs)} ms)`,
      )
    }
    const typing = options.templateOnly ? null : summarize(await measureTyping(browser, watch, relay.url, options))
    if (typing !== null) log(`  page to page: p50 ${typing.p50.toFixed(1)} ms over ${typing.count} notes`)
    return {
      chromium: browser.version(),
      builds,
      open,
      typing,
      templateOpen,
      pageErrors: watch.errors,
      foreignRequests: [...watch.foreign],
    }
  } finally {
    await browser?.close()
    await plain?.close()
    await relay.stop('SIGTERM')
    relay.removeData()
  }
}
