import type { CloseCode } from '../../../shared/src/protocol/closeCodes.ts'
import type { Logger } from '../logger.ts'
import type { BoardGrant, SocketFilter } from './boardAccess.ts'
import type { Connection } from './connection.ts'

/** An upgrade whose access is being decided, and the sockets ended meanwhile. */
export interface Deciding {
  /** The close the socket gets instead of its grant, when an ending that names it came while it was decided. */
  overtakenBy(grant: BoardGrant): CloseCode | null
  /** The decision is in: endings from now on find the socket itself. */
  done(): void
}

/**
 * The board sockets this instance holds: ending those a filter names (link rotated, session ended,
 * workshop closed, participant removed, board deleted), also those whose access is still being
 * decided, and who is behind them.
 *
 * An upgrade's access is read from the store before its socket is here. With a store that yields
 * (Postgres, other instances writing), an ending can land in between; the decision would then let
 * the socket in on what it read before. So every ending is noted for the decisions under way, and
 * a grant an ending names is turned into that ending's close.
 */
export class LiveSockets {
  readonly #logger: Logger
  readonly #connections = new Set<Connection>()
  readonly #deciding = new Set<Array<{ filter: SocketFilter; closeCode: CloseCode }>>()

  constructor(logger: Logger) {
    this.#logger = logger
  }

  get size(): number {
    return this.#connections.size
  }

  values(): IterableIterator<Connection> {
    return this.#connections.values()
  }

  add(connection: Connection): void {
    this.#connections.add(connection)
  }

  delete(connection: Connection): void {
    this.#connections.delete(connection)
  }

  /** Starts noting endings for an upgrade to `boardId` whose access is being decided. */
  deciding(boardId: string): Deciding {
    const ended: Array<{ filter: SocketFilter; closeCode: CloseCode }> = []
    this.#deciding.add(ended)
    return {
      overtakenBy: (grant) => ended.find(({ filter }) => matchesFilter({ boardId, grant }, filter))?.closeCode ?? null,
      done: () => this.#deciding.delete(ended),
    }
  }

  /** Closes the sockets `filter` names, and those being admitted that it would name; returns how many were open. */
  end(filter: SocketFilter, closeCode: CloseCode): number {
    for (const ended of this.#deciding) ended.push({ filter, closeCode })
    let count = 0
    for (const connection of this.#connections) {
      if (connection.closed || !matchesFilter(connection, filter)) continue
      // Connection.close drops what it has read but not handled, so nothing more of this socket is applied.
      connection.close(closeCode)
      count += 1
    }
    // Logs say that a session was named, not which: its id's hash is the database key of someone's sign-in.
    const { sessionIdHash, ...named } = filter
    if (count > 0) {
      const logged = { ...named, session: sessionIdHash !== undefined }
      this.#logger.info({ ended: count, filter: logged, closeCode: closeCode.code }, 'ended board sockets')
    }
    return count
  }

  /** The people behind open sockets and the boards they have open, per workshop. */
  people(): Map<string, Map<string, Set<string>>> {
    const people = new Map<string, Map<string, Set<string>>>()
    for (const { boardId, grant, closed } of this.#connections) {
      if (closed || grant.workshopId === null || grant.person === null) continue
      let inWorkshop = people.get(grant.workshopId)
      if (inWorkshop === undefined) {
        inWorkshop = new Map()
        people.set(grant.workshopId, inWorkshop)
      }
      let boards = inWorkshop.get(grant.person.id)
      if (boards === undefined) {
        boards = new Set()
        inWorkshop.set(grant.person.id, boards)
      }
      boards.add(boardId)
    }
    return people
  }
}

/** Whether a socket is one of those `filter` names: every criterion given must match. */
function matchesFilter({ boardId, grant }: Pick<Connection, 'boardId' | 'grant'>, filter: SocketFilter): boolean {
  if (filter.sessionIdHash !== undefined && grant.sessionIdHash !== filter.sessionIdHash) return false
  if (filter.linkId !== undefined && grant.linkId !== filter.linkId) return false
  if (filter.workshopId !== undefined && grant.workshopId !== filter.workshopId) return false
  if (filter.boardIds !== undefined && !filter.boardIds.includes(boardId)) return false
  if (filter.roles !== undefined && !filter.roles.includes(grant.role)) return false
  if (filter.personId !== undefined && grant.person?.id !== filter.personId) return false
  return true
}
