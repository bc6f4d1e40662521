import { CloseCode } from '../../../shared/src/protocol/closeCodes.ts'
import type { Logger } from '../logger.ts'
import type { BoardStore } from '../store/BoardStore.ts'
import type { CommitQueue } from './commitQueue.ts'
import type { Connection } from './connection.ts'
import { Room } from './room.ts'
import type { CommitEntry, RoomSettings, RoomStats } from './roomTypes.ts'

export interface RoomRegistryOptions {
  store: BoardStore
  commits: CommitQueue<CommitEntry>
  settings: RoomSettings
  logger: Logger
}

/**
 * The rooms in memory. A room loads lazily on its first connection; everyone
 * who connects while it loads waits for that same load (never an empty
 * document), and it unloads once it has had no connection for the idle time and
 * everything in it is stored (it is compacted on the way out).
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
    if (connection.closed) {
      room.idleIfEmpty()
      return
    }
    room.attach(connection)
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
    const stored = await this.#options.store.loadBoard(boardId)
    if (this.#closed) throw new Error('The relay is shutting down.')
    const room = new Room({
      boardId,
      stored,
      store: this.#options.store,
      commits: this.#options.commits,
      settings: this.#options.settings,
      logger: this.#options.logger,
      onIdle: (idle) => void this.#unload(idle),
    })
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
