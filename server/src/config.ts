import { randomBytes } from 'node:crypto'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { z } from 'zod'
import { DefaultLimits } from '../../shared/src/protocol/limits.ts'
import { defaultAuditRetentionDays, maxAuditRetentionDays } from './audit/auditRetention.ts'
import { configError } from './errors.ts'
import { defaultRetentionDays, maxRetentionDays } from './privacy/retentionRules.ts'
import type { SnapshotRetention } from './store/BoardStore.ts'
import { logLevels, type LogLevel } from './logger.ts'
import { intVar, parseContact, parseHosts, parseOrigins, parsePublicUrl, parseServiceUrl, parseTrustProxy, withoutEmpty } from './configValues.ts'

/** Everything the server is configured with, parsed once at start-up from the environment. */
export interface Config {
  port: number
  host: string
  /** Absolute path of the folder holding the SQLite file. */
  dataDir: string
  logLevel: LogLevel
  /**
   * Browser origins (`scheme://host[:port]`) allowed to open board sockets and
   * upload assets. When set, it is the whole list: an exact match is required
   * and the Host header is not trusted (DNS rebinding), so the deployment's own
   * public origin (e.g. `https://samskap.kommune.no`) must be listed too.
   * `null`: same origin only (the Origin's host must equal the request's Host,
   * and its scheme must equal X-Forwarded-Proto when a proxy sends that). A
   * request without an Origin header is allowed: only browsers send one, and
   * only browsers can be abused across sites. See relay/originPolicy.ts.
   */
  allowedOrigins: string[] | null
  tldrawLicenseKey: string | null
  maxFrameBytes: number
  maxDocumentBytes: number
  maxAssetBytes: number
  roomIdleUnloadMs: number
  compactAfterUpdates: number
  compactAfterBytes: number
  snapshotKeepLast: number
  snapshotKeepDaily: number
  /** How long every moment of a board stays restorable from its history (ms). */
  historyMs: number
  /**
   * Days after a workshop closed until its boards and participants are deleted (RETENTION_DAYS);
   * facilitators may postpone one workshop's deletion (privacy/retentionRules.ts).
   */
  retentionDays: number
  /** Days the audit log keeps an entry (AUDIT_RETENTION_DAYS), whatever became of what it names (audit/auditRetention.ts). */
  auditRetentionDays: number
  /** Hosts whose embeds a board may hold (exact names); empty: no embeds at all. */
  embedHosts: string[]
  /**
   * Where people report accessibility problems, named in the accessibility statement: an
   * e-mail address or an http(s) address (ACCESSIBILITY_CONTACT); null: not configured.
   */
  accessibilityContact: string | null
  /** The most bytes of records (as encoded in the board's document) one participant may have created on one board. */
  maxPersonBytes: number
  /** What one board socket may send: updates, their bytes and presence frames, per second. */
  budgets: ConnectionBudgets
  /** The built client (Vite output), served with an SPA fallback when present. */
  clientDistDir: string
  /**
   * The address people open (`scheme://host[:port][/path]`, no trailing slash),
   * used in the setup link, invitations and workshop links, and deciding whether
   * cookies are Secure (https). Default `http://localhost:<PORT>`; with PORT 0
   * startServer puts in the port it got (see resolvePublicUrl).
   */
  publicUrl: string
  /**
   * Who may open a board that belongs to no workshop step:
   * 'facilitators' (signed-in facilitators only) or 'anyone'.
   */
  scratchBoards: ScratchBoards
  /**
   * Which reverse proxies to believe about the client's address (Express's
   * 'trust proxy'): false (the default) uses the socket's peer; a number trusts
   * that many hops of X-Forwarded-For; a list trusts proxies at those
   * addresses, subnets or named ranges (loopback, linklocal, uniquelocal).
   * `request.ip` is what the sign-in and join-code throttles count per address,
   * so behind a proxy without this every client shares the proxy's limit.
   */
  trustProxy: TrustProxy
  /** Postgres for everything durable (DATABASE_URL); null keeps the embedded SQLite file in dataDir. */
  databaseUrl: string | null
  /** Connections this instance keeps to Postgres. */
  databasePoolSize: number
  /** Redis for the bus between relay instances, leases and shared throttles (REDIS_URL); null for one process. */
  redisUrl: string | null
  /** What every key and channel this installation uses in Redis starts with, so that installations can share one Redis. */
  redisKeyPrefix: string
  /** This instance's name in logs and on the bus; unique per process by default. */
  instanceId: string
  /** The least time between two group commits (see CommitQueue). */
  commitWindowMs: number
}

export type TrustProxy = false | number | string[]

/**
 * A board socket's budgets: the sustained rate of update messages, of their bytes and of
 * presence frames; bursts of a few seconds' worth pass (see relay/connectionBudget.ts).
 */
export interface ConnectionBudgets {
  updatesPerSecond: number
  updateBytesPerSecond: number
  presencePerSecond: number
}

export const scratchBoardPolicies = ['facilitators', 'anyone'] as const
export type ScratchBoards = (typeof scratchBoardPolicies)[number]

const repoRoot = fileURLToPath(new URL('../../', import.meta.url))

/** Environment variables, what they accept and their defaults; the README's table is this list. */
const envSchema = z.object({
  PORT: intVar('a port number from 0 to 65535', 8080, 0, 65535),
  HOST: z
    .string()
    .trim()
    .min(1, 'a host name or IP address to listen on, e.g. 0.0.0.0 or 127.0.0.1')
    .default('0.0.0.0'),
  DATA_DIR: z.string().trim().min(1, 'a folder path for the database').default('./data'),
  CLIENT_DIST_DIR: z.string().trim().min(1, 'a folder path for the built client').optional(),
  LOG_LEVEL: z.enum(logLevels, { error: `one of ${logLevels.join(', ')}` }).default('info'),
  ALLOWED_ORIGINS: z
    .string()
    .optional()
    .transform((value, context) => parseOrigins(value, context)),
  TLDRAW_LICENSE_KEY: z
    .string()
    .optional()
    .transform((value) => (value === undefined || value.trim() === '' ? null : value.trim())),
  MAX_FRAME_BYTES: intVar('a whole number of bytes, at least 1024', DefaultLimits.maxFrameBytes, 1024),
  MAX_DOCUMENT_BYTES: intVar('a whole number of bytes, at least 1024', DefaultLimits.maxDocumentBytes, 1024),
  MAX_ASSET_BYTES: intVar('a whole number of bytes, at least 1', DefaultLimits.maxAssetBytes, 1),
  ROOM_IDLE_UNLOAD_MS: intVar('a whole number of milliseconds, 0 or more', 30_000, 0),
  COMMIT_WINDOW_MS: intVar('a whole number of milliseconds from 0 to 100', 2, 0, 100),
  COMPACT_AFTER_UPDATES: intVar('a whole number of updates, at least 1', 500, 1),
  COMPACT_AFTER_BYTES: intVar('a whole number of bytes, at least 1', 1024 * 1024, 1),
  SNAPSHOT_KEEP_LAST: intVar('a whole number of snapshots, at least 1', 10, 1),
  SNAPSHOT_KEEP_DAILY: intVar('a whole number of days, 0 or more', 30, 0),
  HISTORY_DAYS: intVar('a whole number of days, 0 or more', 30, 0, 3650),
  RETENTION_DAYS: intVar(`a whole number of days from 1 to ${maxRetentionDays}`, defaultRetentionDays, 1, maxRetentionDays),
  AUDIT_RETENTION_DAYS: intVar(`a whole number of days from 1 to ${maxAuditRetentionDays}`, defaultAuditRetentionDays, 1, maxAuditRetentionDays),
  EMBED_HOSTS: z
    .string()
    .optional()
    .transform((value, context) => parseHosts(value, context)),
  ACCESSIBILITY_CONTACT: z
    .string()
    .optional()
    .transform((value, context) => parseContact(value, context)),
  // 0 stands for unset: the default depends on MAX_DOCUMENT_BYTES.
  MAX_PERSON_BYTES: intVar('a whole number of bytes, at least 1024', 0, 1024),
  MAX_UPDATES_PER_SECOND: intVar('a whole number of update messages per second, at least 1', 150, 1),
  MAX_UPDATE_BYTES_PER_SECOND: intVar('a whole number of bytes per second, at least 1024', 512 * 1024, 1024),
  MAX_PRESENCE_PER_SECOND: intVar('a whole number of presence messages per second, at least 1', 60, 1),
  PUBLIC_URL: z
    .string()
    .optional()
    .transform((value, context) => parsePublicUrl(value, context)),
  SCRATCH_BOARDS: z
    .enum(scratchBoardPolicies, { error: `one of ${scratchBoardPolicies.join(', ')}` })
    .default('facilitators'),
  TRUST_PROXY: z
    .string()
    .optional()
    .transform((value, context) => parseTrustProxy(value, context)),
  DATABASE_URL: z
    .string()
    .optional()
    .transform((value, context) => parseServiceUrl(value, context, ['postgres:', 'postgresql:'], 'a Postgres URL like postgres://samskap:secret@db.example:5432/samskap')),
  DATABASE_POOL_SIZE: intVar('a whole number of connections, from 1 to 1000', 10, 1, 1000),
  REDIS_URL: z
    .string()
    .optional()
    .transform((value, context) => parseServiceUrl(value, context, ['redis:', 'rediss:'], 'a Redis URL like redis://cache.example:6379')),
  REDIS_KEY_PREFIX: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9._-]{1,64}$/, '1–64 letters, digits, dots, dashes or underscores')
    .default('samskap'),
  INSTANCE_ID: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9._-]{1,64}$/, '1–64 letters, digits, dots, dashes or underscores')
    .optional(),
})

/**
 * Reads and validates the configuration; throws a ConfigError naming every bad
 * variable and what it accepts.
 *
 * @example const config = loadConfig(process.env)
 */
export function loadConfig(env: NodeJS.ProcessEnv | Record<string, string | undefined>): Config {
  const result = envSchema.safeParse(withoutEmpty(env))
  if (!result.success) {
    throw configError(
      result.error.issues.map((issue) => {
        const name = String(issue.path[0] ?? 'environment')
        const given = env[name]
        return `${name}${given === undefined ? '' : ` (got "${given}")`}: ${issue.message}`
      }),
    )
  }
  const vars = result.data
  return {
    port: vars.PORT,
    host: vars.HOST,
    dataDir: path.resolve(vars.DATA_DIR),
    logLevel: vars.LOG_LEVEL,
    allowedOrigins: vars.ALLOWED_ORIGINS,
    tldrawLicenseKey: vars.TLDRAW_LICENSE_KEY,
    maxFrameBytes: vars.MAX_FRAME_BYTES,
    maxDocumentBytes: vars.MAX_DOCUMENT_BYTES,
    maxAssetBytes: vars.MAX_ASSET_BYTES,
    roomIdleUnloadMs: vars.ROOM_IDLE_UNLOAD_MS,
    compactAfterUpdates: vars.COMPACT_AFTER_UPDATES,
    compactAfterBytes: vars.COMPACT_AFTER_BYTES,
    snapshotKeepLast: vars.SNAPSHOT_KEEP_LAST,
    snapshotKeepDaily: vars.SNAPSHOT_KEEP_DAILY,
    historyMs: vars.HISTORY_DAYS * 24 * 60 * 60 * 1000,
    retentionDays: vars.RETENTION_DAYS,
    auditRetentionDays: vars.AUDIT_RETENTION_DAYS,
    embedHosts: vars.EMBED_HOSTS,
    accessibilityContact: vars.ACCESSIBILITY_CONTACT,
    // A tenth of the board by default: it takes ten people to fill one.
    maxPersonBytes: vars.MAX_PERSON_BYTES || Math.floor(vars.MAX_DOCUMENT_BYTES / 10),
    budgets: {
      updatesPerSecond: vars.MAX_UPDATES_PER_SECOND,
      updateBytesPerSecond: vars.MAX_UPDATE_BYTES_PER_SECOND,
      presencePerSecond: vars.MAX_PRESENCE_PER_SECOND,
    },
    clientDistDir: vars.CLIENT_DIST_DIR === undefined ? path.join(repoRoot, 'client', 'dist') : path.resolve(vars.CLIENT_DIST_DIR),
    publicUrl: vars.PUBLIC_URL ?? `http://localhost:${vars.PORT}`,
    scratchBoards: vars.SCRATCH_BOARDS,
    trustProxy: vars.TRUST_PROXY,
    databaseUrl: vars.DATABASE_URL ?? null,
    databasePoolSize: vars.DATABASE_POOL_SIZE,
    redisUrl: vars.REDIS_URL ?? null,
    redisKeyPrefix: vars.REDIS_KEY_PREFIX,
    commitWindowMs: vars.COMMIT_WINDOW_MS,
    instanceId: vars.INSTANCE_ID ?? `${os.hostname().replace(/[^A-Za-z0-9._-]/g, '-').slice(0, 40)}-${process.pid}-${randomBytes(3).toString('hex')}`,
  }
}

/** How many snapshots and how much history the board store keeps, from the configuration. */
export function snapshotRetentionOf(config: Pick<Config, 'snapshotKeepLast' | 'snapshotKeepDaily' | 'historyMs'>): SnapshotRetention {
  return { keepLast: config.snapshotKeepLast, keepDaily: config.snapshotKeepDaily, historyMs: config.historyMs }
}

/**
 * The public URL once the port is known: the default `http://localhost:0`
 * (PORT 0, as tests and e2e runs start) becomes the server's real address;
 * anything else is kept as configured.
 */
export function resolvePublicUrl(config: Pick<Config, 'publicUrl'>, listeningUrl: string): string {
  const url = new URL(config.publicUrl)
  return url.port === '0' ? listeningUrl : config.publicUrl
}
