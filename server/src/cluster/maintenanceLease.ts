import { randomUUID } from 'node:crypto'
import type { Redis } from 'ioredis'

/**
 * Per-board maintenance (compaction) runs on one instance at a time: whoever holds the board's
 * lease. A lease expires on its own, so an instance that dies mid-way holds nothing for long;
 * what it was doing is one store transaction, so dying mid-way leaves nothing half-done either.
 */
export interface MaintenanceLease {
  /** Runs `work` holding the lease named `name`; resolves to false, without running it, when another holder has it. */
  run(name: string, work: () => Promise<void>): Promise<boolean>
}

/** One process: a lease is a name in a set. */
export class LocalLease implements MaintenanceLease {
  readonly #held = new Set<string>()

  async run(name: string, work: () => Promise<void>): Promise<boolean> {
    if (this.#held.has(name)) return false
    this.#held.add(name)
    try {
      await work()
      return true
    } finally {
      this.#held.delete(name)
    }
  }
}

// Deletes the lease only while it is still ours: after an expiry someone else may hold it.
const releaseScript = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end`

/** Leases as Redis keys set with NX and an expiry (`ttlMs`, longer than any compaction takes). */
export class RedisLease implements MaintenanceLease {
  readonly #redis: Redis
  readonly #ttlMs: number
  readonly #prefix: string

  constructor(redis: Redis, options: { ttlMs?: number; prefix?: string } = {}) {
    this.#redis = redis
    this.#ttlMs = options.ttlMs ?? 60_000
    this.#prefix = options.prefix ?? 'samskap'
  }

  async run(name: string, work: () => Promise<void>): Promise<boolean> {
    const key = `${this.#prefix}:lease:${name}`
    const token = randomUUID()
    const taken = await this.#redis.set(key, token, 'PX', this.#ttlMs, 'NX')
    if (taken !== 'OK') return false
    try {
      await work()
      return true
    } finally {
      await this.#redis.eval(releaseScript, 1, key, token).catch(() => undefined)
    }
  }
}
