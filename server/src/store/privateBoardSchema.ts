import type { Migration } from './boardStoreSchema.ts'
import { textOf, type StoredRow } from './storeRows.ts'
import type { PrivateBoard } from './DomainStore.ts'

/**
 * Private boards (where a participant writes alone while the facilitator keeps a step private) as
 * migration 7 of the sequence in boardStoreSchema.ts, in SQL that SQLite and Postgres both run.
 *
 * - A private board is an ordinary board (its `boards` row, update log, snapshots, assets), so
 *   the relay and the board store serve it as any other; this table only says whose it is and
 *   on which step.
 * - One board per person and step (the UNIQUE constraint): two requests at once for the same
 *   person's board make one, the second finding the first's.
 * - The row goes with its step (ON DELETE CASCADE, and so with its workshop); the board's own
 *   rows are deleted by the store in the same transaction, as a step's board is.
 * - `person_id` is a participant's (or facilitator's) id, not a foreign key: a participant's
 *   board outlives the participant being removed, as their notes on the step's board do.
 *
 * Never edit a released migration; add a new one.
 */
export function privateBoardMigrations(): readonly Migration[] {
  return [
    {
      version: 7,
      name: 'private boards',
      statements: [
        `CREATE TABLE private_boards (
          board_id TEXT PRIMARY KEY REFERENCES boards (board_id),
          step_id TEXT NOT NULL REFERENCES steps (id) ON DELETE CASCADE,
          person_id TEXT NOT NULL,
          created_at BIGINT NOT NULL,
          UNIQUE (step_id, person_id)
        )`,
      ],
    },
  ]
}

/** The columns a PrivateBoard is read from. */
export const privateBoardColumns = 'board_id, step_id, person_id'

export function readPrivateBoard(row: StoredRow): PrivateBoard {
  return { boardId: textOf(row, 'board_id'), stepId: textOf(row, 'step_id'), personId: textOf(row, 'person_id') }
}
