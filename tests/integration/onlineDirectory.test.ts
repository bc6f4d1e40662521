import { Redis } from 'ioredis'
import { afterEach, describe, expect, inject, it } from 'vitest'
import { RedisOnlineDirectory, type OnlinePeople } from '../../server/src/cluster/onlineDirectory.ts'
import { waitFor } from '../helpers/waitFor.ts'

// Who has which board of a workshop open, told through Redis by each instance for its own sockets,
// and forgotten by itself when an instance dies.

const cleanups: Array<() => unknown> = []
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.()
})

/** A directory on a Redis connection of its own, as each instance has. */
function instanceDirectory(instanceId: string, options: { ttlMs?: number; url?: string } = {}): RedisOnlineDirectory {
  const redis = new Redis(options.url ?? inject('redisUrl'), { enableOfflineQueue: false, maxRetriesPerRequest: 1 })
  redis.on('error', () => undefined)
  const directory = new RedisOnlineDirectory(redis, instanceId, { ttlMs: options.ttlMs, renewMs: 100 })
  cleanups.push(() => {
    directory.close()
    redis.disconnect()
  })
  return directory
}

function workshop(people: Record<string, string[]>): OnlinePeople {
  return new Map(Object.entries(people).map(([person, boards]) => [person, new Set(boards)]))
}

/** The directory's answer as plain data, people and boards sorted. */
async function onlineAt(directory: RedisOnlineDirectory, workshopId: string, local: OnlinePeople = new Map()): Promise<Record<string, string[]>> {
  const people = await directory.online(workshopId, local)
  return Object.fromEntries([...people].sort(([a], [b]) => a.localeCompare(b)).map(([person, boards]) => [person, [...boards].sort()]))
}

const newWorkshopId = () => `workshop-${Math.random().toString(36).slice(2)}`

describe('the online directory', () => {
  it('[C8] joins the boards each instance says its people have open, and forgets only the board closed', async () => {
    const workshopId = newWorkshopId()
    const first = instanceDirectory('relay-1')
    const second = instanceDirectory('relay-2')
    first.publish(new Map([[workshopId, workshop({ per: ['board-framing', 'board-ideas'], kari: ['board-framing'] })]]))
    second.publish(new Map([[workshopId, workshop({ per: ['board-ideas'], ola: ['board-ideas'] })]]))
    const everyone = { kari: ['board-framing'], ola: ['board-ideas'], per: ['board-framing', 'board-ideas'] }
    await waitFor(async () => JSON.stringify(await onlineAt(first, workshopId)) === JSON.stringify(everyone), { message: 'both instances’ people' })

    // On the first instance Per closes the ideas board and Kari leaves; Per's ideas board on the second stays.
    first.publish(new Map([[workshopId, workshop({ per: ['board-framing'] })]]))
    await waitFor(async () => (await onlineAt(second, workshopId))['kari'] === undefined, { message: 'Kari gone' })
    expect(await onlineAt(second, workshopId)).toEqual({ ola: ['board-ideas'], per: ['board-framing', 'board-ideas'] })
    // Then Per closes it on the second too.
    second.publish(new Map([[workshopId, workshop({ ola: ['board-ideas'] })]]))
    await waitFor(async () => (await onlineAt(first, workshopId))['per']?.length === 1, { message: 'Per on one board' })
    expect(await onlineAt(first, workshopId)).toEqual({ ola: ['board-ideas'], per: ['board-framing'] })
  })

  it('[C8] drops an instance that stopped renewing within its time, and reads an earlier version’s entries as online on no board', async () => {
    const workshopId = newWorkshopId()
    const dying = instanceDirectory('relay-dying', { ttlMs: 500 })
    dying.publish(new Map([[workshopId, workshop({ per: ['board-framing'] })]]))
    const survivor = instanceDirectory('relay-survivor', { ttlMs: 500 })
    await waitFor(async () => (await onlineAt(survivor, workshopId))['per'] !== undefined, { message: 'Per online' })
    // The process dies: nothing is taken back, nothing renewed.
    dying.close()
    await waitFor(async () => (await onlineAt(survivor, workshopId))['per'] === undefined, { message: 'Per gone after the time' })

    const redis = new Redis(inject('redisUrl'))
    cleanups.push(() => redis.disconnect())
    await redis.zadd(`samskap:online:${workshopId}`, Date.now() + 10_000, 'relay-old|kari')
    expect(await onlineAt(survivor, workshopId)).toEqual({ kari: [] })
  })

  it('[C9] answers with this instance’s own people while Redis cannot be reached', async () => {
    const workshopId = newWorkshopId()
    const cut = instanceDirectory('relay-cut', { url: 'redis://127.0.0.1:1' })
    const own = workshop({ per: ['board-framing'] })
    cut.publish(new Map([[workshopId, own]]))
    expect(await onlineAt(cut, workshopId, own)).toEqual({ per: ['board-framing'] })
  })
})
