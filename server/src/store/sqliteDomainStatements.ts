import type { DatabaseSync } from 'node:sqlite'
import { isStorableId } from './domainRules.ts'
import { privateBoardColumns } from './privateBoardSchema.ts'
import type { SqliteRow } from './sqliteDatabase.ts'

// The SQL of the SQLite domain store; the records are read from its rows by domainRecords.ts.

/** Every statement the domain store runs, prepared once at open. */
export function prepareDomainStatements(db: DatabaseSync) {
  const stepColumns =
    'id, workshop_id, position, template_id, template_version, board_id, instructions, planned_minutes'
  const workshopColumns = 'id, challenge_id, title, starts_at, ends_at, status'
  return {
    municipality: db.prepare('SELECT * FROM municipalities WHERE id = ?'),
    municipalityByNumber: db.prepare('SELECT name FROM municipalities WHERE municipality_number = ?'),
    municipalities: db.prepare('SELECT * FROM municipalities ORDER BY name, id'),
    anyMunicipality: db.prepare('SELECT id FROM municipalities LIMIT 1'),
    insertMunicipality: db.prepare(
      `INSERT INTO municipalities (id, name, municipality_number, county, language_form, created_at)
       VALUES (?, ?, ?, ?, ?, ?)`,
    ),
    updateMunicipality: db.prepare('UPDATE municipalities SET language_form = ?, county = ? WHERE id = ?'),
    insertFollower: db.prepare(
      `INSERT INTO municipality_followers (lead_municipality_id, follower_municipality_id) VALUES (?, ?)
       ON CONFLICT (lead_municipality_id, follower_municipality_id) DO NOTHING`,
    ),
    followerLinks: db.prepare(
      'SELECT * FROM municipality_followers ORDER BY lead_municipality_id, follower_municipality_id',
    ),
    challengeRow: db.prepare('SELECT * FROM challenges WHERE id = ?'),
    challenges: db.prepare('SELECT * FROM challenges ORDER BY name, id'),
    // Exact criteria are SQL; the free-text match is done on the rows (see searchText.ts).
    challengesMatching: db.prepare(
      `SELECT challenges.*, lead.name AS lead_municipality_name
       FROM challenges JOIN municipalities lead ON lead.id = challenges.lead_municipality_id
       WHERE ($status IS NULL OR challenges.status = $status)
         AND ($municipalityId IS NULL
              OR challenges.lead_municipality_id = $municipalityId
              OR EXISTS (SELECT 1 FROM challenge_municipalities taking_part
                         WHERE taking_part.challenge_id = challenges.id
                           AND taking_part.municipality_id = $municipalityId))
       ORDER BY challenges.name, challenges.id`,
    ),
    insertChallenge: db.prepare(
      `INSERT INTO challenges (id, lead_municipality_id, name, title, summary, status, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    ),
    insertChallengeMunicipality: db.prepare(
      'INSERT INTO challenge_municipalities (challenge_id, municipality_id, relation, position) VALUES (?, ?, ?, ?)',
    ),
    challengeMunicipalities: db.prepare(
      'SELECT municipality_id FROM challenge_municipalities WHERE challenge_id = ? AND relation = ? ORDER BY position',
    ),
    insertChallengeItem: db.prepare(
      'INSERT INTO challenge_items (challenge_id, kind, position, item_text) VALUES (?, ?, ?, ?)',
    ),
    challengeItems: db.prepare(
      'SELECT item_text FROM challenge_items WHERE challenge_id = ? AND kind = ? ORDER BY position',
    ),
    updateChallenge: db.prepare(
      'UPDATE challenges SET lead_municipality_id = ?, name = ?, title = ?, summary = ?, status = ? WHERE id = ?',
    ),
    deleteChallengeMunicipalities: db.prepare('DELETE FROM challenge_municipalities WHERE challenge_id = ?'),
    deleteChallengeItems: db.prepare('DELETE FROM challenge_items WHERE challenge_id = ?'),
    workshop: db.prepare(`SELECT ${workshopColumns} FROM workshops WHERE id = ?`),
    workshopsOfChallenge: db.prepare(
      `SELECT ${workshopColumns} FROM workshops WHERE challenge_id = ? ORDER BY starts_at, id`,
    ),
    insertWorkshop: db.prepare(
      `INSERT INTO workshops (id, challenge_id, title, starts_at, ends_at, status, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    ),
    insertWorkshopFacilitator: db.prepare(
      'INSERT INTO workshop_facilitators (workshop_id, facilitator_id, position) VALUES (?, ?, ?)',
    ),
    workshopFacilitators: db.prepare(
      'SELECT facilitator_id FROM workshop_facilitators WHERE workshop_id = ? ORDER BY position',
    ),
    updateWorkshop: db.prepare('UPDATE workshops SET title = ?, starts_at = ?, ends_at = ?, status = ? WHERE id = ?'),
    deleteWorkshopFacilitators: db.prepare('DELETE FROM workshop_facilitators WHERE workshop_id = ?'),
    deleteWorkshop: db.prepare('DELETE FROM workshops WHERE id = ?'),
    step: db.prepare(`SELECT ${stepColumns} FROM steps WHERE id = ?`),
    stepByBoard: db.prepare(`SELECT ${stepColumns} FROM steps WHERE board_id = ?`),
    stepsOfWorkshop: db.prepare(`SELECT ${stepColumns} FROM steps WHERE workshop_id = ? ORDER BY position, id`),
    // The position after the workshop's last step, when `position` is taken already.
    freePosition: db.prepare(
      `SELECT CASE WHEN EXISTS (SELECT 1 FROM steps WHERE workshop_id = ? AND position = ?)
         THEN (SELECT MAX(position) + 1 FROM steps WHERE workshop_id = ?) ELSE ? END AS position`,
    ),
    insertStep: db.prepare(
      `INSERT INTO steps
         (id, workshop_id, position, template_id, template_version, board_id, instructions, planned_minutes, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    updateStep: db.prepare('UPDATE steps SET instructions = ?, planned_minutes = ? WHERE id = ?'),
    setStepPosition: db.prepare('UPDATE steps SET position = ? WHERE id = ?'),
    deleteStep: db.prepare('DELETE FROM steps WHERE id = ?'),
    ensureBoard: db.prepare(
      `INSERT INTO boards (board_id, last_seq, last_snapshot_id, created_at) VALUES (?, 0, 0, ?)
       ON CONFLICT (board_id) DO NOTHING`,
    ),
    privateBoard: db.prepare(`SELECT ${privateBoardColumns} FROM private_boards WHERE step_id = ? AND person_id = ?`),
    privateBoardOwner: db.prepare(`SELECT ${privateBoardColumns} FROM private_boards WHERE board_id = ?`),
    privateBoardsOfStep: db.prepare(
      `SELECT ${privateBoardColumns} FROM private_boards WHERE step_id = ? ORDER BY created_at, board_id`,
    ),
    privateBoardsOfWorkshop: db.prepare(
      `SELECT private_boards.board_id FROM private_boards JOIN steps ON steps.id = private_boards.step_id
       WHERE steps.workshop_id = ?`,
    ),
    // A second board for the same person and step is not stored: the caller reads the first one.
    insertPrivateBoard: db.prepare(
      `INSERT INTO private_boards (board_id, step_id, person_id, created_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (step_id, person_id) DO NOTHING`,
    ),
    deleteBoardUpdates: db.prepare('DELETE FROM board_updates WHERE board_id = ?'),
    deleteBoardSnapshots: db.prepare('DELETE FROM board_snapshots WHERE board_id = ?'),
    deleteBoardAssets: db.prepare('DELETE FROM assets WHERE board_id = ?'),
    deleteBoardClients: db.prepare('DELETE FROM board_clients WHERE board_id = ?'),
    deleteBoard: db.prepare('DELETE FROM boards WHERE board_id = ?'),
  }
}

export type DomainStatements = ReturnType<typeof prepareDomainStatements>

/** Reads a single row by id, or null for an id that could never have been stored. */
export function readById<T>(
  id: unknown,
  statement: { get(id: string): SqliteRow | undefined },
  read: (row: SqliteRow) => T,
): T | null {
  if (!isStorableId(id)) return null
  const row = statement.get(id)
  return row === undefined ? null : read(row)
}
