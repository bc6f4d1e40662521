import { mkdirSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { DatabaseSync, type SQLOutputValue } from 'node:sqlite'
import { createMigrationsTable, schemaMigrations } from './boardStoreSchema.ts'
import { BoardStoreError, storageFailed, storeOperation } from './storeErrors.ts'
import { describeValue, integerOf, textOf } from './storeRows.ts'

export type SqliteRow = Record<string, SQLOutputValue>

/**
 * Opens (creating when missing) the SQLite file of the board and domain stores: its directory
 * is created, the connection is set to WAL with synchronous=FULL (a commit is on
 * disk when it returns), foreign keys and secure_delete on, and missing migrations are applied.
 */
export function openSqliteDatabase(file: string, options: { busyTimeoutMs: number; now: number }): DatabaseSync {
  mkdirSync(dirname(resolve(file)), { recursive: true })
  const db = new DatabaseSync(file, { enableForeignKeyConstraints: true })
  try {
    configureConnection(db, options.busyTimeoutMs)
    migrateSqliteSchema(db, options.now)
    return db
  } catch (error) {
    db.close()
    throw error
  }
}

/**
 * One connection that several stores use (the board store and the domain store
 * share a file and its transactions). Each store acquires it and releases it
 * when it closes; the connection closes when the last one lets go.
 */
export class SharedSqliteConnection {
  readonly db: DatabaseSync
  /** The file, for connections of other threads to the same database (the board store's commits). */
  readonly file: string
  readonly busyTimeoutMs: number
  #users = 0

  constructor(db: DatabaseSync, where: { file: string; busyTimeoutMs: number }) {
    this.db = db
    this.file = where.file
    this.busyTimeoutMs = where.busyTimeoutMs
  }

  /** Registers a user; the returned function releases it (once, later calls do nothing). */
  acquire(): () => void {
    if (!this.db.isOpen) throw new Error('The SQLite connection is already closed.')
    this.#users += 1
    let released = false
    return () => {
      if (released) return
      released = true
      this.#users -= 1
      if (this.#users === 0) this.db.close()
    }
  }
}

/** One store's use of a shared connection: see attachStore. */
export interface AttachedStore {
  /** Runs one operation of the store (storeOperation): refused once the store is closed. */
  operation: <T>(action: string, work: () => T) => Promise<T>
  /** Closes the store and releases its hold on the connection; later calls do nothing. */
  close: () => Promise<void>
}

/**
 * Attaches a store named `name` ('board', 'domain' …) to the shared connection,
 * so that its errors say "the board store is closed" and "Could not close the
 * board database". Every SQLite store opens and closes through this.
 */
export function attachStore(connection: SharedSqliteConnection, name: string): AttachedStore {
  const release = connection.acquire()
  let open = true
  return {
    operation: (action, work) => storeOperation(open, `${name} store`, action, work),
    close: () => {
      if (!open) return Promise.resolve()
      open = false
      try {
        release()
        return Promise.resolve()
      } catch (error) {
        return Promise.reject(storageFailed(`close the ${name} database`, error))
      }
    },
  }
}

function configureConnection(db: DatabaseSync, busyTimeoutMs: number): void {
  // busy_timeout first: switching to WAL needs a lock another process may hold.
  db.exec(`PRAGMA busy_timeout = ${Math.max(0, Math.trunc(busyTimeoutMs))}`)
  const journalMode = textOf(db.prepare('PRAGMA journal_mode = WAL').get(), 'journal_mode')
  if (journalMode !== 'wal') {
    throw new Error(`SQLite refused WAL mode (journal_mode is ${journalMode}); the store needs a file on a local disk.`)
  }
  db.exec('PRAGMA synchronous = FULL')
  db.exec('PRAGMA foreign_keys = ON')
  // Deleted content is overwritten with zeros, not left in free space, so a deleted participant's
  // name cannot be read from the file (with the scrub of sqliteMaintenance.ts for the log).
  db.exec('PRAGMA secure_delete = ON')
}

/** Applies the migrations this file's database lacks, in one transaction; returns the versions applied. */
export function migrateSqliteSchema(db: DatabaseSync, now: number): number[] {
  const migrations = schemaMigrations('BLOB')
  const newestKnown = Math.max(...migrations.map((migration) => migration.version))
  return inTransaction(db, () => {
    db.exec(createMigrationsTable)
    const applied = new Set(
      db.prepare('SELECT version FROM schema_migrations').all().map((row) => integerOf(row, 'version')),
    )
    const newestApplied = Math.max(0, ...applied)
    if (newestApplied > newestKnown) {
      throw new BoardStoreError(
        'schema_too_new',
        `The database is at schema version ${newestApplied}, newer than this server knows (${newestKnown}). Run a newer server.`,
      )
    }
    const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)')
    const appliedNow: number[] = []
    for (const migration of migrations) {
      if (applied.has(migration.version)) continue
      for (const statement of migration.statements) db.exec(statement)
      record.run(migration.version, migration.name, now)
      appliedNow.push(migration.version)
    }
    return appliedNow
  })
}

/**
 * Runs `work` inside BEGIN IMMEDIATE … COMMIT (the write lock is taken up front,
 * so the transaction cannot fail half-way on a lock upgrade), rolling back on any error.
 */
export function inTransaction<T>(db: DatabaseSync, work: () => T): T {
  db.exec('BEGIN IMMEDIATE')
  try {
    const result = work()
    db.exec('COMMIT')
    return result
  } catch (error) {
    if (db.isTransaction) db.exec('ROLLBACK')
    throw error
  }
}

/** Column readers shared with the Postgres stores (storeRows.ts), under the names the SQLite stores use. */
export { integerOf as integerColumn, textOf as textColumn } from './storeRows.ts'

export function bytesColumn(row: SqliteRow | undefined, column: string): Uint8Array {
  const value = row?.[column]
  if (value instanceof Uint8Array) return value
  throw new Error(`Expected bytes in column ${column}, found ${describeValue(value)}.`)
}
