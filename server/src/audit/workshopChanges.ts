import type { AuditAction } from '../../../shared/src/schema/auditLog.ts'
import type { Workshop } from '../../../shared/src/schema/workshop.ts'
import type { UpdateWorkshopBody } from '../../../shared/src/schema/workshopApi.ts'
import { changedFields, workshopTarget, type AuditActorAccount, type AuditLog } from './auditLog.ts'

/**
 * Records a workshop's change as facilitators speak of it: opened, closed or reopened when its
 * status moved to open or closed, and changed (naming the other fields set) otherwise.
 */
export async function recordWorkshopChange(
  audit: AuditLog,
  actor: AuditActorAccount,
  before: Workshop,
  after: Workshop,
  patch: UpdateWorkshopBody,
): Promise<void> {
  const target = workshopTarget(after)
  const statusAction = statusChangeAction(before.status, after.status)
  if (statusAction !== null) await audit.record(actor, statusAction, target)
  const fields = changedFields(patch, before).filter((field) => !(field === 'status' && statusAction !== null))
  if (fields.length > 0) await audit.record(actor, 'workshop.update', { ...target, detail: { fields, status: after.status } })
}

function statusChangeAction(before: Workshop['status'], after: Workshop['status']): AuditAction | null {
  if (before === after) return null
  if (after === 'open') return before === 'closed' ? 'workshop.reopen' : 'workshop.open'
  if (after === 'closed') return 'workshop.close'
  return null
}
