import { Worker } from 'node:worker_threads'
import type { ClientClaim, PendingUpdate } from './BoardStore.ts'

/** What the commit thread opens. */
export interface CommitWorkerData {
  file: string
  busyTimeoutMs: number
}

export interface CommitRequest {
  id: number
  batch: PendingUpdate[]
  claims: ClientClaim[]
  createdAt: number
}

export type CommitReply = { id: number; seqs: number[] } | { id: number; error: string }

/**
 * Group commits of the SQLite board store, run in a worker thread with a connection of its own:
 * with synchronous=FULL a commit waits for the disk, and on the event loop that wait would show
 * in every room's latency. The thread starts with the first commit. SQLite lets one connection
 * write at a time; the other (the stores' main connection, which compacts and deletes) waits
 * for it up to the busy timeout.
 */
export class SqliteCommitThread {
  readonly #data: CommitWorkerData
  #worker: Worker | null = null
  #nextId = 1
  readonly #waiting = new Map<number, { resolve: (seqs: number[]) => void; reject: (error: Error) => void }>()
  readonly #inFlight = new Set<Promise<number[]>>()

  constructor(data: CommitWorkerData) {
    this.#data = data
  }

  append(batch: readonly PendingUpdate[], claims: readonly ClientClaim[], createdAt: number): Promise<number[]> {
    const worker = this.#start()
    const id = this.#nextId++
    // Only the fields the log stores: a relay's entries carry rooms and sockets, which do not cross threads.
    const request: CommitRequest = {
      id,
      batch: batch.map(({ boardId, update, author, touched, kind, detail }) => ({ boardId, update, author, touched, kind, detail })),
      claims: claims.map(({ boardId, clientId, owner }) => ({ boardId, clientId, owner })),
      createdAt,
    }
    const committed = new Promise<number[]>((resolve, reject) => {
      this.#waiting.set(id, { resolve, reject })
      // While a commit is under way the thread keeps the process alive (its caller waits for it).
      worker.ref()
      worker.postMessage(request)
    })
    this.#inFlight.add(committed)
    const settled = (): void => {
      this.#inFlight.delete(committed)
      if (this.#inFlight.size === 0) worker.unref()
    }
    committed.then(settled, settled)
    return committed
  }

  /** Waits for the commits under way, then stops the thread (its connection closes with it). */
  async close(): Promise<void> {
    const worker = this.#worker
    if (worker === null) return
    await Promise.allSettled(this.#inFlight)
    this.#worker = null
    await worker.terminate()
  }

  #start(): Worker {
    if (this.#worker !== null) return this.#worker
    const worker = new Worker(new URL('./sqliteCommitWorker.ts', import.meta.url), { workerData: this.#data })
    worker.on('message', (reply: CommitReply) => {
      const waiter = this.#waiting.get(reply.id)
      if (waiter === undefined) return
      this.#waiting.delete(reply.id)
      if ('seqs' in reply) waiter.resolve(reply.seqs)
      else waiter.reject(new Error(reply.error))
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
