/**
 * Child processes of the bench: servers (the relay, the plain broadcast server)
 * and workers (the load generator). Every child, and every service a run
 * started outside this tree of processes (Postgres), is registered with one
 * {@link ChildProcesses} instance, so the runner can kill whatever is still
 * alive when it exits or gets a signal.
 */
import { fork, spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..')

/** Node 24 from the `node` devDependency: the same runtime `npm start` uses. */
export const nodeBinary = path.join(repoRoot, 'node_modules/.bin/node')

const tasksetBinary = '/usr/bin/taskset'

/**
 * The core a child may be pinned to, or null when pinning is not possible
 * (no taskset, or not that many cores). taskset execs the command, so the
 * child's pid stays the one /proc is read for.
 */
export function pinnableCpu(cpu: number | undefined): number | null {
  if (cpu === undefined || !existsSync(tasksetBinary) || os.availableParallelism() <= cpu) return null
  return cpu
}

export interface ServerChild {
  pid: number
  /** The http(s) URL the server printed when it started listening. */
  url: string
  child: ChildProcess
  /** Output the server wrote so far (stdout and stderr, capped), for error reports. */
  output(): string
  /** Sends `signal` and resolves with the exit code (null when killed by a signal). */
  stop(signal?: NodeJS.Signals, timeoutMs?: number): Promise<number | null>
}

export interface StartServerOptions {
  script: string
  env: NodeJS.ProcessEnv
  /** Matches the line that announces the URL; capture group 1 is the URL. */
  readyLine: RegExp
  timeoutMs?: number
  /** Pin the server to this core (see pinnableCpu). */
  cpu?: number
  /** Node's own flags for the server (V8's GC flags are not accepted in NODE_OPTIONS). */
  nodeFlags?: readonly string[]
}

const maxKeptOutput = 64 * 1024

export class ChildProcesses {
  readonly #alive = new Set<ChildProcess>()
  readonly #otherKills = new Set<() => void>()

  /** Starts a server script on Node 24 and resolves once it printed its URL. */
  async startServer(options: StartServerOptions): Promise<ServerChild> {
    const cpu = pinnableCpu(options.cpu)
    const flags = options.nodeFlags ?? []
    const [command, args] =
      cpu === null ? [nodeBinary, [...flags, options.script]] : [tasksetBinary, ['-c', String(cpu), nodeBinary, ...flags, options.script]]
    const child = spawn(command, args, {
      cwd: repoRoot,
      env: options.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    this.#track(child)
    let output = ''
    const keep = (chunk: Buffer): void => {
      output = (output + chunk.toString('utf8')).slice(-maxKeptOutput)
    }
    child.stdout?.on('data', keep)
    child.stderr?.on('data', keep)
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => {
        fail(new Error(`${options.script} did not announce its URL within ${options.timeoutMs ?? 30_000} ms`))
      }, options.timeoutMs ?? 30_000)
      const onData = (): void => {
        const match = options.readyLine.exec(output)
        if (match?.[1] !== undefined) {
          cleanup()
          resolve(match[1])
        }
      }
      const onExit = (code: number | null, signal: string | null): void => {
        fail(new Error(`${options.script} exited (code ${code}, signal ${signal}) before listening:\n${output}`))
      }
      const fail = (error: Error): void => {
        cleanup()
        child.kill('SIGKILL')
        reject(error)
      }
      const cleanup = (): void => {
        clearTimeout(timer)
        child.stdout?.off('data', onData)
        child.stderr?.off('data', onData)
        child.off('exit', onExit)
      }
      child.stdout?.on('data', onData)
      child.stderr?.on('data', onData)
      child.once('exit', onExit)
    })
    if (child.pid === undefined) throw new Error(`${options.script} has no pid`)
    return {
      pid: child.pid,
      url,
      child,
      output: () => output,
      stop: (signal = 'SIGTERM', timeoutMs = 15_000) => stopChild(child, signal, timeoutMs),
    }
  }

  /** Forks a worker script on Node 24 (with `nodeFlags`) with an IPC channel, pinned to core `cpu` when given and possible. */
  forkWorker(script: string, env: NodeJS.ProcessEnv = process.env, cpu?: number, nodeFlags: string[] = []): ChildProcess {
    const pinned = pinnableCpu(cpu)
    const child = fork(script, [], {
      cwd: repoRoot,
      env,
      // fork runs `execPath ...execArgv script`: through taskset when pinned.
      execPath: pinned === null ? nodeBinary : tasksetBinary,
      execArgv: pinned === null ? nodeFlags : ['-c', String(pinned), nodeBinary, ...nodeFlags],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    })
    this.#track(child)
    return child
  }

  /**
   * Registers how to end a process that is not our child (a Postgres server, which pg_ctl
   * detaches) or not started here, so killAll ends it too. `kill` must be synchronous: it may
   * run in an exit handler. The result unregisters it once it was stopped the ordinary way.
   */
  whenKilled(kill: () => void): () => void {
    this.#otherKills.add(kill)
    return () => this.#otherKills.delete(kill)
  }

  /** SIGKILLs every child still alive, and ends what whenKilled registered; used on exit and on signals. */
  killAll(): void {
    for (const child of this.#alive) child.kill('SIGKILL')
    for (const kill of this.#otherKills) {
      try {
        kill()
      } catch {
        // already gone
      }
    }
    this.#otherKills.clear()
  }

  #track(child: ChildProcess): void {
    this.#alive.add(child)
    child.once('exit', () => this.#alive.delete(child))
  }
}

/** Sends a signal and waits for the exit; SIGKILLs after `timeoutMs`. */
export function stopChild(child: ChildProcess, signal: NodeJS.Signals, timeoutMs: number): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode)
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs)
    child.once('exit', (code) => {
      clearTimeout(timer)
      resolve(code)
    })
    child.kill(signal)
  })
}

/** The ws:// base URL of a server's sync endpoint, from the http:// URL it printed. */
export function syncUrl(httpUrl: string, syncPath = '/sync'): string {
  const url = new URL(httpUrl)
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:'
  url.pathname = syncPath
  return url.toString().replace(/\/$/, '')
}

/**
 * Moves a pinned process's threads called `name` (a worker thread's "WorkerThread") to core `cpu`,
 * so that they do not take turns with its event loop on its one core; returns how many moved.
 */
export function pinThreads(pid: number, name: string, cpu: number): number {
  if (pinnableCpu(cpu) === null) return 0
  let moved = 0
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    let comm: string
    try {
      comm = readFileSync(`/proc/${pid}/task/${tid}/comm`, 'utf8').trim()
    } catch {
      continue // the thread ended while we listed them
    }
    if (comm !== name) continue
    if (spawnSync(tasksetBinary, ['-p', '-c', String(cpu), tid]).status === 0) moved += 1
  }
  return moved
}
