import { newEntityId } from '../../../shared/src/schema/entityId.ts'
import type { AuditStore } from './AuditStore.ts'
import {
  auditListQuery,
  auditRowValues,
  auditStatements,
  checkedAuditEntry,
  checkedAuditFilter,
  coalescibleValues,
  numbered,
  readAuditRow,
} from './auditRecords.ts'
import { attachPostgresStore, inPostgresTransaction, type SharedPostgresPool } from './postgresDatabase.ts'
import { changedRows, queryRow, queryRows } from './postgresQueries.ts'

// The statements of sqliteAuditStore.ts with Postgres' numbered parameters.
const sql = {
  insert: `${numbered(auditStatements.insert)} RETURNING *`,
  coalescible: `${numbered(auditStatements.coalescible)} FOR UPDATE`,
  countAgain: `${numbered(auditStatements.countAgain)} RETURNING *`,
  deleteBefore: numbered(auditStatements.deleteBefore),
} as const

/**
 * The AuditStore on the Postgres pool the other stores use (open them with openPostgresStores),
 * behaving as the SQLite one (sqliteAuditStore.ts). An entry counted again is locked until the
 * count commits; two first edits made at the same moment on two instances may make two entries,
 * which says no less than one. Its close() lets go of the pool.
 */
export function createPostgresAuditStore(shared: SharedPostgresPool): AuditStore {
  const { pool } = shared
  const { operation, close } = attachPostgresStore(shared, 'audit')

  return {
    append(input, options = {}) {
      return operation(`record ${input.action} in the audit log`, async () => {
        const entry = checkedAuditEntry(input)
        return inPostgresTransaction(pool, async (client) => {
          const within = options.coalesceWithinMs
          const earlier = within === undefined ? undefined : await queryRow(client, sql.coalescible, coalescibleValues(entry, within))
          if (earlier !== undefined) {
            return readAuditRow(await queryRow(client, sql.countAgain, [entry.at, readAuditRow(earlier).id]))
          }
          return readAuditRow(await queryRow(client, sql.insert, auditRowValues(newEntityId(), entry)))
        })
      })
    },

    list(input) {
      return operation('list the audit log', async () => {
        const { text, values } = auditListQuery(checkedAuditFilter(input), 'postgres')
        return (await queryRows(pool, numbered(text), values)).map(readAuditRow)
      })
    },

    deleteBefore(cutoff) {
      return operation('delete old audit entries', () => changedRows(pool, sql.deleteBefore, [cutoff]))
    },

    close,
  }
}
