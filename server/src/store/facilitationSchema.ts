import type { Migration } from './boardStoreSchema.ts'

/**
 * How a facilitator leads each workshop's room (FacilitationState: current step, timers, raised
 * hands, who is done) as migration 6 of the sequence in boardStoreSchema.ts, in SQL that SQLite
 * and Postgres both run.
 *
 * - One row per workshop, written the first time its state changes; a workshop without one is
 *   in the initial state at version 0. `version` counts the stored changes, so a browser can
 *   tell a newer state from an older one.
 * - The state is JSON text, validated with the shared zod schema on every write and read
 *   (facilitationRecords.ts): it is read and written whole, and no query looks inside it.
 * - The row goes with its workshop (ON DELETE CASCADE).
 *
 * Never edit a released migration; add a new one.
 */
export function facilitationMigrations(): readonly Migration[] {
  return [
    {
      version: 6,
      name: 'workshop facilitation state',
      statements: [
        `CREATE TABLE workshop_facilitation (
          workshop_id TEXT PRIMARY KEY REFERENCES workshops (id) ON DELETE CASCADE,
          version BIGINT NOT NULL CHECK (version >= 1),
          state TEXT NOT NULL,
          updated_at BIGINT NOT NULL
        )`,
      ],
    },
  ]
}
