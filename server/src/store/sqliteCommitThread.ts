import { Worker } from 'node:worker_threads'
import type { ClientClaim, PendingUpdate, SnapshotInfo } from './BoardStore.ts'
import { encodeBatch } from './sqliteBatchWire.ts'
import type { SnapshotWrite } from './sqliteWrites.ts'
import { BoardStoreError, type BoardStoreErrorCode } from './storeErrors.ts'

/** What the commit thread opens. */
export interface CommitWorkerData {
  file: string
  busyTimeoutMs: number
}

export type WriteRequest =
  /** `batch`: the updates and claims as sqliteBatchWire.ts encodes them. */
  | { kind: 'append'; id: number; batch: ArrayBuffer; createdAt: number }
  | { kind: 'snapshot'; id: number; write: SnapshotWrite }
  /** A small write proving that a commit goes through (GET /readyz). */
  | { kind: 'health'; id: number; now: number }
  /** Deleted rows made unreadable in the file (sqliteMaintenance.ts), in turn with the commits. */
  | { kind: 'scrub'; id: number }

export type WriteReply =
  | { id: number; seqs: number[] }
  | { id: number; snapshot: SnapshotInfo }
  | { id: number; healthy: true }
  | { id: number; scrubbed: true }
  /** `code` when the store refused (a BoardStoreError), null when SQLite failed. */
  | { id: number; error: { code: BoardStoreErrorCode | null; message: string } }

type Waiter = { resolve: (reply: WriteReply) => void; reject: (error: Error) => void }

/**
 * The SQLite board store's writes that wait for the disk (group commits and compaction's
 * snapshots), run in a worker thread with a connection of its own: with synchronous=FULL a
 * commit waits for the disk, and on the event loop that wait would show in every room's latency.
 * The thread starts with the store. SQLite lets one connection write at a time; the other
 * (the stores' main connection, for the HTTP side's writes) waits for it up to the busy timeout.
 */
export class SqliteCommitThread {
  readonly #data: CommitWorkerData
  #worker: Worker | null = null
  #nextId = 1
  readonly #waiting = new Map<number, Waiter>()
  readonly #inFlight = new Set<Promise<WriteReply>>()
  /** Closed for good: a later write must not start a new thread. */
  #closed = false

  constructor(data: CommitWorkerData) {
    this.#data = data
    // Started now, not with the first write: a thread takes a moment to load, and the first
    // person to edit should not wait for it.
    this.#start()
  }

  /** A group commit; resolves to each update's seq. */
  async append(batch: readonly PendingUpdate[], claims: readonly ClientClaim[], createdAt: number): Promise<number[]> {
    // Only what the log stores, in one buffer handed over, not copied.
    const encoded = encodeBatch(batch, claims)
    const reply = await this.#send((id) => ({ kind: 'append', id, batch: encoded, createdAt }), [encoded])
    if (!('seqs' in reply)) throw new Error('the commit thread answered a commit with something else')
    return reply.seqs
  }

  /** A compaction's snapshot (see writeSnapshotTo). */
  async writeSnapshot(write: SnapshotWrite): Promise<SnapshotInfo> {
    const reply = await this.#send((id) => ({ kind: 'snapshot', id, write }))
    if (!('snapshot' in reply)) throw new Error('the commit thread answered a snapshot with something else')
    return reply.snapshot
  }

  /** Resolves once the thread has committed a small write (the store can take writes now). */
  async touchHealth(now: number): Promise<void> {
    const reply = await this.#send((id) => ({ kind: 'health', id, now }))
    if (!('healthy' in reply)) throw new Error('the commit thread answered a health check with something else')
  }

  /** Vacuums the file and truncates its write-ahead log (see scrubSqliteFile); resolves when done. */
  async scrubDeleted(): Promise<void> {
    const reply = await this.#send((id) => ({ kind: 'scrub', id }))
    if (!('scrubbed' in reply)) throw new Error('the commit thread answered a scrub with something else')
  }

  #send(request: (id: number) => WriteRequest, transfer: ArrayBuffer[] = []): Promise<WriteReply> {
    if (this.#closed) return Promise.reject(new Error('the SQLite commit thread is closed'))
    const worker = this.#start()
    const id = this.#nextId++
    const done = new Promise<WriteReply>((resolve, reject) => {
      this.#waiting.set(id, { resolve, reject })
      // While a write is under way the thread keeps the process alive (its caller waits for it).
      worker.ref()
      worker.postMessage(request(id), transfer)
    })
    this.#inFlight.add(done)
    const settled = (): void => {
      this.#inFlight.delete(done)
      if (this.#inFlight.size === 0) worker.unref()
    }
    done.then(settled, settled)
    return done
  }

  /** Waits for the commits under way, then stops the thread (its connection closes with it). */
  async close(): Promise<void> {
    this.#closed = true
    const worker = this.#worker
    if (worker === null) return
    await Promise.allSettled(this.#inFlight)
    this.#worker = null
    await worker.terminate()
  }

  #start(): Worker {
    if (this.#worker !== null) return this.#worker
    const worker = new Worker(new URL('./sqliteCommitWorker.ts', import.meta.url), { workerData: this.#data })
    worker.on('message', (reply: WriteReply) => {
      const waiter = this.#waiting.get(reply.id)
      if (waiter === undefined) return
      this.#waiting.delete(reply.id)
      if (!('error' in reply)) waiter.resolve(reply)
      else if (reply.error.code !== null) waiter.reject(new BoardStoreError(reply.error.code, reply.error.message))
      else waiter.reject(new Error(reply.error.message))
    })
    const failAll = (error: Error): void => {
      for (const { reject } of this.#waiting.values()) reject(error)
      this.#waiting.clear()
      if (this.#worker === worker) this.#worker = null
    }
    worker.on('error', failAll)
    worker.on('exit', (code) => failAll(new Error(`the SQLite commit thread stopped (exit code ${code})`)))
    // Idle, the thread does not keep the process alive.
    worker.unref()
    this.#worker = worker
    return worker
  }
}
