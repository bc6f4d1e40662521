import type { Redis } from 'ioredis'

/** Who is online in one workshop: each person's id, with the ids of the boards they have open (one per tab or more). */
export type OnlinePeople = ReadonlyMap<string, ReadonlySet<string>>

/**
 * Who has which board of a workshop open, across instances ("Hvem er her"): each instance tells the
 * directory which people it holds sockets for, and on which boards; asking returns everyone on any instance.
 */
export interface OnlineDirectory {
  /** The people this instance holds sockets for now, per workshop (replaces what it said before). */
  publish(local: ReadonlyMap<string, OnlinePeople>): void
  /** The people online in the workshop on any instance and the boards they have open, given this instance's own. */
  online(workshopId: string, local: OnlinePeople): Promise<OnlinePeople>
  close(): void
}

/** One process: its own sockets are everyone's. */
export class LocalOnlineDirectory implements OnlineDirectory {
  publish(): void {}

  online(_workshopId: string, local: OnlinePeople): Promise<OnlinePeople> {
    return Promise.resolve(local)
  }

  close(): void {}
}

/** How long an instance's entry of who is online outlives its last renewal (the records of processing say so). */
export const onlineEntryTtlMs = 30_000

/**
 * In Redis, a sorted set per workshop of `<instance>|<person>|<board>` scored by when the entry
 * expires. Each instance renews its entries every `renewMs` (and at once when its people or their
 * boards change), so an instance that dies drops out within `ttlMs` without anyone cleaning up after it.
 */
export class RedisOnlineDirectory implements OnlineDirectory {
  readonly #redis: Redis
  readonly #instanceId: string
  readonly #ttlMs: number
  readonly #prefix: string
  readonly #timer: NodeJS.Timeout
  #local: ReadonlyMap<string, OnlinePeople> = new Map()
  /** The members this instance wrote last, per workshop, to remove those whose sockets have gone. */
  #written = new Map<string, ReadonlySet<string>>()

  constructor(redis: Redis, instanceId: string, options: { ttlMs?: number; renewMs?: number; prefix?: string } = {}) {
    this.#redis = redis
    this.#instanceId = instanceId
    this.#prefix = options.prefix ?? 'samskap'
    this.#ttlMs = options.ttlMs ?? onlineEntryTtlMs
    this.#timer = setInterval(() => this.#write(), options.renewMs ?? 10_000)
    this.#timer.unref()
  }

  publish(local: ReadonlyMap<string, OnlinePeople>): void {
    this.#local = local
    this.#write()
  }

  async online(workshopId: string, local: OnlinePeople): Promise<OnlinePeople> {
    // Without Redis, this instance's own people are what it can tell.
    const members = await this.#redis.zrangebyscore(this.#key(workshopId), Date.now(), '+inf').catch(() => [])
    const people = new Map<string, Set<string>>()
    const add = (person: string, boardIds: Iterable<string>): void => {
      const boards = people.get(person) ?? new Set()
      for (const boardId of boardIds) boards.add(boardId)
      people.set(person, boards)
    }
    for (const [person, boardIds] of local) add(person, boardIds)
    for (const member of members) {
      // Instance, person and board ids never hold a '|'. An instance of an earlier version writes no board.
      const [, person = '', boardId] = member.split('|')
      if (person !== '') add(person, boardId === undefined || boardId === '' ? [] : [boardId])
    }
    return people
  }

  close(): void {
    clearInterval(this.#timer)
  }

  #write(): void {
    const now = Date.now()
    const batch = this.#redis.multi()
    const written = new Map<string, ReadonlySet<string>>()
    for (const [workshopId, people] of this.#local) {
      const members = new Set<string>()
      for (const [person, boardIds] of people) for (const boardId of boardIds) members.add(`${this.#instanceId}|${person}|${boardId}`)
      written.set(workshopId, members)
    }
    // Only this instance's members that left go; the other instances' stay.
    for (const [workshopId, wrote] of this.#written) {
      const present = written.get(workshopId)
      const gone = [...wrote].filter((member) => present?.has(member) !== true)
      if (gone.length > 0) batch.zrem(this.#key(workshopId), ...gone)
    }
    for (const [workshopId, members] of written) {
      // Entries nobody renewed (an instance that died) are dropped as they are passed.
      batch.zremrangebyscore(this.#key(workshopId), '-inf', now)
      for (const member of members) batch.zadd(this.#key(workshopId), now + this.#ttlMs, member)
      batch.pexpire(this.#key(workshopId), this.#ttlMs)
    }
    this.#written = written
    batch.exec().catch(() => undefined)
  }

  #key(workshopId: string): string {
    return `${this.#prefix}:online:${workshopId}`
  }
}
