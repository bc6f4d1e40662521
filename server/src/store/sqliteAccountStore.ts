import type { DatabaseSync } from 'node:sqlite'
import { isBoardId } from '../../../shared/src/protocol/boardId.ts'
import { digest, readFacilitator } from './accessRecords.ts'
import type { AccountStore, PasswordReset } from './AccountStore.ts'
import { readPasswordReset, passwordProvider } from './accountRecords.ts'
import { inTransaction, integerColumn, type AttachedStore } from './sqliteDatabase.ts'
import { invalidInput } from './storeErrors.ts'
import { textOf } from './storeRows.ts'

// The AccountStore's part of the SQLite access store (sqliteAccessStore.ts spreads it in). One
// connection runs one transaction at a time, so what a transaction reads holds until it commits.

function prepareAccountStatements(db: DatabaseSync) {
  return {
    facilitator: db.prepare('SELECT * FROM facilitators WHERE id = ?'),
    countOtherActive: db.prepare('SELECT COUNT(*) AS count FROM facilitators WHERE deactivated_at IS NULL AND id <> ?'),
    deactivate: db.prepare('UPDATE facilitators SET deactivated_at = COALESCE(deactivated_at, ?) WHERE id = ?'),
    reactivate: db.prepare('UPDATE facilitators SET deactivated_at = NULL WHERE id = ?'),
    setPassword: db.prepare('UPDATE facilitator_credentials SET secret = ? WHERE facilitator_id = ? AND provider = ?'),
    insertPassword: db.prepare(
      'INSERT INTO facilitator_credentials (provider, subject, facilitator_id, secret, created_at) VALUES (?, ?, ?, ?, ?)',
    ),
    sessionsOf: db.prepare('SELECT id_hash FROM sessions WHERE facilitator_id = ?'),
    deleteSessionsOf: db.prepare('DELETE FROM sessions WHERE facilitator_id = ?'),
    deleteSession: db.prepare('DELETE FROM sessions WHERE id_hash = ?'),
    // One reset link per account: a new one takes the old one's place.
    upsertReset: db.prepare(
      `INSERT INTO password_resets (facilitator_id, token_hash, created_by, created_at, expires_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (facilitator_id) DO UPDATE SET token_hash = excluded.token_hash, created_by = excluded.created_by,
         created_at = excluded.created_at, expires_at = excluded.expires_at`,
    ),
    usableReset: db.prepare(
      `SELECT r.* FROM password_resets r JOIN facilitators f ON f.id = r.facilitator_id
       WHERE r.token_hash = ? AND r.expires_at > ? AND f.deactivated_at IS NULL`,
    ),
    deleteReset: db.prepare('DELETE FROM password_resets WHERE token_hash = ?'),
    deleteResetsOfOrBy: db.prepare('DELETE FROM password_resets WHERE facilitator_id = ? OR created_by = ?'),
    deleteExpiredResets: db.prepare('DELETE FROM password_resets WHERE expires_at <= ?'),
    deleteUnusedInvitationsBy: db.prepare('DELETE FROM account_tokens WHERE created_by = ? AND used_at IS NULL'),
  }
}

/** The account administration of the access store on `db`, its operations run through the access store's `operation`. */
export function createSqliteAccountStore(db: DatabaseSync, operation: AttachedStore['operation']): AccountStore {
  const sql = prepareAccountStatements(db)
  const facilitatorRow = (id: string) => (isBoardId(id) ? sql.facilitator.get(id) : undefined)

  /** Replaces the account's password credential (or gives it one); call inside a transaction. */
  function setPassword(account: { id: string; email: string }, passwordHash: string, now: number): void {
    if (Number(sql.setPassword.run(passwordHash, account.id, passwordProvider).changes) > 0) return
    sql.insertPassword.run(passwordProvider, account.email, account.id, passwordHash, now)
  }

  /** Deletes the account's sessions but `keep`; resolves to the deleted ones' hashes. Call inside a transaction. */
  function endSessions(facilitatorId: string, keep: string | null): string[] {
    const ended = sql.sessionsOf.all(facilitatorId).map((row) => textOf(row, 'id_hash')).filter((idHash) => idHash !== keep)
    for (const idHash of ended) sql.deleteSession.run(idHash)
    return ended
  }

  return {
    createPasswordReset(reset: PasswordReset) {
      return operation('create a password reset link', () => {
        if (!digest.test(reset.tokenHash)) throw invalidInput('A reset link is stored as a SHA-256 hex digest.')
        return inTransaction(db, () => {
          const row = facilitatorRow(reset.facilitatorId)
          if (row === undefined) return 'notFound'
          if (readFacilitator(row).deactivatedAt != null) return 'deactivated'
          const { facilitatorId, tokenHash, createdBy, createdAt, expiresAt } = reset
          sql.upsertReset.run(facilitatorId, tokenHash, createdBy, createdAt, expiresAt)
          return 'created'
        })
      })
    },

    findPasswordReset(tokenHash, now) {
      return operation('load a password reset link', () => {
        const row = digest.test(tokenHash) ? sql.usableReset.get(tokenHash, now) : undefined
        return row === undefined ? null : readPasswordReset(row)
      })
    },

    redeemPasswordReset(tokenHash, now, passwordHash) {
      return operation('use a password reset link', () => {
        if (!digest.test(tokenHash)) return null
        return inTransaction(db, () => {
          const reset = sql.usableReset.get(tokenHash, now)
          if (reset === undefined) return null
          const row = facilitatorRow(textOf(reset, 'facilitator_id'))
          if (row === undefined) return null
          const account = readFacilitator(row)
          sql.deleteReset.run(tokenHash)
          setPassword(account, passwordHash, now)
          return { account, endedSessions: endSessions(account.id, null) }
        })
      })
    },

    changePassword(facilitatorId, passwordHash, keepSessionIdHash, now) {
      return operation(`change the password of facilitator ${facilitatorId}`, () =>
        inTransaction(db, () => {
          const row = facilitatorRow(facilitatorId)
          if (row === undefined) return null
          setPassword(readFacilitator(row), passwordHash, now)
          return endSessions(facilitatorId, keepSessionIdHash)
        }),
      )
    },

    deactivateFacilitator(facilitatorId, now) {
      return operation(`deactivate facilitator ${facilitatorId}`, () =>
        inTransaction(db, () => {
          const row = facilitatorRow(facilitatorId)
          if (row === undefined) return { kind: 'notFound' } as const
          const wasActive = readFacilitator(row).deactivatedAt == null
          if (wasActive && integerColumn(sql.countOtherActive.get(facilitatorId), 'count') === 0) return { kind: 'lastActive' } as const
          sql.deactivate.run(now, facilitatorId)
          sql.deleteSessionsOf.run(facilitatorId)
          sql.deleteResetsOfOrBy.run(facilitatorId, facilitatorId)
          sql.deleteUnusedInvitationsBy.run(facilitatorId)
          return { kind: 'deactivated', account: readFacilitator(facilitatorRow(facilitatorId) ?? row) } as const
        }),
      )
    },

    reactivateFacilitator(facilitatorId) {
      return operation(`reactivate facilitator ${facilitatorId}`, () =>
        inTransaction(db, () => {
          if (facilitatorRow(facilitatorId) === undefined) return null
          sql.reactivate.run(facilitatorId)
          sql.deleteSessionsOf.run(facilitatorId)
          const row = facilitatorRow(facilitatorId)
          return row === undefined ? null : readFacilitator(row)
        }),
      )
    },

    deleteExpiredPasswordResets(now) {
      return operation('delete expired password reset links', () => Number(sql.deleteExpiredResets.run(now).changes))
    },
  }
}
