// The app shell's service worker, built by client/vite.config.ts to /sw.js (scope /), so that a
// board page loads while the server is out of reach; the board itself then comes from IndexedDB.
// It is a self-contained script: no imports, so it runs as a classic worker in every browser.
//
// - Pages (`/`, `/board/<id>`): network first; with no answer within a few seconds, the cached
//   index.html of this build.
// - Build files (/assets/, hashed) and tldraw's files (/tldraw-assets/, fixed per tldraw version):
//   cache first. The cache is named by the build, so a new deploy brings a new cache.
// - Everything else (/api/, /sync, /healthz, /readyz, ...) is never touched: the browser sends it.

/** Filled in at build time (client/vite.config.ts): the build's id and what every page needs. */
declare const __SAMSKAP_APP_SHELL__: { buildId: string; precache: readonly string[] }
declare const self: ServiceWorkerGlobalScope

const cachePrefix = 'samskap-shell-'
const cacheName = `${cachePrefix}${__SAMSKAP_APP_SHELL__.buildId}`
const shellPage = '/index.html'
const pageTimeoutMs = 3_000
const immutablePrefixes = ['/assets/', '/tldraw-assets/']
const precachedFiles = new Set(__SAMSKAP_APP_SHELL__.precache.filter((file) => file !== shellPage))

const isAppPage = (pathname: string) => pathname === '/' || /^\/board\/[^/]+$/.test(pathname)
const isCacheFirst = (pathname: string) =>
  precachedFiles.has(pathname) || immutablePrefixes.some((prefix) => pathname.startsWith(prefix))

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(cacheName)
      await cache.addAll(__SAMSKAP_APP_SHELL__.precache)
      await self.skipWaiting()
    })(),
  )
})

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      const stale = (await caches.keys()).filter((name) => name.startsWith(cachePrefix) && name !== cacheName)
      await Promise.all(stale.map((name) => caches.delete(name)))
      // The page that registered us is covered at once, so a reload right after the first visit works offline.
      await self.clients.claim()
    })(),
  )
})

self.addEventListener('fetch', (event) => {
  const { request } = event
  if (request.method !== 'GET') return
  const url = new URL(request.url)
  if (url.origin !== self.location.origin) return
  if (request.mode === 'navigate') {
    if (isAppPage(url.pathname)) event.respondWith(appPage(request))
  } else if (isCacheFirst(url.pathname)) {
    event.respondWith(cacheFirst(request, event))
  }
})

// The first visit loads fonts, translations and the board's chunk before this worker controls the
// page; the page then offers the URLs it loaded (client/src/offline/registerServiceWorker.ts).
self.addEventListener('message', (event) => {
  const files = offeredFiles(event.data)
  if (files.length > 0) event.waitUntil(cacheMissing(files))
})

async function appPage(request: Request): Promise<Response> {
  const network = fetch(request)
  try {
    return await beforeTimeout(network, pageTimeoutMs)
  } catch {
    const shell = await caches.match(shellPage, { cacheName })
    if (shell === undefined) return network
    // A late answer or failure of the network request no longer matters.
    network.catch(() => undefined)
    return shell
  }
}

async function cacheFirst(request: Request, event: FetchEvent): Promise<Response> {
  const cache = await caches.open(cacheName)
  const cached = await cache.match(request)
  if (cached !== undefined) return cached
  const response = await fetch(request)
  if (response.ok && response.type === 'basic') event.waitUntil(cache.put(request, response.clone()))
  return response
}

async function cacheMissing(urls: readonly string[]): Promise<void> {
  const cache = await caches.open(cacheName)
  // A file that fails now is cached when the page next loads it through this worker.
  await Promise.allSettled(urls.map(async (url) => ((await cache.match(url)) === undefined ? cache.add(url) : undefined)))
}

/** The cacheable same-origin URLs in a page's `{ type: 'cache-loaded-files', urls }` message; anything else gives none. */
function offeredFiles(message: unknown): string[] {
  if (typeof message !== 'object' || message === null) return []
  const { type, urls } = message as { type?: unknown; urls?: unknown }
  if (type !== 'cache-loaded-files' || !Array.isArray(urls)) return []
  return urls.filter((url): url is string => {
    if (typeof url !== 'string' || !URL.canParse(url)) return false
    const parsed = new URL(url)
    return parsed.origin === self.location.origin && isCacheFirst(parsed.pathname)
  })
}

function beforeTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms)
    promise.then(resolve, reject).finally(() => clearTimeout(timer))
  })
}

export {}
