import pg from 'pg'
import { createMigrationsTable, schemaMigrations } from './boardStoreSchema.ts'
import { BoardStoreError, storageFailed, storeClosed } from './storeErrors.ts'

/** A query runner: the pool (one statement, its own transaction) or a client inside a transaction. */
export type Queryable = Pick<pg.PoolClient, 'query'>

export interface PostgresPoolOptions {
  /** postgres://user:password@host:port/database */
  url: string
  /** Connections in the pool (default 10). Each relay instance holds its own pool. */
  poolSize?: number
  /** The clock stamped on applied migrations. */
  now?: () => number
}

// BIGINT (int8) columns hold seqs, ids and millisecond times: read them as numbers, refusing any
// beyond 2^53 rather than rounding them. Per pool, not pg's global parser table.
const int8Oid = 20
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
    if (oid === int8Oid && format !== 'binary') {
      return (text: string) => {
        const value = Number(text)
        if (!Number.isSafeInteger(value)) throw new Error(`BIGINT ${text} is beyond what the server counts exactly.`)
        return value
      }
    }
    return pg.types.getTypeParser(oid, format ?? 'text')
  }) as typeof pg.types.getTypeParser,
}

/**
 * Opens a pool to the database and brings its schema up to date (the same migrations as SQLite's).
 * Every connection runs with `synchronous_commit = on`, whatever the server's default: a commit
 * has reached the disk (and any synchronous standby) when it returns, so acknowledged means committed.
 */
export async function openPostgresPool(options: PostgresPoolOptions): Promise<pg.Pool> {
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.poolSize ?? 10,
    types,
    options: '-c synchronous_commit=on -c lock_timeout=10000 -c statement_timeout=60000',
    connectionTimeoutMillis: 10_000,
  })
  // An idle client whose server went away emits here; without a listener the process would exit.
  pool.on('error', () => undefined)
  try {
    await migratePostgresSchema(pool, (options.now ?? Date.now)())
    return pool
  } catch (error) {
    await pool.end().catch(() => undefined)
    throw error
  }
}

/** Any number taken by pg_advisory_xact_lock while migrating, so that instances starting together migrate one at a time. */
const migrationLockKey = 0x5a6d_5ca9

/** Applies the migrations the database lacks, in one transaction; returns the versions applied. */
export async function migratePostgresSchema(pool: pg.Pool, now: number): Promise<number[]> {
  const migrations = schemaMigrations('BYTEA')
  const newestKnown = Math.max(...migrations.map((migration) => migration.version))
  return inPostgresTransaction(pool, async (client) => {
    await client.query('SELECT pg_advisory_xact_lock($1)', [migrationLockKey])
    await client.query(createMigrationsTable)
    const { rows } = await client.query<{ version: number }>('SELECT version FROM schema_migrations')
    const applied = new Set(rows.map((row) => Number(row.version)))
    const newestApplied = Math.max(0, ...applied)
    if (newestApplied > newestKnown) {
      throw new BoardStoreError(
        'schema_too_new',
        `The database is at schema version ${newestApplied}, newer than this server knows (${newestKnown}). Run a newer server.`,
      )
    }
    const appliedNow: number[] = []
    for (const migration of migrations) {
      if (applied.has(migration.version)) continue
      for (const statement of migration.statements) await client.query(statement)
      await client.query('INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)', [
        migration.version,
        migration.name,
        now,
      ])
      appliedNow.push(migration.version)
    }
    return appliedNow
  })
}

/** Postgres' codes for a transaction that lost to another and may simply run again. */
const retryableCodes = new Set(['40001', '40P01'])

/**
 * Runs `work` in BEGIN … COMMIT on one client of the pool, rolling back on any error. A
 * transaction that lost a serialization or deadlock race runs again (a few times), since
 * nothing of it was applied.
 */
export async function inPostgresTransaction<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    const client = await pool.connect()
    let broken = false
    try {
      await client.query('BEGIN')
      const result = await work(client)
      await client.query('COMMIT')
      return result
    } catch (error) {
      try {
        await client.query('ROLLBACK')
      } catch {
        // The connection itself failed: do not hand it back to the pool.
        broken = true
      }
      const code = (error as { code?: unknown }).code
      if (typeof code === 'string' && retryableCodes.has(code) && attempt < 5) continue
      throw error
    } finally {
      client.release(broken)
    }
  }
}

/**
 * One pool that several stores use (as the SQLite stores share one connection), so a domain
 * transaction can cover the boards' rows too. It ends when the last store lets go.
 */
export class SharedPostgresPool {
  readonly pool: pg.Pool
  #users = 0
  #ended = false

  constructor(pool: pg.Pool) {
    this.pool = pool
  }

  acquire(): () => Promise<void> {
    if (this.#ended) throw new Error('The Postgres pool is already closed.')
    this.#users += 1
    let released = false
    return async () => {
      if (released) return
      released = true
      this.#users -= 1
      if (this.#users === 0) {
        this.#ended = true
        await this.pool.end()
      }
    }
  }
}

/** One store's use of the shared pool: operations refused after close, failures named. */
export interface AttachedPostgresStore {
  operation: <T>(action: string, work: () => Promise<T>) => Promise<T>
  close: () => Promise<void>
}

/**
 * Attaches a store named `name` ('board', 'domain' …) to the shared pool, so its errors read as
 * the SQLite stores' do ("the board store is closed", "Could not load board …: …"). An operation
 * already under way when the store closes finishes first: close waits for it.
 */
export function attachPostgresStore(shared: SharedPostgresPool, name: string): AttachedPostgresStore {
  const release = shared.acquire()
  let open = true
  const running = new Set<Promise<unknown>>()
  return {
    operation: <T>(action: string, work: () => Promise<T>): Promise<T> => {
      if (!open) return Promise.reject(storeClosed(action, `${name} store`))
      const promise = work().catch((error: unknown) => {
        throw storageFailed(action, error)
      })
      running.add(promise)
      void promise.then(
        () => running.delete(promise),
        () => running.delete(promise),
      )
      return promise
    },
    close: async () => {
      if (!open) return
      open = false
      await Promise.allSettled([...running])
      try {
        await release()
      } catch (error) {
        throw storageFailed(`close the ${name} database`, error)
      }
    },
  }
}

/** Stored bytes as the SQLite stores return them: a plain Uint8Array (a view, not a copy, of pg's Buffer). */
export function bytesOf(value: unknown, column: string): Uint8Array {
  if (!(value instanceof Uint8Array)) {
    throw new Error(`Expected bytes in column ${column}, found ${value === null ? 'NULL' : typeof value}.`)
  }
  return new Uint8Array(value.buffer, value.byteOffset, value.byteLength)
}
