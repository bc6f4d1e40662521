import type { MaintenanceLease } from '../cluster/maintenanceLease.ts'
import type { Config } from '../config.ts'
import type { Logger } from '../logger.ts'
import { deletionDateOf, retentionSweepIntervalMs } from '../privacy/retentionRules.ts'
import type { DomainStore } from '../store/DomainStore.ts'

/** The lease the sweeping instance holds, so that a cluster's instances do not sweep together. */
export const retentionLeaseName = 'retention-sweep'

export interface RetentionSweepDeps {
  domain: Pick<DomainStore, 'dateClosedWorkshops' | 'workshopsDueForDeletion' | 'getWorkshopRetention'>
  /** Deletes one workshop the way a facilitator's DELETE does (workshopDeletion.ts). */
  deleteWorkshop(workshopId: string): Promise<boolean>
  lease: MaintenanceLease
  config: Pick<Config, 'retentionDays'>
  /** The server's clock: a test moves it past a deletion date instead of waiting. */
  now: () => number
  logger: Logger
  intervalMs?: number
}

export interface RetentionSweep {
  /** Sweeps now; resolves to how many workshops it deleted, or null when another instance was sweeping. */
  sweep(): Promise<number | null>
  /** Stops the timer and waits for a sweep under way. */
  stop(): Promise<void>
}

/**
 * Deletes closed workshops whose deletion date has come, with their boards and participants,
 * once at start (awaited, so that a store that cannot do it fails the start) and then every
 * `intervalMs`. A closed workshop without a date (closed before dates were kept) gets one
 * RETENTION_DAYS from the first sweep that sees it. One instance of a cluster sweeps at a time,
 * under a lease; the timer does not keep the process alive.
 */
export async function startRetentionSweep(deps: RetentionSweepDeps): Promise<RetentionSweep> {
  const deleteDue = async (): Promise<number> => {
    const now = deps.now()
    const dated = await deps.domain.dateClosedWorkshops({ closedAt: now, deleteAfter: deletionDateOf(now, deps.config.retentionDays) })
    if (dated > 0) deps.logger.info({ workshops: dated }, 'closed workshops without a deletion date got one')
    let deleted = 0
    for (const workshopId of await deps.domain.workshopsDueForDeletion(now)) {
      // A facilitator may have reopened the workshop or postponed its deletion since the list was read.
      const retention = await deps.domain.getWorkshopRetention(workshopId)
      if (retention === null || retention.deleteAfter > deps.now()) continue
      if (await deps.deleteWorkshop(workshopId)) deleted += 1
    }
    return deleted
  }
  const sweep = async (): Promise<number | null> => {
    let deleted = 0
    const ran = await deps.lease.run(retentionLeaseName, async () => {
      deleted = await deleteDue()
    })
    if (deleted > 0) deps.logger.info({ workshops: deleted }, 'deleted closed workshops whose retention ended')
    return ran ? deleted : null
  }
  await sweep()
  let running: Promise<unknown> = Promise.resolve()
  let sweeping = false
  const timer = setInterval(() => {
    if (sweeping) return
    sweeping = true
    running = sweep()
      .catch((error: unknown) => deps.logger.warn({ err: error }, 'deleting workshops whose retention ended failed; trying again later'))
      .finally(() => {
        sweeping = false
      })
  }, deps.intervalMs ?? retentionSweepIntervalMs)
  timer.unref()
  return {
    sweep,
    stop: async () => {
      clearInterval(timer)
      await running
    },
  }
}
