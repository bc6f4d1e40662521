import type { Logger } from '../logger.ts'
import type { AuditStore } from '../store/AuditStore.ts'
import { startPeriodicSweep } from '../periodicSweep.ts'

/** How long audit entries are kept by default (AUDIT_RETENTION_DAYS): five years, longer than any workshop. */
export const defaultAuditRetentionDays = 5 * 365 + 1
/** The longest AUDIT_RETENTION_DAYS accepted: 30 years. */
export const maxAuditRetentionDays = 30 * 366

const dayMs = 24 * 60 * 60 * 1000
/** How often old entries are looked for while the server runs. */
export const defaultAuditSweepMs = dayMs

export interface AuditRetentionDeps {
  store: Pick<AuditStore, 'deleteBefore'>
  now: () => number
  logger: Logger
  retentionDays: number
  intervalMs?: number
}

export interface AuditRetention {
  stop(): void
}

/**
 * Deletes the entries whose last time is more than `retentionDays` ago, once at start (awaited,
 * so a store that cannot do it fails the start) and then daily. Every instance of a cluster may
 * run it: deleting what is past a date twice deletes nothing more. The log's own retention is
 * apart from the workshops': deleting or sweeping a workshop leaves its entries.
 */
export async function startAuditRetention(deps: AuditRetentionDeps): Promise<AuditRetention> {
  const sweep = async (): Promise<void> => {
    const deleted = await deps.store.deleteBefore(deps.now() - deps.retentionDays * dayMs)
    if (deleted > 0) deps.logger.info({ deleted, retentionDays: deps.retentionDays }, 'deleted audit entries past their retention')
  }
  const failure = 'deleting old audit entries failed; trying again later'
  return { stop: await startPeriodicSweep(sweep, deps.intervalMs ?? defaultAuditSweepMs, deps.logger, failure) }
}
