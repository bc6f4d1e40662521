import type { AuditAction, AuditDetail } from '../../../shared/src/schema/auditLog.ts'
import type { FacilitationAction, FacilitationState } from '../../../shared/src/schema/facilitation.ts'

/**
 * The facilitation actions that change the room's rules, as the audit log records them: holding
 * participants on a step, private writing and its reveal, a dot vote started, kept or cleared.
 * Leading the room from moment to moment (steps, timers, summons, presenting, hands) changes no
 * rule and is not recorded; nor is anything a participant does. Null: not recorded. The step is
 * read from the state the action left (`after`) where the action does not name it; a reveal or a
 * cleared vote leaves none, and is recorded with its workshop only.
 */
export function roomRuleEntry(
  action: FacilitationAction,
  after: Pick<FacilitationState, 'currentStepId' | 'vote'>,
): { action: AuditAction; stepId: string | null; detail: AuditDetail } | null {
  switch (action.type) {
    case 'keepOnStep':
      return { action: action.keep ? 'room.keepOnStep' : 'room.releaseStep', stepId: after.currentStepId, detail: {} }
    case 'startPrivate':
      return { action: 'room.startPrivateWriting', stepId: action.stepId, detail: {} }
    case 'revealPrivate':
      return { action: 'room.revealPrivateWriting', stepId: null, detail: { arrangement: action.arrangement } }
    case 'startVote':
      return { action: 'room.startVote', stepId: action.stepId, detail: {} }
    case 'keepVote':
      return { action: 'room.keepVote', stepId: after.vote?.stepId ?? null, detail: {} }
    case 'clearVote':
      return { action: 'room.clearVote', stepId: null, detail: {} }
    default:
      return null
  }
}
