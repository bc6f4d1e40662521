import { chromium, type Browser, type Page } from 'playwright-core'

/** Debian's chromium (apt-get install -y chromium); never a downloaded browser. */
export const chromiumPath = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium'

/**
 * Flags for headless Chromium in this sandbox: no GPU, no sandbox (we run as root),
 * and none of Chromium's own background traffic, which a closed network refuses.
 */
const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-default-apps',
]

export interface LaunchedBrowser {
  browser: Browser
  close(): Promise<void>
}

/** Launches headless Debian chromium; Playwright gives it a fresh temporary profile. `extraArgs` are added to the flags. */
export async function launchChromium(options: { extraArgs?: readonly string[] } = {}): Promise<LaunchedBrowser> {
  const args = [...chromiumArgs, ...(options.extraArgs ?? [])]
  const browser = await chromium.launch({ executablePath: chromiumPath, headless: true, args })
  return { browser, close: () => browser.close() }
}

/** What a page did that a test must fail on: requests to other hosts, console errors, uncaught exceptions. */
export interface PageWatch {
  foreignRequests: string[]
  consoleErrors: string[]
}

/**
 * Watches a page for requests to any origin but `origin` (data: and blob: URLs
 * stay on the device) and for console errors, each as `text [location url]`.
 * `expectedErrors` are errors a test provokes on purpose, such as the socket
 * failing while the server is down.
 */
export function watchPage(page: Page, origin: string, expectedErrors: RegExp[] = []): PageWatch {
  const watch: PageWatch = { foreignRequests: [], consoleErrors: [] }
  const allowedOrigins = new Set([origin, origin.replace(/^http/, 'ws')])
  page.on('request', (request) => {
    const url = new URL(request.url())
    if (url.protocol === 'data:' || url.protocol === 'blob:') return
    if (!allowedOrigins.has(url.origin)) watch.foreignRequests.push(request.url())
  })
  page.on('websocket', (socket) => {
    const url = new URL(socket.url())
    if (!allowedOrigins.has(url.origin)) watch.foreignRequests.push(socket.url())
  })
  page.on('console', (message) => {
    if (message.type() !== 'error') return
    // Chromium's "Failed to load resource" names the resource only in its location.
    const where = message.location().url
    const text = where === '' ? message.text() : `${message.text()} [${where}]`
    if (!expectedErrors.some((pattern) => pattern.test(text))) watch.consoleErrors.push(text)
  })
  page.on('pageerror', (error) => watch.consoleErrors.push(`Uncaught: ${error.message}`))
  return watch
}
