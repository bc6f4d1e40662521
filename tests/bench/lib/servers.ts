/**
 * Starting the two servers the bench measures, each as its own process: the
 * Samskap relay (server/src/main.ts) and the plain broadcast floor.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { ChildProcesses, repoRoot, type ServerChild } from './childProcesses.ts'

export interface RelayChild extends ServerChild {
  dataDir: string
  /** Removes the data folder; call after the server stopped and its files were read. */
  removeData(): void
}

/**
 * Starts the relay on a free loopback port with a fresh data folder, pinned to core `cpu` when given.
 * The bench opens boards outside any workshop without a session, so it runs with SCRATCH_BOARDS=anyone.
 * RELAY_SCRIPT names another build's server/src/main.ts (a checkout beside this one) for an A/B run,
 * RELAY_NODE_FLAGS Node or V8 flags for the relay alone (e.g. GC settings), separated by spaces.
 */
export async function startRelay(children: ChildProcesses, env: NodeJS.ProcessEnv = {}, cpu?: number): Promise<RelayChild> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'samskap-bench-'))
  const server = await children.startServer({
    script: process.env.RELAY_SCRIPT ?? path.join(repoRoot, 'server/src/main.ts'),
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'warn', SCRATCH_BOARDS: 'anyone', ...env },
    readyLine: /Samskap is running at (\S+)/,
    cpu,
    nodeFlags: (process.env.RELAY_NODE_FLAGS ?? '').split(' ').filter((flag) => flag !== ''),
  })
  return { ...server, dataDir, removeData: () => rmSync(dataDir, { recursive: true, force: true }) }
}

export function startPlainBroadcastServer(children: ChildProcesses, env: NodeJS.ProcessEnv = {}, cpu?: number): Promise<ServerChild> {
  return children.startServer({
    script: path.join(repoRoot, 'tests/bench/plainBroadcastServer.ts'),
    env: { ...process.env, PORT: '0', ...env },
    readyLine: /Plain broadcast server is running at (\S+)/,
    cpu,
  })
}

/** The SQLite file the relay wrote in its data folder. */
export function findDatabaseFile(dataDir: string): string {
  const files = readdirSync(dataDir).filter((name) => /\.(sqlite|sqlite3|db)$/.test(name))
  if (files.length !== 1 || files[0] === undefined) {
    throw new Error(`expected one SQLite file in ${dataDir}, found: ${readdirSync(dataDir).join(', ') || 'nothing'}`)
  }
  return path.join(dataDir, files[0])
}

/** Room names that are valid board ids and unique per run. */
export function benchRoomIds(prefix: string, count: number): string[] {
  const run = Date.now().toString(36)
  return Array.from({ length: count }, (_value, index) => `bench-${prefix}-${run}-${String(index).padStart(3, '0')}`)
}
