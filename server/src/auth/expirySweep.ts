import type { Logger } from '../logger.ts'
import type { AccessStore } from '../store/AccessStore.ts'
import { startPeriodicSweep } from '../periodicSweep.ts'

/** How often expired sessions and spent account tokens are deleted while the server runs. */
export const defaultExpirySweepMs = 60 * 60 * 1000

export interface ExpirySweepDeps {
  access: Pick<AccessStore, 'deleteExpiredSessions' | 'deleteSpentAccountTokens' | 'deleteExpiredPasswordResets'>
  now: () => number
  logger: Logger
  intervalMs?: number
}

export interface ExpirySweep {
  stop(): void
}

/**
 * Deletes expired sessions, used or expired setup and invitation tokens and expired password reset links
 * once (awaited, so a store that cannot do it fails the start) and then every
 * `intervalMs`. Lookups already ignore such rows; deleting them keeps dead
 * secrets' hashes and guests' session rows from piling up for good.
 * The timer does not keep the process alive.
 */
export async function startExpirySweep(deps: ExpirySweepDeps): Promise<ExpirySweep> {
  const sweep = async (): Promise<void> => {
    const now = deps.now()
    const sessions = await deps.access.deleteExpiredSessions(now)
    const tokens = (await deps.access.deleteSpentAccountTokens(now)) + (await deps.access.deleteExpiredPasswordResets(now))
    if (sessions + tokens > 0) deps.logger.debug({ sessions, tokens }, 'deleted expired sessions and spent account tokens')
  }
  const failure = 'deleting expired sessions failed; trying again later'
  return { stop: await startPeriodicSweep(sweep, deps.intervalMs ?? defaultExpirySweepMs, deps.logger, failure) }
}
