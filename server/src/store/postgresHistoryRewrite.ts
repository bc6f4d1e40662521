import type { HistoryRewrite, SnapshotInfo } from './BoardStore.ts'
import { requireLoggedCover, requireNoOlderCover } from './boardStoreValidation.ts'
import * as sql from './postgresBoardStatements.ts'
import type { Queryable } from './postgresDatabase.ts'

/**
 * A board's history rewritten in Postgres (BoardStore.rewriteHistory), inside the caller's
 * transaction: holding the board's row, no row is appended and no snapshot written for the board
 * until it commits. The input is validated by the caller.
 */
export async function rewriteHistoryIn(client: Queryable, boardId: string, rewrite: HistoryRewrite, createdAt: number): Promise<SnapshotInfo> {
  const { state, coversSeq, forgetOwner, keepAssets } = rewrite
  await sql.ensureBoard(client, boardId, createdAt)
  requireLoggedCover(boardId, coversSeq, await sql.lockBoard(client, boardId))
  const [latest] = await sql.snapshotStamps(client, boardId)
  if (latest !== undefined) requireNoOlderCover(boardId, coversSeq, latest.coversSeq ?? 0)
  await client.query('DELETE FROM board_snapshots WHERE board_id = $1', [boardId])
  const id = await sql.insertSnapshot(client, boardId, { createdAt, coversSeq, state })
  await sql.deleteUpdatesUpTo(client, boardId, coversSeq)
  if (forgetOwner !== null) await client.query('DELETE FROM board_clients WHERE board_id = $1 AND owner = $2', [boardId, forgetOwner])
  if (keepAssets !== null) {
    await client.query('DELETE FROM assets WHERE board_id = $1 AND created_at < $2 AND NOT (id = ANY($3::text[]))', [
      boardId,
      keepAssets.since,
      keepAssets.referenced,
    ])
  }
  return { id, boardId, createdAt, bytes: state.byteLength }
}
