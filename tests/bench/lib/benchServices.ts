/**
 * The throwaway Postgres and Redis the cluster runs need, from the same
 * helpers the integration tests and `npm run start:cluster` use, tied to the
 * bench's ChildProcesses so an interrupted bench leaves neither running.
 */
import { readFileSync, rmSync } from 'node:fs'
import path from 'node:path'
import pg from 'pg'
import { startLocalPostgres, startLocalRedis, type LocalPostgres, type LocalRedis } from '../../../server/scripts/localServices.ts'
import type { ChildProcesses } from './childProcesses.ts'
import { processAndChildren } from './procStats.ts'

/** A process group whose CPU a load run reports beside the relays'. */
export interface ServiceProcesses {
  name: string
  /** Listed at each end of the window: Postgres forks a backend per connection. */
  pids(): number[]
}

export interface BenchServices {
  postgres: LocalPostgres
  redis: LocalRedis
  /** Postgres' server process and its children (backends, WAL writer, checkpointer …). */
  postgresProcesses: ServiceProcesses
  redisProcesses: ServiceProcesses
  /** A new, empty database in the cluster, so each run starts from nothing. */
  createDatabase(name: string): Promise<string>
  stop(): Promise<void>
}

function postmasterPid(dataDir: string): number {
  const pid = Number(readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n', 1)[0])
  if (!Number.isInteger(pid) || pid <= 0) throw new Error(`no Postgres server pid in ${dataDir}/postmaster.pid`)
  return pid
}

/** Blocks until process `pid` is gone, at most `timeoutMs`: the runner's exit handler cannot await. */
function waitForExitSync(pid: number, timeoutMs: number): void {
  const pause = new Int32Array(new SharedArrayBuffer(4))
  for (const deadline = Date.now() + timeoutMs; Date.now() < deadline; ) {
    try {
      process.kill(pid, 0)
    } catch {
      return
    }
    Atomics.wait(pause, 0, 0, 20)
  }
}

export async function startBenchServices(children: ChildProcesses): Promise<BenchServices> {
  const [startedPostgres, startedRedis] = await Promise.allSettled([startLocalPostgres(), startLocalRedis()])
  if (startedPostgres.status === 'rejected' || startedRedis.status === 'rejected') {
    // The one that started is not left running.
    if (startedPostgres.status === 'fulfilled') await startedPostgres.value.stop()
    if (startedRedis.status === 'fulfilled') await startedRedis.value.stop()
    throw startedPostgres.status === 'rejected' ? startedPostgres.reason : (startedRedis as PromiseRejectedResult).reason
  }
  const postgres = startedPostgres.value
  const redis = startedRedis.value
  const serverPid = postmasterPid(postgres.dataDir)
  // SIGQUIT is Postgres' immediate shutdown; the folder goes with it, as postgres.stop() would remove it,
  // once the server is gone (it writes there until it exits).
  const forgetPostgres = children.whenKilled(() => {
    process.kill(serverPid, 'SIGQUIT')
    waitForExitSync(serverPid, 5000)
    rmSync(postgres.dataDir, { recursive: true, force: true })
  })
  const forgetRedis = children.whenKilled(() => redis.process.kill('SIGKILL'))
  const redisPid = redis.process.pid
  return {
    postgres,
    redis,
    postgresProcesses: { name: 'Postgres', pids: () => processAndChildren(serverPid) },
    redisProcesses: { name: 'Redis', pids: () => (redisPid === undefined ? [] : [redisPid]) },
    createDatabase: async (name) => {
      if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`not a plain database name: ${name}`)
      const admin = new pg.Client({ connectionString: postgres.adminUrl })
      await admin.connect()
      try {
        await admin.query(`CREATE DATABASE ${name}`)
      } finally {
        await admin.end()
      }
      const url = new URL(postgres.adminUrl)
      url.pathname = `/${name}`
      return url.toString()
    },
    stop: async () => {
      await Promise.all([postgres.stop(), redis.stop()])
      forgetPostgres()
      forgetRedis()
    },
  }
}
