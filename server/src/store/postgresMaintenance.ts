import type pg from 'pg'
import { attachPostgresStore, type SharedPostgresPool } from './postgresDatabase.ts'
import { oneScrubAtATime, type StoreMaintenance } from './StoreMaintenance.ts'

/** Any number, taken with pg_advisory_lock so that the instances of a cluster scrub one at a time. */
const scrubLockKey = 0x5a6d_5c7b

/**
 * Postgres' scrub: every table of the schema is rewritten with VACUUM FULL. A deleted row stays
 * in its table's file as a dead tuple, and a plain VACUUM only marks its space free for reuse (the
 * bytes stay until a new row happens to land on them); VACUUM FULL copies the live rows into a
 * new file (the table's TOAST table and indexes too) and the old file is cut to nothing when it
 * commits. Every table, not a list: deleting a workshop or a person touches most of them, and a
 * table added later is covered without anyone remembering to add it here.
 *
 * What this cannot reach: the write-ahead log (pg_wal) still holds the deleted rows as they were
 * written, until its segments are recycled after later checkpoints (and recycled segments are
 * overwritten as the log reaches them, not wiped), and so do WAL archives, base backups and
 * replicas' own logs, for as long as the operator keeps them (see the README).
 *
 * VACUUM FULL locks each table while it rewrites it: commits to the boards wait for it (and are
 * retried if they wait past the lock timeout), reads of that table too.
 */
export function createPostgresMaintenance(shared: SharedPostgresPool): StoreMaintenance {
  const { operation, close } = attachPostgresStore(shared, 'maintenance')
  const scrub = oneScrubAtATime(() => operation('scrub deleted data from the tables', () => rewriteTables(shared.pool)))
  return { scrubDeleted: scrub, close }
}

/** How long a scrub waits for older snapshots to end before it rewrites the tables anyway. */
const olderSnapshotsWaitMs = 10_000

/**
 * Waits until no other backend holds a snapshot taken before now (up to olderSnapshotsWaitMs).
 * VACUUM FULL copies a deleted row into the new file while any snapshot may still see it: a long
 * query, a pg_dump, or a connection of any database in the middle of being opened (it reads the
 * catalogs before it knows its database, and so holds every database's horizon back for a moment).
 */
async function snapshotsAfterNow(client: pg.PoolClient): Promise<void> {
  const { rows } = await client.query<{ now: string }>('SELECT pg_current_xact_id()::text AS now')
  const now = rows[0]?.now ?? '0'
  const until = Date.now() + olderSnapshotsWaitMs
  for (;;) {
    const older = await client.query<{ count: string }>(
      `SELECT count(*)::text AS count FROM pg_stat_activity
        WHERE pid <> pg_backend_pid() AND backend_xmin IS NOT NULL AND age(backend_xmin) >= age(xid($1::xid8))`,
      [now],
    )
    if (older.rows[0]?.count === '0' || Date.now() >= until) return
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}

/** How many times a scrub rewrites a table again whose rewrite had to keep rows an older snapshot could see. */
const scrubRounds = 5

/** VACUUM VERBOSE's report of one table's rewrite: `"public.assets": found 3 removable, …` with `N dead row versions cannot be removed yet.` */
const rewriteReport = /^"([^"]+)": found /
const keptDeadRows = /(\d+) dead row versions cannot be removed yet/

/**
 * Rewrites `tables` (quoted names, by their `schema.table`), again while a rewrite reports dead rows it
 * had to keep: a snapshot taken before the deletion (another database's connection being opened holds
 * every database's horizon back for a moment) made them still visible to someone.
 */
async function vacuumFull(client: pg.PoolClient, tables: ReadonlyMap<string, string>): Promise<void> {
  let pending = new Map(tables)
  for (let round = 0; round < scrubRounds && pending.size > 0; round++) {
    if (round > 0) await snapshotsAfterNow(client)
    const kept = new Set<string>()
    const onNotice = (notice: { message?: string | undefined; detail?: string | undefined }): void => {
      const table = rewriteReport.exec(notice.message ?? '')?.[1]
      const dead = Number(keptDeadRows.exec(notice.detail ?? '')?.[1] ?? '0')
      if (table !== undefined && dead > 0) kept.add(table)
    }
    client.on('notice', onNotice)
    try {
      await client.query(`VACUUM (FULL, VERBOSE) ${[...pending.values()].join(', ')}`)
    } finally {
      client.off('notice', onNotice)
    }
    pending = new Map([...pending].filter(([name]) => kept.has(name)))
  }
}

async function rewriteTables(pool: pg.Pool): Promise<void> {
  const client = await pool.connect()
  try {
    // A rewrite of a large table takes longer than the pool's statement timeout allows one statement.
    await client.query('SET statement_timeout = 0')
    // Another instance's scrub may take a while: wait for it, then run (it may have started before
    // this instance's deletion, so it does not cover it).
    await client.query('SET lock_timeout = 0')
    await client.query('SELECT pg_advisory_lock($1)', [scrubLockKey])
    await client.query('RESET lock_timeout')
    await snapshotsAfterNow(client)
    const { rows } = await client.query<{ table: string; name: string }>(
      `SELECT schemaname || '.' || tablename AS table, quote_ident(tablename) AS name FROM pg_tables
        WHERE schemaname = current_schema() ORDER BY tablename`,
    )
    await vacuumFull(client, new Map(rows.map((row) => [row.table, row.name])))
  } finally {
    // Not back to the pool: the connection's settings changed, and ending it lets go of the advisory lock.
    client.release(true)
  }
}
