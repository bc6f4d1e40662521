/**
 * Cluster bench: the load section's load (rooms × clients × updates/s) against
 * the plain broadcast floor, one relay on SQLite, one relay on Postgres, and
 * three relays on Postgres sharing boards over Redis, each room's clients
 * spread over the three in turn (no sticky sessions). Postgres and Redis are
 * throwaway local servers started for the section.
 */
import { startBenchServices } from './lib/benchServices.ts'
import type { ChildProcesses } from './lib/childProcesses.ts'
import { plainTarget, postgresRelayTarget, sqliteRelayTarget, type LoadTarget } from './lib/loadTargets.ts'
import { loadRunOverheadMs, runLoadAgainst, type RelayLoadOptions, type ServerLoadReport } from './relayLoad.ts'

/** Relay instances sharing boards in the clustered run. */
export const clusterInstances = 3

export interface ClusterReport {
  options: RelayLoadOptions
  /** The plain broadcast server: what every relay run is compared with. */
  floor: ServerLoadReport
  /** One relay on SQLite, one on Postgres, then the instances on Postgres + Redis. */
  relays: ServerLoadReport[]
}

/** The section's time budget: four runs, and starting and stopping Postgres and Redis. */
export function clusterTimeoutMs(options: RelayLoadOptions): number {
  // The clustered run starts three relays and checks a shared database: a little more than the others.
  return 4 * (options.warmupMs + options.durationMs + loadRunOverheadMs) + 2 * 60_000
}

export async function runClusterBench(
  children: ChildProcesses,
  log: (line: string) => void,
  options: RelayLoadOptions,
): Promise<ClusterReport> {
  log(
    `Cluster load: ${options.rooms} rooms × ${options.clientsPerRoom} clients × ${options.updatesPerSecond} updates/s, ` +
      `${options.warmupMs / 1000} s warm-up + ${options.durationMs / 1000} s measured, against the plain floor, ` +
      `a relay on SQLite, a relay on Postgres and ${clusterInstances} relays on Postgres + Redis`,
  )
  log(
    '  The floor and the SQLite relay run pinned as in the load section (server on core 0, generator on core 1). ' +
      'The Postgres runs are not pinned: the relay(s), Postgres, Redis and the generator are more busy processes ' +
      'than this machine has cores, so pinning could not keep them apart.',
  )
  const services = await startBenchServices(children)
  try {
    const floor = await runLoadAgainst(children, plainTarget, options, log)
    const targets: LoadTarget[] = [
      sqliteRelayTarget('relay · SQLite'),
      postgresRelayTarget(services, 1, 'relay · Postgres'),
      postgresRelayTarget(services, clusterInstances, `${clusterInstances} relays · Postgres + Redis`),
    ]
    const relays: ServerLoadReport[] = []
    for (const target of targets) relays.push(await runLoadAgainst(children, target, options, log))
    return { options, floor, relays }
  } finally {
    await services.stop()
  }
}
