import type { AuditTarget } from '../../../shared/src/schema/auditLog.ts'
import { placeOfBoard, type BoardPlaceDomain } from '../auth/boardPlace.ts'

/** A board as the audit log names it: with its step, workshop and challenge when it has them. */
export async function boardTarget(domain: BoardPlaceDomain, boardId: string): Promise<Partial<AuditTarget>> {
  const place = await placeOfBoard(domain, boardId)
  if (place.kind !== 'step') return { boardId }
  return { boardId, stepId: place.step.id, workshopId: place.workshop.id, challengeId: place.workshop.challengeId }
}
