import { isStorableId } from './domainRules.ts'
import type { FacilitationStore } from './FacilitationStore.ts'
import { initialStored, nextStored, noWorkshop, readFacilitation } from './facilitationRecords.ts'
import { attachPostgresStore, inPostgresTransaction, type Queryable, type SharedPostgresPool } from './postgresDatabase.ts'
import { queryRow } from './postgresQueries.ts'
import type { StoredRow } from './storeRows.ts'

// The statements of sqliteFacilitationStore.ts with Postgres' numbered parameters ($1 …), with the
// row locks that keep one workshop's changes in order while several server instances make them.
const sql = {
  /**
   * The lock a workshop's first state is written under: its first writers go one at a time. It
   * lets participants join meanwhile (their key-share locks do not conflict) and waits for the
   * workshop's deletion, after which there is no workshop to lock.
   */
  lockWorkshop: 'SELECT id FROM workshops WHERE id = $1 FOR NO KEY UPDATE',
  facilitation: 'SELECT version, state FROM workshop_facilitation WHERE workshop_id = $1',
  lockedFacilitation: 'SELECT version, state FROM workshop_facilitation WHERE workshop_id = $1 FOR UPDATE',
  upsert: `INSERT INTO workshop_facilitation (workshop_id, version, state, updated_at) VALUES ($1, $2, $3, $4)
    ON CONFLICT (workshop_id) DO UPDATE SET version = excluded.version, state = excluded.state, updated_at = excluded.updated_at`,
} as const

/**
 * The FacilitationStore on the Postgres pool the other stores use (open them with
 * openPostgresStores), behaving as the SQLite one (sqliteFacilitationStore.ts). SQLite writes one
 * transaction at a time; here a workshop's state is changed with its row locked, so the changes
 * of any number of server instances apply one after the other. Its close() lets go of the pool.
 */
export function createPostgresFacilitationStore(shared: SharedPostgresPool, options: { now?: () => number } = {}): FacilitationStore {
  const { pool } = shared
  const now = options.now ?? Date.now
  const { operation, close } = attachPostgresStore(shared, 'facilitation')

  /**
   * Locks the stored state's row until commit and resolves to it. A workshop without one has no
   * row to lock: the workshop's row is locked instead (refusing a workshop that is not there) and
   * the state read again, since a first writer that held the lock may have committed one meanwhile.
   * Locks are taken workshop first, then its state, as deleting the workshop takes them.
   */
  async function lockFacilitationRow(client: Queryable, workshopId: string): Promise<StoredRow | undefined> {
    if (!isStorableId(workshopId)) throw noWorkshop(workshopId)
    const row = await queryRow(client, sql.lockedFacilitation, [workshopId])
    if (row !== undefined) return row
    if ((await queryRow(client, sql.lockWorkshop, [workshopId])) === undefined) throw noWorkshop(workshopId)
    return queryRow(client, sql.lockedFacilitation, [workshopId])
  }

  return {
    get(workshopId) {
      return operation(`load the facilitation state of workshop ${workshopId}`, async () => {
        const row = isStorableId(workshopId) ? await queryRow(pool, sql.facilitation, [workshopId]) : undefined
        return row === undefined ? initialStored(workshopId) : readFacilitation(row, workshopId)
      })
    },

    update(workshopId, change) {
      return operation(`update the facilitation state of workshop ${workshopId}`, () =>
        // Should Postgres end this transaction as a deadlock's loser, it runs again from the
        // start: `change` then sees the state as it is by then, as the next change would.
        inPostgresTransaction(pool, async (client) => {
          const row = await lockFacilitationRow(client, workshopId)
          const current = row === undefined ? initialStored(workshopId) : readFacilitation(row, workshopId)
          const next = change(current)
          if (next === null) return current
          const { stored, state } = nextStored(current, next)
          await client.query(sql.upsert, [workshopId, stored.version, state, now()])
          return stored
        }),
      )
    },

    close,
  }
}
