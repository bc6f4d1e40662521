import type { Migration } from './boardStoreSchema.ts'

/**
 * Challenge descriptions (utfordringsbeskrivelser) as migration 4 of the
 * sequence in boardStoreSchema.ts, in SQL that SQLite and Postgres both run.
 *
 * - A draft is one working copy per challenge; a published version is an
 *   immutable document. Both are stored as JSON text (validated with the
 *   shared zod schemas on every write and read), not as rows per field: no
 *   query looks inside them, and a document reads back as it was written. A
 *   change to the fields' shape needs a migration that rewrites the bodies.
 * - A version keeps the publisher's name as it was (it is shown on the public
 *   page), so the account may go without the record changing.
 * - Versions do not cascade with their challenge: a published record is public
 *   and should not disappear as a side effect; the draft does.
 *
 * Never edit a released migration; add a new one.
 */
export function descriptionMigrations(): readonly Migration[] {
  return [
    {
      version: 4,
      name: 'challenge description drafts and published versions',
      statements: [
        `CREATE TABLE challenge_drafts (
          challenge_id TEXT PRIMARY KEY REFERENCES challenges (id) ON DELETE CASCADE,
          body TEXT NOT NULL,
          updated_at BIGINT NOT NULL
        )`,
        `CREATE TABLE challenge_description_versions (
          challenge_id TEXT NOT NULL REFERENCES challenges (id),
          version INTEGER NOT NULL CHECK (version >= 1),
          published_at BIGINT NOT NULL,
          published_by_facilitator_id TEXT REFERENCES facilitators (id) ON DELETE SET NULL,
          published_by_name TEXT NOT NULL,
          body TEXT NOT NULL,
          PRIMARY KEY (challenge_id, version)
        )`,
        // The start page lists the newest version of every challenge, newest first.
        'CREATE INDEX challenge_description_versions_by_time ON challenge_description_versions (published_at)',
      ],
    },
  ]
}
