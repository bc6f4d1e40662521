import type { DomainStore } from './DomainStore.ts'
import { isStorableId } from './domainRules.ts'
import { textColumn } from './sqliteDatabase.ts'
import type { WorkshopOperationsContext } from './sqliteWorkshopOperations.ts'
import { validated } from './storeValidation.ts'
import { readRetention, StoredRetention } from './workshopRetentionRules.ts'

type RetentionOperations = Pick<
  DomainStore,
  'getWorkshopRetention' | 'setWorkshopRetention' | 'dateClosedWorkshops' | 'workshopsDueForDeletion'
>

/** Closed workshops' deletion dates in the SQLite DomainStore (see sqliteDomainStore.ts). */
export function sqliteWorkshopRetentionOperations({ db, operation }: Omit<WorkshopOperationsContext, 'sql'>): RetentionOperations {
  const sql = {
    retention: db.prepare(`SELECT closed_at, delete_after FROM workshops WHERE id = ? AND status = 'closed'`),
    setRetention: db.prepare(`UPDATE workshops SET closed_at = ?, delete_after = ? WHERE id = ? AND status = 'closed'`),
    clearRetention: db.prepare('UPDATE workshops SET closed_at = NULL, delete_after = NULL WHERE id = ?'),
    dateUndated: db.prepare(
      `UPDATE workshops SET closed_at = ?, delete_after = ? WHERE status = 'closed' AND delete_after IS NULL`,
    ),
    due: db.prepare(
      `SELECT id FROM workshops WHERE status = 'closed' AND delete_after IS NOT NULL AND delete_after <= ?
       ORDER BY delete_after, id`,
    ),
  }

  return {
    getWorkshopRetention(workshopId) {
      return operation(`read the deletion date of workshop ${workshopId}`, () => {
        if (!isStorableId(workshopId)) return null
        const row = sql.retention.get(workshopId)
        return row === undefined ? null : readRetention(row)
      })
    },

    setWorkshopRetention(workshopId, input) {
      return operation(`set the deletion date of workshop ${workshopId}`, () => {
        if (!isStorableId(workshopId)) return false
        if (input === null) return sql.clearRetention.run(workshopId).changes > 0
        const retention = validated(StoredRetention, input, 'deletion date')
        return sql.setRetention.run(retention.closedAt, retention.deleteAfter, workshopId).changes > 0
      })
    },

    dateClosedWorkshops(input) {
      return operation('date the closed workshops without a deletion date', () => {
        const retention = validated(StoredRetention, input, 'deletion date')
        return Number(sql.dateUndated.run(retention.closedAt, retention.deleteAfter).changes)
      })
    },

    workshopsDueForDeletion(now) {
      return operation('list the closed workshops due for deletion', () => sql.due.all(now).map((row) => textColumn(row, 'id')))
    },
  }
}
