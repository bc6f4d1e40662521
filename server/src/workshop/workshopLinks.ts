import { CloseCode } from '../../../shared/src/protocol/closeCodes.ts'
import type { GuestRole } from '../../../shared/src/schema/access.ts'
import { newEntityId } from '../../../shared/src/schema/entityId.ts'
import type { WorkshopLinks } from '../../../shared/src/schema/workshopApi.ts'
import { newSecret } from '../auth/secrets.ts'
import type { Config } from '../config.ts'
import type { LiveSessions } from '../relay/boardAccess.ts'
import type { AccessStore, WorkshopLink } from '../store/AccessStore.ts'

// A workshop's participant and observer links. The token is the whole secret
// of a link (32 random bytes), so anyone who has the URL may join in its role;
// rotating replaces it and drops everyone who came in through the old one.

export interface WorkshopLinkDeps {
  access: AccessStore
  live: LiveSessions
  config: Pick<Config, 'publicUrl'>
  now: () => number
}

/** The address a link's token is opened at; the same for both roles (the role is stored with the link). */
export function joinUrl(config: Pick<Config, 'publicUrl'>, token: string): string {
  return `${config.publicUrl}/join/${token}`
}

function newLink(deps: WorkshopLinkDeps, workshopId: string, role: GuestRole): WorkshopLink {
  return { id: newEntityId(), workshopId, role, token: newSecret(), createdAt: deps.now(), revokedAt: null }
}

/** The workshop's links as facilitators share them, creating a link for a role that has none yet. */
export async function workshopLinks(deps: WorkshopLinkDeps, workshopId: string): Promise<WorkshopLinks> {
  const [participant, observer, joinCode] = await Promise.all([
    deps.access.activeLink(workshopId, 'participant', () => newLink(deps, workshopId, 'participant')),
    deps.access.activeLink(workshopId, 'observer', () => newLink(deps, workshopId, 'observer')),
    deps.access.getJoinCode(workshopId),
  ])
  return {
    participantUrl: joinUrl(deps.config, participant.token),
    observerUrl: joinUrl(deps.config, observer.token),
    joinCode,
  }
}

/**
 * Replaces the role's link with a new token. The store deletes the sessions
 * that came through the old link; the relay then closes their sockets (4409),
 * so they are out at once rather than at their next request.
 */
export async function rotateWorkshopLink(
  deps: WorkshopLinkDeps,
  workshopId: string,
  role: GuestRole,
): Promise<WorkshopLinks> {
  const revoked = await deps.access.rotateLink(workshopId, role, newLink(deps, workshopId, role), deps.now())
  if (revoked !== null) deps.live.endSockets({ linkId: revoked.id }, CloseCode.linkRotated)
  return workshopLinks(deps, workshopId)
}
