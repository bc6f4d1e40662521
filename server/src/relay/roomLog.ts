import type { MaintenanceLease } from '../cluster/maintenanceLease.ts'
import type { Logger } from '../logger.ts'
import type { BoardStore, KeptAssets, StoredBoard } from '../store/BoardStore.ts'
import { CommittedSeqs } from './committedSeqs.ts'

export interface RoomLogOptions {
  boardId: string
  stored: StoredBoard
  store: BoardStore
  logger: Logger
  compactAfterUpdates: number
  compactAfterBytes: number
  /** How long to wait after a failed compaction before trying again. */
  retryMs: number
  /** Compaction runs under the board's lease, so that of several instances one compacts at a time. */
  lease: MaintenanceLease
  /** Tells the other instances that a snapshot now covers the log up to a seq. */
  onCompacted: (coversSeq: number) => void
}

/**
 * A room's view of its board's log: how far it reaches, how large the board is, and when to
 * compact it into a snapshot (after so many updates or bytes, and when the room unloads).
 * Loading starts from the newest snapshot; the rows it covers stay as history in the store.
 *
 * With several instances, rows are also committed elsewhere and arrive over the bus, possibly
 * out of order: a snapshot covers only the seqs this room's document has every row up to
 * (CommittedSeqs), and is written under the board's lease.
 */
export class RoomLog {
  readonly #options: RoomLogOptions
  readonly #seqs: CommittedSeqs
  #logCount: number
  #logBytes: number
  /** Snapshot plus log plus uncommitted bytes: an upper bound of the encoded document's size. */
  #documentBytes: number
  /** The snapshot write under way, if any. */
  #compaction: Promise<void> | null = null
  #compactNotBefore = 0

  constructor(options: RoomLogOptions) {
    this.#options = options
    this.#seqs = new CommittedSeqs(options.stored.lastSeq)
    this.#logCount = options.stored.logCount
    this.#logBytes = options.stored.logBytes
    this.#documentBytes = (options.stored.snapshot?.length ?? 0) + options.stored.logBytes
  }

  /** The highest seq this room knows to be committed. */
  get lastSeq(): number {
    return this.#seqs.highest
  }

  /** The seqs this room's document has every row up to, and whether a row above them is missing. */
  get seqs(): CommittedSeqs {
    return this.#seqs
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

  /** An update was stored as row `seq` (here, or by another instance: then it was applied just now). */
  committed(bytes: number, seq: number): void {
    if (!this.#seqs.add(seq)) return
    this.#logCount += 1
    this.#logBytes += bytes
  }

  /** The document was rebuilt from `stored` plus `uncommittedBytes` not stored yet. */
  rebuilt(stored: StoredBoard, uncommittedBytes: number): void {
    this.#seqs.reachedThrough(stored.lastSeq)
    this.#logCount = stored.logCount
    this.#logBytes = stored.logBytes
    this.#documentBytes = (stored.snapshot?.length ?? 0) + stored.logBytes + uncommittedBytes
  }

  /** The document caught up with `stored` (rows another instance committed that never arrived over the bus). */
  caughtUp(stored: StoredBoard): void {
    this.#seqs.reachedThrough(stored.lastSeq)
    this.#logCount = stored.logCount
    this.#logBytes = stored.logBytes
  }

  /** Another instance wrote a snapshot covering the log up to `coversSeq`: what it covers no longer counts toward compacting. */
  compactedElsewhere(coversSeq: number): void {
    if (coversSeq < this.#seqs.through) return
    this.#logCount = 0
    this.#logBytes = 0
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
    // A row missing below the newest would be covered without being in the snapshot: wait for it.
    if (this.#seqs.hasGap) return Promise.resolve()
    // Taken now, while nothing is uncommitted (the callers' condition): the lease may take a moment.
    const snapshot = { state: state(), coversSeq: this.#seqs.through, count: this.#logCount, bytes: this.#logBytes }
    const name = `compact:${this.#options.boardId}`
    this.#compaction = this.#options.lease
      .run(name, () => this.#writeSnapshot(snapshot))
      .then((ran) => {
        // Another instance is compacting this board: its snapshot will do, so this one waits.
        if (!ran) this.#compactNotBefore = Date.now() + this.#options.retryMs
      })
      .finally(() => {
        this.#compaction = null
      })
    return this.#compaction
  }

  /**
   * Rewrites the board's stored history as `state` alone (BoardStore.rewriteHistory), covering the
   * log up to the last committed seq, under the board's lease as a compaction is. Resolves to
   * false without writing when a compaction is under way, a row below the newest is missing, or
   * another instance holds the lease: the caller tries again. `state` is taken at once (the caller
   * makes sure nothing is uncommitted).
   */
  async rewrite(state: () => Uint8Array, forgetOwner: string | null, keepAssets: KeptAssets | null): Promise<boolean> {
    if (this.#compaction !== null || this.#seqs.hasGap) return false
    const snapshot = { state: state(), coversSeq: this.#seqs.through, count: this.#logCount, bytes: this.#logBytes }
    let written = false
    this.#compaction = this.#options.lease
      .run(`compact:${this.#options.boardId}`, async () => {
        await this.#options.store.rewriteHistory(this.#options.boardId, { state: snapshot.state, coversSeq: snapshot.coversSeq, forgetOwner, keepAssets })
        this.#coveredBy(snapshot)
        written = true
      })
      .then(() => undefined)
      .finally(() => {
        this.#compaction = null
      })
    await this.#compaction
    return written
  }

  /** Compacts when the log wants it; a failure waits `retryMs` before the next attempt. */
  compactIfDue(state: () => Uint8Array): void {
    if (!this.wantsCompaction) return
    this.compact(state).catch((error: unknown) => {
      this.#compactNotBefore = Date.now() + this.#options.retryMs
      this.#options.logger.warn({ err: error }, 'compaction failed; the log is kept and compaction retried later')
    })
  }

  async #writeSnapshot(snapshot: { state: Uint8Array; coversSeq: number; count: number; bytes: number }): Promise<void> {
    const { state, coversSeq, count: coveredCount } = snapshot
    await this.#options.store.writeSnapshot(this.#options.boardId, state, coversSeq)
    this.#coveredBy(snapshot)
    this.#options.logger.debug({ coversSeq, updates: coveredCount, bytes: state.length }, 'board compacted')
  }

  /** A snapshot now covers what the log held when it was taken. */
  #coveredBy(snapshot: { state: Uint8Array; coversSeq: number; count: number; bytes: number }): void {
    this.#logCount -= snapshot.count
    this.#logBytes -= snapshot.bytes
    this.#documentBytes = snapshot.state.length + this.#logBytes
    this.#options.onCompacted(snapshot.coversSeq)
  }
}
