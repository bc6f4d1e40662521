import { CloseCode } from '../../../shared/src/protocol/closeCodes.ts'
import type { BoardMessage, ClusterBus } from '../cluster/clusterBus.ts'
import type { MaintenanceLease } from '../cluster/maintenanceLease.ts'
import type { Logger } from '../logger.ts'
import type { BoardStore } from '../store/BoardStore.ts'
import type { CommitQueue } from './commitQueue.ts'
import type { Connection } from './connection.ts'
import type { RetiringBoards } from './retiringBoards.ts'
import { Room } from './room.ts'
import { RoomClosedError } from './serverChanges.ts'
import type { CommitEntry, RoomSettings, RoomStats } from './roomTypes.ts'

export interface RoomRegistryOptions {
  store: BoardStore
  commits: CommitQueue<CommitEntry>
  settings: RoomSettings
  logger: Logger
  /** Boards being deleted: joins to them are refused (4411) until their rows are gone. */
  retiring: RetiringBoards
  /** The other instances: a loaded board hears what they commit. */
  bus: ClusterBus
  lease: MaintenanceLease
}

/**
 * The rooms in memory. A room loads lazily on its first connection; everyone
 * who connects while it loads waits for that same load (never an empty
 * document), and it unloads once it has had no connection for the idle time and
 * everything in it is stored (it is compacted on the way out).
 *
 * A room listens to the other instances from before it loads: what they commit after the
 * subscription reaches it, what they committed before is in what it loads, so no update falls
 * between the two (repeats are skipped by seq).
 */
export class RoomRegistry {
  readonly #options: RoomRegistryOptions
  readonly #rooms = new Map<string, Room>()
  readonly #loading = new Map<string, Promise<Room>>()
  #closed = false

  constructor(options: RoomRegistryOptions) {
    this.#options = options
  }

  /** Puts a connection into its board's room, loading the room first if needed. */
  async join(boardId: string, connection: Connection): Promise<void> {
    if (this.#options.retiring.has(boardId)) {
      connection.close(CloseCode.boardDeleted)
      return
    }
    let room = this.#rooms.get(boardId)
    if (room === undefined) {
      try {
        room = await this.#load(boardId)
      } catch (error) {
        if (this.#closed) {
          connection.close(CloseCode.serviceRestart)
        } else {
          this.#options.logger.error({ err: error, boardId }, 'loading a board failed')
          connection.close(CloseCode.internalError)
        }
        return
      }
    }
    // A board whose deletion started while it loaded is dropped by retire(), not put to use.
    if (this.#options.retiring.has(boardId)) connection.close(CloseCode.boardDeleted)
    if (connection.closed) {
      room.idleIfEmpty()
      return
    }
    room.attach(connection)
  }

  /**
   * Runs `use` on a board's room, loading it first if nobody has it open, and keeps it loaded
   * until `use` is done (then it unloads when idle, as ever). Throws for a board being deleted.
   */
  async withRoom<T>(boardId: string, use: (room: Room) => Promise<T> | T): Promise<T> {
    if (this.#options.retiring.has(boardId)) throw new RoomClosedError(boardId)
    const room = this.#rooms.get(boardId) ?? (await this.#load(boardId))
    if (this.#options.retiring.has(boardId) || this.#rooms.get(boardId) !== room) throw new RoomClosedError(boardId)
    const release = room.pin()
    try {
      return await use(room)
    } finally {
      release()
    }
  }

  /** Resolves once a loaded board has stored everything it accepted (at once when it is not loaded). */
  settle(boardId: string): Promise<void> {
    return this.#rooms.get(boardId)?.whenCommitted() ?? Promise.resolve()
  }

  /** The board's room when it is in memory. */
  loadedRoom(boardId: string): Room | null {
    return this.#rooms.get(boardId) ?? null
  }

  isLoaded(boardId: string): boolean {
    return this.#rooms.has(boardId)
  }

  loadedBoardIds(): string[] {
    return [...this.#rooms.keys()]
  }

  /** A loaded room's counters, or null when the board is not in memory. */
  stats(boardId: string): RoomStats | null {
    return this.#rooms.get(boardId)?.stats ?? null
  }

  /**
   * Drops deleted boards from memory without writing anything more for them:
   * waits for loads under way, retires their rooms (no compaction, no
   * snapshot; a snapshot write under way is awaited), and takes their
   * uncommitted updates out of the commit queue; resolves to how many it took.
   * Their sockets must be closed and their joins refused already (RetiringBoards).
   *
   * The updates are dropped rather than committed: the board's rows are
   * deleted right after, their senders have just been told that the board
   * was deleted (4411), so nothing is lost without a word, and a deletion
   * should not wait out a failing store's retries.
   */
  async retire(boardIds: readonly string[]): Promise<number> {
    const ids = new Set(boardIds)
    await Promise.allSettled([...ids].map((boardId) => this.#loading.get(boardId)))
    const retiring: Promise<void>[] = []
    for (const boardId of ids) {
      const room = this.#rooms.get(boardId)
      if (room === undefined) continue
      this.#rooms.delete(boardId)
      retiring.push(room.retire())
    }
    await Promise.all(retiring)
    const dropped = await this.#options.commits.discardBoards(ids)
    return dropped.length
  }

  /** Drops every room from memory (their updates are committed by then: see Relay.close). */
  close(): void {
    this.#closed = true
    for (const room of this.#rooms.values()) room.destroy()
    this.#rooms.clear()
  }

  #load(boardId: string): Promise<Room> {
    let loading = this.#loading.get(boardId)
    if (loading === undefined) {
      loading = this.#createRoom(boardId).finally(() => this.#loading.delete(boardId))
      this.#loading.set(boardId, loading)
    }
    return loading
  }

  async #createRoom(boardId: string): Promise<Room> {
    const started = performance.now()
    let room: Room | null = null
    const early: BoardMessage[] = []
    const unsubscribe = await this.#options.bus.subscribeBoard(
      boardId,
      (message) => {
        if (room === null) early.push(message)
        else room.receiveFromPeers(message)
      },
      // Before the room exists, what it loads is read after the cut anyway.
      () => room?.missedPeers(),
    )
    let stored
    try {
      stored = await this.#options.store.loadBoard(boardId)
      if (this.#closed) throw new Error('The relay is shutting down.')
    } catch (error) {
      unsubscribe()
      throw error
    }
    room = new Room({
      boardId,
      stored,
      store: this.#options.store,
      commits: this.#options.commits,
      settings: this.#options.settings,
      logger: this.#options.logger,
      bus: this.#options.bus,
      lease: this.#options.lease,
      onIdle: (idle) => void this.#unload(idle),
      onDestroy: unsubscribe,
    })
    for (const message of early) room.receiveFromPeers(message)
    this.#rooms.set(boardId, room)
    this.#options.logger.debug(
      { boardId, ms: Math.round(performance.now() - started), logCount: stored.logCount },
      'board loaded',
    )
    return room
  }

  async #unload(room: Room): Promise<void> {
    if (!room.canUnload) {
      room.idleIfEmpty()
      return
    }
    try {
      await room.compact()
    } catch (error) {
      // The log is committed, so nothing is lost; the next load replays it.
      this.#options.logger.warn({ err: error, boardId: room.boardId }, 'compacting a board before unloading failed')
    }
    // Someone may have joined, or written, while the snapshot was written.
    if (!room.canUnload || this.#rooms.get(room.boardId) !== room) {
      room.idleIfEmpty()
      return
    }
    this.#rooms.delete(room.boardId)
    room.destroy()
    this.#options.logger.debug({ boardId: room.boardId }, 'board unloaded')
  }
}
