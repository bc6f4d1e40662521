import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { pino, type Logger } from 'pino'
import * as Y from 'yjs'
import { databaseFileName, startServer, type RunningServer } from '../../server/src/app.ts'
import { loadConfig, snapshotRetentionOf, type Config } from '../../server/src/config.ts'
import type { AwarenessLimits } from '../../server/src/relay/awarenessUpdate.ts'
import type { RelayTimings } from '../../server/src/relay/relayTimings.ts'
import type { AccessStore } from '../../server/src/store/AccessStore.ts'
import type { AuditStore } from '../../server/src/store/AuditStore.ts'
import type { BoardStore } from '../../server/src/store/BoardStore.ts'
import type { DescriptionStore } from '../../server/src/store/DescriptionStore.ts'
import type { DomainStore } from '../../server/src/store/DomainStore.ts'
import type { FacilitationStore } from '../../server/src/store/FacilitationStore.ts'
import { openSqliteBoardStore } from '../../server/src/store/sqliteBoardStore.ts'
import { openSqliteStores, type SqliteStores } from '../../server/src/store/sqliteStores.ts'

export const repoRoot = fileURLToPath(new URL('../../', import.meta.url))

/** A fresh folder for a server's DATA_DIR; remove it with removeDataDir. */
export function createDataDir(): string {
  return mkdtempSync(path.join(os.tmpdir(), 'samskap-test-'))
}

export function removeDataDir(dataDir: string): void {
  rmSync(dataDir, { recursive: true, force: true })
}

/**
 * The configuration a test server runs with: loopback, port 0, quiet, and `overrides`.
 * Boards outside any workshop are open to anyone (SCRATCH_BOARDS=anyone), as
 * the tests of the live board assume; role tests override it.
 */
export function testConfig(dataDir: string, overrides: Partial<Config> = {}): Config {
  const env = {
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    SCRATCH_BOARDS: 'anyone',
    // Browser tests serve the client build the test run was given.
    CLIENT_DIST_DIR: process.env.CLIENT_DIST_DIR,
  }
  return { ...loadConfig(env), ...overrides }
}

/** Opens the real SQLite store of a DATA_DIR (the same file the server uses). */
export function openTestStore(dataDir: string, config: Config = testConfig(dataDir)): BoardStore {
  return openSqliteBoardStore({
    file: path.join(dataDir, databaseFileName),
    retention: snapshotRetentionOf(config),
  })
}

/** Opens the board and domain stores of a DATA_DIR on one connection, as the server does. */
export function openTestStores(dataDir: string, config: Config = testConfig(dataDir)): SqliteStores {
  return openSqliteStores({
    file: path.join(dataDir, databaseFileName),
    retention: snapshotRetentionOf(config),
  })
}

export interface TestServerOptions {
  /** Configuration to change (limits, idle time, compaction thresholds…). */
  config?: Partial<Config>
  /** Use this DATA_DIR (the caller owns it); by default a temp folder removed on close. */
  dataDir?: string
  /** Wrap the real store, e.g. in a decorator that delays loads. */
  wrapStore?: (store: BoardStore) => BoardStore
  /** Wrap the real domain store, e.g. in a decorator that hands reads back late. */
  wrapDomain?: (domain: DomainStore) => DomainStore
  /** Wrap the real access store likewise. */
  wrapAccess?: (access: AccessStore) => AccessStore
  timings?: Partial<RelayTimings>
  /** Presence limits, shrunk so a test reaches them with a few sockets. */
  awarenessLimits?: Partial<AwarenessLimits>
  /** The clock of sessions and one-time links, so a test can move past an expiry. */
  now?: () => number
  /** How often expired sessions and spent account tokens are deleted (hourly by default). */
  expirySweepMs?: number
  /** How often closed workshops whose retention ended are deleted (hourly by default). */
  retentionSweepMs?: number
  /** The server's logger, e.g. one writing into an array a test reads (default: silent). */
  logger?: Logger
}

export interface TestServer {
  running: RunningServer
  /** http://127.0.0.1:<port> */
  url: string
  /** ws://127.0.0.1:<port>/sync — what a WebsocketProvider takes as its server URL. */
  syncUrl: string
  config: Config
  dataDir: string
  /** The store the server uses (the wrapper, when one was given). */
  store: BoardStore
  /** The domain store, on the same connection as the board store. */
  domain: DomainStore
  /** The access store (accounts, sessions, links), on the same connection. */
  access: AccessStore
  /** Challenge description drafts and versions, on the same connection. */
  descriptions: DescriptionStore
  /** The workshops' facilitation state, on the same connection. */
  facilitation: FacilitationStore
  /** The audit log, on the same connection. */
  audit: AuditStore
  /** Graceful close of the server, then its store; removes the temp DATA_DIR it created. */
  close(): Promise<void>
}

/** Starts a real server in this process on port 0, with a real SQLite store in a temp DATA_DIR. */
export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const ownsDataDir = options.dataDir === undefined
  const dataDir = options.dataDir ?? createDataDir()
  const config = testConfig(dataDir, options.config)
  const { boards: realStore, domain: realDomain, access: realAccess, descriptions, facilitation, audit, maintenance } = openTestStores(dataDir, config)
  const store = options.wrapStore ? options.wrapStore(realStore) : realStore
  const domain = options.wrapDomain ? options.wrapDomain(realDomain) : realDomain
  const access = options.wrapAccess ? options.wrapAccess(realAccess) : realAccess
  const closeStores = () =>
    Promise.all([realStore.close(), realDomain.close(), realAccess.close(), descriptions.close(), facilitation.close(), audit.close(), maintenance.close()])
  const logger = options.logger ?? pino({ level: process.env['SAMSKAP_TEST_LOG_LEVEL'] ?? 'silent' })
  let running: RunningServer
  try {
    running = await startServer(config, {
      store,
      domain,
      access,
      descriptions,
      facilitation,
      audit,
      maintenance,
      now: options.now,
      expirySweepMs: options.expirySweepMs,
      retentionSweepMs: options.retentionSweepMs,
      logger,
      timings: options.timings,
      awarenessLimits: options.awarenessLimits,
    })
  } catch (error) {
    await closeStores()
    if (ownsDataDir) removeDataDir(dataDir)
    throw error
  }
  let closing: Promise<void> | null = null
  return {
    running,
    url: running.url,
    syncUrl: `${running.url.replace(/^http/, 'ws')}/sync`,
    config,
    dataDir,
    store,
    domain,
    access,
    descriptions,
    facilitation,
    audit,
    // Once: a test that stops the server early (to restart it) leaves the teardown nothing to do.
    close: () =>
      (closing ??= (async () => {
        await running.close()
        await closeStores()
        if (ownsDataDir) removeDataDir(dataDir)
      })()),
  }
}

export interface ChildServer {
  url: string
  syncUrl: string
  child: ChildProcess
  /** Everything the process printed so far (stdout and stderr). */
  output(): string
  /** Sends a signal and resolves with how the process ended. */
  kill(signal: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null }>
}

/**
 * Runs the server as `node server/src/main.ts` in a child process (Node 24 from
 * node_modules) and resolves once it printed its URL. Boards outside any
 * workshop are open to anyone unless `env` sets SCRATCH_BOARDS, since issue
 * 3's browser tests open such boards without signing in.
 */
export async function spawnServer(
  dataDir: string,
  env: Record<string, string> = {},
  timeoutMs = 20_000,
): Promise<ChildServer> {
  const child = spawn(path.join(repoRoot, 'node_modules', '.bin', 'node'), ['server/src/main.ts'], {
    cwd: repoRoot,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'warn', SCRATCH_BOARDS: 'anyone', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, signal) => resolve({ code, signal }))
  })
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      reject(new Error(`The server did not print its URL within ${timeoutMs} ms. Output:\n${output}`))
    }, timeoutMs)
    const onData = (chunk: Buffer) => {
      output += chunk.toString()
      const match = /Samskap is running at (\S+)/.exec(output)
      if (match?.[1]) {
        clearTimeout(timer)
        resolve(match[1])
      }
    }
    child.stdout?.on('data', onData)
    child.stderr?.on('data', onData)
    void exited.then(({ code, signal }) => {
      clearTimeout(timer)
      reject(new Error(`The server exited (code ${code}, signal ${signal}) before it was ready. Output:\n${output}`))
    })
  })
  return {
    url,
    syncUrl: `${url.replace(/^http/, 'ws')}/sync`,
    child,
    output: () => output,
    async kill(signal) {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal)
      return exited
    },
  }
}

/** The one-time setup link a child server printed at its first start. */
export function setupLinkOf(server: Pick<ChildServer, 'output'>): string {
  const match = /(https?:\/\/\S+\/setup\/[A-Za-z0-9_-]+)/.exec(server.output())
  if (!match?.[1]) throw new Error(`The server printed no setup link. Output:\n${server.output()}`)
  return match[1]
}

/** The board as the store has it (snapshot plus log), as a Y.Doc. */
export async function loadStoredDoc(store: BoardStore, boardId: string): Promise<Y.Doc> {
  const stored = await store.loadBoard(boardId)
  const doc = new Y.Doc()
  if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot)
  for (const update of stored.updates) Y.applyUpdate(doc, update)
  return doc
}
