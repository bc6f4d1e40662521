/**
 * Relay load bench: rooms × clients × updates/s against the relay and, in the
 * same run, against the plain broadcast server (the floor). Both servers and
 * the load generator are separate processes, so the relay's CPU and RSS come
 * from /proc and the generator does not share an event loop with anything.
 */
import type { ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import * as Y from 'yjs'
import { openSqliteBoardStore } from '../../server/src/store/sqliteBoardStore.ts'
import { ChildProcesses, pinnableCpu, repoRoot, syncUrl, type ServerChild } from './lib/childProcesses.ts'
import { breakDownProfile, findProfile, monotonicMicros, type ProfileBreakdown } from './lib/cpuProfile.ts'
import { MachineSampler, ProcessSampler, waitForQuietMachine, type CpuWindow } from './lib/procStats.ts'
import { benchRoomIds, findDatabaseFile, startPlainBroadcastServer, startRelay } from './lib/servers.ts'
import { isFromGenerator, type FromGenerator, type LoadConfig, type LoadResult, type ToGenerator } from './load/ipc.ts'

export interface RelayLoadOptions {
  rooms: number
  clientsPerRoom: number
  updatesPerSecond: number
  warmupMs: number
  durationMs: number
  payloadChars: number
  /** Run the servers under `node --cpu-prof` and break their main-thread time down (BENCH_PROFILE=1). */
  profile: boolean
}

export const defaultRelayLoadOptions: RelayLoadOptions = {
  profile: process.env.BENCH_PROFILE === '1',
  rooms: 10,
  clientsPerRoom: 20,
  updatesPerSecond: 20,
  warmupMs: 3000,
  durationMs: 20_000,
  payloadChars: 100,
}

/**
 * The defaults, with overrides from the environment for exploring a fix:
 * BENCH_ROOMS, BENCH_CLIENTS (per room), BENCH_RATE (updates/s per client),
 * BENCH_SECONDS (measured), BENCH_PROFILE=1 (break the servers' main threads down).
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
  }
}

const serverCpu = 0
const generatorCpu = 1
/** Before each run: how long to wait for other processes on the machine to calm down. */
const quietWaitMs = 15_000

/** What the relay's database holds after the run, checked against what was sent. */
export interface StoredCheck {
  /** Clients whose every update is in the stored document (state vector ≥ updates sent). */
  completeClients: number
  clients: number
  /** Updates the stored documents miss, summed over clients. */
  missingUpdates: number
  /** Log rows ever appended (the boards' last seq): every update-carrying message stored once. */
  appendedRows: number
  sent: number
}

export interface ServerLoadReport {
  server: 'relay' | 'plain'
  connectMs: number
  load: LoadResult
  serverCpu: CpuWindow
  generatorCpu: CpuWindow
  /** Whole-machine CPU during the window, and the part used by processes other than the bench's. */
  machine: { busyPercent: number; otherPercent: number }
  stored: StoredCheck | null
  exitCode: number | null
  /** The server's main thread over the window, by kind of work (only when profiling). */
  profile: ProfileBreakdown | null
}

export interface RelayLoadReport {
  options: RelayLoadOptions
  /** Server and generator each pinned to its own core. */
  pinned: boolean
  plain: ServerLoadReport
  relay: ServerLoadReport
}

/** Talks to one load generator process over IPC. */
class GeneratorProcess {
  readonly child: ChildProcess
  readonly #waiters = new Set<(message: FromGenerator) => void>()
  #failure: Error | null = null

  constructor(children: ChildProcesses, cpu: number) {
    this.child = children.forkWorker(path.join(repoRoot, 'tests/bench/load/loadGenerator.ts'), process.env, cpu)
    this.child.on('message', (message: unknown) => {
      if (!isFromGenerator(message)) return
      if (message.type === 'error') this.#fail(new Error(`load generator: ${message.message}`))
      for (const waiter of this.#waiters) waiter(message)
    })
    this.child.once('exit', (code, signal) => this.#fail(new Error(`load generator exited (code ${code}, signal ${signal})`)))
  }

  get pid(): number {
    if (this.child.pid === undefined) throw new Error('load generator has no pid')
    return this.child.pid
  }

  send(message: ToGenerator): void {
    this.child.send(message)
  }

  /** Resolves with the next message of `type`; calls `onOther` for the others meanwhile. */
  next<T extends FromGenerator['type']>(
    type: T,
    timeoutMs: number,
    onOther: (message: FromGenerator) => void = () => undefined,
  ): Promise<Extract<FromGenerator, { type: T }>> {
    return new Promise((resolve, reject) => {
      if (this.#failure !== null) {
        reject(this.#failure)
        return
      }
      const timer = setTimeout(() => finish(new Error(`no "${type}" from the load generator within ${timeoutMs} ms`)), timeoutMs)
      const waiter = (message: FromGenerator): void => {
        if (message.type === 'error') finish(new Error(`load generator: ${message.message}`))
        else if (message.type === type) finish(null, message as Extract<FromGenerator, { type: T }>)
        else onOther(message)
      }
      const onFail = (): void => finish(this.#failure ?? new Error('load generator failed'))
      const finish = (error: Error | null, message?: Extract<FromGenerator, { type: T }>): void => {
        clearTimeout(timer)
        this.#waiters.delete(waiter)
        this.child.off('exit', onFail)
        if (error !== null || message === undefined) reject(error ?? new Error('no message'))
        else resolve(message)
      }
      this.#waiters.add(waiter)
      this.child.once('exit', onFail)
    })
  }

  #fail(error: Error): void {
    this.#failure ??= error
  }

  stop(): void {
    if (this.child.connected) this.child.disconnect()
  }
}

export async function runLoadAgainst(
  children: ChildProcesses,
  serverKind: 'relay' | 'plain',
  options: RelayLoadOptions,
  log: (line: string) => void,
): Promise<ServerLoadReport> {
  const profileDir = options.profile ? mkdtempSync(path.join(tmpdir(), 'samskap-bench-profile-')) : null
  const serverEnv = profileDir === null ? {} : { NODE_OPTIONS: `--cpu-prof --cpu-prof-interval=2000 --cpu-prof-dir=${profileDir}` }
  // The server on core 0 and the generator on core 1, so they never take turns on one core.
  const relay = serverKind === 'relay' ? await startRelay(children, serverEnv, serverCpu) : null
  const server: ServerChild = relay ?? (await startPlainBroadcastServer(children, serverEnv, serverCpu))
  const generator = new GeneratorProcess(children, generatorCpu)
  try {
    const rooms = benchRoomIds(serverKind, options.rooms)
    const config: LoadConfig = {
      syncUrl: syncUrl(server.url),
      rooms,
      clientsPerRoom: options.clientsPerRoom,
      updatesPerSecond: options.updatesPerSecond,
      warmupMs: options.warmupMs,
      durationMs: options.durationMs,
      payloadChars: options.payloadChars,
      server: serverKind,
      drainTimeoutMs: 10_000,
    }
    generator.send({ type: 'connect', config })
    const { connectMs } = await generator.next('connected', 40_000)
    const quiet = await waitForQuietMachine(quietWaitMs)
    log(
      `  ${serverKind}: ${options.rooms * options.clientsPerRoom} clients connected in ${connectMs.toFixed(0)} ms; ` +
        `machine ${quiet.busyPercent.toFixed(0)}% busy after waiting ${(quiet.waitedMs / 1000).toFixed(0)} s for quiet; running`,
    )
    const serverSampler = new ProcessSampler(server.pid)
    const generatorSampler = new ProcessSampler(generator.pid)
    const machineSampler = new MachineSampler()
    let serverCpu: CpuWindow | null = null
    let generatorCpu: CpuWindow | null = null
    let machine: { busyPercent: number; otherPercent: number } | null = null
    let windowUs = { from: 0, to: 0 }
    generator.send({ type: 'run' })
    const { result } = await generator.next('result', options.warmupMs + options.durationMs + 30_000, (message) => {
      if (message.type === 'window-start') {
        serverSampler.start()
        generatorSampler.start()
        machineSampler.start([server.pid, generator.pid, process.pid])
        windowUs = { from: monotonicMicros(), to: 0 }
      } else if (message.type === 'window-end') {
        serverCpu = serverSampler.stop()
        generatorCpu = generatorSampler.stop()
        machine = machineSampler.stop()
        windowUs = { ...windowUs, to: monotonicMicros() }
      }
    })
    if (serverCpu === null || generatorCpu === null || machine === null) throw new Error('the measurement window never closed')
    generator.stop()
    // SIGTERM: the relay commits what is pending and exits 0; the database is then complete.
    const exitCode = await server.stop('SIGTERM')
    if (relay !== null && exitCode !== 0) log(`  relay exited with code ${exitCode} on SIGTERM:\n${relay.output().slice(-4000)}`)
    const stored = relay === null ? null : await checkStored(findDatabaseFile(relay.dataDir), result)
    const profileFile = profileDir === null ? null : findProfile(profileDir)
    const profile = profileFile === null ? null : breakDownProfile(profileFile, windowUs.from, windowUs.to)
    return { server: serverKind, connectMs, load: result, serverCpu, generatorCpu, machine, stored, exitCode, profile }
  } finally {
    generator.stop()
    await server.stop('SIGKILL', 5000)
    relay?.removeData()
    if (profileDir !== null) rmSync(profileDir, { recursive: true, force: true })
  }
}

/** Opens the relay's database after it stopped and checks that every sent update is stored. */
async function checkStored(file: string, result: LoadResult): Promise<StoredCheck> {
  const store = openSqliteBoardStore({ file, retention: { keepLast: 10, keepDaily: 30 } })
  try {
    const byRoom = new Map<string, LoadResult['perClient']>()
    for (const client of result.perClient) byRoom.set(client.room, [...(byRoom.get(client.room) ?? []), client])
    let completeClients = 0
    let missingUpdates = 0
    let appendedRows = 0
    for (const [room, clients] of byRoom) {
      const board = await store.loadBoard(room)
      appendedRows += board.lastSeq
      const doc = new Y.Doc()
      if (board.snapshot !== null) Y.applyUpdate(doc, board.snapshot)
      for (const update of board.updates) Y.applyUpdate(doc, update)
      const stateVector = Y.decodeStateVector(Y.encodeStateVector(doc))
      for (const client of clients) {
        const stored = stateVector.get(client.clientId) ?? 0
        if (stored >= client.updates) completeClients++
        else missingUpdates += client.updates - stored
      }
      doc.destroy()
    }
    return { completeClients, clients: result.perClient.length, missingUpdates, appendedRows, sent: result.sent }
  } finally {
    await store.close()
  }
}

/** Runs the same load against the plain broadcast server, then the relay. */
export async function runRelayLoadBench(
  children: ChildProcesses,
  log: (line: string) => void,
  options: RelayLoadOptions = defaultRelayLoadOptions,
): Promise<RelayLoadReport> {
  log(
    `Relay load: ${options.rooms} rooms × ${options.clientsPerRoom} clients × ${options.updatesPerSecond} updates/s, ` +
      `${options.warmupMs / 1000} s warm-up + ${options.durationMs / 1000} s measured`,
  )
  const plain = await runLoadAgainst(children, 'plain', options, log)
  const relay = await runLoadAgainst(children, 'relay', options, log)
  return { options, pinned: pinnableCpu(serverCpu) !== null && pinnableCpu(generatorCpu) !== null, plain, relay }
}
