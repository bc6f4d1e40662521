import type { DatabaseSync } from 'node:sqlite'
import type { HistoryRewrite, SnapshotInfo } from './BoardStore.ts'
import { requireLoggedCover, requireNoOlderCover } from './boardStoreValidation.ts'
import { inTransaction, integerColumn } from './sqliteDatabase.ts'

/**
 * A board's history rewritten in SQLite (BoardStore.rewriteHistory): the new snapshot, and
 * nothing older. Runs on the store's main connection (a rare write, like the HTTP side's);
 * appends of later rows by the commit thread wait for it or come after it, with higher seqs.
 * The input is validated by the caller.
 */
export function rewriteHistoryIn(db: DatabaseSync, boardId: string, rewrite: HistoryRewrite, createdAt: number): SnapshotInfo {
  const { state, coversSeq, forgetOwner, keepAssets } = rewrite
  return inTransaction(db, () => {
    db.prepare('INSERT INTO boards (board_id, last_seq, last_snapshot_id, created_at) VALUES (?, 0, 0, ?) ON CONFLICT (board_id) DO NOTHING').run(
      boardId,
      createdAt,
    )
    requireLoggedCover(boardId, coversSeq, integerColumn(db.prepare('SELECT last_seq FROM boards WHERE board_id = ?').get(boardId), 'last_seq'))
    const latest = db.prepare('SELECT covers_seq FROM board_snapshots WHERE board_id = ? ORDER BY id DESC LIMIT 1').get(boardId)
    if (latest !== undefined) requireNoOlderCover(boardId, coversSeq, integerColumn(latest, 'covers_seq'))
    const id = integerColumn(
      db.prepare('UPDATE boards SET last_snapshot_id = last_snapshot_id + 1 WHERE board_id = ? RETURNING last_snapshot_id').get(boardId),
      'last_snapshot_id',
    )
    db.prepare('DELETE FROM board_snapshots WHERE board_id = ?').run(boardId)
    db.prepare('INSERT INTO board_snapshots (board_id, id, created_at, covers_seq, state, state_bytes) VALUES (?, ?, ?, ?, ?, ?)').run(
      boardId,
      id,
      createdAt,
      coversSeq,
      state,
      state.byteLength,
    )
    db.prepare('DELETE FROM board_updates WHERE board_id = ? AND seq <= ?').run(boardId, coversSeq)
    if (forgetOwner !== null) db.prepare('DELETE FROM board_clients WHERE board_id = ? AND owner = ?').run(boardId, forgetOwner)
    if (keepAssets !== null) {
      db.prepare('DELETE FROM assets WHERE board_id = ? AND created_at < ? AND id NOT IN (SELECT value FROM json_each(?))').run(
        boardId,
        keepAssets.since,
        JSON.stringify(keepAssets.referenced),
      )
    }
    return { id, boardId, createdAt, bytes: state.byteLength }
  })
}
