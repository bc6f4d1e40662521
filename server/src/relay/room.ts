import * as Y from 'yjs'
import { CloseCode } from '../../../shared/src/protocol/closeCodes.ts'
import { UpdateRejection } from '../../../shared/src/protocol/messages.ts'
import type { Logger } from '../logger.ts'
import type { BoardWrite, ServerChangeMeta } from '../board/liveBoards.ts'
import { AwarenessRelay } from './awarenessRelay.ts'
import { BoardAuthority } from './boardAuthority.ts'
import { boardPreparation } from './boardPreparation.ts'
import { ClientOwners, ownerOfGrant, serverOwner } from './clientOwners.ts'
import type { Connection } from './connection.ts'
import { DeferredJoins } from './deferredJoins.ts'
import { IdleTimer } from './idleTimer.ts'
import { decodeClientMessage, encodeSyncStep1, encodeSyncUpdate } from './protocol.ts'
import { RoomDocument } from './roomDocument.ts'
import type { CommitEntry, RoomOptions, RoomSettings, RoomStats } from './roomTypes.ts'

/** The Yjs client ids an update carries content under (none when it does not decode). */
function updateWriters(update: Uint8Array): number[] {
  try {
    return [...Y.parseUpdateMeta(update).to.keys()]
  } catch {
    return []
  }
}

/** A board was dropped from memory (deleted, or the relay is closing) before a change of the server's own was stored. */
export class RoomClosedError extends Error {
  constructor(boardId: string) {
    super(`Board ${boardId} left memory before the change was stored.`)
    this.name = 'RoomClosedError'
  }
}

/**
 * One board in memory: its document, the connections in it, and its presence.
 *
 * An update is validated, applied and queued for the group commit; only once it
 * is stored is it broadcast to the others (the same bytes to each) and
 * acknowledged to its sender. A joiner's sync step 2 is likewise answered only
 * when nothing applied is still uncommitted, so no client is ever shown state
 * that a crash could take back.
 *
 * Authority: before an update is applied, the board's rules decide whether its
 * sender may make it (BoardAuthority); a refused update is never applied,
 * stored or relayed, and its sender is told why and which records. Each
 * socket has a budget; over it, presence is dropped, then updates refused,
 * then the socket closed (4413).
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
  readonly #authority: BoardAuthority
  readonly #deferredJoins = new DeferredJoins()
  /** Waiting for everything applied to be stored (see whenCommitted). */
  #committedWaiters: Array<() => void> = []
  /** The server's own changes waiting for their commit: rejected if the room goes first. */
  readonly #serverChanges = new Set<(error: Error) => void>()
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
  /** Users of the room besides its connections (a server change under way): it stays loaded meanwhile. */
  #pins = 0
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
      mayClaim: (connection, clientId) => this.#claimForPresence(connection, clientId),
    })
    this.#document = new RoomDocument(options.stored, this.#logger)
    this.#authority = new BoardAuthority(this.#document, new ClientOwners(options.stored.clients), options.settings.rules)
    this.#idle = new IdleTimer(options.settings.roomIdleUnloadMs, () => options.onIdle(this))
    this.#lastSeq = options.stored.lastSeq
    this.#logCount = options.stored.logCount
    this.#logBytes = options.stored.logBytes
    this.#documentBytes = (options.stored.snapshot?.length ?? 0) + options.stored.logBytes
    this.#prepare()
  }

  /** The board's document, for reading (history, restores); changes go through {@link serverChange}. */
  get doc(): Y.Doc {
    return this.#document.doc
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
      records: this.#document.index.size,
      clientOwners: this.#authority.owners.size,
    }
  }

  /** No connections, nothing waiting for storage, nothing in progress: safe to drop from memory. */
  get canUnload(): boolean {
    return this.#connections.size === 0 && this.#pins === 0 && this.#uncommitted === 0 && !this.#rebuilding && !this.#compacting
  }

  /** Keeps the room loaded while something other than a connection uses it; the result lets go. */
  pin(): () => void {
    this.#pins += 1
    this.#idle.cancel()
    let released = false
    return () => {
      if (released) return
      released = true
      this.#pins -= 1
      this.idleIfEmpty()
    }
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
    if (this.#connections.size === 0 && this.#pins === 0 && !this.#destroyed) this.#idle.arm()
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
      const dues = entry.connection === null ? entry.alsoAcknowledges : [{ connection: entry.connection, messageNumber: entry.messageNumber }, ...entry.alsoAcknowledges]
      for (const due of dues) {
        due.connection.committed(due.messageNumber)
        senders.add(due.connection)
      }
      entry.onCommitted?.(seqs[index] ?? this.#lastSeq)
    })
    for (const sender of senders) sender.flushAck()
    for (const connection of this.#connections) connection.uncork()
    if (this.#uncommitted === 0) {
      this.#answerPendingJoins()
      this.#maybeCompact()
      for (const resolve of this.#committedWaiters.splice(0)) resolve()
    }
  }

  /** Resolves once everything applied so far is stored (at once when nothing waits), or the room is dropped. */
  whenCommitted(): Promise<void> {
    if (this.#uncommitted === 0 || this.#destroyed) return Promise.resolve()
    return new Promise((resolve) => this.#committedWaiters.push(resolve))
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

  /**
   * Makes a change of the server's own (settings, a restore, a migration) as `meta.author`, and
   * resolves with its log seq once it is stored and sent to everyone in the room; null when it
   * changed nothing. Rejects (RoomClosedError) if the room leaves memory first.
   */
  serverChange(write: BoardWrite, meta: ServerChangeMeta): Promise<number | null> {
    if (this.#destroyed || this.#rebuilding) return Promise.reject(new RoomClosedError(this.boardId))
    let touched: readonly string[] | null = null
    const update = this.#document.change((doc) => {
      touched = write(doc) ?? null
    })
    if (update === null) return Promise.resolve(null)
    const clientId = this.#document.serverClientId
    if (this.#authority.owners.claim(clientId, serverOwner)) {
      this.#options.commits.enqueueClaims([{ boardId: this.boardId, clientId, owner: serverOwner }])
    }
    return new Promise<number>((resolve, reject) => {
      this.#serverChanges.add(reject)
      this.#documentBytes += update.length
      this.#uncommitted += 1
      const entry: CommitEntry = {
        boardId: this.boardId,
        update,
        author: meta.author,
        touched,
        kind: meta.kind,
        detail: meta.detail ?? null,
        room: this,
        connection: null,
        messageNumber: 0,
        alsoAcknowledges: [],
        onCommitted: (seq) => {
          this.#serverChanges.delete(reject)
          resolve(seq)
        },
      }
      this.#newestUncommitted = entry
      this.#options.commits.enqueue(entry)
    })
  }

  destroy(): void {
    if (this.#destroyed) return
    this.#destroyed = true
    for (const reject of this.#serverChanges) reject(new RoomClosedError(this.boardId))
    this.#serverChanges.clear()
    for (const resolve of this.#committedWaiters.splice(0)) resolve()
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
    this.idleIfEmpty()
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
          // Over budget, presence is the first thing to go: dropped, not relayed.
          else if (!connection.budget.presence(Date.now())) break
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
    const budget = connection.budget.update(update.length, Date.now())
    if (budget !== 'pass') {
      connection.refusedOverBudget = true
      this.#reject(connection, n, UpdateRejection.rateLimited, [], false)
      if (budget === 'close') {
        this.#logger.warn({ connection: connection.id }, 'closing a socket that keeps sending more than its budget')
        connection.close(CloseCode.tooFast)
      }
      return
    }
    if (this.#options.commits.failing && this.#uncommittedBytes() > this.#settings.maxDocumentBytes) {
      // Storage has failed for so long that memory is the risk now: refuse until it is back.
      this.#refuse(connection, n, update, UpdateRejection.storageUnavailable, [], false)
      return
    }
    const room = this.#settings.maxDocumentBytes - this.#documentBytes
    // Measuring only what is new costs a decode, so it is done only near the limit.
    if (update.length > room && this.#document.newBytes(update) > room) {
      this.#refuse(connection, n, update, UpdateRejection.documentTooLarge, [], false)
      return
    }
    const decision = this.#authority.decide(connection.grant, update)
    if (decision.kind === 'refused') {
      this.#refuse(connection, n, update, decision.reason, decision.keys, true)
      return
    }
    const result = this.#document.apply(update, connection)
    switch (result.kind) {
      case 'damaged':
        this.#logger.warn({ connection: connection.id }, 'an update left the document unsound; rebuilding it from storage')
        this.#reject(connection, n, result.reason, [], true)
        void this.#rebuild()
        return
      case 'unchanged':
        this.#acknowledgeUnchanged(connection, n)
        return
      case 'applied': {
        connection.accepted()
        for (const clientId of decision.claims) this.#authority.owners.claim(clientId, decision.owner)
        this.#options.commits.enqueueClaims(
          decision.claims.map((clientId) => ({ boardId: this.boardId, clientId, owner: decision.owner })),
        )
        this.#documentBytes += result.update.length
        this.#uncommitted += 1
        connection.awaitCommit(n)
        const entry: CommitEntry = {
          boardId: this.boardId,
          update: result.update,
          author: decision.owner,
          touched: decision.touched,
          kind: 'edit',
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

  /** A presence under a client id nobody in the room holds: allowed when the id is, or becomes, its person's. */
  #claimForPresence(connection: Connection, clientId: number): boolean {
    const owner = ownerOfGrant(connection.grant)
    const check = this.#authority.owners.check([clientId], owner, (id) => this.#document.hasClient(id))
    if (check.kind === 'foreign') return false
    for (const claimed of check.claims) this.#authority.owners.claim(claimed, owner)
    this.#options.commits.enqueueClaims(check.claims.map((claimed) => ({ boardId: this.boardId, clientId: claimed, owner })))
    return true
  }

  /** The server's part when a board loads: a new board's first records and schema, or a migration. */
  #prepare(): void {
    const preparation = boardPreparation(this.#document.doc)
    if (preparation === null) return
    this.#logger.info({ kind: preparation.kind }, preparation.reason)
    this.serverChange(preparation.write, { author: serverOwner, kind: preparation.kind }).catch((error: unknown) => {
      if (!(error instanceof RoomClosedError)) this.#logger.error({ err: error }, 'preparing the board failed')
    })
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

  /**
   * Refuses an update, remembering whose client ids it carried: a client builds its next
   * updates on the refused one, so when one of those misses a dependency, it is told that it
   * depends on a refused update, and that does not count against the socket.
   */
  #refuse(connection: Connection, n: number, update: Uint8Array, reason: UpdateRejection, keys: readonly string[], counts: boolean): void {
    const writers = updateWriters(update)
    if (reason === UpdateRejection.missingDependency) {
      const dependent = connection.refusedOverBudget || writers.some((client) => connection.refusedClients.has(client))
      if (dependent) {
        this.#reject(connection, n, UpdateRejection.dependsOnRefused, [], false)
        return
      }
    }
    for (const client of writers) connection.refusedClients.add(client)
    this.#reject(connection, n, reason, keys, counts)
  }

  #reject(connection: Connection, n: number, reason: UpdateRejection, keys: readonly string[], countsTowardLimit: boolean): void {
    if (reason !== UpdateRejection.dependsOnRefused && reason !== UpdateRejection.rateLimited) {
      this.#logger.info({ connection: connection.id, reason, records: keys.length }, 'update refused')
    }
    const tooMany = connection.rejected(n, reason, keys, countsTowardLimit, this.#settings.maxRejectedUpdates)
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
