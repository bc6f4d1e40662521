import type { IncomingHttpHeaders } from 'node:http'
import type { CloseCode } from '../../../shared/src/protocol/closeCodes.ts'
import type { Role } from '../../../shared/src/schema/access.ts'
import type { OnlinePeople } from '../cluster/onlineDirectory.ts'

// The contract between the relay and the access rules: how the relay asks whether a socket may open a board.
// Implemented in server/src/auth/boardAccessPolicy.ts over the AccessStore and
// DomainStore; the relay only sees this interface.

/** Who is behind an admitted socket, kept on its Connection for the rest of its life. */
export interface BoardGrant {
  kind: 'granted'
  role: Role
  /** The board's workshop; null for a scratch board outside any workshop. */
  workshopId: string | null
  /**
   * The board of the step this board belongs to: the board itself, or for a participant's private
   * board its step's board (what "keep everyone on the current step" holds it by). Null outside a workshop.
   */
  stepBoardId: string | null
  /** True on a participant's private board (stepBoardId is then its step's shared board). */
  privateBoard: boolean
  /** The session's id hash, so that ending the session ends its sockets. */
  sessionIdHash: string | null
  /** The workshop link a guest came in through. */
  linkId: string | null
  /**
   * When the session expires (ms since the epoch): its sockets are closed
   * then (4410), as its HTTP requests stop working. Null without a session.
   */
  sessionExpiresAt: number | null
  /**
   * The person as everyone sees them in presence: the relay overwrites name and
   * colour in this connection's awareness states with these, so nobody can pose
   * as someone else. Null for observers (they publish no presence at all).
   */
  person: { id: string; name: string; color: string } | null
}

export interface BoardRefusal {
  kind: 'refused'
  closeCode: CloseCode
}

export interface BoardAccess {
  /** Decides from the upgrade request's headers (cookies) whether it may open `boardId` (already a valid board id). */
  authorize(headers: IncomingHttpHeaders, boardId: string): Promise<BoardGrant | BoardRefusal>
}

/** Which live sockets to end (every given criterion must match). */
export interface SocketFilter {
  sessionIdHash?: string
  linkId?: string
  workshopId?: string
  boardIds?: readonly string[]
  roles?: readonly Role[]
  /** The person behind the socket (a participant's or facilitator's id). */
  personId?: string
}

/**
 * What the HTTP side may ask of the relay: end sockets when a link is rotated,
 * a session ends, a workshop closes or a board is deleted; and who is online.
 */
export interface LiveSessions {
  /** Closes every matching socket with `closeCode` within the call; returns how many. */
  endSockets(filter: SocketFilter, closeCode: CloseCode): number
  /**
   * Deletes boards for good: closes their sockets (4411), refuses new ones,
   * drops the boards from memory without storing anything more of them (their
   * uncommitted updates are discarded), then runs `deleteRows` (the store's
   * deletion of their step or workshop) and resolves to what it returned.
   * The rows are deleted inside the call so that no socket let in before they
   * went can load a board back (see relay/retiringBoards.ts).
   *
   * @example await live.retireBoards([step.boardId], () => domain.deleteStep(step.id))
   */
  retireBoards<T>(boardIds: readonly string[], deleteRows: () => Promise<T>): Promise<T>
  /**
   * The people (participants, facilitators) with a board of the workshop open on any instance,
   * each with the ids of the boards they have open.
   */
  onlinePeople(workshopId: string): Promise<OnlinePeople>
}
