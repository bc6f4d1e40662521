import type { DatabaseSync } from 'node:sqlite'
import type { ClientClaim, PendingUpdate, SnapshotInfo, SnapshotRetention } from './BoardStore.ts'
import { countPerBoard, requireLoggedCover, requireNoOlderCover } from './boardStoreValidation.ts'
import { planSnapshotRetention } from './snapshotRetention.ts'
import { inTransaction, integerColumn } from './sqliteDatabase.ts'

// The board store's writes that wait for the disk, run by the commit thread
// (sqliteCommitWorker.ts) on its own connection: group commits and snapshots.

/** The statements they run, prepared once per connection. */
export function prepareWriteStatements(db: DatabaseSync) {
  return {
    board: db.prepare('SELECT last_seq FROM boards WHERE board_id = ?'),
    ensureBoard: db.prepare(
      'INSERT INTO boards (board_id, last_seq, last_snapshot_id, created_at) VALUES (?, 0, 0, ?) ON CONFLICT (board_id) DO NOTHING',
    ),
    reserveSeqs: db.prepare(
      `INSERT INTO boards (board_id, last_seq, last_snapshot_id, created_at) VALUES (?, ?, 0, ?)
       ON CONFLICT (board_id) DO UPDATE SET last_seq = boards.last_seq + excluded.last_seq
       RETURNING last_seq`,
    ),
    insertUpdate: db.prepare(
      `INSERT INTO board_updates (board_id, seq, update_data, created_at, author, touched, change_kind, detail)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    claimClient: db.prepare(
      `INSERT INTO board_clients (board_id, client_id, owner, claimed_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (board_id, client_id) DO NOTHING`,
    ),
    latestCover: db.prepare('SELECT covers_seq FROM board_snapshots WHERE board_id = ? ORDER BY id DESC LIMIT 1'),
    nextSnapshotId: db.prepare(
      'UPDATE boards SET last_snapshot_id = last_snapshot_id + 1 WHERE board_id = ? RETURNING last_snapshot_id',
    ),
    insertSnapshot: db.prepare(
      'INSERT INTO board_snapshots (board_id, id, created_at, covers_seq, state, state_bytes) VALUES (?, ?, ?, ?, ?, ?)',
    ),
    snapshotStamps: db.prepare('SELECT id, created_at, covers_seq FROM board_snapshots WHERE board_id = ? ORDER BY id DESC'),
    deleteSnapshot: db.prepare('DELETE FROM board_snapshots WHERE board_id = ? AND id = ?'),
    deleteUpdatesUpTo: db.prepare('DELETE FROM board_updates WHERE board_id = ? AND seq <= ?'),
    touchHealth: db.prepare(
      'INSERT INTO store_health (id, checked_at) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET checked_at = excluded.checked_at',
    ),
  }
}

export type WriteStatements = ReturnType<typeof prepareWriteStatements>

/**
 * One group commit: the batch's client id claims (first owner wins) and its updates, numbered
 * per board in batch order, in one transaction. Returns each update's seq. The batch is
 * validated by the caller.
 */
export function appendToLog(
  db: DatabaseSync,
  sql: WriteStatements,
  batch: readonly PendingUpdate[],
  claims: readonly ClientClaim[],
  createdAt: number,
): number[] {
  return inTransaction(db, () => {
    for (const claim of claims) {
      sql.ensureBoard.run(claim.boardId, createdAt)
      sql.claimClient.run(claim.boardId, claim.clientId, claim.owner, createdAt)
    }
    // Reserve each board's seqs with one upsert, then number its updates in batch order.
    const nextSeq = new Map<string, number>()
    for (const [boardId, count] of countPerBoard(batch)) {
      const lastSeq = integerColumn(sql.reserveSeqs.get(boardId, count, createdAt), 'last_seq')
      nextSeq.set(boardId, lastSeq - count + 1)
    }
    return batch.map(({ boardId, update, author = null, touched = null, kind = 'edit', detail = null }) => {
      const seq = nextSeq.get(boardId) ?? 0
      nextSeq.set(boardId, seq + 1)
      const touchedJson = touched === null ? null : JSON.stringify(touched)
      sql.insertUpdate.run(boardId, seq, update, createdAt, author, touchedJson, kind, detail)
      return seq
    })
  })
}

/** A snapshot to store: the board's merged state covering its log up to `coversSeq` (validated by the caller). */
export interface SnapshotWrite {
  boardId: string
  state: Uint8Array
  coversSeq: number
  createdAt: number
  retention: SnapshotRetention
}

/**
 * Compaction: stores the snapshot and prunes, in one transaction, old snapshots by the retention
 * policy and the log rows no moment of the history window needs. Refuses (invalid_input) a
 * snapshot covering seqs not logged yet or older than the latest snapshot.
 */
export function writeSnapshotTo(db: DatabaseSync, sql: WriteStatements, write: SnapshotWrite): SnapshotInfo {
  const { boardId, state, coversSeq, createdAt, retention } = write
  return inTransaction(db, () => {
    sql.ensureBoard.run(boardId, createdAt)
    requireLoggedCover(boardId, coversSeq, integerColumn(sql.board.get(boardId), 'last_seq'))
    const latest = sql.latestCover.get(boardId)
    if (latest !== undefined) requireNoOlderCover(boardId, coversSeq, integerColumn(latest, 'covers_seq'))
    const id = integerColumn(sql.nextSnapshotId.get(boardId), 'last_snapshot_id')
    sql.insertSnapshot.run(boardId, id, createdAt, coversSeq, state, state.byteLength)
    const stamps = sql.snapshotStamps.all(boardId).map((row) => ({
      id: integerColumn(row, 'id'),
      createdAt: integerColumn(row, 'created_at'),
      coversSeq: integerColumn(row, 'covers_seq'),
    }))
    const plan = planSnapshotRetention(stamps, retention, { now: createdAt, keepMs: retention.historyMs ?? 0 })
    for (const prunedId of plan.prune) sql.deleteSnapshot.run(boardId, prunedId)
    // The rows this snapshot covers stay as history until no moment in the window needs them.
    if (plan.logNeededAfter > 0) sql.deleteUpdatesUpTo.run(boardId, Math.min(plan.logNeededAfter, coversSeq))
    return { id, boardId, createdAt, bytes: state.byteLength }
  })
}
