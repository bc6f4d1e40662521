/**
 * Calls `onIdle` once `idleMs` have passed since it was armed, unless it is
 * cancelled first. Arming an armed timer keeps the earlier deadline: a room
 * is idle from when it was left, not from the last time somebody asked.
 */
export class IdleTimer {
  readonly #idleMs: number
  readonly #onIdle: () => void
  #timer: NodeJS.Timeout | null = null

  constructor(idleMs: number, onIdle: () => void) {
    this.#idleMs = idleMs
    this.#onIdle = onIdle
  }

  arm(): void {
    if (this.#timer !== null) return
    this.#timer = setTimeout(() => {
      this.#timer = null
      this.#onIdle()
    }, this.#idleMs)
  }

  cancel(): void {
    if (this.#timer !== null) clearTimeout(this.#timer)
    this.#timer = null
  }
}
