import type { SnapshotRetention } from './BoardStore.ts'
import { createPostgresAccessStore } from './postgresAccessStore.ts'
import { createPostgresAuditStore } from './postgresAuditStore.ts'
import { createPostgresBoardStore } from './postgresBoardStore.ts'
import { openPostgresPool, SharedPostgresPool } from './postgresDatabase.ts'
import { createPostgresMaintenance } from './postgresMaintenance.ts'
import { createPostgresDescriptionStore } from './postgresDescriptionStore.ts'
import { createPostgresDomainStore } from './postgresDomainStore.ts'
import { createPostgresFacilitationStore } from './postgresFacilitationStore.ts'
import { validateSnapshotRetention } from './snapshotRetention.ts'
import { storageFailed } from './storeErrors.ts'
import type { Stores } from './stores.ts'

export interface PostgresStoresOptions {
  /** DATABASE_URL: postgres://user:password@host:port/database */
  url: string
  retention: SnapshotRetention
  /** Clock for created_at stamps (default Date.now). */
  now?: () => number
  /** Connections in this process' pool (default 10). */
  poolSize?: number
}

/**
 * Opens the stores on a Postgres database: one pool for them all, the schema migrated (the same
 * migrations as SQLite's, one instance at a time). The pool ends when all the stores have closed.
 *
 * @example const stores = await openPostgresStores({ url: process.env.DATABASE_URL, retention: { keepLast: 10, keepDaily: 30 } })
 */
export async function openPostgresStores(options: PostgresStoresOptions): Promise<Stores> {
  validateSnapshotRetention(options.retention)
  let pool
  try {
    pool = await openPostgresPool({ url: options.url, poolSize: options.poolSize, now: options.now })
  } catch (error) {
    throw storageFailed(`open the Postgres database at ${redactedUrl(options.url)}`, error)
  }
  const shared = new SharedPostgresPool(pool)
  return {
    boards: createPostgresBoardStore(shared, { retention: options.retention, now: options.now }),
    domain: createPostgresDomainStore(shared, { now: options.now }),
    access: createPostgresAccessStore(shared),
    descriptions: createPostgresDescriptionStore(shared),
    facilitation: createPostgresFacilitationStore(shared, { now: options.now }),
    audit: createPostgresAuditStore(shared),
    maintenance: createPostgresMaintenance(shared),
  }
}

/** The URL without its password, for messages and logs. */
export function redactedUrl(url: string): string {
  try {
    const parsed = new URL(url)
    if (parsed.password !== '') parsed.password = '***'
    return parsed.toString()
  } catch {
    return '(an unreadable URL)'
  }
}
