/**
 * Registers the app shell's service worker (/sw.js, built from ./serviceWorker.ts), so a board
 * page loads while the server is out of reach. Production builds only: in development Vite
 * serves unbundled modules that the worker does not know about.
 */
export function registerServiceWorker(): void {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return
  const container = navigator.serviceWorker
  if (container.controller === null) offerLoadedFiles(container)
  // A first install downloads the whole app shell: once the page has loaded and the browser
  // has a moment, so that it does not compete with opening the board.
  whenSettled(() => {
    container.register('/sw.js', { scope: '/' }).catch((error: unknown) => {
      console.warn('Samskap: the offline app shell is unavailable (service worker not registered)', error)
    })
  })
}

/** Runs `task` after the page's load event, when the browser is idle (within a few seconds). */
function whenSettled(task: () => void): void {
  const idle = () => {
    if ('requestIdleCallback' in window) window.requestIdleCallback(task, { timeout: 3_000 })
    else setTimeout(task, 1_000)
  }
  if (document.readyState === 'complete') idle()
  else window.addEventListener('load', idle, { once: true })
}

/**
 * On a page the worker does not control yet (the first visit), the app's files load past it.
 * Once it takes control, this hands it every same-origin file the page has loaded, and keeps
 * doing so for files still in flight at that moment; the worker caches those it keeps.
 */
function offerLoadedFiles(container: ServiceWorkerContainer): void {
  const loaded: string[] = []
  const offer = () => {
    const worker = container.controller
    if (worker === null || loaded.length === 0) return
    worker.postMessage({ type: 'cache-loaded-files', urls: loaded.splice(0) })
  }
  new PerformanceObserver((entries) => {
    for (const entry of entries.getEntries()) {
      if (entry.name.startsWith(`${location.origin}/`)) loaded.push(entry.name)
    }
    offer()
  }).observe({ type: 'resource', buffered: true })
  container.addEventListener('controllerchange', offer)
}
