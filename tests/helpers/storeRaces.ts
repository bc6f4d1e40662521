import { DatabaseSync } from 'node:sqlite'
import pg from 'pg'
import { openPostgresStores } from '../../server/src/store/postgresStores.ts'
import type { Stores } from '../../server/src/store/stores.ts'
import type { OpenedStores } from './storeBackends.ts'
import { waitFor } from './waitFor.ts'

// For store tests that reach past the stores: a statement run on the storage directly (a row
// spoilt, a row counted), and, on Postgres, a second server instance on the same database and a
// lock held from a connection of the test's own, so that racing operations start at one moment.

/** Runs one statement on the stores' storage, as an operator's shell would; placeholders $1, $2 … on both. */
export async function queryStorage(
  storage: OpenedStores['storage'],
  statement: string,
  values: (string | number | null)[] = [],
): Promise<Record<string, unknown>[]> {
  if ('file' in storage) {
    const db = new DatabaseSync(storage.file)
    try {
      // SQLite numbers its placeholders ?1, ?2 …
      const prepared = db.prepare(statement.replace(/\$(\d+)/g, '?$1'))
      if (prepared.columns().length > 0) return prepared.all(...values)
      prepared.run(...values)
      return []
    } finally {
      db.close()
    }
  }
  const client = new pg.Client(storage.url)
  await client.connect()
  try {
    return (await client.query<Record<string, unknown>>(statement, values)).rows
  } finally {
    await client.end()
  }
}

/** The stores of another server instance on the same Postgres database, with a pool of its own. */
export function anotherInstance(url: string, poolSize = 10): Promise<Stores> {
  return openPostgresStores({ url, retention: { keepLast: 2, keepDaily: 1 }, poolSize })
}

export interface HeldLock {
  /** Resolves once `count` connections to the database wait for a lock (polling pg_stat_activity). */
  waiters(count: number): Promise<void>
  /** Rolls back the holding transaction, so everything waiting goes on at once; later calls do nothing. */
  release(): Promise<void>
}

/**
 * Runs `statement` (a SELECT … FOR UPDATE, a LOCK TABLE, an INSERT that a unique key will wait
 * for) in a transaction of its own and keeps it open: the operations a test starts then queue
 * behind it, and go on together when it is released.
 */
export async function holdLock(url: string, statement: string, values: (string | number | null)[] = []): Promise<HeldLock> {
  const client = new pg.Client(url)
  await client.connect()
  await client.query('BEGIN')
  await client.query(statement, values)
  let released = false
  return {
    async waiters(count) {
      await waitFor(
        async () => {
          // Inside a transaction Postgres keeps showing the activity it first read: read it afresh.
          await client.query('SELECT pg_stat_clear_snapshot()')
          const { rows } = await client.query<{ waiting: number }>(
            `SELECT count(*)::int AS waiting FROM pg_stat_activity
             WHERE datname = current_database() AND wait_event_type = 'Lock'`,
          )
          return (rows[0]?.waiting ?? 0) >= count
        },
        { message: `${count} connections waiting for a lock` },
      )
    },
    async release() {
      if (released) return
      released = true
      try {
        await client.query('ROLLBACK')
      } finally {
        await client.end()
      }
    },
  }
}
