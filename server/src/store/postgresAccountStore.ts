import type pg from 'pg'
import { isBoardId } from '../../../shared/src/protocol/boardId.ts'
import { digest, readFacilitator } from './accessRecords.ts'
import type { AccountStore, Deactivation } from './AccountStore.ts'
import { passwordProvider, readPasswordReset } from './accountRecords.ts'
import { inPostgresTransaction, type AttachedPostgresStore, type Queryable } from './postgresDatabase.ts'
import { changedRows, queryRow, queryRows } from './postgresQueries.ts'
import { invalidInput } from './storeErrors.ts'
import { integerOf, textOf } from './storeRows.ts'

// The AccountStore's part of the Postgres access store (postgresAccessStore.ts spreads it in),
// behaving as the SQLite one (sqliteAccountStore.ts). Several server instances change the same
// accounts at once, so each transaction that reads and then writes holds what it read; each
// place says what holds it.

const sql = {
  /** As the access store's: account creations and deactivations go one at a time. */
  lockAccounts: 'LOCK TABLE facilitators IN SHARE ROW EXCLUSIVE MODE',
  facilitator: 'SELECT * FROM facilitators WHERE id = $1',
  // A deactivation updates the row, so holding it FOR SHARE puts this transaction wholly before or after one.
  keepFacilitator: 'SELECT * FROM facilitators WHERE id = $1 FOR SHARE',
  countOtherActive: 'SELECT COUNT(*) AS count FROM facilitators WHERE deactivated_at IS NULL AND id <> $1',
  deactivate: 'UPDATE facilitators SET deactivated_at = COALESCE(deactivated_at, $1) WHERE id = $2 RETURNING *',
  reactivate: 'UPDATE facilitators SET deactivated_at = NULL WHERE id = $1 RETURNING *',
  setPassword: 'UPDATE facilitator_credentials SET secret = $1 WHERE facilitator_id = $2 AND provider = $3',
  insertPassword: `INSERT INTO facilitator_credentials (provider, subject, facilitator_id, secret, created_at)
    VALUES ($1, $2, $3, $4, $5)`,
  deleteSessionsOf: 'DELETE FROM sessions WHERE facilitator_id = $1 RETURNING id_hash',
  deleteOtherSessionsOf: 'DELETE FROM sessions WHERE facilitator_id = $1 AND id_hash <> $2 RETURNING id_hash',
  upsertReset: `INSERT INTO password_resets (facilitator_id, token_hash, created_by, created_at, expires_at)
    VALUES ($1, $2, $3, $4, $5)
    ON CONFLICT (facilitator_id) DO UPDATE SET token_hash = EXCLUDED.token_hash, created_by = EXCLUDED.created_by,
      created_at = EXCLUDED.created_at, expires_at = EXCLUDED.expires_at`,
  usableReset: `SELECT r.* FROM password_resets r JOIN facilitators f ON f.id = r.facilitator_id
    WHERE r.token_hash = $1 AND r.expires_at > $2 AND f.deactivated_at IS NULL`,
  // Of two uses of one link at once, the second waits for the first's row lock and then deletes nothing.
  takeReset: 'DELETE FROM password_resets WHERE token_hash = $1 AND expires_at > $2 RETURNING facilitator_id',
  deleteResetsOfOrBy: 'DELETE FROM password_resets WHERE facilitator_id = $1 OR created_by = $1',
  deleteExpiredResets: 'DELETE FROM password_resets WHERE expires_at <= $1',
  deleteUnusedInvitationsBy: 'DELETE FROM account_tokens WHERE created_by = $1 AND used_at IS NULL',
} as const

/** The account administration of the access store on `pool`, its operations run through the access store's `operation`. */
export function createPostgresAccountStore(pool: pg.Pool, operation: AttachedPostgresStore['operation']): AccountStore {
  const transaction = <T>(work: (client: Queryable) => Promise<T>) => inPostgresTransaction(pool, work)

  /** Replaces the account's password credential (or gives it one); call inside a transaction. */
  async function setPassword(client: Queryable, account: { id: string; email: string }, passwordHash: string, now: number) {
    if ((await changedRows(client, sql.setPassword, [passwordHash, account.id, passwordProvider])) > 0) return
    await client.query(sql.insertPassword, [passwordProvider, account.email, account.id, passwordHash, now])
  }

  const hashes = (rows: readonly Record<string, unknown>[]) => rows.map((row) => textOf(row, 'id_hash'))

  return {
    createPasswordReset(reset) {
      return operation('create a password reset link', async () => {
        if (!digest.test(reset.tokenHash)) throw invalidInput('A reset link is stored as a SHA-256 hex digest.')
        if (!isBoardId(reset.facilitatorId)) return 'notFound'
        return transaction(async (client) => {
          const row = await queryRow(client, sql.keepFacilitator, [reset.facilitatorId])
          if (row === undefined) return 'notFound'
          if (readFacilitator(row).deactivatedAt != null) return 'deactivated'
          const { facilitatorId, tokenHash, createdBy, createdAt, expiresAt } = reset
          await client.query(sql.upsertReset, [facilitatorId, tokenHash, createdBy, createdAt, expiresAt])
          return 'created'
        })
      })
    },

    findPasswordReset(tokenHash, now) {
      return operation('load a password reset link', async () => {
        const row = digest.test(tokenHash) ? await queryRow(pool, sql.usableReset, [tokenHash, now]) : undefined
        return row === undefined ? null : readPasswordReset(row)
      })
    },

    redeemPasswordReset(tokenHash, now, passwordHash) {
      return operation('use a password reset link', async () => {
        if (!digest.test(tokenHash)) return null
        return transaction(async (client) => {
          const taken = await queryRow(client, sql.takeReset, [tokenHash, now])
          if (taken === undefined) return null
          const row = await queryRow(client, sql.keepFacilitator, [textOf(taken, 'facilitator_id')])
          if (row === undefined) return null
          const account = readFacilitator(row)
          // Deactivating deletes the account's link; one that commits while this waited leaves it dead.
          if (account.deactivatedAt != null) return null
          await setPassword(client, account, passwordHash, now)
          return { account, endedSessions: hashes(await queryRows(client, sql.deleteSessionsOf, [account.id])) }
        })
      })
    },

    changePassword(facilitatorId, passwordHash, keepSessionIdHash, now) {
      return operation(`change the password of facilitator ${facilitatorId}`, async () => {
        if (!isBoardId(facilitatorId)) return null
        return transaction(async (client) => {
          const row = await queryRow(client, sql.keepFacilitator, [facilitatorId])
          if (row === undefined) return null
          await setPassword(client, readFacilitator(row), passwordHash, now)
          return hashes(await queryRows(client, sql.deleteOtherSessionsOf, [facilitatorId, keepSessionIdHash ?? '']))
        })
      })
    },

    deactivateFacilitator(facilitatorId, now) {
      return operation(`deactivate facilitator ${facilitatorId}`, async (): Promise<Deactivation> => {
        if (!isBoardId(facilitatorId)) return { kind: 'notFound' }
        return transaction(async (client) => {
          // With account changes held, "another account is active" stays true until this commits:
          // of two facilitators deactivating each other at once, the second reads the first's change.
          await client.query(sql.lockAccounts)
          const row = await queryRow(client, sql.facilitator, [facilitatorId])
          if (row === undefined) return { kind: 'notFound' }
          const wasActive = readFacilitator(row).deactivatedAt == null
          if (wasActive && integerOf(await queryRow(client, sql.countOtherActive, [facilitatorId]), 'count') === 0) {
            return { kind: 'lastActive' }
          }
          const updated = await queryRow(client, sql.deactivate, [now, facilitatorId])
          await client.query(sql.deleteSessionsOf, [facilitatorId])
          await client.query(sql.deleteResetsOfOrBy, [facilitatorId])
          await client.query(sql.deleteUnusedInvitationsBy, [facilitatorId])
          return { kind: 'deactivated', account: readFacilitator(updated ?? row) }
        })
      })
    },

    reactivateFacilitator(facilitatorId) {
      return operation(`reactivate facilitator ${facilitatorId}`, async () => {
        if (!isBoardId(facilitatorId)) return null
        return transaction(async (client) => {
          const row = await queryRow(client, sql.reactivate, [facilitatorId])
          if (row === undefined) return null
          await client.query(sql.deleteSessionsOf, [facilitatorId])
          return readFacilitator(row)
        })
      })
    },

    deleteExpiredPasswordResets(now) {
      return operation('delete expired password reset links', () => changedRows(pool, sql.deleteExpiredResets, [now]))
    },
  }
}
