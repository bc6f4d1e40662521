import type { Logger } from '../logger.ts'
import type { BoardStore, ClientClaim, PendingUpdate } from '../store/BoardStore.ts'

export interface CommitQueueOptions<T extends PendingUpdate> {
  store: BoardStore
  /** Called once per successful commit with the batch, in order, each entry's log seq, and the client ids claimed in it. */
  onCommitted: (entries: readonly T[], seqs: readonly number[], claims: readonly ClientClaim[]) => void
  logger: Logger
  retryBaseMs: number
  retryMaxMs: number
  /**
   * The least time between the starts of two commits (0: none). Each commit costs a transaction
   * and a wait for the disk; under load, gathering a few milliseconds' worth of updates into one
   * costs each update at most that long and saves the CPU of most of the commits.
   */
  windowMs?: number
}

/**
 * Group commit: updates enqueued while a commit is under way, or in the same tick, are appended to
 * storage in one `appendUpdates` call, scheduled with setImmediate (or, within `windowMs` of the
 * last commit's start, when that has passed) so everything the current I/O phase delivered is in
 * the batch. Only one batch is in flight at a time.
 *
 * When a commit fails, the batch is kept at the head of the queue and retried
 * with exponential backoff; nothing in it is acknowledged or broadcast until it
 * is stored, and `failing` stays true (GET /readyz answers 503) until a commit
 * succeeds again.
 */
export class CommitQueue<T extends PendingUpdate> {
  readonly #options: CommitQueueOptions<T>
  #pending: T[] = []
  #inFlight: readonly T[] = []
  /** Client id claims waiting to be stored, with the next batch (in the same transaction). */
  #pendingClaims: ClientClaim[] = []
  #claimsInFlight: readonly ClientClaim[] = []
  #scheduled = false
  #retryTimer: NodeJS.Timeout | null = null
  /** When the last commit started (performance.now()), for the commit window. */
  #lastFlushAt = Number.NEGATIVE_INFINITY
  /** The next commit, waiting for the window to pass. */
  #windowTimer: NodeJS.Timeout | null = null
  #failures = 0
  #idleWaiters: Array<() => void> = []
  /** Called when the batch in flight is stored or has failed. */
  #flushWaiters: Array<() => void> = []

  constructor(options: CommitQueueOptions<T>) {
    this.#options = options
  }

  /** Adds an update to the next batch. */
  enqueue(entry: T): void {
    this.#pending.push(entry)
    this.#schedule()
  }

  /**
   * Adds client id claims to the next batch: enqueued together with an update (in the same
   * turn), they are stored in its transaction; alone (a presence's id), in a batch of their own.
   */
  enqueueClaims(claims: readonly ClientClaim[]): void {
    if (claims.length === 0) return
    this.#pendingClaims.push(...claims)
    this.#schedule()
  }

  /** True while the last commit attempt failed and its batch waits for a retry. */
  get failing(): boolean {
    return this.#failures > 0
  }

  /** Entries not yet committed (queued or in flight), oldest first. */
  uncommitted(): T[] {
    return [...this.#inFlight, ...this.#pending]
  }

  /** Resolves when nothing is queued or in flight, or after `timeoutMs`; true when everything was committed. */
  async drain(timeoutMs: number): Promise<boolean> {
    if (this.#isIdle()) return true
    let timer: NodeJS.Timeout | undefined
    const idle = new Promise<boolean>((resolve) => this.#idleWaiters.push(() => resolve(true)))
    const timeout = new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(false), timeoutMs)
    })
    if (this.#retryTimer !== null) {
      // Shutting down: try once more now instead of waiting out the backoff.
      clearTimeout(this.#retryTimer)
      this.#retryTimer = null
      this.#schedule()
    }
    if (this.#windowTimer !== null) {
      // Nor the commit window.
      clearTimeout(this.#windowTimer)
      this.#windowTimer = null
      setImmediate(() => void this.#flush())
    }
    try {
      return await Promise.race([idle, timeout])
    } finally {
      clearTimeout(timer)
    }
  }

  /**
   * Takes the entries (and client id claims) of `boardIds` out of the queue, uncommitted, and
   * resolves with the entries once none of them is in flight any more (a batch in flight cannot
   * be recalled: it is either stored or fails and comes back to be taken). For boards being
   * deleted; their senders must be told, since nothing ever acknowledges these.
   */
  async discardBoards(boardIds: ReadonlySet<string>): Promise<T[]> {
    const ours = (item: { boardId: string }): boolean => boardIds.has(item.boardId)
    const discarded: T[] = []
    for (;;) {
      discarded.push(...this.#pending.filter(ours))
      this.#pending = this.#pending.filter((entry) => !ours(entry))
      this.#pendingClaims = this.#pendingClaims.filter((claim) => !ours(claim))
      if (!this.#inFlight.some(ours) && !this.#claimsInFlight.some(ours)) break
      await new Promise<void>((resolve) => this.#flushWaiters.push(resolve))
    }
    if (this.#isIdle()) this.#notifyIdle()
    return discarded
  }

  /** Stops retrying; whatever is still queued is dropped (the clients were never told it was saved). */
  close(): void {
    if (this.#retryTimer !== null) clearTimeout(this.#retryTimer)
    this.#retryTimer = null
    if (this.#windowTimer !== null) clearTimeout(this.#windowTimer)
    this.#windowTimer = null
    this.#pending = []
    this.#pendingClaims = []
  }

  #isIdle(): boolean {
    return this.#pending.length === 0 && this.#inFlight.length === 0 && this.#pendingClaims.length === 0 && this.#claimsInFlight.length === 0
  }

  #schedule(): void {
    if (this.#scheduled || this.#retryTimer !== null || this.#inFlight.length > 0 || this.#claimsInFlight.length > 0) return
    this.#scheduled = true
    const wait = this.#lastFlushAt + (this.#options.windowMs ?? 0) - performance.now()
    if (wait <= 0) {
      setImmediate(() => void this.#flush())
      return
    }
    this.#windowTimer = setTimeout(() => {
      this.#windowTimer = null
      void this.#flush()
    }, wait)
  }

  async #flush(): Promise<void> {
    this.#scheduled = false
    if (this.#inFlight.length > 0 || this.#claimsInFlight.length > 0) return
    if (this.#pending.length === 0 && this.#pendingClaims.length === 0) return
    const batch = this.#pending
    const claims = this.#pendingClaims
    this.#lastFlushAt = performance.now()
    this.#pending = []
    this.#pendingClaims = []
    this.#inFlight = batch
    this.#claimsInFlight = claims
    let seqs: number[]
    try {
      seqs = await this.#options.store.appendUpdates(batch, claims)
      if (seqs.length !== batch.length) {
        throw new Error(`appendUpdates returned ${seqs.length} seqs for ${batch.length} updates`)
      }
    } catch (error) {
      this.#inFlight = []
      this.#claimsInFlight = []
      this.#pending = batch.concat(this.#pending)
      this.#pendingClaims = claims.concat(this.#pendingClaims)
      this.#notifyFlushed()
      this.#failures += 1
      const delay = Math.min(this.#options.retryBaseMs * 2 ** (this.#failures - 1), this.#options.retryMaxMs)
      this.#options.logger.error(
        { err: error, updates: batch.length, attempt: this.#failures, retryInMs: delay },
        'committing updates failed; keeping them in memory and retrying',
      )
      this.#retryTimer = setTimeout(() => {
        this.#retryTimer = null
        this.#schedule()
      }, delay)
      return
    }
    this.#inFlight = []
    this.#claimsInFlight = []
    if (this.#failures > 0) this.#options.logger.info({ afterAttempts: this.#failures }, 'storage commits work again')
    this.#failures = 0
    try {
      this.#options.onCommitted(batch, seqs, claims)
    } catch (error) {
      this.#options.logger.error({ err: error }, 'handling a committed batch failed')
    }
    this.#notifyFlushed()
    if (this.#pending.length > 0 || this.#pendingClaims.length > 0) this.#schedule()
    else this.#notifyIdle()
  }

  #notifyFlushed(): void {
    for (const resolve of this.#flushWaiters.splice(0)) resolve()
  }

  #notifyIdle(): void {
    const waiters = this.#idleWaiters
    this.#idleWaiters = []
    for (const resolve of waiters) resolve()
  }
}
