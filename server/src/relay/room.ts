import type * as Y from 'yjs'
import type { BoardMessage, ClaimedClient } from '../cluster/clusterBus.ts'
import { CloseCode } from '../../../shared/src/protocol/closeCodes.ts'
import { readHistoryGeneration } from '../../../shared/src/board/boardDoc.ts'
import type { Logger } from '../logger.ts'
import type { BoardWrite, ServerChangeMeta } from '../board/liveBoards.ts'
import { AwarenessRelay } from './awarenessRelay.ts'
import { BoardAuthority } from './boardAuthority.ts'
import { boardPreparation } from './boardPreparation.ts'
import { ClientOwners, serverOwner } from './clientOwners.ts'
import type { Connection } from './connection.ts'
import { DeferredJoins } from './deferredJoins.ts'
import { IdleTimer } from './idleTimer.ts'
import { UpdateIntake } from './updateIntake.ts'
import { decodeClientMessage, encodeSyncStep1, encodeSyncUpdate } from './protocol.ts'
import { RoomDocument } from './roomDocument.ts'
import { RoomLog } from './roomLog.ts'
import { PendingCommits } from './pendingCommits.ts'
import { RoomPeers } from './roomPeers.ts'
import { RoomReloads } from './roomReloads.ts'
import { RoomClosedError, ServerChanges } from './serverChanges.ts'
import type { CommitEntry, RoomOptions, RoomStats } from './roomTypes.ts'

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
 *
 * Several instances: what is committed here is published to the board's rooms on other
 * instances after the commit, and theirs comes in through RoomPeers.
 */
export class Room {
  readonly boardId: string
  readonly #options: RoomOptions
  readonly #logger: Logger
  readonly #connections = new Set<Connection>()
  readonly #awareness: AwarenessRelay
  readonly #document: RoomDocument
  readonly #authority: BoardAuthority
  readonly #intake: UpdateIntake
  readonly #joins: DeferredJoins
  readonly #serverChanges: ServerChanges
  readonly #pending: PendingCommits
  readonly #log: RoomLog
  readonly #peers: RoomPeers
  readonly #reloads: RoomReloads
  /** Users of the room besides its connections (a server change under way): it stays loaded meanwhile. */
  #pins = 0
  readonly #idle: IdleTimer
  #destroyed = false

  constructor(options: RoomOptions) {
    this.boardId = options.boardId
    this.#options = options
    this.#logger = options.logger.child({ boardId: options.boardId })
    this.#awareness = new AwarenessRelay({
      broadcast: (frame, except) => this.#broadcast(frame, except),
      limits: options.settings.awareness,
      logger: this.#logger,
      mayClaim: (connection, clientId) => this.#intake.claimForPresence(connection, clientId),
      publish: (frame) => this.#peers.publishPresence(frame),
    })
    this.#document = new RoomDocument(options.stored, this.#logger)
    this.#pending = new PendingCommits(options.commits)
    this.#joins = new DeferredJoins({
      syncStep2For: (stateVector) => this.#document.syncStep2For(stateVector),
      canAnswer: () => this.#pending.count === 0 && !this.#reloads.busy,
    })
    const authority = new BoardAuthority(this.#document, new ClientOwners(options.stored.clients), options.settings.rules)
    this.#authority = authority
    this.#idle = new IdleTimer(options.settings.roomIdleUnloadMs, () => options.onIdle(this))
    this.#log = new RoomLog({
      boardId: options.boardId,
      stored: options.stored,
      store: options.store,
      logger: this.#logger,
      compactAfterUpdates: options.settings.compactAfterUpdates,
      compactAfterBytes: options.settings.compactAfterBytes,
      retryMs: options.settings.retryMaxMs,
      lease: options.lease,
      onCompacted: (coversSeq) => this.#peers.publishCompacted(coversSeq),
    })
    this.#reloads = new RoomReloads({
      boardId: options.boardId,
      store: options.store,
      document: this.#document,
      log: this.#log,
      logger: this.#logger,
      retryBaseMs: options.settings.retryBaseMs,
      retryMaxMs: options.settings.retryMaxMs,
      uncommitted: () =>
        options.commits
          .uncommitted()
          .filter((entry) => entry.room === this)
          .map((entry) => entry.update),
      connections: () => this.#connections,
      greet: (connection) => this.#greet(connection),
      release: (connection) => connection.release(this.#onFrame),
      resumed: () => {
        this.#joins.answerWaiting()
        this.#peers.resume()
        this.#compactIfDue()
      },
      broadcast: (frame) => this.#broadcast(frame, null),
      destroyed: () => this.#destroyed,
    })
    this.#peers = new RoomPeers({
      boardId: options.boardId,
      bus: options.bus,
      document: this.#document,
      log: this.#log,
      owners: authority.owners,
      awareness: () => this.#awareness,
      logger: this.#logger,
      broadcast: (frame) => this.#broadcast(frame, null),
      busy: () => this.#reloads.busy,
      catchUp: () => this.#reloads.catchUp(),
      gapWaitMs: options.settings.gapWaitMs,
      arrived: () => this.#compactIfDue(),
    })
    this.#intake = new UpdateIntake({
      room: this,
      document: this.#document,
      authority,
      pending: this.#pending,
      log: this.#log,
      commits: options.commits,
      settings: options.settings,
      logger: this.#logger,
      rebuild: () => this.#reloads.rebuild(),
    })
    this.#serverChanges = new ServerChanges({
      room: this,
      document: this.#document,
      owners: authority.owners,
      commits: options.commits,
      pending: this.#pending,
      log: this.#log,
      retryBaseMs: options.settings.retryBaseMs,
      rebuilding: () => this.#reloads.busy,
      destroyed: () => this.#destroyed,
    })
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
      documentBytes: this.#log.documentBytes,
      logCount: this.#log.logCount,
      logBytes: this.#log.logBytes,
      lastSeq: this.#log.lastSeq,
      uncommitted: this.#pending.count,
      rebuilds: this.#reloads.rebuilds,
      catchUps: this.#reloads.catchUps,
      awareness: this.#awareness.stats,
      records: this.#document.index.size,
      clientOwners: this.#authority.owners.size,
    }
  }

  /** No connections, nothing waiting for storage, nothing in progress: safe to drop from memory. */
  get canUnload(): boolean {
    return this.#connections.size === 0 && this.#pins === 0 && this.#pending.count === 0 && !this.#reloads.busy && !this.#log.compacting
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
    // A copy kept from before the board's history was rewritten may still hold what was erased:
    // nothing of it is read; the browser takes the board afresh (and says so: see B17).
    if (connection.copyGeneration !== null && connection.copyGeneration < readHistoryGeneration(this.#document.doc)) {
      connection.close(CloseCode.staleCopy)
      this.idleIfEmpty()
      return
    }
    this.#idle.cancel()
    this.#connections.add(connection)
    connection.onEnd(() => this.#detach(connection))
    this.#reloads.admit(connection)
  }

  /** Arms the idle timer if nobody is connected (e.g. the only joiner left while the room loaded). */
  idleIfEmpty(): void {
    if (this.#connections.size === 0 && this.#pins === 0 && !this.#destroyed) this.#idle.arm()
  }

  /** A message about this board from another instance. */
  receiveFromPeers(message: BoardMessage): void {
    if (!this.#destroyed) this.#peers.receive(message)
  }

  /** Messages from other instances were lost (the bus was cut off): read what the store has. */
  missedPeers(): void {
    if (!this.#destroyed) this.#reloads.catchUp()
  }

  /**
   * Called with this room's entries of a committed batch, in order, and the client ids claimed
   * in its transaction: broadcast, acknowledge, then tell the other instances.
   */
  committed(entries: readonly CommitEntry[], seqs: readonly number[], claims: readonly ClaimedClient[] = []): void {
    const senders = new Set<Connection>()
    let settled = false
    for (const connection of this.#connections) connection.cork()
    entries.forEach((entry, index) => {
      const seq = seqs[index] ?? this.#log.lastSeq
      this.#log.committed(entry.update.length, seq)
      settled = this.#pending.stored(entry)
      this.#broadcast(encodeSyncUpdate(entry.update), entry.connection)
      const dues = entry.connection === null ? entry.alsoAcknowledges : [{ connection: entry.connection, messageNumber: entry.messageNumber }, ...entry.alsoAcknowledges]
      for (const due of dues) {
        due.connection.committed(due.messageNumber)
        senders.add(due.connection)
      }
      entry.onCommitted?.(seq)
    })
    for (const sender of senders) sender.flushAck()
    for (const connection of this.#connections) connection.uncork()
    this.#peers.publishCommitted(
      entries.map((entry, index) => ({ seq: seqs[index] ?? 0, update: entry.update })),
      [...claims],
    )
    if (settled) {
      this.#joins.answerWaiting()
      this.#compactIfDue()
    }
  }

  /**
   * Compacts when the log has grown enough and the document is exactly what is stored: nothing
   * uncommitted and no rebuild under way. Asked after each commit here, and when rows committed
   * elsewhere arrive or a catch-up ends, since either may close the gap a compaction waited on.
   */
  #compactIfDue(): void {
    if (this.#pending.count === 0 && !this.#reloads.busy && !this.#destroyed) this.#log.compactIfDue(() => this.#document.fullState())
  }

  /** Resolves once everything applied so far is stored (at once when nothing waits), or the room is dropped. */
  whenCommitted(): Promise<void> {
    return this.#destroyed ? Promise.resolve() : this.#pending.settled()
  }

  /**
   * Writes the in-memory state as a snapshot covering the log up to the last committed seq.
   * Does nothing while updates are uncommitted or when the log is empty.
   */
  compact(): Promise<void> {
    if (this.#pending.count > 0 || this.#reloads.busy || this.#destroyed) return Promise.resolve()
    return this.#log.compact(() => this.#document.fullState())
  }

  /**
   * For a board being deleted: drops the room like destroy(), so it starts no
   * compaction, and resolves once a snapshot write already under way is over,
   * so that nothing of it reaches storage after the board's rows are deleted.
   */
  async retire(): Promise<void> {
    const compaction = this.#log.compaction
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
    return this.#serverChanges.make(write, meta)
  }

  /**
   * Erases a person from the board: `write` (shared/src/board/personErasure.ts) as a change of
   * the server's own, with the board's history generation counted up, then the board's stored
   * history rewritten as the document now is, without the client ids `owner` claimed (see
   * RoomLog.rewrite). Resolves to false, changing nothing, when the board holds nothing of theirs:
   * no record names them and they never wrote on it.
   */
  erase(write: BoardWrite, meta: ServerChangeMeta, owner: string): Promise<boolean> {
    return this.#serverChanges.erase(write, meta, owner)
  }

  destroy(): void {
    if (this.#destroyed) return
    this.#destroyed = true
    this.#serverChanges.rejectAll()
    this.#pending.release()
    this.#peers.destroy()
    this.#options.onDestroy?.()
    this.#idle.cancel()
    this.#awareness.destroy()
    this.#document.destroy()
    this.#connections.clear()
    this.#joins.clear()
    this.#reloads.clear()
  }

  #greet(connection: Connection): void {
    connection.send(encodeSyncStep1(this.#document.stateVector()))
    const presences = this.#awareness.encodeAll()
    if (presences !== null) connection.send(presences)
    connection.release(this.#onFrame)
  }

  #detach(connection: Connection): void {
    if (!this.#connections.delete(connection)) return
    this.#joins.forget(connection)
    this.#reloads.forget(connection)
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
          this.#joins.request(connection, message.stateVector)
          break
        case 'update':
          if (connection.grant.role === 'observer') this.#intake.receiveFromObserver(connection, message.update)
          else this.#intake.receive(connection, message.update)
          break
        case 'awareness':
          // Observers are not shown to the others, so they have no presence to publish.
          if (connection.grant.role === 'observer') this.#intake.refuseObserver(connection)
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

  /** The server's part when a board loads: a new board's first records and schema, or a migration. */
  #prepare(): void {
    const preparation = boardPreparation(this.#document.doc)
    if (preparation === null) return
    this.#logger.info({ kind: preparation.kind }, preparation.reason)
    this.serverChange(preparation.write, { author: serverOwner, kind: preparation.kind }).catch((error: unknown) => {
      if (!(error instanceof RoomClosedError)) this.#logger.error({ err: error }, 'preparing the board failed')
    })
  }

  #broadcast(frame: Uint8Array, except: Connection | null): void {
    for (const connection of this.#connections) {
      if (connection !== except) connection.send(frame)
    }
  }
}
