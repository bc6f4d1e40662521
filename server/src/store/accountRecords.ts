import type { PasswordReset } from './AccountStore.ts'
import { integerOf, nullableTextOf, textOf, type StoredRow } from './storeRows.ts'

// Reading the account store's rows, the same columns on SQLite and Postgres.

/** The credential provider of local accounts (see FacilitatorCredential). */
export const passwordProvider = 'password'

export function readPasswordReset(row: StoredRow): PasswordReset {
  return {
    facilitatorId: textOf(row, 'facilitator_id'),
    tokenHash: textOf(row, 'token_hash'),
    createdBy: nullableTextOf(row, 'created_by'),
    createdAt: integerOf(row, 'created_at'),
    expiresAt: integerOf(row, 'expires_at'),
  }
}
