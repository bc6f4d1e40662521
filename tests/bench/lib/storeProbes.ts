/**
 * Reading back what the relays stored during a load run, from SQLite (one
 * relay's DATA_DIR) or Postgres (any number of relays): how many log rows the
 * boards hold while the load runs, and, once the relays stopped, whether every
 * update each client sent is in its board.
 */
import { DatabaseSync } from 'node:sqlite'
import pg from 'pg'
import * as Y from 'yjs'
import type { BoardStore } from '../../../server/src/store/BoardStore.ts'
import { openPostgresStores } from '../../../server/src/store/postgresStores.ts'
import { openSqliteBoardStore } from '../../../server/src/store/sqliteBoardStore.ts'
import { closeStores } from '../../../server/src/store/stores.ts'
import type { LoadResult } from '../load/ipc.ts'

/** What the relays' database holds after the run, checked against what was sent. */
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

/** Counters of the store at one moment. */
export interface StoreCounters {
  /** Log rows ever appended to the run's boards (the sum of their last seq). */
  rows: number
  /** Transactions committed in the whole database so far, where the database counts them. */
  transactions: number | null
}

export interface StoreProbe {
  /** Read while the relays run (the bench reads at both ends of the measured window). */
  counters(rooms: string[]): Promise<StoreCounters>
  /** After the relays stopped: is every sent update stored? */
  check(result: LoadResult): Promise<StoredCheck>
  close(): Promise<void>
}

const retention = { keepLast: 10, keepDaily: 30 }

/** Loads each board the load wrote and compares its state vector with what each client sent. */
export async function checkStoredIn(store: BoardStore, result: LoadResult): Promise<StoredCheck> {
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
}

const lastSeqSum = (count: number, placeholder: (index: number) => string): string =>
  `SELECT COALESCE(SUM(last_seq), 0) AS rows FROM boards WHERE board_id IN (${Array.from({ length: count }, (_v, i) => placeholder(i)).join(', ')})`

/**
 * The relay's SQLite file. While the relay writes it, a read-only connection reads it beside
 * the relay's (WAL lets a reader in without blocking the writer).
 */
export function sqliteStoreProbe(file: string): StoreProbe {
  let reader: DatabaseSync | null = null
  return {
    counters: async (rooms) => {
      reader ??= new DatabaseSync(file, { readOnly: true })
      const row = reader.prepare(lastSeqSum(rooms.length, () => '?')).get(...rooms) as { rows: number | bigint }
      return { rows: Number(row.rows), transactions: null }
    },
    check: async (result) => {
      const store = openSqliteBoardStore({ file, retention })
      try {
        return await checkStoredIn(store, result)
      } finally {
        await store.close()
      }
    },
    close: async () => {
      reader?.close()
      reader = null
    },
  }
}

/** A Postgres database the relays share; one connection of the bench's own reads it meanwhile. */
export function postgresStoreProbe(url: string): StoreProbe {
  const pool = new pg.Pool({ connectionString: url, max: 1 })
  pool.on('error', () => undefined)
  return {
    counters: async (rooms) => {
      const rows = await pool.query<{ rows: string }>(lastSeqSum(rooms.length, (i) => `$${i + 1}`), rooms)
      // The statistics lag commits by up to a second (backends report them when idle or every second).
      const stats = await pool.query<{ xact_commit: string }>('SELECT xact_commit FROM pg_stat_database WHERE datname = current_database()')
      return { rows: Number(rows.rows[0]?.rows ?? 0), transactions: Number(stats.rows[0]?.xact_commit ?? Number.NaN) }
    },
    check: async (result) => {
      const stores = await openPostgresStores({ url, retention, poolSize: 2 })
      try {
        return await checkStoredIn(stores.boards, result)
      } finally {
        await closeStores(stores)
      }
    },
    close: () => pool.end(),
  }
}
