import { Redis } from 'ioredis'
import type { Logger } from '../logger.ts'

/**
 * A connection to Redis that never waits for Redis: while it is down, commands fail at once
 * (no offline queue) and their callers fall back (throttles count per instance, rooms catch up
 * from the store later, leases are not taken). ioredis reconnects by itself; trouble is logged
 * once per outage, not once per command.
 */
export function openRedis(url: string, logger: Logger, name: string): Redis {
  const redis = new Redis(url, { enableOfflineQueue: false, maxRetriesPerRequest: 1 })
  let down = false
  redis.on('error', (error: Error) => {
    if (down) return
    down = true
    logger.warn({ err: error, connection: name }, 'Redis cannot be reached; going on without it until it is back')
  })
  redis.on('ready', () => {
    if (down) logger.info({ connection: name }, 'Redis is back')
    down = false
  })
  return redis
}

/** Resolves once the connection is ready; rejects when it is not within `timeoutMs`. */
export function whenReady(redis: Redis, timeoutMs = 10_000): Promise<void> {
  if (redis.status === 'ready') return Promise.resolve()
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      redis.off('ready', onReady)
      reject(new Error(`no answer within ${timeoutMs} ms`))
    }, timeoutMs)
    const onReady = (): void => {
      clearTimeout(timer)
      resolve()
    }
    redis.once('ready', onReady)
  })
}

/** Closes politely when Redis is there (pending replies arrive first), at once when it is not. */
export async function closeRedis(redis: Redis): Promise<void> {
  if (redis.status === 'ready') {
    await redis.quit().catch(() => undefined)
    return
  }
  redis.disconnect()
}
