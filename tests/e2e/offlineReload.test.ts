import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { addStickyNote, enterName, freePort, note, status } from '../helpers/boardPage.ts'
import { launchChromium, watchPage, type LaunchedBrowser, type PageWatch } from '../helpers/browser.ts'
import { createDataDir, removeDataDir, spawnServer, type ChildServer } from '../helpers/server.ts'

// A board keeps working with the server gone: an edit made offline survives a real reload
// (the page from the service worker's app shell, the board from IndexedDB) and reaches the
// server when it is back. And a pasted link becomes text linking to it, without the browser
// contacting the link's host (no link card, no embed: the relay refuses those for other hosts).
//
// Chromium's "WebSocket connection failed" console line is expected while the server is
// down, and so are its failed requests for /api/config, /api/session and the board's
// context when the page loads from the service worker then (the app carries on with
// defaults, no session and no step bar); any other console error fails the test.
const socketDown = /WebSocket connection to '.*\/sync\/.*' failed/
const apiDown =
  /^Failed to load resource: net::ERR_CONNECTION_REFUSED \[http:\/\/[^/]+\/api\/(config|session|boards\/[A-Za-z0-9_-]+\/context)\]$/

/**
 * True once the app shell's service worker controls the page and has cached index.html and every
 * file the page loaded from /assets/ and /tldraw-assets/: from then on, a reload needs no server.
 */
async function appShellCached(page: Page): Promise<boolean> {
  return page.evaluate(async () => {
    if (navigator.serviceWorker.controller === null) return false
    const files = performance
      .getEntriesByType('resource')
      .map((entry) => new URL(entry.name))
      .filter((url) => url.origin === location.origin && /^\/(assets|tldraw-assets)\//.test(url.pathname))
      .map((url) => url.href)
    const cached = await Promise.all(['/index.html', ...files].map((file) => caches.match(file)))
    return files.length > 0 && cached.every((response) => response !== undefined)
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

  async function openPage(url: string): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } })
    contexts.push(context)
    const page = await context.newPage()
    watches.push(watchPage(page, new URL(url).origin, [socketDown, apiDown]))
    await page.goto(url)
    return page
  }

  async function newBoard(name: string): Promise<Page> {
    const page = await openPage(`${server.url}/`)
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
    launched = await launchChromium()
    browser = launched.browser
  })

  afterAll(async () => {
    for (const context of contexts) await context.close()
    await launched?.close()
    await server?.kill('SIGKILL')
    if (dataDir) removeDataDir(dataDir)
  })

  it('keeps a note made offline through a reload with the server down, and saves it when the server is back', async () => {
    const anna = await newBoard('Anna')
    const boardUrl = anna.url()
    // The first visit is enough: the service worker has the app shell by the time the board is up.
    await expect.poll(() => appShellCached(anna), { timeout: 15_000 }).toBe(true)

    await server.kill('SIGKILL')
    await expect.poll(() => status(anna), { timeout: 15_000 }).toBe('offline')
    await addStickyNote(anna, 'Skrevet før omlasting', { x: 500, y: 300 })
    await note(anna, 'Skrevet før omlasting').waitFor()

    // Reload at once, server still down: the page comes from the service worker's cache and the
    // note from IndexedDB.
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

  it('turns a pasted link into text that links to it, without contacting its host', async () => {
    const bo = await newBoard('Bo')
    await bo.locator('.tl-canvas').click({ position: { x: 300, y: 300 } })

    const paste = (url: string) =>
      bo.evaluate((text) => {
        const data = new DataTransfer()
        data.setData('text/plain', text)
        document.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }))
      }, url)

    await paste('https://www.example.com/plan')
    const linkText = (href: string) => bo.locator(`.tl-shape[data-shape-type="text"] a[href="${href}"]`)
    await linkText('https://www.example.com/plan').waitFor({ timeout: 10_000 })

    // A YouTube link is text too: no embed host is allowed, so no other site's iframe.
    await bo.keyboard.press('Escape')
    await paste('https://www.youtube.com/watch?v=dQw4w9WgXcQ')
    await linkText('https://www.youtube.com/watch?v=dQw4w9WgXcQ').waitFor()
    expect(await bo.locator('.tl-shape[data-shape-type="embed"]').count()).toBe(0)
    expect(await bo.locator('.tl-shape[data-shape-type="bookmark"]').count()).toBe(0)
    expect(await bo.locator('iframe').count()).toBe(0)

    await expect.poll(() => status(bo), { timeout: 10_000 }).toBe('saved')
    expectNothingForeignAndNoErrors()
  })
})
