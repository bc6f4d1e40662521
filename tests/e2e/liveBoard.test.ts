import { createServer } from 'node:net'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchChromium, watchPage, type LaunchedBrowser, type PageWatch } from '../helpers/browser.ts'
import { createDataDir, removeDataDir, spawnServer, type ChildServer } from '../helpers/server.ts'

// The live board as people use it: two browsers on one board, a sticky note made
// by keyboard and mouse, the server killed with SIGKILL and restarted on the same
// port and data folder. Chromium's own "WebSocket connection failed" console line
// is expected while the server is down; any other console error fails the test.
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
})
