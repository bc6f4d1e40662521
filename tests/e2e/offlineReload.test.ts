import { createServer } from 'node:net'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchChromium, watchPage, type LaunchedBrowser, type PageWatch } from '../helpers/browser.ts'
import { createDataDir, removeDataDir, spawnServer, type ChildServer } from '../helpers/server.ts'

// A board keeps working with the server gone: an edit made offline survives a reload from
// IndexedDB and reaches the server when it is back. And a pasted link becomes a plain
// bookmark card without the browser contacting the link's host.
//
// Chromium's "WebSocket connection failed" console line is expected while the server is
// down; any other console error fails the test.
const socketDown = /WebSocket connection to '.*\/sync\/.*' failed/

/** A free loopback port, so the server can come back on the same address after a kill. */
async function freePort(): Promise<number> {
  const probe = createServer()
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve))
  const address = probe.address()
  await new Promise<void>((resolve) => probe.close(() => resolve()))
  if (address === null || typeof address === 'string') throw new Error('no port')
  return address.port
}

async function enterName(page: Page, name: string): Promise<void> {
  const input = page.getByTestId('name-input')
  await input.waitFor()
  await input.fill(name)
  await input.press('Enter')
  await page.getByTestId('name-dialog').waitFor({ state: 'hidden' })
}

/** Makes a sticky note as a person would: N, click on the canvas, type, Escape. */
async function addStickyNote(page: Page, text: string, at: { x: number; y: number }): Promise<void> {
  await page.locator('.tl-canvas').waitFor()
  await page.keyboard.press('n')
  await page.locator('.tl-canvas').click({ position: at })
  const editor = page.locator('[contenteditable="true"]')
  await editor.waitFor()
  await editor.focus()
  await page.keyboard.type(text)
  await page.keyboard.press('Escape')
}

function note(page: Page, text: string) {
  return page.locator('.tl-shape').filter({ hasText: text })
}

async function status(page: Page): Promise<string | null> {
  return page.getByTestId('connection-status').getAttribute('data-state')
}

interface RecordedResponse {
  status: number
  headers: Record<string, string>
  body: Buffer
}

/**
 * Lets the page itself load while the server is down, as a browser's cache would: every
 * GET the context makes to `origin` goes to the server and is recorded; when the server
 * does not answer, the recorded response is replayed (for navigations: the app's HTML,
 * the same for every route). Board data is not in it: it comes over the /sync WebSocket,
 * which routing does not touch, so after a reload the board can only come from IndexedDB.
 */
async function replayAppShellWhenDown(context: BrowserContext, origin: string): Promise<void> {
  const recorded = new Map<string, RecordedResponse>()
  const keyOf = (url: string, navigation: boolean) => (navigation ? 'navigation' : url)
  await context.route(`${origin}/**`, async (route) => {
    const request = route.request()
    if (request.method() !== 'GET') return route.continue()
    const key = keyOf(request.url(), request.isNavigationRequest())
    let response: Awaited<ReturnType<typeof route.fetch>>
    try {
      response = await route.fetch()
    } catch {
      const cached = recorded.get(key)
      if (cached === undefined) return route.abort('connectionrefused')
      return route.fulfill(cached)
    }
    const headers = { ...response.headers() }
    // The body Playwright hands over is already decoded.
    delete headers['content-encoding']
    delete headers['content-length']
    if (response.ok()) recorded.set(key, { status: response.status(), headers, body: await response.body() })
    return route.fulfill({ response })
  })
}

describe('a board offline and back', () => {
  let launched: LaunchedBrowser
  let browser: Browser
  let dataDir: string
  let port: number
  let server: ChildServer
  const contexts: BrowserContext[] = []
  const watches: PageWatch[] = []

  async function openPage(url: string, options: { replayWhenDown?: boolean } = {}): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } })
    contexts.push(context)
    const origin = new URL(url).origin
    if (options.replayWhenDown) await replayAppShellWhenDown(context, origin)
    const page = await context.newPage()
    watches.push(watchPage(page, origin, [socketDown]))
    await page.goto(url)
    return page
  }

  async function newBoard(name: string, options: { replayWhenDown?: boolean } = {}): Promise<Page> {
    const page = await openPage(`${server.url}/`, options)
    await page.getByTestId('new-board').click()
    await page.waitForURL(/\/board\/[A-Za-z0-9_-]+$/)
    await enterName(page, name)
    await expect.poll(() => status(page), { timeout: 10_000 }).toBe('saved')
    return page
  }

  function expectNothingForeignAndNoErrors(): void {
    for (const watch of watches) {
      expect(watch.foreignRequests).toEqual([])
      expect(watch.consoleErrors).toEqual([])
    }
  }

  beforeAll(async () => {
    dataDir = createDataDir()
    port = await freePort()
    server = await spawnServer(dataDir, { PORT: String(port) })
    // A document fulfilled by Playwright has no IP address, so Chromium's Local Network
    // Access checks would treat the replayed page as public and block its socket to
    // 127.0.0.1; a page served from the loopback server (or its cache) is not blocked.
    launched = await launchChromium({ extraArgs: ['--disable-features=LocalNetworkAccessChecks'] })
    browser = launched.browser
  })

  afterAll(async () => {
    for (const context of contexts) await context.close()
    await launched?.close()
    await server?.kill('SIGKILL')
    if (dataDir) removeDataDir(dataDir)
  })

  it('keeps a note made offline through a reload with the server down, and saves it when the server is back', async () => {
    const anna = await newBoard('Anna', { replayWhenDown: true })
    const boardUrl = anna.url()

    await server.kill('SIGKILL')
    await expect.poll(() => status(anna), { timeout: 15_000 }).toBe('offline')
    await addStickyNote(anna, 'Skrevet før omlasting', { x: 500, y: 300 })
    await note(anna, 'Skrevet før omlasting').waitFor()

    // Reload at once, server still down: the note comes back from IndexedDB.
    await anna.reload()
    await note(anna, 'Skrevet før omlasting').waitFor({ timeout: 15_000 })
    await expect.poll(() => status(anna), { timeout: 15_000 }).toBe('offline')

    // Back on the same port and data: the note made offline is stored.
    server = await spawnServer(dataDir, { PORT: String(port) })
    await expect.poll(() => status(anna), { timeout: 20_000 }).toBe('saved')

    // A fresh browser context has no IndexedDB: what it sees came from the server.
    const cleo = await openPage(boardUrl)
    await enterName(cleo, 'Cleo')
    await note(cleo, 'Skrevet før omlasting').waitFor({ timeout: 15_000 })
    expectNothingForeignAndNoErrors()
  })

  it('turns a pasted link into a bookmark card without contacting its host', async () => {
    const bo = await newBoard('Bo')
    await bo.locator('.tl-canvas').click({ position: { x: 300, y: 300 } })

    const paste = (url: string) =>
      bo.evaluate((text) => {
        const data = new DataTransfer()
        data.setData('text/plain', text)
        document.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }))
      }, url)

    await paste('https://www.example.com/plan')
    const bookmark = bo.locator('.tl-shape[data-shape-type="bookmark"]').filter({ hasText: 'www.example.com/plan' })
    await bookmark.waitFor({ timeout: 10_000 })

    // A YouTube link is a bookmark too: embeds are off, so no other site's iframe.
    await bo.keyboard.press('Escape')
    await paste('https://www.youtube.com/watch?v=dQw4w9WgXcQ')
    await bo.locator('.tl-shape[data-shape-type="bookmark"]').filter({ hasText: 'www.youtube.com/watch' }).waitFor()
    expect(await bo.locator('.tl-shape[data-shape-type="embed"]').count()).toBe(0)
    expect(await bo.locator('iframe').count()).toBe(0)

    await expect.poll(() => status(bo), { timeout: 10_000 }).toBe('saved')
    expectNothingForeignAndNoErrors()
  })
})
