import { distinctColor } from '../../../shared/src/people/personColors.ts'
import type { Workshop } from '../../../shared/src/schema/workshop.ts'
import type { AccessStore } from '../store/AccessStore.ts'

/**
 * The presence colour for a participant joining `workshop`: the one that stands out most from the
 * colours its facilitators and its participants not removed hold now (see distinctColor).
 * Two joining at the same moment may read the same room and get the same colour.
 */
export async function newcomerColor(access: AccessStore, workshop: Workshop, participantId: string): Promise<string> {
  const [facilitators, participants] = await Promise.all([
    Promise.all(workshop.facilitatorIds.map((id) => access.getFacilitator(id))),
    access.listParticipants(workshop.id),
  ])
  const held = [
    ...facilitators.flatMap((account) => (account === null ? [] : [account.color])),
    ...participants.filter((participant) => participant.removedAt == null).map((participant) => participant.color),
  ]
  return distinctColor(participantId, held)
}
