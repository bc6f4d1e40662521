import { randomBytes } from 'node:crypto'
import { inject } from 'vitest'
import { pino } from 'pino'
import { startServer, type RunningServer } from '../../server/src/app.ts'
import type { Config } from '../../server/src/config.ts'
import { freshPostgresDatabase } from './postgres.ts'
import { createDataDir, removeDataDir, spawnServer, testConfig, type ChildServer } from './server.ts'

// Several relay instances on one Postgres database and the run's Redis, as a deployment behind a
// load balancer runs them: in this process (to reach their stores and relays) or as child
// processes (to kill one with SIGKILL).

export interface ClusterDatabase {
  databaseUrl: string
  redisUrl: string
  /**
   * The cluster's own keys and channels in the run's Redis (REDIS_KEY_PREFIX): leases, throttle
   * counts and who is online of clusters in other test files never meet this one's.
   */
  redisKeyPrefix?: string
  drop(): Promise<void>
}

/** A fresh database for one cluster, and the run's Redis under a prefix of its own. */
export async function clusterDatabase(): Promise<ClusterDatabase> {
  const database = await freshPostgresDatabase()
  const redisKeyPrefix = `samskap-test-${randomBytes(6).toString('hex')}`
  return { databaseUrl: database.url, redisUrl: inject('redisUrl'), redisKeyPrefix, drop: database.drop }
}

export interface InProcessInstance {
  running: RunningServer
  url: string
  syncUrl: string
  close(): Promise<void>
}

/**
 * Starts `count` instances in this process, one after the other (the first seeds the database and
 * prints the setup link), each opening its own pool and Redis connections as a separate process would.
 * With `now`, all of them read that clock (sessions, links, sign-in delays), which the test moves.
 */
export async function startInstances(
  count: number,
  cluster: ClusterDatabase,
  overrides: Partial<Config> = {},
  options: { now?: () => number; retentionSweepMs?: number } = {},
): Promise<InProcessInstance[]> {
  const instances: InProcessInstance[] = []
  for (let index = 0; index < count; index++) {
    const dataDir = createDataDir()
    const config = testConfig(dataDir, {
      databaseUrl: cluster.databaseUrl,
      redisUrl: cluster.redisUrl,
      ...(cluster.redisKeyPrefix === undefined ? {} : { redisKeyPrefix: cluster.redisKeyPrefix }),
      instanceId: `relay-${index + 1}-${Math.random().toString(36).slice(2, 8)}`,
      ...overrides,
    })
    const logger = pino({ level: process.env['SAMSKAP_TEST_LOG_LEVEL'] ?? 'silent' })
    const running = await startServer(config, { logger, now: options.now, retentionSweepMs: options.retentionSweepMs })
    instances.push({
      running,
      url: running.url,
      syncUrl: `${running.url.replace(/^http/, 'ws')}/sync`,
      async close() {
        await running.close()
        removeDataDir(dataDir)
      },
    })
  }
  return instances
}

/** Starts `count` instances as child processes (`node server/src/main.ts`) on the cluster's database and Redis. */
export async function spawnInstances(count: number, cluster: ClusterDatabase, env: Record<string, string> = {}): Promise<ChildServer[]> {
  const children: ChildServer[] = []
  for (let index = 0; index < count; index++) {
    const dataDir = createDataDir()
    const prefix: Record<string, string> = cluster.redisKeyPrefix === undefined ? {} : { REDIS_KEY_PREFIX: cluster.redisKeyPrefix }
    const child = await spawnServer(dataDir, { DATABASE_URL: cluster.databaseUrl, REDIS_URL: cluster.redisUrl, INSTANCE_ID: `relay-${index + 1}`, ...prefix, ...env })
    void new Promise((resolve) => child.child.once('exit', resolve)).then(() => removeDataDir(dataDir))
    children.push(child)
  }
  return children
}

/**
 * A load balancer's choice for each (re)connection: the next instance still alive, round-robin,
 * starting at `first` (so clients can be spread over the instances).
 */
export function roundRobin(instances: readonly { syncUrl: string }[], isAlive: (index: number) => boolean, first = 0): (url: string) => string {
  let next = first
  return (url) => {
    for (let tried = 0; tried < instances.length; tried++) {
      const index = next % instances.length
      next += 1
      const instance = instances[index]
      if (instance !== undefined && isAlive(index)) {
        const path = new URL(url).pathname.replace(/^\/sync/, '')
        return `${instance.syncUrl}${path}`
      }
    }
    return url
  }
}
