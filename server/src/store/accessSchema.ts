import type { Migration } from './boardStoreSchema.ts'

/**
 * Facilitator accounts, their credentials, one-time account links, browser
 * sessions and workshop links, as migration 3 of the sequence in
 * boardStoreSchema.ts, in SQL that SQLite and Postgres both run.
 *
 * - Credentials are keyed by (provider, subject), so an OIDC provider (its
 *   issuer, the `sub` claim) adds rows next to 'password' without touching
 *   accounts or sessions.
 * - Secrets are stored as SHA-256 digests (sessions, account tokens) or
 *   scrypt hashes (passwords); see AccessStore.ts.
 * - Everything of a workshop goes with it (ON DELETE CASCADE): its links, its
 *   guests' sessions, its participants (migration 2).
 *
 * Never edit a released migration; add a new one.
 */
export function accessMigrations(): readonly Migration[] {
  return [
    {
      version: 3,
      name: 'facilitators, credentials, account tokens, sessions, workshop links',
      statements: [
        `CREATE TABLE facilitators (
          id TEXT PRIMARY KEY,
          email TEXT NOT NULL UNIQUE,
          display_name TEXT NOT NULL,
          color TEXT NOT NULL,
          created_at BIGINT NOT NULL,
          invited_by TEXT REFERENCES facilitators (id) ON DELETE SET NULL
        )`,
        `CREATE TABLE facilitator_credentials (
          provider TEXT NOT NULL,
          subject TEXT NOT NULL,
          facilitator_id TEXT NOT NULL REFERENCES facilitators (id) ON DELETE CASCADE,
          secret TEXT,
          created_at BIGINT NOT NULL,
          PRIMARY KEY (provider, subject)
        )`,
        'CREATE INDEX facilitator_credentials_by_facilitator ON facilitator_credentials (facilitator_id)',
        `CREATE TABLE account_tokens (
          token_hash TEXT PRIMARY KEY,
          purpose TEXT NOT NULL CHECK (purpose IN ('setup', 'invitation')),
          email TEXT,
          created_by TEXT REFERENCES facilitators (id) ON DELETE CASCADE,
          created_at BIGINT NOT NULL,
          expires_at BIGINT NOT NULL,
          used_at BIGINT
        )`,
        `CREATE TABLE workshop_links (
          id TEXT PRIMARY KEY,
          workshop_id TEXT NOT NULL REFERENCES workshops (id) ON DELETE CASCADE,
          role TEXT NOT NULL CHECK (role IN ('participant', 'observer')),
          token TEXT NOT NULL UNIQUE,
          created_at BIGINT NOT NULL,
          revoked_at BIGINT
        )`,
        // One active link per workshop and role; revoked ones stay for the sessions' history until the workshop goes.
        'CREATE UNIQUE INDEX workshop_links_active ON workshop_links (workshop_id, role) WHERE revoked_at IS NULL',
        `CREATE TABLE sessions (
          id_hash TEXT PRIMARY KEY,
          role TEXT NOT NULL CHECK (role IN ('facilitator', 'participant', 'observer')),
          facilitator_id TEXT REFERENCES facilitators (id) ON DELETE CASCADE,
          workshop_id TEXT REFERENCES workshops (id) ON DELETE CASCADE,
          link_id TEXT REFERENCES workshop_links (id) ON DELETE CASCADE,
          participant_id TEXT REFERENCES participants (id) ON DELETE CASCADE,
          csrf_token TEXT NOT NULL,
          created_at BIGINT NOT NULL,
          expires_at BIGINT NOT NULL,
          CHECK ((role = 'facilitator') = (facilitator_id IS NOT NULL)),
          CHECK ((role = 'facilitator') = (workshop_id IS NULL)),
          CHECK ((role = 'participant') = (participant_id IS NOT NULL))
        )`,
        'CREATE INDEX sessions_by_expiry ON sessions (expires_at)',
        'CREATE INDEX sessions_by_link ON sessions (link_id)',
        'CREATE INDEX sessions_by_workshop ON sessions (workshop_id)',
        'CREATE INDEX sessions_by_facilitator ON sessions (facilitator_id)',
        // Participants of migration 2 had no colour; they get a readable default (a presence colour of the time).
        `ALTER TABLE participants ADD COLUMN color TEXT NOT NULL DEFAULT '#175CD3'`,
        // A column with a reference added by ALTER must default to NULL (SQLite's rule); the link may go before the participant.
        'ALTER TABLE participants ADD COLUMN link_id TEXT REFERENCES workshop_links (id) ON DELETE SET NULL',
        'ALTER TABLE workshops ADD COLUMN join_code TEXT',
      ],
    },
  ]
}
