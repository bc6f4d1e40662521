import { createJoinCodeThrottle, type JoinCodeThrottle } from '../auth/joinCodeThrottle.ts'
import { createSignInThrottle, type SignInThrottle } from '../auth/signInThrottle.ts'
import type { Config } from '../config.ts'
import type { Logger } from '../logger.ts'
import { LocalBus, type ClusterBus } from './clusterBus.ts'
import { LocalLease, RedisLease, type MaintenanceLease } from './maintenanceLease.ts'
import { LocalOnlineDirectory, RedisOnlineDirectory, type OnlineDirectory } from './onlineDirectory.ts'
import { RedisBus } from './redisBus.ts'
import { createRedisGuessCounter } from './redisGuessCounter.ts'
import { closeRedis, openRedis, whenReady } from './redisConnection.ts'

/** What instances share beyond the database: the bus, leases and the guess throttles. */
export interface ClusterServices {
  bus: ClusterBus
  lease: MaintenanceLease
  online: OnlineDirectory
  loginThrottle: SignInThrottle
  joinThrottle: JoinCodeThrottle
  close(): Promise<void>
}

/**
 * With REDIS_URL, everything several instances must agree on goes through Redis; without it
 * this process is alone, and keeps it all in memory (the embedded default).
 */
export async function openClusterServices(config: Pick<Config, 'redisUrl' | 'redisKeyPrefix' | 'instanceId'>, logger: Logger): Promise<ClusterServices> {
  if (config.redisUrl === null) {
    return {
      bus: new LocalBus(config.instanceId),
      lease: new LocalLease(),
      online: new LocalOnlineDirectory(),
      loginThrottle: createSignInThrottle(),
      joinThrottle: createJoinCodeThrottle(),
      close: () => Promise.resolve(),
    }
  }
  const prefix = config.redisKeyPrefix
  const bus = new RedisBus({ url: config.redisUrl, instanceId: config.instanceId, logger, prefix })
  const redis = openRedis(config.redisUrl, logger, 'leases, throttles, who is online')
  try {
    await Promise.all([bus.start(), whenReady(redis)])
  } catch (error) {
    await Promise.allSettled([bus.close(), closeRedis(redis)])
    throw new Error(`Could not reach Redis at ${config.redisUrl}: ${error instanceof Error ? error.message : String(error)}`, { cause: error })
  }
  return {
    bus,
    lease: new RedisLease(redis, { prefix }),
    online: new RedisOnlineDirectory(redis, config.instanceId, { prefix }),
    loginThrottle: createSignInThrottle(createRedisGuessCounter(redis, `${prefix}:signin`)),
    joinThrottle: createJoinCodeThrottle(createRedisGuessCounter(redis, `${prefix}:joincode`)),
    close: async () => {
      await bus.close()
      await closeRedis(redis)
    },
  }
}
