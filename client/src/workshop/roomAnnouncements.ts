import type { Role } from '../../../shared/src/schema/access.ts'
import type { FacilitationState } from '../../../shared/src/schema/facilitation.ts'

/** A change in the room worth telling a screen reader user, who may not see the bar change. */
export type RoomAnnouncement =
  | { kind: 'currentStep'; stepId: string }
  | { kind: 'noCurrentStep' }
  | { kind: 'timerPaused'; stepId: string }
  | { kind: 'timerResumed'; stepId: string }
  | { kind: 'timeUp'; stepId: string }
  | { kind: 'keepOnStep'; stepId: string }
  | { kind: 'presenting'; facilitatorId: string }
  | { kind: 'presentationEnded' }
  | { kind: 'handRaised'; participantId: string }
  | { kind: 'ownHandLowered' }

/**
 * What changed between two states that this person should hear about, most important first;
 * nothing on the first state a page sees. Facilitators hear of raised hands, a participant
 * of their own hand taken down.
 */
export function roomAnnouncements(
  previous: FacilitationState | null,
  next: FacilitationState,
  person: { role: Role; participantId: string | null },
): RoomAnnouncement[] {
  if (previous === null) return []
  const told: RoomAnnouncement[] = []
  const stepId = next.currentStepId
  if (stepId !== previous.currentStepId) told.push(stepId === null ? { kind: 'noCurrentStep' } : { kind: 'currentStep', stepId })
  else if (stepId !== null) {
    const before = previous.timers[stepId]
    const after = next.timers[stepId]
    if (before?.endsAt != null && after !== undefined && after.endsAt === null) told.push({ kind: 'timerPaused', stepId })
    if (before?.remainingMs != null && after !== undefined && after.endsAt !== null) told.push({ kind: 'timerResumed', stepId })
  }
  if (next.keepOnStep && !previous.keepOnStep && stepId !== null) told.push({ kind: 'keepOnStep', stepId })
  if (next.presenter !== null && previous.presenter?.facilitatorId !== next.presenter.facilitatorId) {
    told.push({ kind: 'presenting', facilitatorId: next.presenter.facilitatorId })
  } else if (next.presenter === null && previous.presenter !== null) told.push({ kind: 'presentationEnded' })
  if (person.role === 'facilitator') {
    const before = new Set(previous.hands.map((hand) => hand.participantId))
    for (const hand of next.hands) if (!before.has(hand.participantId)) told.push({ kind: 'handRaised', participantId: hand.participantId })
  }
  const own = person.participantId
  if (own !== null && previous.hands.some((hand) => hand.participantId === own) && !next.hands.some((hand) => hand.participantId === own)) {
    told.push({ kind: 'ownHandLowered' })
  }
  return told
}
