import type { BoardStore, ClientClaim, PendingUpdate } from '../../server/src/store/BoardStore.ts'

// Decorators around the real store: the real SQLite store still does every bit of the work; the
// decorator only delays or fails calls on cue, to show what the relay does when storage is slow or down.

/** Replaces some methods of a store, forwarding everything else to it. */
function decorate<S extends object>(store: S, overrides: Partial<S>): S {
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
      appendUpdates: async (batch: readonly PendingUpdate[], claims?: readonly ClientClaim[]) => {
        if (this.failing) {
          this.failures += 1
          throw new Error('disk unavailable (test)')
        }
        const seqs = await store.appendUpdates(batch, claims)
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
      appendUpdates: async (batch: readonly PendingUpdate[], claims?: readonly ClientClaim[]) => {
        if (!this.#open) {
          this.waiting += 1
          await new Promise<void>((resolve) => this.#waiters.push(resolve))
          this.waiting -= 1
        }
        return store.appendUpdates(batch, claims)
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

/**
 * Holds calls of one method of a store, after they have read the store: what they return is what
 * was stored when they were made, handed back late, as a store that truly yields (Postgres,
 * another instance's write in between) can hand it back.
 */
export class ReadGate<S extends object, K extends keyof S & string> {
  readonly #method: K
  /** Calls held now. */
  held = 0
  #holding = false
  #waiters: Array<() => void> = []

  constructor(method: K) {
    this.#method = method
  }

  wrap(store: S): S {
    const real = store[this.#method] as unknown as (...args: unknown[]) => Promise<unknown>
    const gated = async (...args: unknown[]): Promise<unknown> => {
      const holding = this.#holding
      const read = await real.apply(store, args)
      if (holding) {
        this.held += 1
        await new Promise<void>((resolve) => this.#waiters.push(resolve))
        this.held -= 1
      }
      return read
    }
    return decorate(store, { [this.#method]: gated } as unknown as Partial<S>)
  }

  /** Calls made from now on are held (until release). */
  hold(): void {
    this.#holding = true
  }

  /** Calls made from now on pass; those held stay held. */
  passNew(): void {
    this.#holding = false
  }

  /** Hands the held calls their (old) reads. */
  release(): void {
    for (const release of this.#waiters.splice(0)) release()
  }
}
