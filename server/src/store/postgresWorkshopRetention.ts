import type { DomainStore } from './DomainStore.ts'
import { isStorableId } from './domainRules.ts'
import type { PostgresWorkshopContext } from './postgresWorkshopOperations.ts'
import { changedRows, queryRow, queryRows } from './postgresQueries.ts'
import { textOf } from './storeRows.ts'
import { validated } from './storeValidation.ts'
import { readRetention, StoredRetention } from './workshopRetentionRules.ts'

type RetentionOperations = Pick<
  DomainStore,
  'getWorkshopRetention' | 'setWorkshopRetention' | 'dateClosedWorkshops' | 'workshopsDueForDeletion'
>

const retentionSql = {
  retention: `SELECT closed_at, delete_after FROM workshops WHERE id = $1 AND status = 'closed'`,
  setRetention: `UPDATE workshops SET closed_at = $1, delete_after = $2 WHERE id = $3 AND status = 'closed'`,
  clearRetention: 'UPDATE workshops SET closed_at = NULL, delete_after = NULL WHERE id = $1',
  dateUndated: `UPDATE workshops SET closed_at = $1, delete_after = $2 WHERE status = 'closed' AND delete_after IS NULL`,
  due: `SELECT id FROM workshops WHERE status = 'closed' AND delete_after IS NOT NULL AND delete_after <= $1
        ORDER BY delete_after, id`,
}

/**
 * Closed workshops' deletion dates in the Postgres DomainStore (see postgresDomainStore.ts).
 * Each is one statement: an instance reopening a workshop while another dates it leaves either
 * the reopened workshop (whose date nothing reads) or the dated closed one.
 */
export function postgresWorkshopRetentionOperations({ pool, operation }: PostgresWorkshopContext): RetentionOperations {
  return {
    getWorkshopRetention(workshopId) {
      return operation(`read the deletion date of workshop ${workshopId}`, async () => {
        if (!isStorableId(workshopId)) return null
        const row = await queryRow(pool, retentionSql.retention, [workshopId])
        return row === undefined ? null : readRetention(row)
      })
    },

    setWorkshopRetention(workshopId, input) {
      return operation(`set the deletion date of workshop ${workshopId}`, async () => {
        if (!isStorableId(workshopId)) return false
        if (input === null) return (await changedRows(pool, retentionSql.clearRetention, [workshopId])) > 0
        const retention = validated(StoredRetention, input, 'deletion date')
        return (await changedRows(pool, retentionSql.setRetention, [retention.closedAt, retention.deleteAfter, workshopId])) > 0
      })
    },

    dateClosedWorkshops(input) {
      return operation('date the closed workshops without a deletion date', async () => {
        const retention = validated(StoredRetention, input, 'deletion date')
        return changedRows(pool, retentionSql.dateUndated, [retention.closedAt, retention.deleteAfter])
      })
    },

    workshopsDueForDeletion(now) {
      return operation('list the closed workshops due for deletion', async () =>
        (await queryRows(pool, retentionSql.due, [now])).map((row) => textOf(row, 'id')),
      )
    },
  }
}
