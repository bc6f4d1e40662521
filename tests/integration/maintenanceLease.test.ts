import { Redis } from 'ioredis'
import { afterEach, describe, expect, inject, it } from 'vitest'
import { RedisLease } from '../../server/src/cluster/maintenanceLease.ts'
import { waitFor } from '../helpers/waitFor.ts'

// Per-board maintenance (compaction) runs on one instance at a time, under a lease in Redis that
// expires by itself when its holder dies.

const cleanups: Array<() => unknown> = []
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.()
})

/** A Redis connection of its own, as each instance has. */
function instanceRedis(): Redis {
  const redis = new Redis(inject('redisUrl'))
  cleanups.push(() => redis.disconnect())
  return redis
}

describe('maintenance leases', () => {
  it('[C4] let one instance at a time run a board’s maintenance', async () => {
    const name = `compact:lease-${Math.random().toString(36).slice(2)}`
    const first = new RedisLease(instanceRedis())
    const second = new RedisLease(instanceRedis())
    let finish = (): void => undefined
    let running = false
    const holding = first.run(name, async () => {
      running = true
      await new Promise<void>((resolve) => {
        finish = resolve
      })
    })
    await waitFor(() => running, { message: 'the first instance running' })
    let ranSecond = false
    expect(await second.run(name, async () => void (ranSecond = true))).toBe(false)
    expect(ranSecond).toBe(false)
    finish()
    expect(await holding).toBe(true)
    expect(await second.run(name, async () => void (ranSecond = true))).toBe(true)
    expect(ranSecond).toBe(true)
  })

  it('[C4] is taken over once an instance that died holding it has been gone for its time', async () => {
    const name = `compact:lease-${Math.random().toString(36).slice(2)}`
    const dying = instanceRedis()
    const doomed = new RedisLease(dying, { ttlMs: 500 })
    let started = false
    // The holder starts, then its connection is gone for good (the process died mid-way): it never releases.
    void doomed.run(name, async () => {
      started = true
      dying.disconnect()
      await new Promise<never>(() => undefined)
    })
    await waitFor(() => started, { message: 'the doomed instance holding the lease' })
    const survivor = new RedisLease(instanceRedis(), { ttlMs: 500 })
    expect(await survivor.run(name, async () => undefined)).toBe(false)
    await waitFor(() => survivor.run(name, async () => undefined), { message: 'the lease taken over after its expiry' })
  })
})
