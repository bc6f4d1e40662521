import type { TestProject } from 'vitest/node'
import { startLocalPostgres, startLocalRedis } from '../../server/scripts/localServices.ts'

// One throwaway Postgres cluster and one Redis server for the whole integration run (each test
// makes its own database in the cluster: see postgres.ts); both are gone when the run ends.

declare module 'vitest' {
  export interface ProvidedContext {
    /** Superuser URL of the run's Postgres cluster. */
    postgresAdminUrl: string
    /** URL of the run's Redis server. */
    redisUrl: string
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const [postgres, redis] = await Promise.all([startLocalPostgres(), startLocalRedis()])
  project.provide('postgresAdminUrl', postgres.adminUrl)
  project.provide('redisUrl', redis.url)
  return async () => {
    await Promise.all([postgres.stop(), redis.stop()])
  }
}
