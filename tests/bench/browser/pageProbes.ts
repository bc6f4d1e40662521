/**
 * Scripts the Chromium bench installs in pages before any page script runs
 * (Playwright init scripts). They take their own timestamps in the page, so
 * what is measured is the page's own timeline, not Playwright's round trips.
 * Each function is serialised into the page: it may use nothing from outside.
 */

declare global {
  interface Window {
    /** performance.now() when the page first had the expected number of shapes in its DOM. */
    benchOpenedAt?: number
    /** performance.now() when the first sync step 2 arrived on a WebSocket (Samskap pages). */
    benchSyncedAt?: number
    /** performance.now() when the page opened its first WebSocket (Samskap pages). */
    benchSocketAt?: number
    /** Texts to watch for (see watchTexts) and when each first appeared (timeOrigin + now, ms). */
    benchWatch?: string[]
    benchSeen?: Record<string, number>
  }
}

/**
 * Records when the page first has tldraw's canvas and `expected` tldraw shapes
 * in its DOM. tldraw keeps a DOM element for every shape on the page, culled
 * ones included (hidden, not removed), so the count reaches N only when all N
 * are rendered; the canvas mounts only once the editor has its document (plain
 * tldraw shows a loading screen while it reads its IndexedDB), so an empty
 * board (N = 0) is open when the canvas is there. Checked once per animation
 * frame on live collections, which costs next to nothing and is the same on
 * both pages compared.
 */
export function detectOpened(expected: number): void {
  // Notes when the relay's sync step 2 (message type 0, sub-type 1) arrives, to tell the
  // time to get the board from the time to show it. Plain tldraw opens no socket.
  const NativeWebSocket = window.WebSocket
  window.WebSocket = class extends NativeWebSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols)
      window.benchSocketAt ??= performance.now()
      this.addEventListener('message', (event: MessageEvent<unknown>) => {
        if (window.benchSyncedAt !== undefined || !(event.data instanceof ArrayBuffer)) return
        const bytes = new Uint8Array(event.data, 0, Math.min(2, event.data.byteLength))
        if (bytes[0] === 0 && bytes[1] === 1) window.benchSyncedAt = performance.now()
      })
    }
  }
  const canvases = document.getElementsByClassName('tl-canvas')
  const shapes = document.getElementsByClassName('tl-shape')
  const backgrounds = document.getElementsByClassName('tl-shape-background')
  const check = (): void => {
    if (canvases.length > 0 && shapes.length - backgrounds.length >= expected) {
      window.benchOpenedAt = performance.now()
      return
    }
    requestAnimationFrame(check)
  }
  requestAnimationFrame(check)
}

/** A same-origin request the page made, from its resource timing (ms since navigation start). */
export interface PageRequest {
  path: string
  startMs: number
  endMs: number
  /** Bytes over the wire (0 when it came from the HTTP cache or the service worker). */
  transferBytes: number
}

/** The page's same-origin requests so far, in the order they started. */
export function pageRequests(): PageRequest[] {
  return performance
    .getEntriesByType('resource')
    .filter((entry): entry is PerformanceResourceTiming => entry instanceof PerformanceResourceTiming && entry.name.startsWith(location.origin))
    .map((entry) => ({
      path: entry.name.slice(location.origin.length),
      startMs: entry.startTime,
      endMs: entry.responseEnd,
      transferBytes: entry.transferSize,
    }))
    .sort((a, b) => a.startMs - b.startMs)
}

/**
 * Records when each text in `window.benchWatch` first appears anywhere in the
 * DOM, as a wall-clock time with sub-millisecond precision
 * (performance.timeOrigin + performance.now()), comparable between two pages
 * of the same browser.
 */
export function watchTexts(): void {
  window.benchWatch = []
  window.benchSeen = {}
  const observer = new MutationObserver((mutations) => {
    const watch = window.benchWatch
    const seen = window.benchSeen
    if (watch === undefined || seen === undefined || watch.length === 0) return
    const now = performance.timeOrigin + performance.now()
    for (const mutation of mutations) {
      const text = mutation.target.textContent ?? ''
      for (let index = watch.length - 1; index >= 0; index--) {
        const marker = watch[index]
        if (marker !== undefined && text.includes(marker)) {
          seen[marker] = now
          watch.splice(index, 1)
        }
      }
    }
  })
  observer.observe(document, { subtree: true, childList: true, characterData: true })
}

/** Gives the Samskap client a remembered person, so it does not ask for a name. */
export function rememberUser(profile: { id: string; name: string; color: string }): void {
  try {
    localStorage.setItem('samskap.user', JSON.stringify({ ...profile, tldrawPreferences: {} }))
  } catch {
    // Not every origin the page visits has storage; only the Samskap one needs it.
  }
}
