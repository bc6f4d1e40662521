/** Polling instead of sleeping: wait for a condition, fail with a clear message when it never comes. */

export interface WaitOptions {
  /** Give up after this long (default 10 s). */
  timeoutMs?: number
  /** Poll this often (default 10 ms). */
  intervalMs?: number
  /** Says what was awaited, for the error. */
  message?: string
}

/**
 * Resolves with the probe's first truthy result; a probe that throws counts as
 * "not yet". Rejects after the timeout, quoting the last error.
 *
 * @example const room = await waitFor(() => server.rooms.stats(boardId), { message: 'room loaded' })
 */
export async function waitFor<T>(probe: () => T | Promise<T>, options: WaitOptions = {}): Promise<NonNullable<T>> {
  const { timeoutMs = 10_000, intervalMs = 10, message = 'condition' } = options
  const deadline = Date.now() + timeoutMs
  for (;;) {
    let failure: unknown = null
    try {
      const result = await probe()
      if (result) return result as NonNullable<T>
    } catch (error) {
      failure = error
    }
    if (Date.now() >= deadline) {
      const reason = failure instanceof Error ? `: ${failure.message}` : ''
      throw new Error(`Timed out after ${timeoutMs} ms waiting for ${message}${reason}`, { cause: failure })
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs))
  }
}

/** Retries an assertion until it passes (or rethrows its last failure after the timeout). */
export async function eventually(assertion: () => void | Promise<void>, options: WaitOptions = {}): Promise<void> {
  const { timeoutMs = 10_000, intervalMs = 10 } = options
  const deadline = Date.now() + timeoutMs
  for (;;) {
    try {
      await assertion()
      return
    } catch (error) {
      if (Date.now() >= deadline) throw error
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs))
  }
}
