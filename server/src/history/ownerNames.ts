import { personOfOwner, serverOwner } from '../relay/clientOwners.ts'
import type { AccessStore } from '../store/AccessStore.ts'
import type { OwnerName } from './timeline.ts'

/**
 * Names for the owner keys of a board's history (`person:<id>`: a facilitator account or a
 * participant), for a facilitator's view. People whose records are gone are left out.
 */
export async function ownerNames(access: AccessStore, owners: Iterable<string | null>): Promise<Map<string, OwnerName>> {
  const names = new Map<string, OwnerName>()
  for (const owner of new Set(owners)) {
    if (owner === null || names.has(owner)) continue
    if (owner === serverOwner) {
      names.set(owner, { name: 'Samskap', role: 'facilitator' })
      continue
    }
    const personId = personOfOwner(owner)
    if (personId === null) continue
    const facilitator = await access.getFacilitator(personId)
    if (facilitator !== null) {
      names.set(owner, { name: facilitator.displayName, role: 'facilitator' })
      continue
    }
    const participant = await access.getParticipant(personId)
    if (participant !== null) names.set(owner, { name: participant.displayName, role: 'participant' })
  }
  return names
}
