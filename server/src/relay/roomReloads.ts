import type { Logger } from '../logger.ts'
import type { BoardStore, StoredBoard } from '../store/BoardStore.ts'
import type { Connection } from './connection.ts'
import { encodeSyncUpdate } from './protocol.ts'
import type { RoomDocument } from './roomDocument.ts'
import type { RoomLog } from './roomLog.ts'

export interface RoomReloadsOptions {
  boardId: string
  store: BoardStore
  document: RoomDocument
  log: RoomLog
  logger: Logger
  retryBaseMs: number
  retryMaxMs: number
  /** The updates applied in this room and not yet committed, oldest first. */
  uncommitted: () => Uint8Array[]
  connections: () => Iterable<Connection>
  /** Starts a connection that joined meanwhile: the relay's sync step 1, presences, then its frames. */
  greet: (connection: Connection) => void
  /** Lets a held connection's frames flow again. */
  release: (connection: Connection) => void
  /** After a reload: what waited for it (joiners' answers, other instances' news) goes on. */
  resumed: () => void
  broadcast: (frame: Uint8Array) => void
  destroyed: () => boolean
}

/**
 * A room reading its board from the store again, with its connections held meanwhile so that
 * their frames are handled in order afterwards: a rebuild replaces a document that a bad update
 * damaged; a catch-up applies rows another instance committed whose message never arrived.
 */
export class RoomReloads {
  readonly #options: RoomReloadsOptions
  #busy = false
  /** Connections that arrived during a reload; greeted when it is done. */
  #waiting: Connection[] = []
  #rebuilds = 0
  #catchUps = 0

  constructor(options: RoomReloadsOptions) {
    this.#options = options
  }

  /** How many times the document was rebuilt, and caught up with the store (the room's stats). */
  get rebuilds(): number {
    return this.#rebuilds
  }

  get catchUps(): number {
    return this.#catchUps
  }

  /** True while the board is being read again (nothing may change the document meanwhile). */
  get busy(): boolean {
    return this.#busy
  }

  /** A new connection: greeted now, or once the reload under way is done. */
  admit(connection: Connection): void {
    if (this.#busy) this.#waiting.push(connection)
    else this.#options.greet(connection)
  }

  forget(connection: Connection): void {
    this.#waiting = this.#waiting.filter((waiting) => waiting !== connection)
  }

  clear(): void {
    this.#waiting = []
  }

  /**
   * Replaces a document that a bad update damaged: what is stored plus what
   * still waits for its commit is exactly every accepted update.
   */
  rebuild(): void {
    if (this.#busy) return
    this.#rebuilds += 1
    const uncommitted = this.#options.uncommitted()
    const { document, log } = this.#options
    void this.#reload('reloading the board', (stored) => {
      document.rebuild(stored, uncommitted)
      log.rebuilt(
        stored,
        uncommitted.reduce((sum, update) => sum + update.length, 0),
      )
    })
  }

  /**
   * Applies what the store has that this room lacks. Unlike a rebuild, the document stays and
   * what it gains is sent to everyone in the room.
   */
  catchUp(): void {
    if (this.#busy || this.#options.destroyed()) return
    this.#catchUps += 1
    const { document, log } = this.#options
    void this.#reload('catching up with the stored board', (stored) => {
      const parts = stored.snapshot === null ? stored.updates : [stored.snapshot, ...stored.updates]
      const { added } = document.applyCommitted(parts)
      log.caughtUp(stored)
      if (added !== null) this.#options.broadcast(encodeSyncUpdate(added))
    })
  }

  /**
   * Holds the room's connections, loads the board from the store (retrying with backoff until it
   * works, or the room leaves memory), hands it to `use`, then lets everything flow again.
   */
  async #reload(what: string, use: (stored: StoredBoard) => void): Promise<void> {
    const { store, boardId, logger, retryBaseMs, retryMaxMs, destroyed } = this.#options
    this.#busy = true
    for (const connection of this.#options.connections()) connection.hold()
    for (let attempt = 0; ; attempt++) {
      if (destroyed()) return
      try {
        const stored = await store.loadBoard(boardId)
        if (destroyed()) return
        use(stored)
        break
      } catch (error) {
        const delay = Math.min(retryBaseMs * 2 ** attempt, retryMaxMs)
        logger.error({ err: error, retryInMs: delay }, `${what} failed; retrying`)
        await new Promise((resolve) => setTimeout(resolve, delay))
      }
    }
    this.#resume()
  }

  /** Frames flow again, joiners are greeted, then what waited for the reload goes on. */
  #resume(): void {
    this.#busy = false
    const waiting = this.#waiting
    this.#waiting = []
    for (const connection of this.#options.connections()) {
      if (!waiting.includes(connection)) this.#options.release(connection)
    }
    for (const connection of waiting) this.#options.greet(connection)
    this.#options.resumed()
  }
}
