import { CloseCode } from '../../../shared/src/protocol/closeCodes.ts'
import { UpdateRejection } from '../../../shared/src/protocol/messages.ts'
import type { Logger } from '../logger.ts'
import type { BoardAuthority } from './boardAuthority.ts'
import { ownerOfGrant } from './clientOwners.ts'
import type { CommitQueue } from './commitQueue.ts'
import type { Connection } from './connection.ts'
import type { PendingCommits } from './pendingCommits.ts'
import type { Room } from './room.ts'
import type { RoomDocument } from './roomDocument.ts'
import type { RoomLog } from './roomLog.ts'
import type { CommitEntry, RoomSettings } from './roomTypes.ts'
import { buildsOnRefusedKeys, refuseUpdate } from './updateRefusal.ts'

export interface UpdateIntakeOptions {
  room: Room
  document: RoomDocument
  authority: BoardAuthority
  pending: PendingCommits
  log: RoomLog
  commits: CommitQueue<CommitEntry>
  settings: RoomSettings
  logger: Logger
  /** Rebuilds the room's document from storage (after an update damaged it). */
  rebuild: () => void
}

/**
 * How a room takes an update from a connection: within the socket's budget, within the board's
 * size and what storage can hold, allowed by the board's authority; then applied and queued for
 * the group commit, with the client ids it claims. Anything else is refused, never applied,
 * stored or relayed, and the sender told why.
 */
export class UpdateIntake {
  readonly #options: UpdateIntakeOptions

  constructor(options: UpdateIntakeOptions) {
    this.#options = options
  }

  receive(connection: Connection, update: Uint8Array): void {
    const { document, authority, settings, log, commits, pending, logger } = this.#options
    const n = connection.nextUpdateNumber()
    const budget = connection.budget.update(update.length, Date.now())
    if (budget !== 'pass') {
      this.#refuse(connection, n, update, UpdateRejection.rateLimited, [], false)
      if (budget === 'close') {
        logger.warn({ connection: connection.id }, 'closing a socket that keeps sending more than its budget')
        connection.close(CloseCode.tooFast)
      }
      return
    }
    if (commits.failing && this.#uncommittedBytes() > settings.maxDocumentBytes) {
      // Storage has failed for so long that memory is the risk now: refuse until it is back.
      this.#refuse(connection, n, update, UpdateRejection.storageUnavailable, [], false)
      return
    }
    const room = settings.maxDocumentBytes - log.documentBytes
    // Measuring only what is new costs a decode, so it is done only near the limit.
    if (update.length > room && document.newBytes(update) > room) {
      this.#refuse(connection, n, update, UpdateRejection.documentTooLarge, [], false)
      return
    }
    const decision = authority.decide(connection.grant, update)
    if (decision.kind === 'refused') {
      this.#refuse(connection, n, update, decision.reason, decision.keys, true)
      return
    }
    if (buildsOnRefusedKeys(connection, update, decision.touched)) {
      this.#refuse(connection, n, update, UpdateRejection.dependsOnRefused, [], false)
      return
    }
    const result = document.apply(update, connection)
    switch (result.kind) {
      case 'damaged':
        logger.warn({ connection: connection.id }, 'an update left the document unsound; rebuilding it from storage')
        this.#refuse(connection, n, update, result.reason, [], true)
        this.#options.rebuild()
        return
      case 'unchanged':
        pending.acknowledgeUnchanged(connection, n)
        return
      case 'applied': {
        connection.accepted()
        this.#claim(decision.claims, decision.owner)
        log.applied(result.update.length)
        connection.awaitCommit(n)
        pending.add({
          boardId: this.#options.room.boardId,
          update: result.update,
          author: decision.owner,
          touched: decision.touched,
          kind: 'edit',
          room: this.#options.room,
          connection,
          messageNumber: n,
          alsoAcknowledges: [],
        })
      }
    }
  }

  /**
   * An observer's provider answers the relay's sync step 1 with what it has
   * that the board lacks: nothing, normally, and after a reconnect at most
   * content the board already holds. That is acknowledged like any no-op and
   * never applied; anything the board lacks is an attempt to edit.
   */
  receiveFromObserver(connection: Connection, update: Uint8Array): void {
    if (!this.#options.document.hasAllOf(update)) {
      this.refuseObserver(connection)
      return
    }
    this.#options.pending.acknowledgeUnchanged(connection, connection.nextUpdateNumber())
  }

  refuseObserver(connection: Connection): void {
    this.#options.logger.info({ connection: connection.id }, 'closing an observer socket that tried to change the board')
    connection.close(CloseCode.readOnlyRole)
  }

  /** A presence under a client id nobody in the room holds: allowed when the id is, or becomes, its person's. */
  claimForPresence(connection: Connection, clientId: number): boolean {
    const { authority, document } = this.#options
    const owner = ownerOfGrant(connection.grant)
    const check = authority.owners.check([clientId], owner, (id) => document.hasClient(id))
    if (check.kind === 'foreign') return false
    this.#claim(check.claims, owner)
    return true
  }

  /** Makes the ids `owner`'s, in memory now and in storage with the next commit. */
  #claim(clientIds: readonly number[], owner: string): void {
    const boardId = this.#options.room.boardId
    for (const clientId of clientIds) this.#options.authority.owners.claim(clientId, owner)
    this.#options.commits.enqueueClaims(clientIds.map((clientId) => ({ boardId, clientId, owner })))
  }

  #refuse(connection: Connection, n: number, update: Uint8Array, reason: UpdateRejection, keys: readonly string[], counts: boolean): void {
    const refusal = { connection, messageNumber: n, update, reason, keys, counts }
    if (refuseUpdate(refusal, this.#options.settings.maxRejectedUpdates, this.#options.logger)) {
      connection.close(CloseCode.tooManyRejectedUpdates)
    }
  }

  #uncommittedBytes(): number {
    let bytes = 0
    for (const entry of this.#options.commits.uncommitted()) if (entry.room === this.#options.room) bytes += entry.update.length
    return bytes
  }
}
