import type { DatabaseSync } from 'node:sqlite'
import type { ClientClaim, PendingUpdate } from './BoardStore.ts'
import { countPerBoard } from './boardStoreValidation.ts'
import { inTransaction, integerColumn } from './sqliteDatabase.ts'

/** The statements a group commit runs, prepared once per connection. */
export function prepareAppendStatements(db: DatabaseSync) {
  return {
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
  }
}

export type AppendStatements = ReturnType<typeof prepareAppendStatements>

/**
 * One group commit: the batch's client id claims (first owner wins) and its updates, numbered
 * per board in batch order, in one transaction. Returns each update's seq. The batch is
 * validated by the caller.
 */
export function appendToLog(
  db: DatabaseSync,
  sql: AppendStatements,
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
