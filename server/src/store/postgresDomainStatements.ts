import type { Challenge } from '../../../shared/src/schema/challenge.ts'
import type { Workshop } from '../../../shared/src/schema/workshop.ts'
import { challengeListRows, readChallenge, readWorkshop, type ChallengeList } from './domainRecords.ts'
import type { Queryable } from './postgresDatabase.ts'
import { privateBoardColumns } from './privateBoardSchema.ts'
import type { StoredRow } from './storeRows.ts'

// The SQL of the Postgres domain store, and the reading of its results into records.
//
// Text is ordered with COLLATE "C", the order of the UTF-8 bytes that SQLite's BINARY collation
// uses: whatever locale the database was created with, listings come in the same order from
// both stores ("Ørsta" after "Åseral" after "Vestby", capitals before small letters).
//
// A challenge or workshop is read with its lists in one statement (ARRAY subqueries), so a
// reader never sees a challenge half-way through another instance's update of its lists.

/** A challenge's five lists as array columns named by their stored relation or kind (see readChallenge). */
const challengeLists = [
  ...(['co_applicant', 'follower'] as const).map(
    (relation) =>
      `ARRAY(SELECT related.municipality_id FROM challenge_municipalities related
             WHERE related.challenge_id = challenges.id AND related.relation = '${relation}'
             ORDER BY related.position) AS ${relation}`,
  ),
  ...(['problem_statement', 'theme', 'stakeholder_group'] as const).map(
    (kind) =>
      `ARRAY(SELECT item.item_text FROM challenge_items item
             WHERE item.challenge_id = challenges.id AND item.kind = '${kind}'
             ORDER BY item.position) AS ${kind}`,
  ),
].join(',\n')

const challengeColumns = `challenges.id, challenges.lead_municipality_id, challenges.name, challenges.title,
  challenges.summary, challenges.status, ${challengeLists}`

const workshopColumns = `workshops.id, workshops.challenge_id, workshops.title, workshops.starts_at, workshops.ends_at,
  workshops.status,
  ARRAY(SELECT facilitator.facilitator_id FROM workshop_facilitators facilitator
        WHERE facilitator.workshop_id = workshops.id ORDER BY facilitator.position) AS facilitator_ids`

const stepColumns = 'id, workshop_id, position, template_id, template_version, board_id, instructions, planned_minutes'

export const domainSql = {
  municipality: 'SELECT * FROM municipalities WHERE id = $1',
  municipalityByNumber: 'SELECT name FROM municipalities WHERE municipality_number = $1',
  municipalities: 'SELECT * FROM municipalities ORDER BY name COLLATE "C", id COLLATE "C"',
  existingMunicipalities: 'SELECT id FROM municipalities WHERE id = ANY($1::text[])',
  anyMunicipality: 'SELECT id FROM municipalities LIMIT 1',
  // Seeding holds this until it commits: no municipality can be added between "the domain is empty" and the seed.
  lockMunicipalities: 'LOCK TABLE municipalities IN SHARE ROW EXCLUSIVE MODE',
  insertMunicipality: `INSERT INTO municipalities (id, name, municipality_number, county, language_form, created_at)
    VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING RETURNING id`,
  updateMunicipality: 'UPDATE municipalities SET language_form = $1, county = $2 WHERE id = $3',
  lockMunicipality: 'SELECT * FROM municipalities WHERE id = $1 FOR NO KEY UPDATE',
  insertFollower: `INSERT INTO municipality_followers (lead_municipality_id, follower_municipality_id) VALUES ($1, $2)
    ON CONFLICT (lead_municipality_id, follower_municipality_id) DO NOTHING`,
  followerLinks: `SELECT * FROM municipality_followers
    ORDER BY lead_municipality_id COLLATE "C", follower_municipality_id COLLATE "C"`,

  challengeExists: 'SELECT id FROM challenges WHERE id = $1',
  lockChallenge: 'SELECT id FROM challenges WHERE id = $1 FOR NO KEY UPDATE',
  challenge: `SELECT ${challengeColumns} FROM challenges WHERE challenges.id = $1`,
  challenges: `SELECT ${challengeColumns} FROM challenges ORDER BY challenges.name COLLATE "C", challenges.id COLLATE "C"`,
  // Exact criteria are SQL; the free-text match is done on the rows (see searchText.ts), as on SQLite.
  challengesMatching: `SELECT ${challengeColumns}, lead.name AS lead_municipality_name
    FROM challenges JOIN municipalities lead ON lead.id = challenges.lead_municipality_id
    WHERE ($1::text IS NULL OR challenges.status = $1::text)
      AND ($2::text IS NULL
           OR challenges.lead_municipality_id = $2::text
           OR EXISTS (SELECT 1 FROM challenge_municipalities taking_part
                      WHERE taking_part.challenge_id = challenges.id AND taking_part.municipality_id = $2::text))
    ORDER BY challenges.name COLLATE "C", challenges.id COLLATE "C"`,
  insertChallenge: `INSERT INTO challenges (id, lead_municipality_id, name, title, summary, status, created_at)
    VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (id) DO NOTHING RETURNING id`,
  insertChallengeMunicipalities: `INSERT INTO challenge_municipalities (challenge_id, municipality_id, relation, position)
    SELECT $1, listed.municipality_id, listed.relation, listed.position
    FROM unnest($2::text[], $3::text[], $4::bigint[]) AS listed (municipality_id, relation, position)`,
  insertChallengeItems: `INSERT INTO challenge_items (challenge_id, kind, position, item_text)
    SELECT $1, listed.kind, listed.position, listed.item_text
    FROM unnest($2::text[], $3::bigint[], $4::text[]) AS listed (kind, position, item_text)`,
  updateChallenge:
    'UPDATE challenges SET lead_municipality_id = $1, name = $2, title = $3, summary = $4, status = $5 WHERE id = $6',
  deleteChallengeLists: `WITH municipalities_gone AS (DELETE FROM challenge_municipalities WHERE challenge_id = $1)
    DELETE FROM challenge_items WHERE challenge_id = $1`,

  workshopExists: 'SELECT id FROM workshops WHERE id = $1',
  /** Deleting a workshop: waits for, and then shuts out, every change to it and to anything that references it. */
  lockWorkshopForDeletion: 'SELECT id FROM workshops WHERE id = $1 FOR UPDATE',
  /**
   * The workshop's own lock for changing it or its agenda (steps added, deleted, reordered). It
   * does not stop participants, links and sessions being added (their foreign keys only take a
   * key-share lock), but it does stop the workshop being deleted until the change commits.
   */
  lockWorkshop: 'SELECT id FROM workshops WHERE id = $1 FOR NO KEY UPDATE',
  workshop: `SELECT ${workshopColumns} FROM workshops WHERE workshops.id = $1`,
  workshopsOfChallenge: `SELECT ${workshopColumns} FROM workshops WHERE workshops.challenge_id = $1
    ORDER BY workshops.starts_at, workshops.id COLLATE "C"`,
  insertWorkshop: `INSERT INTO workshops (id, challenge_id, title, starts_at, ends_at, status, created_at)
    VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (id) DO NOTHING RETURNING id`,
  insertWorkshopFacilitators: `INSERT INTO workshop_facilitators (workshop_id, facilitator_id, position)
    SELECT $1, listed.facilitator_id, listed.ordinality - 1
    FROM unnest($2::text[]) WITH ORDINALITY AS listed (facilitator_id, ordinality)`,
  updateWorkshop: 'UPDATE workshops SET title = $1, starts_at = $2, ends_at = $3, status = $4 WHERE id = $5',
  deleteWorkshopFacilitators: 'DELETE FROM workshop_facilitators WHERE workshop_id = $1',
  deleteWorkshop: 'DELETE FROM workshops WHERE id = $1',

  step: `SELECT ${stepColumns} FROM steps WHERE id = $1`,
  lockStep: `SELECT ${stepColumns} FROM steps WHERE id = $1 FOR NO KEY UPDATE`,
  workshopOfStep: 'SELECT workshop_id FROM steps WHERE id = $1',
  stepByBoard: `SELECT ${stepColumns} FROM steps WHERE board_id = $1`,
  stepsOfWorkshop: `SELECT ${stepColumns} FROM steps WHERE workshop_id = $1 ORDER BY position, id COLLATE "C"`,
  // The position after the workshop's last step, when $2 is taken already.
  freePosition: `SELECT CASE WHEN EXISTS (SELECT 1 FROM steps WHERE workshop_id = $1 AND position = $2)
    THEN (SELECT MAX(position) + 1 FROM steps WHERE workshop_id = $1) ELSE $2 END AS position`,
  insertStep: `INSERT INTO steps
      (id, workshop_id, position, template_id, template_version, board_id, instructions, planned_minutes, created_at)
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT DO NOTHING RETURNING id`,
  updateStep: 'UPDATE steps SET instructions = $1, planned_minutes = $2 WHERE id = $3',
  deleteStep: 'DELETE FROM steps WHERE id = $1',
  /** The workshop's steps numbered 0, 1, … in their present order (by position, then id, as they are listed). */
  renumberSteps: `UPDATE steps SET position = ordered.position
    FROM (SELECT id, row_number() OVER (ORDER BY position, id COLLATE "C") - 1 AS position
          FROM steps WHERE workshop_id = $1) AS ordered
    WHERE steps.id = ordered.id AND steps.position <> ordered.position`,
  /** The workshop's steps in the order of $2 (positions 0, 1, …). */
  orderSteps: `UPDATE steps SET position = wanted.ordinality - 1
    FROM unnest($2::text[]) WITH ORDINALITY AS wanted (id, ordinality)
    WHERE steps.workshop_id = $1 AND steps.id = wanted.id`,

  /**
   * Deleting a step (or a workshop's steps): waits for a private board being made on them to
   * commit (making one holds its step's key-share lock, `shareStep`), so that the private boards
   * read next are all there will be; and makes those that come later find no step.
   */
  lockStepForDeletion: 'SELECT id FROM steps WHERE id = $1 FOR UPDATE',
  lockStepsOfWorkshopForDeletion: 'SELECT id FROM steps WHERE workshop_id = $1 ORDER BY id COLLATE "C" FOR UPDATE',
  /** Making a private board: the step cannot be deleted until it commits, and one being deleted is waited for. */
  shareStep: 'SELECT id FROM steps WHERE id = $1 FOR KEY SHARE',

  privateBoard: `SELECT ${privateBoardColumns} FROM private_boards WHERE step_id = $1 AND person_id = $2`,
  privateBoardOwner: `SELECT ${privateBoardColumns} FROM private_boards WHERE board_id = $1`,
  privateBoardsOfStep: `SELECT ${privateBoardColumns} FROM private_boards WHERE step_id = $1
    ORDER BY created_at, board_id COLLATE "C"`,
  privateBoardsOfWorkshop: `SELECT private_boards.board_id FROM private_boards JOIN steps ON steps.id = private_boards.step_id
    WHERE steps.workshop_id = $1`,
  /** Waits for another instance making the same person's board to commit; then stores nothing (the caller reads theirs). */
  insertPrivateBoard: `INSERT INTO private_boards (board_id, step_id, person_id, created_at) VALUES ($1, $2, $3, $4)
    ON CONFLICT (step_id, person_id) DO NOTHING RETURNING board_id`,

  ensureBoard: `INSERT INTO boards (board_id, last_seq, last_snapshot_id, created_at) VALUES ($1, 0, 0, $2)
    ON CONFLICT (board_id) DO NOTHING`,
  /**
   * Every write of the board store holds its board's row (appends and snapshots update it, assets
   * and client claims reference it), so once this lock is granted no write to these boards is
   * half-way: the deletion below sees all their rows, and later writes wait for it. Taken in
   * board id order, as the board store takes them, so that neither waits on the other in a circle.
   */
  lockBoards: 'SELECT board_id FROM boards WHERE board_id = ANY($1::text[]) ORDER BY board_id FOR UPDATE',
  deleteBoards: `WITH
      updates_gone AS (DELETE FROM board_updates WHERE board_id = ANY($1::text[])),
      snapshots_gone AS (DELETE FROM board_snapshots WHERE board_id = ANY($1::text[])),
      assets_gone AS (DELETE FROM assets WHERE board_id = ANY($1::text[])),
      clients_gone AS (DELETE FROM board_clients WHERE board_id = ANY($1::text[]))
    DELETE FROM boards WHERE board_id = ANY($1::text[])`,
} as const

/** A text[] column, as pg returns it. */
export function textListOf(row: StoredRow, column: string): string[] {
  const value = row[column]
  if (Array.isArray(value) && value.every((item) => typeof item === 'string')) return value
  throw new Error(`Expected a list of text in column ${column}, found ${value === null ? 'NULL' : typeof value}.`)
}

export function challengeOf(row: StoredRow): Challenge {
  return readChallenge(row, (list: ChallengeList) => textListOf(row, list))
}

export function workshopOf(row: StoredRow): Workshop {
  return readWorkshop(row, textListOf(row, 'facilitator_ids'))
}

/** Stores a challenge's lists, one statement for the municipalities and one for the items. */
export async function insertChallengeLists(db: Queryable, challenge: Challenge): Promise<void> {
  const { municipalities, items } = challengeListRows(challenge)
  if (municipalities.length > 0) {
    await db.query(domainSql.insertChallengeMunicipalities, [
      challenge.id,
      municipalities.map((row) => row.municipalityId),
      municipalities.map((row) => row.relation),
      municipalities.map((row) => row.position),
    ])
  }
  if (items.length > 0) {
    await db.query(domainSql.insertChallengeItems, [
      challenge.id,
      items.map((row) => row.kind),
      items.map((row) => row.position),
      items.map((row) => row.text),
    ])
  }
}

/**
 * Deletes boards' update logs, snapshots, assets, client claims and rows; the steps that
 * referenced them must be gone already (in this transaction).
 */
export async function deleteBoardRows(db: Queryable, boardIds: readonly string[]): Promise<void> {
  if (boardIds.length === 0) return
  await db.query(domainSql.lockBoards, [boardIds])
  await db.query(domainSql.deleteBoards, [boardIds])
}
