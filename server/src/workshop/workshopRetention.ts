import type { WorkshopRetention } from '../../../shared/src/schema/retentionApi.ts'
import type { WorkshopStatus } from '../../../shared/src/schema/workshop.ts'
import type { Config } from '../config.ts'
import { invalidRequest, workshopNotClosed } from '../errors.ts'
import { deletionDateOf, latestPostponementAt, maxPostponementDays } from '../privacy/retentionRules.ts'
import type { DomainStore } from '../store/DomainStore.ts'

// A closed workshop's deletion date as facilitators meet it: set as it closes, forgotten as it
// reopens, shown on its pages and postponed (or brought forward) by hand. The sweep that acts
// on it is retentionSweep.ts.

export interface WorkshopRetentionDeps {
  domain: Pick<DomainStore, 'getWorkshopRetention' | 'setWorkshopRetention'>
  config: Pick<Config, 'retentionDays'>
  now: () => number
}

/** The closed workshop's deletion date as its facilitators see it; null while it is not closed. */
export async function workshopRetention(
  deps: Pick<WorkshopRetentionDeps, 'domain' | 'now'>,
  workshopId: string,
): Promise<WorkshopRetention | null> {
  const stored = await deps.domain.getWorkshopRetention(workshopId)
  if (stored === null) return null
  return {
    closedAt: new Date(stored.closedAt).toISOString(),
    deletesAt: new Date(stored.deleteAfter).toISOString(),
    latestDeletesAt: new Date(latestPostponementAt(deps.now())).toISOString(),
  }
}

/**
 * Keeps the deletion date in step with a status change: closing dates the workshop
 * RETENTION_DAYS ahead, reopening forgets the date (closing again starts a new one).
 */
export async function followStatusChange(
  deps: WorkshopRetentionDeps,
  workshopId: string,
  from: WorkshopStatus,
  to: WorkshopStatus,
): Promise<void> {
  if (from === to) return
  if (to === 'closed') {
    const closedAt = deps.now()
    await deps.domain.setWorkshopRetention(workshopId, { closedAt, deleteAfter: deletionDateOf(closedAt, deps.config.retentionDays) })
  } else if (from === 'closed') {
    await deps.domain.setWorkshopRetention(workshopId, null)
  }
}

/**
 * A facilitator's new deletion date for a closed workshop: after now, and at most
 * maxPostponementDays from now. 409 `workshop_not_closed` for a workshop that is not closed,
 * 400 naming `deletesAt` for a date outside those bounds.
 */
export async function changeDeletionDate(deps: WorkshopRetentionDeps, workshopId: string, deletesAt: string): Promise<WorkshopRetention> {
  const stored = await deps.domain.getWorkshopRetention(workshopId)
  if (stored === null) throw workshopNotClosed()
  const now = deps.now()
  const wanted = Date.parse(deletesAt)
  const latest = latestPostponementAt(now)
  const problem =
    wanted <= now
      ? 'The deletion date must be in the future; to delete the workshop now, delete it.'
      : wanted > latest
        ? `The deletion date can be at most ${new Date(latest).toISOString()} (${maxPostponementDays} days from now).`
        : null
  if (problem !== null) throw invalidRequest('request body', [{ path: 'deletesAt', message: problem }])
  if (!(await deps.domain.setWorkshopRetention(workshopId, { closedAt: stored.closedAt, deleteAfter: wanted }))) {
    // Reopened between the read and the write.
    throw workshopNotClosed()
  }
  const changed = await workshopRetention(deps, workshopId)
  if (changed === null) throw workshopNotClosed()
  return changed
}
