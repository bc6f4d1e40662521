import type { Browser, BrowserContext, Page } from 'playwright-core'
import { expect } from 'vitest'
import { facilitatorCookieName, guestCookieName } from '../../server/src/auth/sessionCookies.ts'
import type { ApiAgent } from './auth.ts'
import { freePort } from './boardPage.ts'
import { launchChromium, watchPage, type LaunchedBrowser, type PageWatch } from './browser.ts'
import { createDataDir, removeDataDir, spawnServer, type ChildServer } from './server.ts'

// Where a browser test starts: the server as a child process on a fresh data folder, and headless
// Chromium whose pages are watched for requests to other hosts and console errors. Start one in
// beforeAll and close it in afterAll; end the test file with expectCleanPages(scene.watches).

export interface PageOptions {
  viewport?: { width: number; height: number }
  /** A phone's touch screen (a coarse pointer): what one taps is at least 44 px each way. */
  touch?: boolean
  /** Console errors the test provokes on purpose (see watchPage). */
  expectedErrors?: RegExp[]
}

/** A phone held upright (390 × 844 CSS pixels) with a touch screen. */
export const phone: PageOptions = { viewport: { width: 390, height: 844 }, touch: true }

export interface BrowserScene {
  /** The server now (replaced by killAndRestart). */
  server: ChildServer
  browser: Browser
  /** What each page opened by newPage did. */
  watches: PageWatch[]
  /** A page in a context of its own (its own cookies and storage, as another person's browser), watched. */
  newPage(options?: PageOptions): Promise<Page>
  /** Kills the server with SIGKILL and starts it again on the same port and data; pages reconnect on their own. */
  killAndRestart(): Promise<void>
  /** Closes the pages, the browser and the server, and removes the data folder. */
  close(): Promise<void>
}

/** Starts the server with `env` (see spawnServer) on a port of its own, and Chromium. */
export async function startBrowserScene(env: Record<string, string> = {}): Promise<BrowserScene> {
  const dataDir = createDataDir()
  // A fixed port, so that a restarted server is where the pages' sockets reconnect to.
  const port = await freePort()
  // The public URL as the pages use it, or the server's links would name localhost and look foreign.
  const serverEnv = { PORT: String(port), PUBLIC_URL: `http://127.0.0.1:${port}`, ...env }
  const contexts: BrowserContext[] = []
  const watches: PageWatch[] = []
  let server: ChildServer | undefined
  let launched: LaunchedBrowser | undefined
  const close = async () => {
    for (const context of contexts.splice(0)) await context.close()
    await launched?.close()
    await server?.kill('SIGTERM')
    removeDataDir(dataDir)
  }
  try {
    server = await spawnServer(dataDir, serverEnv)
    launched = await launchChromium()
  } catch (error) {
    await close()
    throw error
  }
  const { browser } = launched
  const origin = server.url
  const scene: BrowserScene = {
    server,
    browser,
    watches,
    async newPage({ viewport = { width: 1280, height: 800 }, touch = false, expectedErrors = [] } = {}) {
      const context = await browser.newContext({ viewport, ...(touch ? { isMobile: true, hasTouch: true } : {}) })
      contexts.push(context)
      const page = await context.newPage()
      watches.push(watchPage(page, origin, expectedErrors))
      return page
    },
    async killAndRestart() {
      await scene.server.kill('SIGKILL')
      server = await spawnServer(dataDir, serverEnv)
      scene.server = server
    },
    close,
  }
  return scene
}

/**
 * A page of its own (see BrowserScene.newPage) with the session cookies of `agent`: the browser
 * of the facilitator who signed in, or of the person who joined, through that agent.
 */
export async function pageAs(scene: BrowserScene, agent: ApiAgent, options?: PageOptions): Promise<Page> {
  const page = await scene.newPage(options)
  const cookies = [facilitatorCookieName, guestCookieName].flatMap((name) => {
    const value = agent.cookie(name)
    return value === undefined ? [] : [{ name, value, url: scene.server.url }]
  })
  await page.context().addCookies(cookies)
  return page
}

/** Every watched page made no request to another host and logged no console error. */
export function expectCleanPages(watches: readonly PageWatch[]): void {
  for (const watch of watches) {
    expect(watch.foreignRequests).toEqual([])
    expect(watch.consoleErrors).toEqual([])
  }
}
