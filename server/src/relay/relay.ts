import type { IncomingMessage } from 'node:http'
import type { Duplex } from 'node:stream'
import { WebSocketServer, type WebSocket } from 'ws'
import { CloseCode, closeCodeOf } from '../../../shared/src/protocol/closeCodes.ts'
import { isBoardId } from '../../../shared/src/protocol/boardId.ts'
import { DefaultLimits } from '../../../shared/src/protocol/limits.ts'
import type { Config } from '../config.ts'
import type { Logger } from '../logger.ts'
import type { BoardStore } from '../store/BoardStore.ts'
import { defaultAwarenessLimits, type AwarenessLimits } from './awarenessUpdate.ts'
import type { BoardAccess, BoardGrant, LiveSessions, SocketFilter } from './boardAccess.ts'
import { CommitQueue } from './commitQueue.ts'
import { Connection } from './connection.ts'
import { stopReadingWhenRefused } from './frameRefusal.ts'
import { endAtExpiry } from './sessionExpiry.ts'
import { boardIdFromPath, copyGenerationOf, refuseUpgrade } from './upgradeRequest.ts'
import { ConnectionBudget } from './connectionBudget.ts'
import { KeepAlive } from './keepAlive.ts'
import { isOriginAllowed } from './originPolicy.ts'
import { RetiringBoards } from './retiringBoards.ts'
import { RoomClosedError } from './serverChanges.ts'
import type { BoardWrite, LiveBoards, ServerChangeMeta } from '../board/liveBoards.ts'
import type * as Y from 'yjs'
import type { CommitEntry } from './roomTypes.ts'
import { RoomRegistry } from './roomRegistry.ts'
import { deliverCommits } from './commitDelivery.ts'
import { LiveSockets } from './liveSockets.ts'
import { LocalBus, type ClusterBus, type LiveEvent } from '../cluster/clusterBus.ts'
import { LocalLease, type MaintenanceLease } from '../cluster/maintenanceLease.ts'
import type { StepHoldLookup } from '../workshop/stepHolds.ts'
import { LocalOnlineDirectory, type OnlineDirectory, type OnlinePeople } from '../cluster/onlineDirectory.ts'
import type { ClientClaim } from '../store/BoardStore.ts'
import { defaultRelayTimings, type RelayTimings } from './relayTimings.ts'


export interface RelayOptions {
  config: Config
  store: BoardStore
  logger: Logger
  /** Who may open which board, asked once per upgrade. */
  access: BoardAccess
  timings?: Partial<RelayTimings>
  /** Presence limits; the defaults suit production, tests shrink them to reach them cheaply. */
  awarenessLimits?: Partial<AwarenessLimits>
  /** The clock sessions expire by (the one BoardAccess decided with); Date.now by default. */
  now?: () => number
  /** The other relay instances (Redis); by default this process is alone. */
  bus?: ClusterBus
  /** Who compacts which board now; by default a lease in this process. */
  lease?: MaintenanceLease
  /** Who is online on any instance; by default this process' sockets. */
  online?: OnlineDirectory
  /** Boards facilitators hold read-only for participants; by default none. */
  holds?: StepHoldLookup
}

/**
 * The board sockets: takes HTTP upgrades for `/sync/<boardId>`, checks origin,
 * board id and the session's access to the board, and hands each admitted
 * socket, with its grant, to the room registry.
 *
 * A refused origin (4404), bad board id (4400) or refused session (4405–4412)
 * is accepted as a WebSocket and closed at once with that code, before
 * anything is loaded or sent: the provider then stops reconnecting (4400–4499)
 * and the client can say why, which a bare HTTP 403 would not let it do.
 *
 * As LiveSessions it lets the HTTP side end sockets whose session, link or
 * workshop no longer admits them, retire deleted boards, and tell who is online.
 */
export class Relay implements LiveSessions, LiveBoards {
  readonly rooms: RoomRegistry
  readonly #config: Config
  readonly #logger: Logger
  readonly #access: BoardAccess
  readonly #timings: RelayTimings
  readonly #wss: WebSocketServer
  readonly #commits: CommitQueue<CommitEntry>
  readonly #keepAlive: KeepAlive
  readonly #connections: LiveSockets
  readonly #retiring = new RetiringBoards()
  readonly #now: () => number
  readonly #bus: ClusterBus
  readonly #online: OnlineDirectory
  #onlineChanged = false
  /** Boards another instance is deleting: refused here for a while (see #onLiveEvent). */
  readonly #retiredElsewhere = new Map<string, NodeJS.Timeout>()
  readonly #holds: StepHoldLookup | null
  #nextConnectionId = 1
  #closing = false

  constructor(options: RelayOptions) {
    this.#config = options.config
    this.#logger = options.logger.child({ component: 'relay' })
    this.#access = options.access
    this.#now = options.now ?? (() => Date.now())
    this.#timings = { ...defaultRelayTimings, ...options.timings }
    this.#connections = new LiveSockets(this.#logger)
    this.#bus = options.bus ?? new LocalBus('local')
    this.#online = options.online ?? new LocalOnlineDirectory()
    this.#holds = options.holds ?? null
    this.#bus.onEvent((event) => this.#onLiveEvent(event))
    this.#wss = new WebSocketServer({ noServer: true, maxPayload: options.config.maxFrameBytes, perMessageDeflate: false })
    this.#wss.on('error', (error) => this.#logger.error({ err: error }, 'websocket server error'))
    this.#commits = new CommitQueue<CommitEntry>({
      store: options.store,
      onCommitted: (entries, seqs, claims) => this.#deliverCommits(entries, seqs, claims),
      logger: this.#logger,
      retryBaseMs: this.#timings.retryBaseMs,
      retryMaxMs: this.#timings.retryMaxMs,
      windowMs: options.config.commitWindowMs,
    })
    this.rooms = new RoomRegistry({
      store: options.store,
      commits: this.#commits,
      logger: this.#logger,
      retiring: this.#retiring,
      bus: this.#bus,
      lease: options.lease ?? new LocalLease(),
      settings: {
        maxDocumentBytes: options.config.maxDocumentBytes,
        maxRejectedUpdates: DefaultLimits.maxRejectedUpdates,
        compactAfterUpdates: options.config.compactAfterUpdates,
        compactAfterBytes: options.config.compactAfterBytes,
        roomIdleUnloadMs: options.config.roomIdleUnloadMs,
        retryBaseMs: this.#timings.retryBaseMs,
        retryMaxMs: this.#timings.retryMaxMs,
        awareness: { ...defaultAwarenessLimits, ...options.awarenessLimits },
        rules: {
          links: { ownOrigin: new URL(options.config.publicUrl).origin, embedHosts: options.config.embedHosts },
          personShareBytes: options.config.maxPersonBytes,
          holds: options.holds,
        },
        budgets: options.config.budgets,
        gapWaitMs: this.#timings.gapWaitMs,
      },
    })
    this.#keepAlive = new KeepAlive(() => this.#connections.values(), {
      idleSendMs: this.#timings.keepAliveIdleMs,
      pingIntervalMs: this.#timings.pingIntervalMs,
    })
    this.#keepAlive.start()
  }

  /** False while commits are failing: GET /readyz reports it. */
  get committing(): boolean {
    return !this.#commits.failing
  }

  get connectionCount(): number {
    return this.#connections.size
  }

  /** The http.Server 'upgrade' listener. */
  handleUpgrade = (request: IncomingMessage, socket: Duplex, head: Buffer): void => {
    socket.on('error', (error) => this.#logger.debug({ err: error }, 'socket error during upgrade'))
    const boardId = boardIdFromPath(request.url)
    if (boardId === null) {
      refuseUpgrade(socket, 404, 'Not Found')
      return
    }
    if (this.#closing) {
      refuseUpgrade(socket, 503, 'Service Unavailable')
      return
    }
    void this.#admit(request, socket, head, boardId)
  }

  endSockets(filter: SocketFilter, closeCode: CloseCode): number {
    this.#bus.publishEvent({ kind: 'endSockets', filter, closeCode: closeCode.code })
    return this.#endLocalSockets(filter, closeCode)
  }

  /** Closes this instance's sockets that `filter` names (and those it is admitting). */
  #endLocalSockets(filter: SocketFilter, closeCode: CloseCode): number {
    return this.#connections.end(filter, closeCode)
  }

  async retireBoards<T>(boardIds: readonly string[], deleteRows: () => Promise<T>): Promise<T> {
    this.#retiring.begin(boardIds)
    // The other instances drop the boards too, before the rows go (see #onLiveEvent).
    if (boardIds.length > 0) this.#bus.publishEvent({ kind: 'retireBoards', boardIds: [...boardIds] })
    try {
      if (boardIds.length > 0) this.#endLocalSockets({ boardIds }, CloseCode.boardDeleted)
      const dropped = await this.rooms.retire(boardIds)
      if (dropped > 0) this.#logger.info({ boardIds, updates: dropped }, 'dropped the uncommitted updates of deleted boards')
      return await deleteRows()
    } finally {
      this.#retiring.end(boardIds)
    }
  }

  changeBoard(boardId: string, write: BoardWrite, meta: ServerChangeMeta): Promise<number | null> {
    if (this.#closing) return Promise.reject(new RoomClosedError(boardId))
    return this.rooms.withRoom(boardId, (room) => room.serverChange(write, meta))
  }

  eraseFromBoard(boardId: string, write: BoardWrite, meta: ServerChangeMeta, owner: string): Promise<boolean> {
    if (this.#closing) return Promise.reject(new RoomClosedError(boardId))
    return this.rooms.withRoom(boardId, (room) => room.erase(write, meta, owner))
  }

  readBoard<T>(boardId: string, read: (doc: Y.Doc) => T): Promise<T> {
    if (this.#closing) return Promise.reject(new RoomClosedError(boardId))
    return this.rooms.withRoom(boardId, (room) => read(room.doc))
  }

  settleBoard(boardId: string): Promise<void> {
    return this.rooms.settle(boardId)
  }

  onlinePeople(workshopId: string): Promise<OnlinePeople> {
    return this.#online.online(workshopId, this.#connections.people().get(workshopId) ?? new Map())
  }

  /** Tells the other instances who is here, once per turn however many sockets came or went. */
  #announceOnline(): void {
    if (this.#onlineChanged) return
    this.#onlineChanged = true
    setImmediate(() => {
      this.#onlineChanged = false
      if (!this.#closing) this.#online.publish(this.#connections.people())
    })
  }

  /**
   * Graceful shutdown: stop reading from sockets, commit everything pending
   * (acks still go out), then close every socket with 1012 so clients reconnect.
   */
  async close(): Promise<void> {
    if (this.#closing) return
    this.#closing = true
    this.#keepAlive.stop()
    for (const connection of this.#connections.values()) connection.hold()
    const uncommitted = this.#commits.uncommitted().length
    if (!(await this.#commits.drain(this.#timings.shutdownDrainMs))) {
      this.#logger.error(
        { updates: this.#commits.uncommitted().length, of: uncommitted },
        'shutting down with updates that could not be stored; their senders were never told they were saved',
      )
    }
    const closed = [...this.#connections.values()].map((connection) => waitForClose(connection.socket))
    for (const connection of this.#connections.values()) connection.close(CloseCode.serviceRestart)
    const grace = new Promise<void>((resolve) => setTimeout(resolve, this.#timings.socketCloseGraceMs).unref())
    await Promise.race([Promise.all(closed), grace])
    for (const connection of this.#connections.values()) connection.socket.terminate()
    this.rooms.close()
    this.#commits.close()
    for (const timer of this.#retiredElsewhere.values()) clearTimeout(timer)
    this.#retiredElsewhere.clear()
    this.#online.publish(new Map())
    this.#online.close()
    await new Promise<void>((resolve) => this.#wss.close(() => resolve()))
  }

  #deliverCommits(entries: readonly CommitEntry[], seqs: readonly number[], claims: readonly ClientClaim[]): void {
    deliverCommits(entries, seqs, claims, (boardId) => this.rooms.loadedRoom(boardId))
  }

  /**
   * What another instance did that ends sockets here too. Boards it deletes are dropped from
   * memory here and refused for a while, so that nobody here loads one back, or writes to one,
   * while its rows are being deleted there.
   */
  #onLiveEvent(event: LiveEvent): void {
    if (this.#closing) return
    switch (event.kind) {
      case 'endSockets': {
        const closeCode = closeCodeOf(event.closeCode)
        if (closeCode !== null) this.#endLocalSockets(event.filter, closeCode)
        break
      }
      case 'retireBoards': {
        const boardIds = event.boardIds.filter((boardId) => !this.#retiredElsewhere.has(boardId))
        if (boardIds.length === 0) return
        this.#retiring.begin(boardIds)
        this.#endLocalSockets({ boardIds }, CloseCode.boardDeleted)
        void this.rooms.retire(boardIds).catch((error: unknown) => {
          this.#logger.error({ err: error, boardIds }, 'dropping boards another instance deleted failed')
        })
        for (const boardId of boardIds) {
          const timer = setTimeout(() => {
            this.#retiredElsewhere.delete(boardId)
            this.#retiring.end([boardId])
          }, this.#timings.retiredElsewhereMs)
          timer.unref()
          this.#retiredElsewhere.set(boardId, timer)
        }
        break
      }
      case 'facilitation':
        // The facilitation streams' news (workshop/facilitationHub.ts), not the boards'.
        break
    }
  }

  /**
   * Decides before the handshake completes, so that the socket is only a
   * WebSocket (and can send frames) once its grant is known and its
   * Connection listens.
   */
  async #admit(request: IncomingMessage, socket: Duplex, head: Buffer, boardId: string): Promise<void> {
    const admission = this.#retiring.admit(boardId)
    const deciding = this.#connections.deciding(boardId)
    try {
      let decision = await this.#decide(request, boardId)
      deciding.done()
      // Sockets ended while this was decided would have included this one: it gets the same close.
      if ('kind' in decision) decision = deciding.overtakenBy(decision) ?? decision
      if (this.#closing) {
        refuseUpgrade(socket, 503, 'Service Unavailable')
        return
      }
      this.#wss.handleUpgrade(request, socket, head, (ws) => {
        // A grant decided before the board's deletion started must not bring it back (see RetiringBoards).
        const stale = admission.stale && 'kind' in decision
        this.#accept(ws, boardId, stale ? CloseCode.boardDeleted : decision, copyGenerationOf(request.url))
      })
    } finally {
      deciding.done()
      this.#retiring.settle(admission)
    }
  }

  /** The grant for this upgrade, or the close code refusing it. The origin is checked first, before any lookup. */
  async #decide(request: IncomingMessage, boardId: string): Promise<BoardGrant | CloseCode> {
    if (!isOriginAllowed(request.headers, this.#config.allowedOrigins)) {
      this.#logger.info({ closeCode: CloseCode.originNotAllowed.code }, 'refused a board socket from another origin')
      return CloseCode.originNotAllowed
    }
    if (!isBoardId(boardId)) return CloseCode.invalidRoom
    try {
      const decision = await this.#access.authorize(request.headers, boardId)
      if (decision.kind === 'granted') {
        // The hold is asked synchronously for every edit, so it is read before the first one.
        if (decision.role === 'participant' && decision.workshopId !== null) await this.#holds?.ensure(decision.workshopId)
        return decision
      }
      this.#logger.info({ boardId, closeCode: decision.closeCode.code }, 'refused a board socket')
      return decision.closeCode
    } catch (error) {
      this.#logger.error({ err: error, boardId }, 'checking access to a board failed')
      return CloseCode.internalError
    }
  }

  #accept(ws: WebSocket, boardId: string, decision: BoardGrant | CloseCode, copyGeneration: number | null): void {
    ws.on('error', (error) => this.#logger.debug({ err: error }, 'websocket error'))
    stopReadingWhenRefused(ws, this.#timings.socketCloseGraceMs)
    if (this.#closing) {
      ws.close(CloseCode.serviceRestart.code, CloseCode.serviceRestart.reason)
      return
    }
    if (!('kind' in decision)) {
      ws.close(decision.code, decision.reason)
      return
    }
    const budget = new ConnectionBudget(this.#config.budgets, Date.now())
    const connection = new Connection(this.#nextConnectionId++, ws, { boardId, grant: decision, budget, copyGeneration })
    this.#connections.add(connection)
    if (decision.person !== null) this.#announceOnline()
    ws.once('close', () => {
      this.#connections.delete(connection)
      if (decision.person !== null) this.#announceOnline()
    })
    if (decision.sessionExpiresAt !== null) endAtExpiry(connection, decision.sessionExpiresAt, this.#now)
    this.rooms.join(boardId, connection).catch((error: unknown) => {
      this.#logger.error({ err: error, boardId }, 'joining a room failed')
      connection.close(CloseCode.internalError)
    })
  }
}

function waitForClose(socket: WebSocket): Promise<void> {
  if (socket.readyState === socket.CLOSED) return Promise.resolve()
  return new Promise((resolve) => socket.once('close', () => resolve()))
}
