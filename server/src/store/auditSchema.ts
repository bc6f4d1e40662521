import type { Migration } from './boardStoreSchema.ts'

/**
 * The audit log (AuditStore.ts) as migration 10 of the sequence in boardStoreSchema.ts, in SQL
 * that SQLite and Postgres both run.
 *
 * - No foreign keys: an entry outlives the workshop, step, board or account it names, and the
 *   facilitator's display name is kept as it was (`actor_name`), as a published version keeps
 *   its publisher's.
 * - `times` and `last_at` count edits folded into one entry; `at` is when the first was done.
 * - `detail` is a JSON object of facts about no one (shared AuditDetail), checked on every write
 *   and read.
 * - Pages are read newest first by (at, id); a workshop's or challenge's entries have an index
 *   of their own, and the retention sweep deletes by `last_at`.
 *
 * Never edit a released migration; add a new one.
 */
export function auditMigrations(): readonly Migration[] {
  return [
    {
      version: 10,
      name: 'audit log of facilitators’ actions',
      statements: [
        `CREATE TABLE audit_entries (
          id TEXT PRIMARY KEY,
          at BIGINT NOT NULL,
          last_at BIGINT NOT NULL,
          times INTEGER NOT NULL DEFAULT 1 CHECK (times >= 1),
          actor_id TEXT NOT NULL,
          actor_name TEXT NOT NULL,
          action TEXT NOT NULL,
          workshop_id TEXT,
          challenge_id TEXT,
          step_id TEXT,
          board_id TEXT,
          municipality_id TEXT,
          facilitator_id TEXT,
          detail TEXT NOT NULL,
          CHECK (last_at >= at)
        )`,
        'CREATE INDEX audit_entries_by_time ON audit_entries (at, id)',
        'CREATE INDEX audit_entries_by_workshop ON audit_entries (workshop_id, at)',
        'CREATE INDEX audit_entries_by_challenge ON audit_entries (challenge_id, at)',
        'CREATE INDEX audit_entries_by_last_time ON audit_entries (last_at)',
        'CREATE INDEX audit_entries_by_actor ON audit_entries (actor_id, action, last_at)',
      ],
    },
  ]
}
