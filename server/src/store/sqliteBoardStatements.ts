import type { DatabaseSync } from 'node:sqlite'
import type { ChangeKind, HistoryEntry } from './BoardStore.ts'
import { changeKinds } from './boardStoreValidation.ts'
import { integerColumn, type SqliteRow } from './sqliteDatabase.ts'

/** Every statement the board store runs, prepared once at open. */
export function prepareBoardStatements(db: DatabaseSync) {
  return {
    board: db.prepare('SELECT last_seq FROM boards WHERE board_id = ?'),
    ensureBoard: db.prepare(
      'INSERT INTO boards (board_id, last_seq, last_snapshot_id, created_at) VALUES (?, 0, 0, ?) ON CONFLICT (board_id) DO NOTHING',
    ),
    updatesAfter: db.prepare('SELECT update_data FROM board_updates WHERE board_id = ? AND seq > ? ORDER BY seq'),
    updatesBetween: db.prepare(
      'SELECT update_data FROM board_updates WHERE board_id = ? AND seq > ? AND seq <= ? ORDER BY seq',
    ),
    firstSeq: db.prepare('SELECT MIN(seq) AS seq FROM board_updates WHERE board_id = ?'),
    history: db.prepare(
      `SELECT seq, created_at, author, touched, change_kind, detail, length(update_data) AS bytes
       FROM board_updates WHERE board_id = ? AND created_at >= ? AND created_at <= ? AND seq >= ? AND seq <= ?
       ORDER BY seq LIMIT ?`,
    ),
    historyNewestFirst: db.prepare(
      `SELECT seq, created_at, author, touched, change_kind, detail, length(update_data) AS bytes
       FROM board_updates WHERE board_id = ? AND created_at >= ? AND created_at <= ? AND seq >= ? AND seq <= ?
       ORDER BY seq DESC LIMIT ?`,
    ),
    latestSnapshot: db.prepare(
      'SELECT covers_seq, state FROM board_snapshots WHERE board_id = ? ORDER BY id DESC LIMIT 1',
    ),
    snapshotAtOrBefore: db.prepare(
      'SELECT covers_seq, state FROM board_snapshots WHERE board_id = ? AND covers_seq <= ? ORDER BY covers_seq DESC, id DESC LIMIT 1',
    ),
    snapshotList: db.prepare(
      'SELECT id, created_at, state_bytes FROM board_snapshots WHERE board_id = ? ORDER BY id DESC',
    ),
    snapshotState: db.prepare('SELECT state FROM board_snapshots WHERE board_id = ? AND id = ?'),
    clients: db.prepare('SELECT client_id, owner FROM board_clients WHERE board_id = ?'),
    insertAsset: db.prepare(
      'INSERT INTO assets (id, board_id, mime_type, bytes, created_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING',
    ),
    asset: db.prepare('SELECT board_id, mime_type, bytes, created_at FROM assets WHERE id = ?'),
    assetStored: db.prepare('SELECT 1 AS stored FROM assets WHERE id = ?'),
  }
}

const knownKinds: ReadonlySet<string> = new Set<ChangeKind>(changeKinds)

/** A log row as the board's history lists it. */
export function historyEntryOf(row: SqliteRow): HistoryEntry {
  const kind = row['change_kind']
  return {
    seq: integerColumn(row, 'seq'),
    createdAt: integerColumn(row, 'created_at'),
    author: typeof row['author'] === 'string' ? row['author'] : null,
    kind: typeof kind === 'string' && knownKinds.has(kind) ? (kind as ChangeKind) : 'edit',
    touched: parseTouched(row['touched']),
    detail: typeof row['detail'] === 'string' ? row['detail'] : null,
    bytes: integerColumn(row, 'bytes'),
  }
}

function parseTouched(value: unknown): string[] | null {
  if (typeof value !== 'string') return null
  try {
    const parsed: unknown = JSON.parse(value)
    return Array.isArray(parsed) && parsed.every((key) => typeof key === 'string') ? parsed : null
  } catch {
    return null
  }
}
