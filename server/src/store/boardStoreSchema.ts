/**
 * The board store's schema as numbered migrations, in SQL that SQLite and
 * Postgres both run: BIGINT for seqs and millisecond timestamps, TEXT for ids,
 * and the one type they spell differently (binary: SQLite BLOB, Postgres BYTEA)
 * passed in. Ids are allocated by counters in `boards`, never by
 * AUTOINCREMENT/SERIAL, which the two do not share. A runner applies the missing
 * migrations in one transaction at open and records each in `schema_migrations`.
 *
 * Never edit a released migration; add a new one.
 */
import { accessMigrations } from './accessSchema.ts'
import { accountMigrations } from './accountSchema.ts'
import { auditMigrations } from './auditSchema.ts'
import { descriptionMigrations } from './descriptionSchema.ts'
import { domainMigrations, municipalityLanguageFormMigrations } from './domainSchema.ts'
import { facilitationMigrations } from './facilitationSchema.ts'
import { privateBoardMigrations } from './privateBoardSchema.ts'
import { workshopRetentionMigrations } from './retentionSchema.ts'

export interface Migration {
  version: number
  name: string
  statements: readonly string[]
}

/** SQLite stores bytes as BLOB, Postgres as BYTEA. */
export type BinaryColumnType = 'BLOB' | 'BYTEA'

export const createMigrationsTable = `CREATE TABLE IF NOT EXISTS schema_migrations (
  version INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  applied_at BIGINT NOT NULL
)`

/**
 * Every migration of the database, in version order: the board tables', the domain's
 * (domainSchema.ts), access (accessSchema.ts), descriptions (descriptionSchema.ts), the boards'
 * history, facilitation (facilitationSchema.ts), private boards (privateBoardSchema.ts),
 * municipalities' neutral language form (domainSchema.ts), closed workshops' deletion dates
 * (retentionSchema.ts), the audit log (auditSchema.ts) and account administration (accountSchema.ts).
 */
export function schemaMigrations(binary: BinaryColumnType): readonly Migration[] {
  return [
    ...boardStoreMigrations(binary),
    ...domainMigrations(),
    ...accessMigrations(),
    ...descriptionMigrations(),
    ...boardHistoryMigrations(),
    ...facilitationMigrations(),
    ...privateBoardMigrations(),
    ...municipalityLanguageFormMigrations(),
    ...workshopRetentionMigrations(),
    ...auditMigrations(),
    ...accountMigrations(),
  ]
}

/**
 * The board's log becomes its history (who changed which records, and what the server did for
 * whom), Yjs client ids get owners, so that nobody writes under someone else's, and a
 * participant a facilitator removed from a workshop is marked so.
 */
export function boardHistoryMigrations(): readonly Migration[] {
  return [
    {
      version: 5,
      name: 'board history, client owners, removed participants',
      statements: [
        // author: `person:<id>`, `anonymous` or `server`; touched: JSON array of record keys;
        // change_kind: edit, build, settings, migrate, restore; detail: JSON of a server change.
        'ALTER TABLE board_updates ADD COLUMN author TEXT',
        'ALTER TABLE board_updates ADD COLUMN touched TEXT',
        `ALTER TABLE board_updates ADD COLUMN change_kind TEXT NOT NULL DEFAULT 'edit'`,
        'ALTER TABLE board_updates ADD COLUMN detail TEXT',
        'CREATE INDEX board_updates_by_time ON board_updates (board_id, created_at)',
        `CREATE TABLE board_clients (
          board_id TEXT NOT NULL REFERENCES boards (board_id),
          client_id BIGINT NOT NULL CHECK (client_id >= 0),
          owner TEXT NOT NULL,
          claimed_at BIGINT NOT NULL,
          PRIMARY KEY (board_id, client_id)
        )`,
        'ALTER TABLE participants ADD COLUMN removed_at BIGINT',
      ],
    },
  ]
}

export function boardStoreMigrations(binary: BinaryColumnType): readonly Migration[] {
  return [
    {
      version: 1,
      name: 'boards, update log, snapshots, assets',
      statements: [
        // One row per board. last_seq and last_snapshot_id only grow, so seqs and
        // snapshot ids stay unique after compaction and pruning delete rows.
        `CREATE TABLE boards (
          board_id TEXT PRIMARY KEY CHECK (length(board_id) BETWEEN 1 AND 64),
          last_seq BIGINT NOT NULL DEFAULT 0 CHECK (last_seq >= 0),
          last_snapshot_id BIGINT NOT NULL DEFAULT 0 CHECK (last_snapshot_id >= 0),
          created_at BIGINT NOT NULL
        )`,
        // The log of Yjs updates since the latest snapshot. The column is not
        // called "update": that is a reserved word in both dialects.
        `CREATE TABLE board_updates (
          board_id TEXT NOT NULL REFERENCES boards (board_id),
          seq BIGINT NOT NULL CHECK (seq >= 1),
          update_data ${binary} NOT NULL,
          created_at BIGINT NOT NULL,
          PRIMARY KEY (board_id, seq)
        )`,
        // Merged document states; the newest one plus the log rows after its
        // covers_seq make up the board. state_bytes saves reading blobs to list them.
        `CREATE TABLE board_snapshots (
          board_id TEXT NOT NULL REFERENCES boards (board_id),
          id BIGINT NOT NULL CHECK (id >= 1),
          created_at BIGINT NOT NULL,
          covers_seq BIGINT NOT NULL CHECK (covers_seq >= 0),
          state ${binary} NOT NULL,
          state_bytes BIGINT NOT NULL,
          PRIMARY KEY (board_id, id)
        )`,
        `CREATE TABLE assets (
          id TEXT PRIMARY KEY,
          board_id TEXT NOT NULL REFERENCES boards (board_id),
          mime_type TEXT NOT NULL,
          bytes ${binary} NOT NULL,
          created_at BIGINT NOT NULL
        )`,
        // One row that checkWritable() rewrites, proving a commit goes through.
        `CREATE TABLE store_health (
          id INTEGER PRIMARY KEY CHECK (id = 1),
          checked_at BIGINT NOT NULL
        )`,
      ],
    },
  ]
}
