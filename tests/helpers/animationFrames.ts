/** Animation frames a test runs by hand, for code that waits for the next frame. */
export interface ManualFrames {
  /** Runs every frame callback requested so far (and any they request in turn). */
  run(): void
  /** Frame callbacks waiting to run. */
  readonly pending: number
  /** Runs what is still waiting (tldraw's scheduler would wait for it forever), then puts back the real (or absent) requestAnimationFrame. */
  restore(): void
}

type FrameGlobals = {
  __FORCE_RAF_IN_TESTS__?: boolean
  requestAnimationFrame?: unknown
  cancelAnimationFrame?: unknown
}

/**
 * Replaces requestAnimationFrame with a queue the test runs by hand. Under
 * NODE_ENV=test tldraw runs "next frame" work at once unless `__FORCE_RAF_IN_TESTS__`
 * is set; this sets it, so tldraw behaves as in a browser, where store changes reach
 * `store.listen` only on the next frame.
 *
 * @example const frames = manualAnimationFrames(); store.put([shape]); frames.run(); frames.restore()
 */
export function manualAnimationFrames(): ManualFrames {
  const globals = globalThis as FrameGlobals
  const saved = { ...globals }
  const queue = new Map<number, FrameRequestCallback>()
  let nextId = 1
  globals.__FORCE_RAF_IN_TESTS__ = true
  globals.requestAnimationFrame = (callback: FrameRequestCallback) => {
    const id = nextId++
    queue.set(id, callback)
    return id
  }
  globals.cancelAnimationFrame = (id: number) => queue.delete(id)
  const put = (key: keyof FrameGlobals) => {
    if (key in saved) (globals as Record<string, unknown>)[key] = saved[key]
    else delete globals[key]
  }
  return {
    run() {
      while (queue.size > 0) {
        const [id, callback] = queue.entries().next().value as [number, FrameRequestCallback]
        queue.delete(id)
        callback(performance.now())
      }
    },
    get pending() {
      return queue.size
    },
    restore() {
      this.run()
      put('__FORCE_RAF_IN_TESTS__')
      put('requestAnimationFrame')
      put('cancelAnimationFrame')
    },
  }
}
