import type { FacilitatorAccount } from './AccessStore.ts'

// The contract for administering facilitator accounts: password reset links, changing a
// password, deactivating and reactivating. Part of the AccessStore (it extends this), on the
// same connection or pool, implemented for SQLite (sqliteAccountStore.ts) and Postgres
// (postgresAccountStore.ts) over migration 11 (accountSchema.ts); both pass the contract suite in
// tests/integration/accountStore.test.ts. Reset links are stored as SHA-256 hex digests.

/** A password reset link a facilitator issued for another: one per account, the newest. */
export interface PasswordReset {
  /** The account whose password the link sets. */
  facilitatorId: string
  tokenHash: string
  /** The facilitator who issued it. */
  createdBy: string | null
  createdAt: number
  expiresAt: number
}

/** What became of a reset link being issued: nothing is stored for a missing or deactivated account. */
export type PasswordResetIssue = 'created' | 'notFound' | 'deactivated'

/** What deactivating an account did. */
export type Deactivation =
  | { kind: 'deactivated'; account: FacilitatorAccount }
  | { kind: 'notFound' }
  /** It is the only active account: the installation would have nobody to run it. */
  | { kind: 'lastActive' }

/** A password set from a reset link: the account, and the id hashes of the sessions that ended. */
export interface RedeemedReset {
  account: FacilitatorAccount
  endedSessions: string[]
}

export interface AccountStore {
  /**
   * Stores `reset` as the account's only reset link: an earlier one stops working. Stores nothing
   * for an unknown or deactivated account (a deactivation under way either finishes first or
   * deletes the new link).
   */
  createPasswordReset(reset: PasswordReset): Promise<PasswordResetIssue>
  /** The reset link behind a token hash while it can be used: unexpired, of an active account. */
  findPasswordReset(tokenHash: string, now: number): Promise<PasswordReset | null>
  /**
   * Uses a reset link once: in one transaction the link is deleted, the account's password
   * becomes `passwordHash` and all its sessions are deleted (the caller closes their sockets).
   * Null when the link is unknown, used, replaced, expired, or its account deactivated.
   */
  redeemPasswordReset(tokenHash: string, now: number, passwordHash: string): Promise<RedeemedReset | null>
  /**
   * Sets the account's password and deletes its sessions but `keepSessionIdHash` (the one that
   * asked); resolves to the deleted sessions' id hashes, or null for an unknown account.
   */
  changePassword(facilitatorId: string, passwordHash: string, keepSessionIdHash: string | null, now: number): Promise<string[] | null>
  /**
   * Deactivates an account: marks it, and deletes its sessions, its reset link, the reset links it
   * issued and the invitations it made that nobody used. Refuses the last active account; of two
   * accounts deactivating each other at once, one wins. Deactivating twice keeps the first time.
   */
  deactivateFacilitator(facilitatorId: string, now: number): Promise<Deactivation>
  /**
   * Makes a deactivated account active again (its password is unchanged) and deletes any
   * session that started for it while it was deactivated; null for an unknown account.
   */
  reactivateFacilitator(facilitatorId: string): Promise<FacilitatorAccount | null>
  /** Deletes the reset links that expired by `now`; resolves to how many. */
  deleteExpiredPasswordResets(now: number): Promise<number>
}
