import type { Redis } from 'ioredis'

/**
 * Who has a board of a workshop open, across instances ("Hvem er her"): each instance tells the
 * directory which people it holds sockets for; asking returns everyone on any instance.
 */
export interface OnlineDirectory {
  /** The people this instance holds sockets for now, per workshop (replaces what it said before). */
  publish(local: ReadonlyMap<string, ReadonlySet<string>>): void
  /** Ids of the people online in the workshop on any instance, given this instance's own. */
  online(workshopId: string, local: ReadonlySet<string>): Promise<ReadonlySet<string>>
  close(): void
}

/** One process: its own sockets are everyone's. */
export class LocalOnlineDirectory implements OnlineDirectory {
  publish(): void {}

  online(_workshopId: string, local: ReadonlySet<string>): Promise<ReadonlySet<string>> {
    return Promise.resolve(local)
  }

  close(): void {}
}

/**
 * In Redis, a sorted set per workshop of `<instance>|<person>` scored by when the entry expires.
 * Each instance renews its entries every `renewMs` (and at once when its people change), so an
 * instance that dies drops out within `ttlMs` without anyone cleaning up after it.
 */
export class RedisOnlineDirectory implements OnlineDirectory {
  readonly #redis: Redis
  readonly #instanceId: string
  readonly #ttlMs: number
  readonly #timer: NodeJS.Timeout
  #local: ReadonlyMap<string, ReadonlySet<string>> = new Map()
  /** The entries this instance wrote last, to remove those whose people have gone. */
  #written = new Map<string, ReadonlySet<string>>()

  constructor(redis: Redis, instanceId: string, options: { ttlMs?: number; renewMs?: number } = {}) {
    this.#redis = redis
    this.#instanceId = instanceId
    this.#ttlMs = options.ttlMs ?? 30_000
    this.#timer = setInterval(() => this.#write(), options.renewMs ?? 10_000)
    this.#timer.unref()
  }

  publish(local: ReadonlyMap<string, ReadonlySet<string>>): void {
    this.#local = local
    this.#write()
  }

  async online(workshopId: string, local: ReadonlySet<string>): Promise<ReadonlySet<string>> {
    // Without Redis, this instance's own people are what it can tell.
    const members = await this.#redis.zrangebyscore(key(workshopId), Date.now(), '+inf').catch(() => [])
    const people = new Set(local)
    for (const member of members) {
      const person = member.slice(member.indexOf('|') + 1)
      if (person !== '') people.add(person)
    }
    return people
  }

  close(): void {
    clearInterval(this.#timer)
  }

  #write(): void {
    const now = Date.now()
    const prefix = `${this.#instanceId}|`
    const batch = this.#redis.multi()
    // Only this instance's members that left go; the other instances' stay.
    for (const [workshopId, wrote] of this.#written) {
      const present = this.#local.get(workshopId)
      const gone = [...wrote].filter((person) => present?.has(person) !== true)
      if (gone.length > 0) batch.zrem(key(workshopId), ...gone.map((person) => `${prefix}${person}`))
    }
    const written = new Map<string, ReadonlySet<string>>()
    for (const [workshopId, people] of this.#local) {
      // Entries nobody renewed (an instance that died) are dropped as they are passed.
      batch.zremrangebyscore(key(workshopId), '-inf', now)
      for (const person of people) batch.zadd(key(workshopId), now + this.#ttlMs, `${prefix}${person}`)
      batch.pexpire(key(workshopId), this.#ttlMs)
      written.set(workshopId, new Set(people))
    }
    this.#written = written
    batch.exec().catch(() => undefined)
  }
}

function key(workshopId: string): string {
  return `samskap:online:${workshopId}`
}
