import type { Migration } from './boardStoreSchema.ts'

/**
 * Administering facilitator accounts, as migration 11 of the sequence in boardStoreSchema.ts, in
 * SQL that SQLite and Postgres both run:
 *
 * - `facilitators.deactivated_at`: when a facilitator deactivated the account (null while active).
 *   A deactivated account keeps its rows (what it published names it) but has no sessions and
 *   cannot sign in.
 * - `password_resets`: the one live password reset link of an account, keyed by the account, so
 *   that issuing a new one replaces the old in one statement. The link's token is stored as its
 *   SHA-256 digest, like the other one-time links (account_tokens); the row goes when it is used.
 *
 * Never edit a released migration; add a new one.
 */
export function accountMigrations(): readonly Migration[] {
  return [
    {
      version: 11,
      name: 'deactivated facilitators, password reset links',
      statements: [
        'ALTER TABLE facilitators ADD COLUMN deactivated_at BIGINT',
        `CREATE TABLE password_resets (
          facilitator_id TEXT PRIMARY KEY REFERENCES facilitators (id) ON DELETE CASCADE,
          token_hash TEXT NOT NULL UNIQUE,
          created_by TEXT REFERENCES facilitators (id) ON DELETE SET NULL,
          created_at BIGINT NOT NULL,
          expires_at BIGINT NOT NULL
        )`,
        'CREATE INDEX password_resets_by_issuer ON password_resets (created_by)',
        // Deactivating an account deletes the invitations it made and nobody used.
        'CREATE INDEX account_tokens_by_creator ON account_tokens (created_by)',
      ],
    },
  ]
}
