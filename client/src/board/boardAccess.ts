import type { SessionInfo } from '../../../shared/src/schema/access.ts'
import type { BoardContext } from '../../../shared/src/schema/workshopApi.ts'
import type { SessionIdentity } from '../user/sessionProfile.ts'
import type { BoardMode } from './BoardConnection.ts'

/** What this browser does on a board, and as whom. */
export interface BoardAccess {
  mode: BoardMode
  /** Whose rules apply to its edits: a facilitator's, or a participant's (observers do not edit). */
  role: 'facilitator' | 'participant'
  /** The session's person, or null for the name this device remembers (free boards, no session). */
  identity: SessionIdentity | null
}

/**
 * How to open a board, from its workshop step (null for a free board, or when the
 * server could not be asked) and the browser's sessions. The relay decides what is
 * allowed; this only makes the page match it: observers watch, everyone with a
 * session appears under the session's name and colour.
 */
export function boardAccessFor(context: BoardContext | null, session: SessionInfo | null): BoardAccess {
  const facilitator = session?.facilitator ?? null
  const asFacilitator: SessionIdentity | null =
    facilitator === null ? null : { id: facilitator.facilitatorId, name: facilitator.displayName, color: facilitator.color }
  if (context === null) return { mode: 'edit', role: asFacilitator === null ? 'participant' : 'facilitator', identity: asFacilitator }
  if (context.role === 'observer') return { mode: 'observe', role: 'participant', identity: null }
  if (context.role === 'facilitator') return { mode: 'edit', role: 'facilitator', identity: asFacilitator }
  const guest = session?.guest ?? null
  if (
    guest !== null &&
    guest.workshopId === context.workshop.id &&
    guest.participantId !== null &&
    guest.displayName !== null &&
    guest.color !== null
  ) {
    return { mode: 'edit', role: 'participant', identity: { id: guest.participantId, name: guest.displayName, color: guest.color } }
  }
  return { mode: 'edit', role: 'participant', identity: null }
}
