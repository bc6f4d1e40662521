import type { Migration } from './boardStoreSchema.ts'

/**
 * The domain tables (municipalities, challenges, workshops, steps, participants)
 * as migrations of the same numbered sequence as the board tables, in SQL that
 * SQLite and Postgres both run (see boardStoreSchema.ts). Lists (problem
 * statements, themes, stakeholder groups, co-applicants, followers) are rows
 * with a position, not JSON columns, so both dialects query them alike.
 * Date-times are BIGINT milliseconds since the epoch.
 *
 * Never edit a released migration; add a new one.
 */
export function domainMigrations(): readonly Migration[] {
  return [
    {
      version: 2,
      name: 'municipalities, challenges, workshops, steps, participants',
      statements: [
        `CREATE TABLE municipalities (
          id TEXT PRIMARY KEY,
          name TEXT NOT NULL,
          municipality_number TEXT UNIQUE,
          county TEXT,
          language_form TEXT NOT NULL CHECK (language_form IN ('nb', 'nn')),
          created_at BIGINT NOT NULL
        )`,
        `CREATE TABLE municipality_followers (
          lead_municipality_id TEXT NOT NULL REFERENCES municipalities (id) ON DELETE CASCADE,
          follower_municipality_id TEXT NOT NULL REFERENCES municipalities (id) ON DELETE CASCADE,
          PRIMARY KEY (lead_municipality_id, follower_municipality_id),
          CHECK (lead_municipality_id <> follower_municipality_id)
        )`,
        `CREATE TABLE challenges (
          id TEXT PRIMARY KEY,
          lead_municipality_id TEXT NOT NULL REFERENCES municipalities (id),
          name TEXT NOT NULL,
          title TEXT NOT NULL,
          summary TEXT NOT NULL,
          status TEXT NOT NULL CHECK (status IN ('draft', 'active', 'closed')),
          created_at BIGINT NOT NULL
        )`,
        `CREATE TABLE challenge_municipalities (
          challenge_id TEXT NOT NULL REFERENCES challenges (id) ON DELETE CASCADE,
          municipality_id TEXT NOT NULL REFERENCES municipalities (id),
          relation TEXT NOT NULL CHECK (relation IN ('co_applicant', 'follower')),
          position BIGINT NOT NULL CHECK (position >= 0),
          PRIMARY KEY (challenge_id, municipality_id)
        )`,
        // Problem statements, themes and stakeholder groups, each list in its order.
        `CREATE TABLE challenge_items (
          challenge_id TEXT NOT NULL REFERENCES challenges (id) ON DELETE CASCADE,
          kind TEXT NOT NULL CHECK (kind IN ('problem_statement', 'theme', 'stakeholder_group')),
          position BIGINT NOT NULL CHECK (position >= 0),
          item_text TEXT NOT NULL,
          PRIMARY KEY (challenge_id, kind, position)
        )`,
        `CREATE TABLE workshops (
          id TEXT PRIMARY KEY,
          challenge_id TEXT NOT NULL REFERENCES challenges (id),
          title TEXT NOT NULL,
          starts_at BIGINT NOT NULL,
          ends_at BIGINT NOT NULL,
          status TEXT NOT NULL CHECK (status IN ('planned', 'open', 'closed')),
          created_at BIGINT NOT NULL,
          CHECK (ends_at > starts_at)
        )`,
        // Facilitator accounts arrive with the roles; until then the ids are not references.
        `CREATE TABLE workshop_facilitators (
          workshop_id TEXT NOT NULL REFERENCES workshops (id) ON DELETE CASCADE,
          facilitator_id TEXT NOT NULL,
          position BIGINT NOT NULL CHECK (position >= 0),
          PRIMARY KEY (workshop_id, facilitator_id)
        )`,
        // A step owns its board: board_id is unique, and deleting the workshop deletes the board's rows.
        `CREATE TABLE steps (
          id TEXT PRIMARY KEY,
          workshop_id TEXT NOT NULL REFERENCES workshops (id) ON DELETE CASCADE,
          position BIGINT NOT NULL CHECK (position >= 0),
          template_id TEXT NOT NULL,
          template_version BIGINT NOT NULL CHECK (template_version >= 1),
          board_id TEXT NOT NULL UNIQUE REFERENCES boards (board_id),
          instructions TEXT NOT NULL,
          planned_minutes BIGINT NOT NULL CHECK (planned_minutes >= 1),
          created_at BIGINT NOT NULL
        )`,
        'CREATE INDEX steps_by_workshop ON steps (workshop_id, position)',
        'CREATE INDEX workshops_by_challenge ON workshops (challenge_id)',
        // Participants' names go with their workshop (ON DELETE CASCADE).
        `CREATE TABLE participants (
          id TEXT PRIMARY KEY,
          workshop_id TEXT NOT NULL REFERENCES workshops (id) ON DELETE CASCADE,
          display_name TEXT NOT NULL,
          affiliation TEXT NOT NULL,
          created_at BIGINT NOT NULL
        )`,
        'CREATE INDEX participants_by_workshop ON participants (workshop_id)',
      ],
    },
  ]
}

/**
 * A municipality's official language form may be neutral (nøytral) besides nb and nn. Neither
 * database changes a CHECK in place (SQLite cannot at all), so the column is made anew with the
 * wider check, filled from the old one, and takes the old one's name; both run these statements
 * in one transaction. The new column's DEFAULT is only what ADD COLUMN needs for rows that exist
 * (SQLite's rule for NOT NULL); every insert names its language form.
 */
export function municipalityLanguageFormMigrations(): readonly Migration[] {
  return [
    {
      version: 8,
      name: 'neutral municipalities',
      statements: [
        `ALTER TABLE municipalities ADD COLUMN official_language_form TEXT NOT NULL DEFAULT 'nb'
          CHECK (official_language_form IN ('nb', 'nn', 'neutral'))`,
        'UPDATE municipalities SET official_language_form = language_form',
        'ALTER TABLE municipalities DROP COLUMN language_form',
        'ALTER TABLE municipalities RENAME COLUMN official_language_form TO language_form',
      ],
    },
  ]
}
