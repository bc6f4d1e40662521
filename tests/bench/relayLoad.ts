/**
 * Relay load bench: rooms × clients × updates/s against the relay and, in the
 * same run, against the plain broadcast server (the floor). The servers and
 * the load generator are separate processes, so the relay's CPU and RSS come
 * from /proc and the generator does not share an event loop with anything.
 * What runs on the server side is a LoadTarget (lib/loadTargets.ts): the
 * cluster bench runs the same load against relays on Postgres and Redis.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { ChildProcesses, pinnableCpu, syncUrl } from './lib/childProcesses.ts'
import { breakDownProfile, findProfile, monotonicMicros, type ProfileBreakdown } from './lib/cpuProfile.ts'
import { plainTarget, sqliteRelayTarget, type LoadTarget } from './lib/loadTargets.ts'
import { MachineSampler, ProcessGroupSampler, ProcessSampler, waitForQuietMachine, type CpuWindow, type MachineWindow } from './lib/procStats.ts'
import { benchRoomIds } from './lib/servers.ts'
import type { StoreCounters, StoredCheck } from './lib/storeProbes.ts'
import { GeneratorProcess } from './load/generatorProcess.ts'
import type { LoadConfig, LoadResult } from './load/ipc.ts'

export type { StoredCheck } from './lib/storeProbes.ts'

export interface RelayLoadOptions {
  rooms: number
  clientsPerRoom: number
  updatesPerSecond: number
  warmupMs: number
  durationMs: number
  payloadChars: number
  /** Run the servers under `node --cpu-prof` and break their main-thread time down (BENCH_PROFILE=1). */
  profile: boolean
  /** How many times the load section compares the relay with the floor (BENCH_RUNS): one p99 says little. */
  runs: number
}

export const defaultRelayLoadOptions: RelayLoadOptions = {
  profile: process.env.BENCH_PROFILE === '1',
  rooms: 10,
  clientsPerRoom: 20,
  updatesPerSecond: 20,
  warmupMs: 3000,
  durationMs: 20_000,
  payloadChars: 100,
  runs: 1,
}

/**
 * The defaults, with overrides from the environment for exploring a fix:
 * BENCH_ROOMS, BENCH_CLIENTS (per room), BENCH_RATE (updates/s per client),
 * BENCH_SECONDS (measured), BENCH_RUNS (plain-vs-relay comparisons in the load section),
 * BENCH_PROFILE=1 (break the servers' main threads down).
 */
export function relayLoadOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): RelayLoadOptions {
  const read = (name: string, fallback: number, min: number, max: number): number => {
    const raw = env[name]
    if (raw === undefined || raw.trim() === '') return fallback
    const value = Number(raw)
    if (!Number.isInteger(value) || value < min || value > max) {
      throw new Error(`${name} must be a whole number from ${min} to ${max}, got "${raw}"`)
    }
    return value
  }
  const defaults = defaultRelayLoadOptions
  return {
    ...defaults,
    rooms: read('BENCH_ROOMS', defaults.rooms, 1, 1000),
    clientsPerRoom: read('BENCH_CLIENTS', defaults.clientsPerRoom, 2, 1000),
    updatesPerSecond: read('BENCH_RATE', defaults.updatesPerSecond, 1, 500),
    durationMs: read('BENCH_SECONDS', defaults.durationMs / 1000, 1, 600) * 1000,
    runs: read('BENCH_RUNS', defaults.runs, 1, 20),
  }
}

const serverCore = 0
const generatorCore = 1
/** Before each run: how long to wait for other processes on the machine to calm down. */
const quietWaitMs = 15_000
/** Besides warm-up and window: the quiet wait, connecting, draining and shutting down, per run. */
export const loadRunOverheadMs = 60_000

export interface ServerLoadReport {
  /** The target's name: plain, relay, … */
  server: string
  protocol: LoadTarget['protocol']
  /** Server(s) on core 0, generator on core 1. */
  pinned: boolean
  connectMs: number
  load: LoadResult
  /** One per server process (relay instance), in the order the clients took them. */
  serverCpu: CpuWindow[]
  /** The processes the servers depend on (Postgres, Redis) over the window. */
  services: Array<{ name: string; cpuPercent: number; processes: number }>
  generatorCpu: CpuWindow
  /** Whole-machine CPU during the window, and the part used by processes other than the bench's. */
  machine: MachineWindow
  /** Log rows the store gained during the window (null without a store). */
  commits: { rows: number; rowsPerSecond: number; transactionsPerSecond: number | null } | null
  stored: StoredCheck | null
  /** Each server's exit code on SIGTERM (0: it committed what was pending and closed). */
  exitCodes: Array<number | null>
  /** What the servers printed besides their start line (they run at LOG_LEVEL=warn: warnings and errors). */
  serverLog: { lines: number; last: string[] }
  /** Each server's main thread over the window, by kind of work (when profiling). */
  profiles: Array<ProfileBreakdown | null>
}

/** One comparison: the same load against the floor, then the relay. */
export interface LoadPair {
  plain: ServerLoadReport
  relay: ServerLoadReport
}

export interface RelayLoadReport {
  options: RelayLoadOptions
  runs: LoadPair[]
}

/** Reads the store's counters without letting a failure go unhandled until it is awaited. */
function readCounters(target: { counters(rooms: string[]): Promise<StoreCounters> } | null, rooms: string[]): Promise<StoreCounters | Error> | null {
  if (target === null) return null
  return target.counters(rooms).catch((error: unknown) => (error instanceof Error ? error : new Error(String(error))))
}

async function commitsBetween(
  from: Promise<StoreCounters | Error> | null,
  to: Promise<StoreCounters | Error> | null,
  windowMs: number,
): Promise<ServerLoadReport['commits']> {
  if (from === null || to === null) return null
  const [start, end] = await Promise.all([from, to])
  if (start instanceof Error) throw start
  if (end instanceof Error) throw end
  const rows = end.rows - start.rows
  const transactions = start.transactions === null || end.transactions === null ? null : end.transactions - start.transactions
  return {
    rows,
    rowsPerSecond: rows / (windowMs / 1000),
    transactionsPerSecond: transactions === null ? null : transactions / (windowMs / 1000),
  }
}

/** What a server prints when it starts: its URL and, on a fresh database, the first facilitator's setup link. */
const startLines = /is running at |^First start: create the first facilitator/

/** The servers' output lines that are not their start announcement. */
function serverLogOf(outputs: string[]): ServerLoadReport['serverLog'] {
  const lines = outputs
    .flatMap((output) => output.split('\n'))
    .map((line) => line.trim())
    .filter((line) => line !== '' && !startLines.test(line))
  return { lines: lines.length, last: lines.slice(-5) }
}

/** Runs the load against the servers `target` starts, and reads back what they stored. */
export async function runLoadAgainst(
  children: ChildProcesses,
  target: LoadTarget,
  options: RelayLoadOptions,
  log: (line: string) => void,
): Promise<ServerLoadReport> {
  const profileDir = options.profile ? mkdtempSync(path.join(tmpdir(), 'samskap-bench-profile-')) : null
  const serverEnv = profileDir === null ? {} : { NODE_OPTIONS: `--cpu-prof --cpu-prof-interval=2000 --cpu-prof-dir=${profileDir}` }
  // Where pinning isolates: the server on core 0 and the generator on core 1, so they never take turns on one core.
  const pinned = target.pin && pinnableCpu(serverCore) !== null && pinnableCpu(generatorCore) !== null
  const started = await target.start(children, serverEnv, pinned ? serverCore : undefined)
  const { servers, services } = started
  const generator = new GeneratorProcess(children, pinned ? generatorCore : undefined)
  try {
    const rooms = benchRoomIds(target.roomPrefix, options.rooms)
    const config: LoadConfig = {
      syncUrls: servers.map((server) => syncUrl(server.url)),
      rooms,
      clientsPerRoom: options.clientsPerRoom,
      updatesPerSecond: options.updatesPerSecond,
      warmupMs: options.warmupMs,
      durationMs: options.durationMs,
      payloadChars: options.payloadChars,
      server: target.protocol,
      drainTimeoutMs: 10_000,
    }
    generator.send({ type: 'connect', config })
    const { connectMs } = await generator.next('connected', 40_000)
    const quiet = await waitForQuietMachine(quietWaitMs)
    log(
      `  ${target.name}: ${options.rooms * options.clientsPerRoom} clients connected to ${servers.length} server${servers.length === 1 ? '' : 's'} ` +
        `in ${connectMs.toFixed(0)} ms; machine ${quiet.busyPercent.toFixed(0)}% busy after waiting ${(quiet.waitedMs / 1000).toFixed(0)} s ` +
        `for quiet; ${pinned ? 'pinned' : 'not pinned'}; running`,
    )
    const serverSamplers = servers.map((server) => new ProcessSampler(server.pid))
    const serviceSamplers = services.map((service) => new ProcessGroupSampler(() => service.pids()))
    const generatorSampler = new ProcessSampler(generator.pid)
    const machineSampler = new MachineSampler()
    const ours = (): number[] => [...servers.map((s) => s.pid), ...services.flatMap((s) => s.pids()), generator.pid, process.pid]
    let serverCpu: CpuWindow[] | null = null
    let serviceCpu: ServerLoadReport['services'] = []
    let generatorCpu: CpuWindow | null = null
    let machine: MachineWindow | null = null
    let windowUs = { from: 0, to: 0 }
    let countersAtStart: Promise<StoreCounters | Error> | null = null
    let countersAtEnd: Promise<StoreCounters | Error> | null = null
    let windowWallMs = { from: 0, to: 0 }
    generator.send({ type: 'run' })
    const { result } = await generator.next('result', options.warmupMs + options.durationMs + 30_000, (message) => {
      if (message.type === 'window-start') {
        countersAtStart = readCounters(started.store, rooms)
        for (const sampler of [...serverSamplers, ...serviceSamplers, generatorSampler]) sampler.start()
        machineSampler.start(ours)
        windowUs = { from: monotonicMicros(), to: 0 }
        windowWallMs = { from: performance.now(), to: 0 }
      } else if (message.type === 'window-end') {
        countersAtEnd = readCounters(started.store, rooms)
        serverCpu = serverSamplers.map((sampler) => sampler.stop())
        serviceCpu = serviceSamplers.map((sampler, index) => ({ name: services[index]?.name ?? '?', ...sampler.stop() }))
        generatorCpu = generatorSampler.stop()
        machine = machineSampler.stop()
        windowUs = { ...windowUs, to: monotonicMicros() }
        windowWallMs = { ...windowWallMs, to: performance.now() }
      }
    })
    if (serverCpu === null || generatorCpu === null || machine === null) throw new Error('the measurement window never closed')
    const commits = await commitsBetween(countersAtStart, countersAtEnd, windowWallMs.to - windowWallMs.from)
    generator.stop()
    // SIGTERM: a relay commits what is pending and exits 0; the database is then complete.
    const exitCodes = await Promise.all(servers.map((server) => server.stop('SIGTERM')))
    servers.forEach((server, index) => {
      if (target.protocol === 'relay' && exitCodes[index] !== 0) {
        log(`  ${target.name}: server ${index + 1} exited with code ${exitCodes[index]} on SIGTERM:\n${server.output().slice(-4000)}`)
      }
    })
    const stored = started.store === null ? null : await started.store.check(result)
    const profiles = servers.map((server) => {
      const file = profileDir === null ? null : findProfile(profileDir, server.pid)
      return file === null ? null : breakDownProfile(file, windowUs.from, windowUs.to)
    })
    return {
      server: target.name,
      protocol: target.protocol,
      pinned,
      connectMs,
      load: result,
      serverCpu,
      services: serviceCpu,
      generatorCpu,
      machine,
      commits,
      stored,
      exitCodes,
      serverLog: serverLogOf(servers.map((server) => server.output())),
      profiles,
    }
  } finally {
    generator.stop()
    await Promise.all(servers.map((server) => server.stop('SIGKILL', 5000)))
    await started.release()
    if (profileDir !== null) rmSync(profileDir, { recursive: true, force: true })
  }
}

/** Runs the same load against the plain broadcast server, then the relay, `options.runs` times. */
export async function runRelayLoadBench(
  children: ChildProcesses,
  log: (line: string) => void,
  options: RelayLoadOptions = defaultRelayLoadOptions,
): Promise<RelayLoadReport> {
  log(
    `Relay load: ${options.rooms} rooms × ${options.clientsPerRoom} clients × ${options.updatesPerSecond} updates/s, ` +
      `${options.warmupMs / 1000} s warm-up + ${options.durationMs / 1000} s measured` +
      (options.runs > 1 ? `, ${options.runs} runs` : ''),
  )
  const runs: LoadPair[] = []
  const relayTarget = sqliteRelayTarget()
  for (let run = 1; run <= options.runs; run++) {
    const plain = await runLoadAgainst(children, plainTarget, options, log)
    const relay = await runLoadAgainst(children, relayTarget, options, log)
    runs.push({ plain, relay })
    if (options.runs > 1) {
      log(`  run ${run}/${options.runs}: p99 relay / plain = ${(relay.load.latency.p99 / plain.load.latency.p99).toFixed(2)}×`)
    }
  }
  return { options, runs }
}
