import type { BoardStore, PendingUpdate } from '../../server/src/store/BoardStore.ts'

// Decorators around the real store: the real SQLite store still does every bit of the work; the
// decorator only delays or fails calls on cue, to show what the relay does when storage is slow or down.

/** Replaces some methods of a store, forwarding everything else to it. */
function decorate(store: BoardStore, overrides: Partial<BoardStore>): BoardStore {
  return new Proxy(store, {
    get: (target, property, receiver) =>
      property in overrides
        ? (overrides as Record<string | symbol, unknown>)[property]
        : (Reflect.get(target, property, receiver) as unknown),
  })
}

/**
 * Holds loadBoard calls while closed; opening lets them through to the real store.
 * With `afterReading`, a held call has read the store already and holds back
 * what it read (a load that is slow to come back).
 */
export class LoadGate {
  /** loadBoard calls so far. */
  loads = 0
  /** loadBoard calls waiting at the gate now. */
  waiting = 0
  readonly #afterReading: boolean
  #open = true
  #waiters: Array<() => void> = []

  constructor(options: { afterReading?: boolean } = {}) {
    this.#afterReading = options.afterReading ?? false
  }

  wrap(store: BoardStore): BoardStore {
    return decorate(store, {
      loadBoard: async (boardId: string) => {
        this.loads += 1
        const read = this.#afterReading ? await store.loadBoard(boardId) : null
        if (!this.#open) {
          this.waiting += 1
          await new Promise<void>((resolve) => this.#waiters.push(resolve))
          this.waiting -= 1
        }
        return read ?? store.loadBoard(boardId)
      },
    })
  }

  close(): void {
    this.#open = false
  }

  open(): void {
    this.#open = true
    for (const release of this.#waiters.splice(0)) release()
  }
}

/** Makes appendUpdates (and checkWritable) fail while `failing` is set, as a full or broken disk would. */
export class FailingAppends {
  failing = false
  /** appendUpdates calls that failed. */
  failures = 0
  /** Updates that reached the real store. */
  appended = 0

  wrap(store: BoardStore): BoardStore {
    return decorate(store, {
      appendUpdates: async (batch: readonly PendingUpdate[]) => {
        if (this.failing) {
          this.failures += 1
          throw new Error('disk unavailable (test)')
        }
        const seqs = await store.appendUpdates(batch)
        this.appended += batch.length
        return seqs
      },
      checkWritable: async () => {
        if (this.failing) throw new Error('disk unavailable (test)')
        return store.checkWritable()
      },
    })
  }
}

/** Holds appendUpdates calls while closed (a slow disk mid-commit); opening lets them through to the real store. */
export class AppendGate {
  /** appendUpdates calls waiting at the gate now. */
  waiting = 0
  #open = true
  #waiters: Array<() => void> = []

  wrap(store: BoardStore): BoardStore {
    return decorate(store, {
      appendUpdates: async (batch: readonly PendingUpdate[]) => {
        if (!this.#open) {
          this.waiting += 1
          await new Promise<void>((resolve) => this.#waiters.push(resolve))
          this.waiting -= 1
        }
        return store.appendUpdates(batch)
      },
    })
  }

  close(): void {
    this.#open = false
  }

  open(): void {
    this.#open = true
    for (const release of this.#waiters.splice(0)) release()
  }
}
