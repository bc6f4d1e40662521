import type { Logger } from '../logger.ts'
import type { BoardStore, StoredBoard } from '../store/BoardStore.ts'

export interface RoomLogOptions {
  boardId: string
  stored: StoredBoard
  store: BoardStore
  logger: Logger
  compactAfterUpdates: number
  compactAfterBytes: number
  /** How long to wait after a failed compaction before trying again. */
  retryMs: number
}

/**
 * A room's view of its board's log: how far it reaches, how large the board is, and when to
 * compact it into a snapshot (after so many updates or bytes, and when the room unloads).
 * Loading starts from the newest snapshot; the rows it covers stay as history in the store.
 */
export class RoomLog {
  readonly #options: RoomLogOptions
  #lastSeq: number
  #logCount: number
  #logBytes: number
  /** Snapshot plus log plus uncommitted bytes: an upper bound of the encoded document's size. */
  #documentBytes: number
  /** The snapshot write under way, if any. */
  #compaction: Promise<void> | null = null
  #compactNotBefore = 0

  constructor(options: RoomLogOptions) {
    this.#options = options
    this.#lastSeq = options.stored.lastSeq
    this.#logCount = options.stored.logCount
    this.#logBytes = options.stored.logBytes
    this.#documentBytes = (options.stored.snapshot?.length ?? 0) + options.stored.logBytes
  }

  get lastSeq(): number {
    return this.#lastSeq
  }

  get logCount(): number {
    return this.#logCount
  }

  get logBytes(): number {
    return this.#logBytes
  }

  get documentBytes(): number {
    return this.#documentBytes
  }

  /** A snapshot is being written. */
  get compacting(): boolean {
    return this.#compaction !== null
  }

  /** The snapshot write under way, if any (a deleted board waits for it). */
  get compaction(): Promise<void> | null {
    return this.#compaction
  }

  /** An update was applied (it counts toward the board's size from now on). */
  applied(bytes: number): void {
    this.#documentBytes += bytes
  }

  /** An update was stored as row `seq`. */
  committed(bytes: number, seq: number): void {
    this.#lastSeq = Math.max(this.#lastSeq, seq)
    this.#logCount += 1
    this.#logBytes += bytes
  }

  /** The document was rebuilt from `stored` plus `uncommittedBytes` not stored yet. */
  rebuilt(stored: StoredBoard, uncommittedBytes: number): void {
    this.#documentBytes = (stored.snapshot?.length ?? 0) + stored.logBytes + uncommittedBytes
  }

  /** True when the log has grown past a threshold and no failed compaction asks to wait. */
  get wantsCompaction(): boolean {
    const { compactAfterUpdates, compactAfterBytes } = this.#options
    if (this.#logCount < compactAfterUpdates && this.#logBytes < compactAfterBytes) return false
    return Date.now() >= this.#compactNotBefore
  }

  /**
   * Stores `state` (the room's whole document, everything committed and nothing else) as a
   * snapshot covering the log up to the last committed seq. Nothing when the log is empty or a
   * snapshot is being written already; a failure is passed on (the log is kept).
   */
  compact(state: () => Uint8Array): Promise<void> {
    if (this.#compaction !== null || this.#logCount === 0) return this.#compaction ?? Promise.resolve()
    this.#compaction = this.#writeSnapshot(state()).finally(() => {
      this.#compaction = null
    })
    return this.#compaction
  }

  /** Compacts when the log wants it; a failure waits `retryMs` before the next attempt. */
  compactIfDue(state: () => Uint8Array): void {
    if (!this.wantsCompaction) return
    this.compact(state).catch((error: unknown) => {
      this.#compactNotBefore = Date.now() + this.#options.retryMs
      this.#options.logger.warn({ err: error }, 'compaction failed; the log is kept and compaction retried later')
    })
  }

  async #writeSnapshot(state: Uint8Array): Promise<void> {
    const coversSeq = this.#lastSeq
    const coveredCount = this.#logCount
    const coveredBytes = this.#logBytes
    await this.#options.store.writeSnapshot(this.#options.boardId, state, coversSeq)
    this.#logCount -= coveredCount
    this.#logBytes -= coveredBytes
    this.#documentBytes = state.length + this.#logBytes
    this.#options.logger.debug({ coversSeq, updates: coveredCount, bytes: state.length }, 'board compacted')
  }
}
