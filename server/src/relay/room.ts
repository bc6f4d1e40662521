import { CloseCode } from '../../../shared/src/protocol/closeCodes.ts'
import { UpdateRejection } from '../../../shared/src/protocol/messages.ts'
import type { Logger } from '../logger.ts'
import { AwarenessRelay } from './awarenessRelay.ts'
import type { Connection } from './connection.ts'
import { DeferredJoins } from './deferredJoins.ts'
import { IdleTimer } from './idleTimer.ts'
import { decodeClientMessage, encodeSyncStep1, encodeSyncUpdate } from './protocol.ts'
import { RoomDocument } from './roomDocument.ts'
import type { CommitEntry, RoomOptions, RoomSettings, RoomStats } from './roomTypes.ts'

/**
 * One board in memory: its document, the connections in it, and its presence.
 *
 * An update is validated, applied and queued for the group commit; only once it
 * is stored is it broadcast to the others (the same bytes to each) and
 * acknowledged to its sender. A joiner's sync step 2 is likewise answered only
 * when nothing applied is still uncommitted, so no client is ever shown state
 * that a crash could take back.
 *
 * Roles: an observer's socket is closed (4408) by the first frame that would
 * change the board or publish a presence, before any of it is applied.
 */
export class Room {
  readonly boardId: string
  readonly #options: RoomOptions
  readonly #settings: RoomSettings
  readonly #logger: Logger
  readonly #connections = new Set<Connection>()
  readonly #awareness: AwarenessRelay
  readonly #document: RoomDocument
  readonly #deferredJoins = new DeferredJoins()
  /** Connections that arrived during a rebuild; greeted when it is done. */
  #waitingForRebuild: Connection[] = []
  #uncommitted = 0
  /** The newest entry of this room that is not committed yet. */
  #newestUncommitted: CommitEntry | null = null
  #lastSeq: number
  #logCount: number
  #logBytes: number
  /** Snapshot plus log plus uncommitted bytes: an upper bound of the encoded document's size. */
  #documentBytes: number
  #rebuilds = 0
  #rebuilding = false
  #compacting = false
  /** The snapshot write under way, if any. */
  #compaction: Promise<void> | null = null
  #compactNotBefore = 0
  readonly #idle: IdleTimer
  #destroyed = false

  constructor(options: RoomOptions) {
    this.boardId = options.boardId
    this.#options = options
    this.#settings = options.settings
    this.#logger = options.logger.child({ boardId: options.boardId })
    this.#awareness = new AwarenessRelay({
      broadcast: (frame, except) => this.#broadcast(frame, except),
      limits: options.settings.awareness,
      logger: this.#logger,
    })
    this.#document = new RoomDocument(options.stored, this.#logger)
    this.#idle = new IdleTimer(options.settings.roomIdleUnloadMs, () => options.onIdle(this))
    this.#lastSeq = options.stored.lastSeq
    this.#logCount = options.stored.logCount
    this.#logBytes = options.stored.logBytes
    this.#documentBytes = (options.stored.snapshot?.length ?? 0) + options.stored.logBytes
  }

  get stats(): RoomStats {
    return {
      connections: this.#connections.size,
      fullStateEncodings: this.#document.fullStateEncodings,
      documentBytes: this.#documentBytes,
      logCount: this.#logCount,
      logBytes: this.#logBytes,
      lastSeq: this.#lastSeq,
      uncommitted: this.#uncommitted,
      rebuilds: this.#rebuilds,
      awareness: this.#awareness.stats,
    }
  }

  /** No connections, nothing waiting for storage, nothing in progress: safe to drop from memory. */
  get canUnload(): boolean {
    return this.#connections.size === 0 && this.#uncommitted === 0 && !this.#rebuilding && !this.#compacting
  }

  /** Adds a connection: sends the relay's sync step 1 and the room's presences, then starts reading its frames. */
  attach(connection: Connection): void {
    this.#idle.cancel()
    this.#connections.add(connection)
    connection.onEnd(() => this.#detach(connection))
    if (this.#rebuilding) this.#waitingForRebuild.push(connection)
    else this.#greet(connection)
  }

  /** Arms the idle timer if nobody is connected (e.g. the only joiner left while the room loaded). */
  idleIfEmpty(): void {
    if (this.#connections.size === 0 && !this.#destroyed) this.#idle.arm()
  }

  /** Called with this room's entries of a committed batch, in order: broadcast, then acknowledge. */
  committed(entries: readonly CommitEntry[], seqs: readonly number[]): void {
    const senders = new Set<Connection>()
    for (const connection of this.#connections) connection.cork()
    entries.forEach((entry, index) => {
      this.#lastSeq = Math.max(this.#lastSeq, seqs[index] ?? this.#lastSeq)
      this.#logCount += 1
      this.#logBytes += entry.update.length
      this.#uncommitted -= 1
      if (entry === this.#newestUncommitted) this.#newestUncommitted = null
      this.#broadcast(encodeSyncUpdate(entry.update), entry.connection)
      for (const due of [entry, ...entry.alsoAcknowledges]) {
        due.connection.committed(due.messageNumber)
        senders.add(due.connection)
      }
    })
    for (const sender of senders) sender.flushAck()
    for (const connection of this.#connections) connection.uncork()
    if (this.#uncommitted === 0) {
      this.#answerPendingJoins()
      this.#maybeCompact()
    }
  }

  /**
   * Writes the in-memory state as a snapshot covering the log up to the last
   * committed seq (the store deletes those rows in the same transaction).
   * Does nothing while updates are uncommitted or when the log is empty.
   */
  compact(): Promise<void> {
    if (this.#compacting || this.#logCount === 0 || this.#uncommitted > 0 || this.#rebuilding || this.#destroyed) {
      return Promise.resolve()
    }
    this.#compacting = true
    this.#compaction = this.#writeSnapshot().finally(() => {
      this.#compacting = false
      this.#compaction = null
    })
    return this.#compaction
  }

  async #writeSnapshot(): Promise<void> {
    const state = this.#document.fullState()
    const coversSeq = this.#lastSeq
    const coveredCount = this.#logCount
    const coveredBytes = this.#logBytes
    await this.#options.store.writeSnapshot(this.boardId, state, coversSeq)
    this.#logCount -= coveredCount
    this.#logBytes -= coveredBytes
    this.#documentBytes = state.length + this.#logBytes
    this.#logger.debug({ coversSeq, updates: coveredCount, bytes: state.length }, 'board compacted')
  }

  /**
   * For a board being deleted: drops the room like destroy(), so it starts no
   * compaction, and resolves once a snapshot write already under way is over,
   * so that nothing of it reaches storage after the board's rows are deleted.
   */
  async retire(): Promise<void> {
    const compaction = this.#compaction
    this.destroy()
    // A failed write changed nothing; either way it is over.
    await compaction?.catch(() => undefined)
  }

  destroy(): void {
    if (this.#destroyed) return
    this.#destroyed = true
    this.#idle.cancel()
    this.#awareness.destroy()
    this.#document.destroy()
    this.#connections.clear()
    this.#deferredJoins.takeAll()
    this.#waitingForRebuild = []
  }

  #greet(connection: Connection): void {
    connection.send(encodeSyncStep1(this.#document.stateVector()))
    const presences = this.#awareness.encodeAll()
    if (presences !== null) connection.send(presences)
    connection.release(this.#onFrame)
  }

  #detach(connection: Connection): void {
    if (!this.#connections.delete(connection)) return
    this.#deferredJoins.forget(connection)
    this.#waitingForRebuild = this.#waitingForRebuild.filter((waiting) => waiting !== connection)
    this.#awareness.removeConnection(connection)
    if (this.#connections.size === 0 && !this.#destroyed) this.#idle.arm()
  }

  readonly #onFrame = (connection: Connection, frame: Uint8Array): void => {
    try {
      const decoded = decodeClientMessage(frame)
      if (!decoded.ok) {
        this.#logger.info({ connection: connection.id, closeCode: decoded.close.code }, 'closing a socket that sent a bad message')
        connection.close(decoded.close)
        return
      }
      const message = decoded.message
      switch (message.kind) {
        case 'syncStep1':
          if (this.#uncommitted > 0 || this.#rebuilding) this.#deferredJoins.defer(connection, message.stateVector)
          else this.#answerStep1(connection, message.stateVector)
          break
        case 'update':
          if (connection.grant.role === 'observer') this.#receiveFromObserver(connection, message.update)
          else this.#receiveUpdate(connection, message.update)
          break
        case 'awareness':
          // Observers are not shown to the others, so they have no presence to publish.
          if (connection.grant.role === 'observer') this.#refuseObserver(connection)
          else if (!this.#awareness.apply(connection, message.update, frame)) connection.close(CloseCode.malformedMessage)
          break
        case 'queryAwareness': {
          const presences = this.#awareness.encodeAll()
          if (presences !== null) connection.send(presences)
          break
        }
      }
    } catch (error) {
      this.#logger.error({ err: error, connection: connection.id }, 'handling a message failed')
      connection.close(CloseCode.internalError)
    }
  }

  #answerStep1(connection: Connection, stateVector: Uint8Array): void {
    if (connection.closed) return
    let reply: Uint8Array
    try {
      reply = this.#document.syncStep2For(stateVector)
    } catch {
      connection.close(CloseCode.malformedMessage)
      return
    }
    connection.send(reply)
  }

  #answerPendingJoins(): void {
    if (this.#uncommitted > 0 || this.#rebuilding) return
    for (const { connection, stateVector } of this.#deferredJoins.takeAll()) this.#answerStep1(connection, stateVector)
  }

  #receiveUpdate(connection: Connection, update: Uint8Array): void {
    const n = connection.nextUpdateNumber()
    if (this.#options.commits.failing && this.#uncommittedBytes() > this.#settings.maxDocumentBytes) {
      // Storage has failed for so long that memory is the risk now: refuse until it is back.
      this.#reject(connection, n, UpdateRejection.storageUnavailable, false)
      return
    }
    const room = this.#settings.maxDocumentBytes - this.#documentBytes
    // Measuring only what is new costs a decode, so it is done only near the limit.
    if (update.length > room && this.#document.newBytes(update) > room) {
      this.#reject(connection, n, UpdateRejection.documentTooLarge, false)
      return
    }
    const result = this.#document.apply(update, connection)
    switch (result.kind) {
      case 'refused':
        this.#reject(connection, n, result.reason, true)
        return
      case 'damaged':
        this.#logger.warn({ connection: connection.id }, 'an update left the document unsound; rebuilding it from storage')
        this.#reject(connection, n, result.reason, true)
        void this.#rebuild()
        return
      case 'unchanged':
        this.#acknowledgeUnchanged(connection, n)
        return
      case 'applied': {
        connection.accepted()
        this.#documentBytes += result.update.length
        this.#uncommitted += 1
        connection.awaitCommit(n)
        const entry: CommitEntry = {
          boardId: this.boardId,
          update: result.update,
          room: this,
          connection,
          messageNumber: n,
          alsoAcknowledges: [],
        }
        this.#newestUncommitted = entry
        this.#options.commits.enqueue(entry)
      }
    }
  }

  /**
   * An observer's provider answers the relay's sync step 1 with what it has
   * that the board lacks: nothing, normally, and after a reconnect at most
   * content the board already holds. That is acknowledged like any no-op and
   * never applied; anything the board lacks is an attempt to edit.
   */
  #receiveFromObserver(connection: Connection, update: Uint8Array): void {
    if (!this.#document.hasAllOf(update)) {
      this.#refuseObserver(connection)
      return
    }
    this.#acknowledgeUnchanged(connection, connection.nextUpdateNumber())
  }

  #refuseObserver(connection: Connection): void {
    this.#logger.info({ connection: connection.id }, 'closing an observer socket that tried to change the board')
    connection.close(CloseCode.readOnlyRole)
  }

  #acknowledgeUnchanged(connection: Connection, n: number): void {
    connection.accepted()
    // "Saved" means stored: if what it carried is still waiting for its commit, so does the ack.
    if (this.#newestUncommitted !== null) {
      connection.awaitCommit(n)
      this.#newestUncommitted.alsoAcknowledges.push({ connection, messageNumber: n })
    } else {
      connection.flushAck()
    }
  }

  #reject(connection: Connection, n: number, reason: UpdateRejection, countsTowardLimit: boolean): void {
    this.#logger.info({ connection: connection.id, reason }, 'update refused')
    const tooMany = connection.rejected(n, reason, countsTowardLimit, this.#settings.maxRejectedUpdates)
    connection.flushAck()
    if (tooMany) connection.close(CloseCode.tooManyRejectedUpdates)
  }

  /**
   * Replaces a document that a bad update damaged: what is stored plus what
   * still waits for its commit is exactly every accepted update. Connections are
   * held meanwhile, so their frames are handled in order afterwards.
   */
  async #rebuild(): Promise<void> {
    if (this.#rebuilding) return
    this.#rebuilding = true
    this.#rebuilds += 1
    for (const connection of this.#connections) connection.hold()
    const uncommitted = this.#options.commits.uncommitted().filter((entry) => entry.room === this)
    for (let attempt = 0; ; attempt++) {
      if (this.#destroyed) return
      try {
        const stored = await this.#options.store.loadBoard(this.boardId)
        if (this.#destroyed) return
        this.#document.rebuild(
          stored,
          uncommitted.map((entry) => entry.update),
        )
        this.#documentBytes =
          (stored.snapshot?.length ?? 0) + stored.logBytes + uncommitted.reduce((sum, entry) => sum + entry.update.length, 0)
        break
      } catch (error) {
        const delay = Math.min(this.#settings.retryBaseMs * 2 ** attempt, this.#settings.retryMaxMs)
        this.#logger.error({ err: error, retryInMs: delay }, 'reloading the board failed; retrying')
        await new Promise((resolve) => setTimeout(resolve, delay))
      }
    }
    this.#rebuilding = false
    const waiting = this.#waitingForRebuild
    this.#waitingForRebuild = []
    for (const connection of this.#connections) {
      if (!waiting.includes(connection)) connection.release(this.#onFrame)
    }
    for (const connection of waiting) this.#greet(connection)
    this.#answerPendingJoins()
  }

  #broadcast(frame: Uint8Array, except: Connection | null): void {
    for (const connection of this.#connections) {
      if (connection !== except) connection.send(frame)
    }
  }

  #uncommittedBytes(): number {
    let bytes = 0
    for (const entry of this.#options.commits.uncommitted()) if (entry.room === this) bytes += entry.update.length
    return bytes
  }

  #maybeCompact(): void {
    const settings = this.#settings
    if (this.#logCount < settings.compactAfterUpdates && this.#logBytes < settings.compactAfterBytes) return
    if (Date.now() < this.#compactNotBefore) return
    this.compact().catch((error: unknown) => {
      this.#compactNotBefore = Date.now() + settings.retryMaxMs
      this.#logger.warn({ err: error }, 'compaction failed; the log is kept and compaction retried later')
    })
  }
}
