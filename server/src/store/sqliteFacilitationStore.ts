import { isStorableId } from './domainRules.ts'
import type { FacilitationStore, StoredFacilitation } from './FacilitationStore.ts'
import { initialStored, nextStored, noWorkshop, readFacilitation } from './facilitationRecords.ts'
import { attachStore, inTransaction, type SharedSqliteConnection } from './sqliteDatabase.ts'

/**
 * The FacilitationStore on the SQLite connection the other stores use (open them with
 * openSqliteStores). SQLite runs one write transaction at a time, so changes made at once apply
 * one after the other. Its close() releases the connection.
 */
export function createSqliteFacilitationStore(
  connection: SharedSqliteConnection,
  options: { now?: () => number } = {},
): FacilitationStore {
  const db = connection.db
  const now = options.now ?? Date.now
  const { operation, close } = attachStore(connection, 'facilitation')
  const sql = prepareStatements(connection)

  function read(workshopId: string): StoredFacilitation {
    const row = isStorableId(workshopId) ? sql.facilitation.get(workshopId) : undefined
    return row === undefined ? initialStored(workshopId) : readFacilitation(row, workshopId)
  }

  return {
    get(workshopId) {
      return operation(`load the facilitation state of workshop ${workshopId}`, () => read(workshopId))
    },

    update(workshopId, change) {
      return operation(`update the facilitation state of workshop ${workshopId}`, () =>
        inTransaction(db, () => {
          if (!isStorableId(workshopId) || sql.workshopExists.get(workshopId) === undefined) throw noWorkshop(workshopId)
          const current = read(workshopId)
          const next = change(current)
          if (next === null) return current
          const { stored, state } = nextStored(current, next)
          sql.upsert.run(workshopId, stored.version, state, now())
          return stored
        }),
      )
    },

    close,
  }
}

function prepareStatements({ db }: SharedSqliteConnection) {
  return {
    workshopExists: db.prepare('SELECT id FROM workshops WHERE id = ?'),
    facilitation: db.prepare('SELECT version, state FROM workshop_facilitation WHERE workshop_id = ?'),
    upsert: db.prepare(
      `INSERT INTO workshop_facilitation (workshop_id, version, state, updated_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (workshop_id) DO UPDATE SET version = excluded.version, state = excluded.state, updated_at = excluded.updated_at`,
    ),
  }
}
