import { newEntityId } from '../../../shared/src/schema/entityId.ts'
import type { AuditStore } from './AuditStore.ts'
import { auditListQuery, auditRowValues, auditStatements, checkedAuditEntry, checkedAuditFilter, coalescibleValues, readAuditRow } from './auditRecords.ts'
import { attachStore, inTransaction, type SharedSqliteConnection } from './sqliteDatabase.ts'

/**
 * The AuditStore on the SQLite connection the other stores use (open them with openSqliteStores).
 * SQLite runs one write transaction at a time, so an edit counted into an entry never races
 * another. Its close() releases the connection.
 */
export function createSqliteAuditStore(connection: SharedSqliteConnection): AuditStore {
  const { db } = connection
  const { operation, close } = attachStore(connection, 'audit')
  const sql = {
    insert: db.prepare(auditStatements.insert),
    coalescible: db.prepare(auditStatements.coalescible),
    countAgain: db.prepare(auditStatements.countAgain),
    byId: db.prepare(auditStatements.byId),
    deleteBefore: db.prepare(auditStatements.deleteBefore),
  }

  return {
    append(input, options = {}) {
      return operation(`record ${input.action} in the audit log`, () => {
        const entry = checkedAuditEntry(input)
        return inTransaction(db, () => {
          const within = options.coalesceWithinMs
          const earlier = within === undefined ? undefined : sql.coalescible.get(...coalescibleValues(entry, within))
          if (earlier !== undefined) {
            const { id } = readAuditRow(earlier)
            sql.countAgain.run(entry.at, id)
            return readAuditRow(sql.byId.get(id))
          }
          const id = newEntityId()
          sql.insert.run(...auditRowValues(id, entry))
          return readAuditRow(sql.byId.get(id))
        })
      })
    },

    list(input) {
      return operation('list the audit log', () => {
        const { text, values } = auditListQuery(checkedAuditFilter(input), 'sqlite')
        return db.prepare(text).all(...values).map(readAuditRow)
      })
    },

    deleteBefore(cutoff) {
      return operation('delete old audit entries', () => Number(sql.deleteBefore.run(cutoff).changes))
    },

    close,
  }
}
