import type { Browser, BrowserContext, Page } from 'playwright-core'
import { expect } from 'vitest'
import { launchChromium, watchPage, type LaunchedBrowser, type PageWatch } from './browser.ts'
import { createDataDir, removeDataDir, spawnServer, type ChildServer } from './server.ts'

// Where a browser test starts: the server as a child process on a fresh data folder, and headless
// Chromium whose pages are watched for requests to other hosts and console errors. Start one in
// beforeAll and close it in afterAll; end the test file with expectCleanPages(scene.watches).

export interface PageOptions {
  viewport?: { width: number; height: number }
  /** Console errors the test provokes on purpose (see watchPage). */
  expectedErrors?: RegExp[]
}

export interface BrowserScene {
  server: ChildServer
  browser: Browser
  /** What each page opened by newPage did. */
  watches: PageWatch[]
  /** A page in a context of its own (its own cookies and storage, as another person's browser), watched. */
  newPage(options?: PageOptions): Promise<Page>
  /** Closes the pages, the browser and the server, and removes the data folder. */
  close(): Promise<void>
}

/** Starts the server with `env` (see spawnServer) and Chromium. */
export async function startBrowserScene(env: Record<string, string> = {}): Promise<BrowserScene> {
  const dataDir = createDataDir()
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
    server = await spawnServer(dataDir, env)
    launched = await launchChromium()
  } catch (error) {
    await close()
    throw error
  }
  const { browser } = launched
  const origin = server.url
  return {
    server,
    browser,
    watches,
    async newPage({ viewport = { width: 1280, height: 800 }, expectedErrors = [] } = {}) {
      const context = await browser.newContext({ viewport })
      contexts.push(context)
      const page = await context.newPage()
      watches.push(watchPage(page, origin, expectedErrors))
      return page
    },
    close,
  }
}

/** Every watched page made no request to another host and logged no console error. */
export function expectCleanPages(watches: readonly PageWatch[]): void {
  for (const watch of watches) {
    expect(watch.foreignRequests).toEqual([])
    expect(watch.consoleErrors).toEqual([])
  }
}
