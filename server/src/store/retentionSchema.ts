import type { Migration } from './boardStoreSchema.ts'

/**
 * When a closed workshop's boards and participants are deleted, as migration 9 of the sequence
 * in boardStoreSchema.ts, in SQL that SQLite and Postgres both run.
 *
 * - `closed_at`: when the workshop was closed (or, for one closed before the server kept this,
 *   when the retention sweep first saw it closed); `delete_after`: when the sweep deletes it.
 *   Both are NULL while the workshop is planned or open: reopening it clears them.
 * - A published description is not the workshop's and stays (it never held names).
 *
 * Never edit a released migration; add a new one.
 */
export function workshopRetentionMigrations(): readonly Migration[] {
  return [
    {
      version: 9,
      name: 'closed workshops’ deletion dates',
      statements: [
        'ALTER TABLE workshops ADD COLUMN closed_at BIGINT',
        'ALTER TABLE workshops ADD COLUMN delete_after BIGINT',
        // The sweep asks for the closed workshops that are due.
        'CREATE INDEX workshops_by_deletion ON workshops (delete_after)',
      ],
    },
  ]
}
