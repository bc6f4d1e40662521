import type { QueryResultRow } from 'pg'
import type { HistoryEntry, SnapshotInfo } from './BoardStore.ts'
import type { HistoryBounds } from './boardStoreValidation.ts'
import { bytesOf, type Queryable } from './postgresDatabase.ts'
import type { SnapshotStamp } from './snapshotRetention.ts'
import { historyEntryOf } from './sqliteBoardStatements.ts'

// Every statement the Postgres board store runs. Each is a named prepared statement, so a
// connection parses and plans it once; batches travel as arrays (unnest), one round trip for
// a whole group commit rather than one per row.

async function rows<Row extends QueryResultRow>(q: Queryable, name: string, text: string, values: unknown[]): Promise<Row[]> {
  const result = await q.query<Row>({ name: `board_store_${name}`, text, values })
  return result.rows
}

/**
 * Takes `count` seqs for each board (0 for a board a batch only claims client ids on),
 * creating the boards that have no row yet; resolves to the last seq of each board that took
 * seqs or was created. A board row is locked by the increment (or, taking none, by ON CONFLICT),
 * so a board's appenders follow one another until each commits: seqs are unique and gap-free.
 * The rows are locked in board id order, so two batches sharing boards wait for each other
 * instead of deadlocking.
 */
export async function reserveSeqs(q: Queryable, counts: ReadonlyMap<string, number>, createdAt: number): Promise<Map<string, number>> {
  const reserved = await rows<{ board_id: string; last_seq: number }>(
    q,
    'reserve_seqs',
    `INSERT INTO boards (board_id, last_seq, last_snapshot_id, created_at)
     SELECT board_id, added, 0, $3 FROM unnest($1::text[], $2::bigint[]) AS reserved (board_id, added) ORDER BY board_id
     ON CONFLICT (board_id) DO UPDATE SET last_seq = boards.last_seq + excluded.last_seq WHERE excluded.last_seq > 0
     RETURNING board_id, last_seq`,
    [[...counts.keys()], [...counts.values()], createdAt],
  )
  return new Map(reserved.map((row) => [row.board_id, row.last_seq]))
}

/** Gives each client id its owner unless it already has one; claims are one per id, sorted, so batches claiming the same ids cannot deadlock. */
export async function claimClients(
  q: Queryable,
  claims: readonly { boardId: string; clientId: number; owner: string }[],
  claimedAt: number,
): Promise<void> {
  await rows(
    q,
    'claim_clients',
    `INSERT INTO board_clients (board_id, client_id, owner, claimed_at)
     SELECT board_id, client_id, owner, $4
     FROM unnest($1::text[], $2::bigint[], $3::text[]) AS claim (board_id, client_id, owner)
     ORDER BY board_id, client_id
     ON CONFLICT (board_id, client_id) DO NOTHING`,
    [claims.map((claim) => claim.boardId), claims.map((claim) => claim.clientId), claims.map((claim) => claim.owner), claimedAt],
  )
}

/** The log rows of one batch, column by column. */
export interface UpdateColumns {
  boardIds: string[]
  seqs: number[]
  updates: Uint8Array[]
  authors: (string | null)[]
  touched: (string | null)[]
  kinds: string[]
  details: (string | null)[]
}

export async function insertUpdates(q: Queryable, columns: UpdateColumns, createdAt: number): Promise<void> {
  await rows(
    q,
    'insert_updates',
    `INSERT INTO board_updates (board_id, seq, update_data, created_at, author, touched, change_kind, detail)
     SELECT board_id, seq, update_data, $8, author, touched, change_kind, detail
     FROM unnest($1::text[], $2::bigint[], $3::bytea[], $4::text[], $5::text[], $6::text[], $7::text[])
       AS logged (board_id, seq, update_data, author, touched, change_kind, detail)`,
    [columns.boardIds, columns.seqs, columns.updates, columns.authors, columns.touched, columns.kinds, columns.details, createdAt],
  )
}

export interface SnapshotBase {
  coversSeq: number
  state: Uint8Array
}

export async function latestSnapshot(q: Queryable, boardId: string): Promise<SnapshotBase | null> {
  const [row] = await rows<{ covers_seq: number; state: unknown }>(
    q,
    'latest_snapshot',
    'SELECT covers_seq, state FROM board_snapshots WHERE board_id = $1 ORDER BY id DESC LIMIT 1',
    [boardId],
  )
  return row === undefined ? null : { coversSeq: row.covers_seq, state: bytesOf(row.state, 'state') }
}

/** The newest snapshot covering no more than `seq`: where rebuilding that moment starts. */
export async function snapshotAtOrBefore(q: Queryable, boardId: string, seq: number): Promise<SnapshotBase | null> {
  const [row] = await rows<{ covers_seq: number; state: unknown }>(
    q,
    'snapshot_at_or_before',
    `SELECT covers_seq, state FROM board_snapshots WHERE board_id = $1 AND covers_seq <= $2
     ORDER BY covers_seq DESC, id DESC LIMIT 1`,
    [boardId, seq],
  )
  return row === undefined ? null : { coversSeq: row.covers_seq, state: bytesOf(row.state, 'state') }
}

/** The log rows with after < seq <= upTo, oldest first. */
export async function updatesBetween(q: Queryable, boardId: string, after: number, upTo: number): Promise<Uint8Array[]> {
  const logged = await rows<{ update_data: unknown }>(
    q,
    'updates_between',
    'SELECT update_data FROM board_updates WHERE board_id = $1 AND seq > $2 AND seq <= $3 ORDER BY seq',
    [boardId, after, upTo],
  )
  return logged.map((row) => bytesOf(row.update_data, 'update_data'))
}

/** The board's last seq (0 for a board without a row) and its oldest kept log row (null for none). */
export async function logBounds(q: Queryable, boardId: string): Promise<{ lastSeq: number; firstSeq: number | null }> {
  const [row] = await rows<{ last_seq: number | null; first_seq: number | null }>(
    q,
    'log_bounds',
    `SELECT (SELECT last_seq FROM boards WHERE board_id = $1) AS last_seq,
            (SELECT MIN(seq) FROM board_updates WHERE board_id = $1) AS first_seq`,
    [boardId],
  )
  return { lastSeq: row?.last_seq ?? 0, firstSeq: row?.first_seq ?? null }
}

export async function boardClients(q: Queryable, boardId: string): Promise<Map<number, string>> {
  const claimed = await rows<{ client_id: number; owner: string }>(
    q,
    'clients',
    'SELECT client_id, owner FROM board_clients WHERE board_id = $1',
    [boardId],
  )
  return new Map(claimed.map((row) => [row.client_id, row.owner]))
}

export async function ensureBoard(q: Queryable, boardId: string, createdAt: number): Promise<void> {
  await rows(
    q,
    'ensure_board',
    `INSERT INTO boards (board_id, last_seq, last_snapshot_id, created_at) VALUES ($1, 0, 0, $2)
     ON CONFLICT (board_id) DO NOTHING`,
    [boardId, createdAt],
  )
}

/**
 * Locks the board's row until the transaction ends and reads its last seq. The lock is the one
 * an appender's seq reservation takes, so no update is logged for the board meanwhile; rows
 * that only refer to the board (client claims, assets) are not held up by it.
 */
export async function lockBoard(q: Queryable, boardId: string): Promise<number> {
  const [row] = await rows<{ last_seq: number }>(
    q,
    'lock_board',
    'SELECT last_seq FROM boards WHERE board_id = $1 FOR NO KEY UPDATE',
    [boardId],
  )
  if (row === undefined) throw new Error(`Board ${boardId} has no row to lock.`)
  return row.last_seq
}

/** The board's snapshots, newest first, as the retention policy sees them. */
export async function snapshotStamps(q: Queryable, boardId: string): Promise<SnapshotStamp[]> {
  const stamps = await rows<{ id: number; created_at: number; covers_seq: number }>(
    q,
    'snapshot_stamps',
    'SELECT id, created_at, covers_seq FROM board_snapshots WHERE board_id = $1 ORDER BY id DESC',
    [boardId],
  )
  return stamps.map((row) => ({ id: row.id, createdAt: row.created_at, coversSeq: row.covers_seq }))
}

/** Stores a snapshot under the board's next snapshot id (ids are never reused); resolves to that id. */
export async function insertSnapshot(
  q: Queryable,
  boardId: string,
  snapshot: { createdAt: number; coversSeq: number; state: Uint8Array },
): Promise<number> {
  const [row] = await rows<{ id: number }>(
    q,
    'insert_snapshot',
    `WITH next AS (
       UPDATE boards SET last_snapshot_id = last_snapshot_id + 1 WHERE board_id = $1 RETURNING last_snapshot_id
     )
     INSERT INTO board_snapshots (board_id, id, created_at, covers_seq, state, state_bytes)
     SELECT $1, last_snapshot_id, $2, $3, $4, $5 FROM next
     RETURNING id`,
    [boardId, snapshot.createdAt, snapshot.coversSeq, snapshot.state, snapshot.state.byteLength],
  )
  if (row === undefined) throw new Error(`Board ${boardId} has no row to number its snapshot.`)
  return row.id
}

export async function deleteSnapshots(q: Queryable, boardId: string, ids: readonly number[]): Promise<void> {
  if (ids.length === 0) return
  await rows(q, 'delete_snapshots', 'DELETE FROM board_snapshots WHERE board_id = $1 AND id = ANY ($2::bigint[])', [boardId, ids])
}

export async function deleteUpdatesUpTo(q: Queryable, boardId: string, seq: number): Promise<void> {
  await rows(q, 'delete_updates_up_to', 'DELETE FROM board_updates WHERE board_id = $1 AND seq <= $2', [boardId, seq])
}

export async function snapshotList(q: Queryable, boardId: string): Promise<SnapshotInfo[]> {
  const listed = await rows<{ id: number; created_at: number; state_bytes: number }>(
    q,
    'snapshot_list',
    'SELECT id, created_at, state_bytes FROM board_snapshots WHERE board_id = $1 ORDER BY id DESC',
    [boardId],
  )
  return listed.map((row) => ({ id: row.id, boardId, createdAt: row.created_at, bytes: row.state_bytes }))
}

export async function snapshotState(q: Queryable, boardId: string, snapshotId: number): Promise<Uint8Array | null> {
  const [row] = await rows<{ state: unknown }>(
    q,
    'snapshot_state',
    'SELECT state FROM board_snapshots WHERE board_id = $1 AND id = $2',
    [boardId, snapshotId],
  )
  return row === undefined ? null : bytesOf(row.state, 'state')
}

/** A history row holds only numbers, text and NULL, which both databases return alike: SQLite's reading of it serves. */
type HistoryRow = Parameters<typeof historyEntryOf>[0]

export async function history(q: Queryable, boardId: string, bounds: HistoryBounds, newestFirst: boolean): Promise<HistoryEntry[]> {
  const order = newestFirst ? 'DESC' : 'ASC'
  const listed = await rows<HistoryRow>(
    q,
    `history_${order.toLowerCase()}`,
    `SELECT seq, created_at, author, touched, change_kind, detail, octet_length(update_data) AS bytes
     FROM board_updates WHERE board_id = $1 AND created_at >= $2 AND created_at <= $3 AND seq >= $4 AND seq <= $5
     ORDER BY seq ${order} LIMIT $6`,
    [boardId, bounds.since, bounds.until, bounds.fromSeq, bounds.toSeq, bounds.limit],
  )
  return listed.map(historyEntryOf)
}

/** Stores the asset unless its id is taken; resolves to whether it was stored now. */
export async function insertAsset(
  q: Queryable,
  asset: { id: string; boardId: string; mimeType: string; bytes: Uint8Array; createdAt: number },
): Promise<boolean> {
  const inserted = await rows(
    q,
    'insert_asset',
    `INSERT INTO assets (id, board_id, mime_type, bytes, created_at) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (id) DO NOTHING RETURNING id`,
    [asset.id, asset.boardId, asset.mimeType, asset.bytes, asset.createdAt],
  )
  return inserted.length > 0
}

// A type literal, not an interface: requireSameAsset reads it as a plain record.
export type AssetRow = {
  board_id: string
  mime_type: string
  bytes: Uint8Array
  created_at: number
}

export async function assetStored(q: Queryable, assetId: string): Promise<boolean> {
  const found = await rows<{ stored: number }>(q, 'assetStored', 'SELECT 1 AS stored FROM assets WHERE id = $1', [assetId])
  return found.length > 0
}

export async function asset(q: Queryable, assetId: string): Promise<AssetRow | undefined> {
  const [row] = await rows<{ board_id: string; mime_type: string; bytes: unknown; created_at: number }>(
    q,
    'asset',
    'SELECT board_id, mime_type, bytes, created_at FROM assets WHERE id = $1',
    [assetId],
  )
  return row === undefined ? undefined : { ...row, bytes: bytesOf(row.bytes, 'bytes') }
}

export async function touchHealth(q: Queryable, checkedAt: number): Promise<void> {
  await rows(
    q,
    'touch_health',
    `INSERT INTO store_health (id, checked_at) VALUES (1, $1)
     ON CONFLICT (id) DO UPDATE SET checked_at = excluded.checked_at`,
    [checkedAt],
  )
}
