/**
 * The server side of a relay load run: which servers to start, how the load's
 * clients spread over them, and where to read back what they stored. The plain
 * broadcast floor, one relay on SQLite, and one or more relays on Postgres
 * (more than one share boards over Redis).
 */
import os from 'node:os'
import { ChildProcesses, pinThreads, type ServerChild } from './childProcesses.ts'
import type { BenchServices, ServiceProcesses } from './benchServices.ts'
import { findDatabaseFile, startPlainBroadcastServer, startRelay, type RelayChild } from './servers.ts'
import { postgresStoreProbe, sqliteStoreProbe, type StoreProbe } from './storeProbes.ts'

export interface LoadTarget {
  /** Names the run in the log and the report. */
  name: string
  /** Prefix of the run's board ids. */
  roomPrefix: string
  /** What the load's clients expect: the relay syncs and acknowledges saves; the plain server only forwards. */
  protocol: 'relay' | 'plain'
  /**
   * Whether the servers go on core 0 and the load generator on core 1. Only where that isolates
   * them: one server process and the generator on a 2-core machine. With Postgres (and Redis, and
   * several relays) there are more busy processes than cores, and pinning would only pick which
   * of them share a core; the scheduler places them instead.
   */
  pin: boolean
  /** Starts the servers with `env` added (profiling), pinned to `cpu` when given. */
  start(children: ChildProcesses, env: NodeJS.ProcessEnv, cpu: number | undefined): Promise<StartedTarget>
}

export interface StartedTarget {
  /** The clients of a room take these in turn. */
  servers: ServerChild[]
  /** Processes the servers depend on, whose CPU is reported beside theirs. */
  services: ServiceProcesses[]
  /** Where the servers store the boards; null for the plain server, which stores nothing. */
  store: StoreProbe | null
  /** After the servers stopped: closes the probe and removes what the run left. */
  release(): Promise<void>
}

export const plainTarget: LoadTarget = {
  name: 'plain',
  roomPrefix: 'plain',
  protocol: 'plain',
  pin: true,
  start: async (children, env, cpu) => {
    const server = await startPlainBroadcastServer(children, env, cpu)
    moveHelperThreads(server.pid, cpu)
    return { servers: [server], services: [], store: null, release: async () => undefined }
  },
}

/**
 * A pinned server's event loop keeps its core to itself, and its helper threads go to the other
 * core: V8's (concurrent compilation and garbage collection, whose point is to leave the event
 * loop) and, in the relay, the SQLite commit thread. The same for the floor and the relay, as a
 * server with more than one core has it; on one shared core every helper's turn is a pause.
 */
function moveHelperThreads(pid: number, cpu: number | undefined): void {
  if (cpu === undefined) return
  const other = (cpu + 1) % os.availableParallelism()
  for (const name of ['V8Worker', 'WorkerThread']) pinThreads(pid, name, other)
}

/** One relay with its SQLite file in a fresh DATA_DIR: the default deployment. */
export function sqliteRelayTarget(name = 'relay'): LoadTarget {
  return {
    name,
    roomPrefix: 'relay',
    protocol: 'relay',
    pin: true,
    start: async (children, env, cpu) => {
      const relay = await startRelay(children, env, cpu)
      moveHelperThreads(relay.pid, cpu)
      const store = sqliteStoreProbe(findDatabaseFile(relay.dataDir))
      return {
        servers: [relay],
        services: [],
        store,
        release: async () => {
          await store.close()
          relay.removeData()
        },
      }
    },
  }
}

/**
 * `instances` relays on a fresh database of the bench's Postgres; with more than one they share
 * boards over the bench's Redis, each under its own INSTANCE_ID.
 */
export function postgresRelayTarget(services: BenchServices, instances: number, name: string): LoadTarget {
  const clustered = instances > 1
  return {
    name,
    roomPrefix: clustered ? 'cluster' : 'pg',
    protocol: 'relay',
    pin: false,
    start: async (children, env, cpu) => {
      const databaseUrl = await services.createDatabase(`bench_${clustered ? 'cluster' : 'single'}_${Date.now().toString(36)}`)
      const relays: RelayChild[] = []
      try {
        // One after the other: each migrates the schema at start, and the first does the work.
        for (let index = 0; index < instances; index++) {
          const relayEnv = {
            ...env,
            DATABASE_URL: databaseUrl,
            INSTANCE_ID: `bench-relay-${index + 1}`,
            ...(clustered ? { REDIS_URL: services.redis.url } : {}),
          }
          relays.push(await startRelay(children, relayEnv, cpu))
        }
      } catch (error) {
        await Promise.all(relays.map((relay) => relay.stop('SIGKILL', 5000)))
        for (const relay of relays) relay.removeData()
        throw error
      }
      const store = postgresStoreProbe(databaseUrl)
      return {
        servers: relays,
        services: clustered ? [services.postgresProcesses, services.redisProcesses] : [services.postgresProcesses],
        store,
        release: async () => {
          await store.close()
          for (const relay of relays) relay.removeData()
        },
      }
    },
  }
}
