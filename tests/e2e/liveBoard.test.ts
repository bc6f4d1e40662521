import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { addStickyNote, enterName, freePort, note, status } from '../helpers/boardPage.ts'
import { launchChromium, watchPage, type LaunchedBrowser, type PageWatch } from '../helpers/browser.ts'
import { createDataDir, removeDataDir, spawnServer, type ChildServer } from '../helpers/server.ts'

// The live board as people use it: two browsers on one board, a sticky note made
// by keyboard and mouse, the server killed with SIGKILL and restarted on the same
// port and data folder. Chromium's own "WebSocket connection failed" console line
// is expected while the server is down; any other console error fails the test.
const socketDown = /WebSocket connection to '.*\/sync\/.*' failed/

/** A real 1×1 PNG. */
const onePixelPng =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=='

describe('the live board in two browsers', () => {
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
    watches.push(watchPage(page, new URL(url).origin, [socketDown]))
    await page.goto(url)
    return page
  }

  async function openBoard(url: string, name: string): Promise<Page> {
    const page = await openPage(url)
    await enterName(page, name)
    return page
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

  it('shares a sticky note live, keeps it through reloads and a kill -9, and leaves the origin never', async () => {
    // Anna creates a board from the start page; Bo opens the link she shares.
    const anna = await openPage(`${server.url}/`)
    await anna.getByTestId('new-board').click()
    await anna.waitForURL(/\/board\/[A-Za-z0-9_-]+$/)
    await enterName(anna, 'Anna')
    const boardUrl = anna.url()
    const bo = await openBoard(boardUrl, 'Bo')

    await addStickyNote(anna, 'Hei fra Grue', { x: 400, y: 300 })
    await note(bo, 'Hei fra Grue').waitFor()
    await expect.poll(() => status(anna), { timeout: 10_000 }).toBe('saved')

    await bo.reload()
    await note(bo, 'Hei fra Grue').waitFor()

    // Kill the server outright: both pages say they are offline, and edits made
    // now are kept on the device.
    await server.kill('SIGKILL')
    await expect.poll(() => status(anna), { timeout: 15_000 }).toBe('offline')
    await expect.poll(() => status(bo), { timeout: 15_000 }).toBe('offline')
    expect(await anna.getByTestId('connection-status').textContent()).toMatch(/Frakoblet/)
    await addStickyNote(anna, 'Skrevet frakoblet', { x: 700, y: 300 })
    await note(anna, 'Skrevet frakoblet').waitFor()

    // Back on the same port and data: the offline note reaches Bo, and it is saved.
    server = await spawnServer(dataDir, { PORT: String(port) })
    await expect.poll(() => status(anna), { timeout: 20_000 }).toBe('saved')
    await note(bo, 'Skrevet frakoblet').waitFor({ timeout: 20_000 })

    // A reload after the restart still shows everything, from the server.
    await bo.reload()
    await note(bo, 'Hei fra Grue').waitFor()
    await note(bo, 'Skrevet frakoblet').waitFor()
    await expect.poll(() => status(bo), { timeout: 10_000 }).toBe('saved')

    // A newcomer has nothing on the device: what she sees came from the server's disk.
    const cleo = await openBoard(boardUrl, 'Cleo')
    await note(cleo, 'Hei fra Grue').waitFor()
    await note(cleo, 'Skrevet frakoblet').waitFor()

    for (const watch of watches) {
      expect(watch.foreignRequests).toEqual([])
      expect(watch.consoleErrors).toEqual([])
    }
  })

  it('uploads a dropped image to the server and shares it by URL, never inlined', async () => {
    const anna = await openPage(`${server.url}/`)
    await anna.getByTestId('new-board').click()
    await anna.waitForURL(/\/board\/[A-Za-z0-9_-]+$/)
    await enterName(anna, 'Anna')
    const bo = await openBoard(anna.url(), 'Bo')
    await anna.locator('.tl-canvas').waitFor()

    // Drop a PNG (named as a .txt: the server decides by content) onto the canvas.
    await anna.evaluate(async (pngBase64) => {
      const bytes = Uint8Array.from(atob(pngBase64), (char) => char.charCodeAt(0))
      const file = new File([bytes], 'kart.txt', { type: 'image/png' })
      const transfer = new DataTransfer()
      transfer.items.add(file)
      const canvas = document.querySelector('.tl-canvas')
      if (!canvas) throw new Error('no canvas')
      const at = { clientX: 500, clientY: 400, bubbles: true, cancelable: true, dataTransfer: transfer }
      canvas.dispatchEvent(new DragEvent('dragover', at))
      canvas.dispatchEvent(new DragEvent('drop', at))
    }, onePixelPng)

    const image = bo.locator('.tl-shape img')
    await image.waitFor({ timeout: 15_000 })
    const src = await image.getAttribute('src')
    expect(src).toMatch(new RegExp(`^(${server.url})?/api/assets/[A-Za-z0-9._-]+$`))
    await expect.poll(() => image.evaluate((element: HTMLImageElement) => element.naturalWidth)).toBeGreaterThan(0)
    await expect.poll(() => status(anna), { timeout: 10_000 }).toBe('saved')
    const served = await fetch(new URL(src ?? '', server.url))
    expect(served.headers.get('content-type')).toBe('image/png')

    for (const watch of watches) {
      expect(watch.foreignRequests).toEqual([])
      expect(watch.consoleErrors).toEqual([])
    }
  })

  it('speaks bokmål by default, switches to English and nynorsk, tldraw included, and remembers the choice', async () => {
    const page = await openPage(`${server.url}/`)
    expect(await page.locator('html').getAttribute('lang')).toBe('nb')
    await page.getByTestId('new-board').click()
    await enterName(page, 'Dina')
    await expect.poll(() => status(page), { timeout: 10_000 }).toBe('saved')
    expect(await page.getByTestId('connection-status').textContent()).toContain('Lagret')
    await page.locator('[data-testid="tools.select"]').waitFor()
    expect(await page.locator('[data-testid="tools.select"]').getAttribute('aria-label')).toMatch(/^Velg\b/)

    await page.getByLabel('Språk').selectOption('en')
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('en')
    await expect.poll(() => page.getByTestId('connection-status').textContent()).toContain('Saved')
    await expect.poll(() => page.locator('[data-testid="tools.select"]').getAttribute('aria-label')).toMatch(/^Select\b/)

    await page.reload()
    await expect.poll(() => page.getByTestId('connection-status').textContent(), { timeout: 10_000 }).toContain('Saved')
    await page.getByLabel('Language').selectOption('nn')
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('nn')
    await expect.poll(() => page.getByTestId('connection-status').textContent()).toContain('Lagra')
    // tldraw ships bokmål only; our nynorsk overrides its words ("Vel", not "Velg").
    await expect.poll(() => page.locator('[data-testid="tools.select"]').getAttribute('aria-label')).toMatch(/^Vel\b/)
  })
})
