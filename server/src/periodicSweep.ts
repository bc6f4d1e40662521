import type { Logger } from './logger.ts'

/**
 * Runs `sweep` every `intervalMs` after a first run (awaited, so a store that cannot do it fails
 * the start), never two at once; a failed run is logged with `failure` and tried again next time.
 * Resolves to a function that stops it.
 * @example const stop = await startPeriodicSweep(() => store.deleteBefore(now() - ttl), 3_600_000, logger, 'deleting old rows failed')
 */
export async function startPeriodicSweep(sweep: () => Promise<void>, intervalMs: number, logger: Logger, failure: string): Promise<() => void> {
  await sweep()
  let sweeping = false
  const timer = setInterval(() => {
    if (sweeping) return
    sweeping = true
    sweep()
      .catch((error: unknown) => logger.warn({ err: error }, failure))
      .finally(() => {
        sweeping = false
      })
  }, intervalMs)
  timer.unref()
  return () => clearInterval(timer)
}
