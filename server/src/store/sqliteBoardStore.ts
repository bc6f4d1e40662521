import type {
  BoardStore,
  SnapshotInfo,
  SnapshotRetention,
  StoredAsset,
  StoredBoard,
  StoredState,
} from './BoardStore.ts'
import {
  describeBatch,
  historyBounds,
  isStorableAssetId,
  requireBoardId,
  requireSameAsset,
  requireSeq,
  requireSnapshotId,
  validateAsset,
  validateBatch,
  validateClaims,
  validateKeptAssets,
  validateSnapshot,
} from './boardStoreValidation.ts'
import { historyEntryOf, prepareBoardStatements } from './sqliteBoardStatements.ts'
import { rewriteHistoryIn } from './sqliteHistoryRewrite.ts'
import { SqliteCommitThread } from './sqliteCommitThread.ts'
import { validateSnapshotRetention } from './snapshotRetention.ts'
import {
  attachStore,
  bytesColumn,
  inTransaction,
  integerColumn,
  openSqliteDatabase,
  SharedSqliteConnection,
  textColumn,
} from './sqliteDatabase.ts'
import { storageFailed } from './storeErrors.ts'

export interface SqliteBoardStoreOptions {
  /** The database file; it and its directory are created when missing. */
  file: string
  retention: SnapshotRetention
  /** Clock for created_at stamps, in ms since the epoch (default Date.now); tests use it to place snapshots on chosen days. */
  now?: () => number
  /** How long a write waits for another connection's lock before failing (default 5000 ms). */
  busyTimeoutMs?: number
}

/**
 * The default BoardStore: one SQLite file through node:sqlite, in WAL mode with
 * synchronous=FULL, so every resolved write has reached the disk. Opening is
 * synchronous and creates the file, its directory and the schema.
 *
 * @example const store = openSqliteBoardStore({ file: 'data/samskap.sqlite', retention: { keepLast: 10, keepDaily: 30 } })
 */
export function openSqliteBoardStore(options: SqliteBoardStoreOptions): BoardStore {
  validateSnapshotRetention(options.retention)
  const connection = openSharedSqliteConnection(options)
  return createSqliteBoardStore(connection, options)
}

/**
 * Opens the database file as a connection that the board store and the domain
 * store share (see sqliteStores.ts); errors name the file.
 */
export function openSharedSqliteConnection(options: SqliteBoardStoreOptions): SharedSqliteConnection {
  const now = options.now ?? Date.now
  const busyTimeoutMs = options.busyTimeoutMs ?? 5000
  try {
    return new SharedSqliteConnection(openSqliteDatabase(options.file, { busyTimeoutMs, now: now() }), {
      file: options.file,
      busyTimeoutMs,
    })
  } catch (error) {
    throw storageFailed(`open the board database ${options.file}`, error)
  }
}

/**
 * A BoardStore on a connection it shares with other stores; its close() releases the connection
 * and stops the commit thread (`commits`, when another store sends that thread work too: the scrub
 * of sqliteMaintenance.ts).
 */
export function createSqliteBoardStore(
  connection: SharedSqliteConnection,
  options: Pick<SqliteBoardStoreOptions, 'retention' | 'now'>,
  commits = new SqliteCommitThread({ file: connection.file, busyTimeoutMs: connection.busyTimeoutMs }),
): BoardStore {
  validateSnapshotRetention(options.retention)
  const retention = { ...options.retention }
  const now = options.now ?? Date.now
  const db = connection.db
  const { operation, close } = attachStore(connection, 'board')
  const sql = prepareBoardStatements(db)

  return {
    loadBoard(boardId) {
      return operation(`load board ${boardId}`, (): StoredBoard => {
        requireBoardId(boardId)
        // A read transaction, so snapshot, log and last seq come from one moment
        // even if another process writes between the statements.
        db.exec('BEGIN DEFERRED')
        try {
          const latest = sql.latestSnapshot.get(boardId)
          const snapshot = latest === undefined ? null : bytesColumn(latest, 'state')
          const coveredSeq = latest === undefined ? 0 : integerColumn(latest, 'covers_seq')
          const updates = sql.updatesAfter.all(boardId, coveredSeq).map((row) => bytesColumn(row, 'update_data'))
          const board = sql.board.get(boardId)
          const lastSeq = board === undefined ? 0 : integerColumn(board, 'last_seq')
          const logBytes = updates.reduce((sum, update) => sum + update.byteLength, 0)
          const clients = new Map(
            sql.clients.all(boardId).map((row) => [integerColumn(row, 'client_id'), textColumn(row, 'owner')] as const),
          )
          return { snapshot, updates, lastSeq, logCount: updates.length, logBytes, clients }
        } finally {
          if (db.isTransaction) db.exec('COMMIT')
        }
      })
    },

    appendUpdates(batch, claims = []) {
      const action = `append updates for ${describeBatch(batch)}`
      return operation(action, () => {
        validateBatch(batch)
        validateClaims(claims)
      })
        .then(() => (batch.length === 0 && claims.length === 0 ? [] : commits.append(batch, claims, now())))
        .catch((error: unknown) => {
          throw storageFailed(action, error)
        })
    },

    writeSnapshot(boardId, state, coversSeq) {
      const action = `write a snapshot of board ${boardId}`
      return operation(action, () => validateSnapshot(boardId, state, coversSeq))
        .then(() => commits.writeSnapshot({ boardId, state, coversSeq, createdAt: now(), retention }))
        .catch((error: unknown) => {
          throw storageFailed(action, error)
        })
    },

    rewriteHistory(boardId, rewrite) {
      return operation(`rewrite the history of board ${boardId}`, () => {
        validateSnapshot(boardId, rewrite?.state, rewrite?.coversSeq)
        validateKeptAssets(boardId, rewrite.keepAssets)
        return rewriteHistoryIn(db, boardId, rewrite, now())
      })
    },

    listSnapshots(boardId) {
      return operation(`list the snapshots of board ${boardId}`, () => {
        requireBoardId(boardId)
        return sql.snapshotList.all(boardId).map(
          (row): SnapshotInfo => ({
            id: integerColumn(row, 'id'),
            boardId,
            createdAt: integerColumn(row, 'created_at'),
            bytes: integerColumn(row, 'state_bytes'),
          }),
        )
      })
    },

    loadSnapshot(boardId, snapshotId) {
      return operation(`load snapshot ${snapshotId} of board ${boardId}`, () => {
        requireBoardId(boardId)
        requireSnapshotId(snapshotId)
        const row = sql.snapshotState.get(boardId, snapshotId)
        return row === undefined ? null : bytesColumn(row, 'state')
      })
    },

    listHistory(boardId, range = {}) {
      return operation(`list the history of board ${boardId}`, () => {
        requireBoardId(boardId)
        const { since, until, fromSeq, toSeq, limit } = historyBounds(range)
        const statement = range.newestFirst === true ? sql.historyNewestFirst : sql.history
        return statement.all(boardId, since, until, fromSeq, toSeq, limit).map(historyEntryOf)
      })
    },

    loadStateAt(boardId, seq) {
      return operation(`load board ${boardId} as it was at seq ${seq}`, (): StoredState | null => {
        requireBoardId(boardId)
        requireSeq(seq)
        db.exec('BEGIN DEFERRED')
        try {
          const base = sql.snapshotAtOrBefore.get(boardId, seq)
          const coversSeq = base === undefined ? 0 : integerColumn(base, 'covers_seq')
          const board = sql.board.get(boardId)
          if (seq > (board === undefined ? 0 : integerColumn(board, 'last_seq'))) return null
          // The rows from the snapshot on must all still be there (history keeps them for its window).
          const first = sql.firstSeq.get(boardId)?.['seq']
          if (seq > coversSeq && (typeof first !== 'number' || first > coversSeq + 1)) return null
          return {
            snapshot: base === undefined ? null : bytesColumn(base, 'state'),
            updates: sql.updatesBetween.all(boardId, coversSeq, seq).map((row) => bytesColumn(row, 'update_data')),
          }
        } finally {
          if (db.isTransaction) db.exec('COMMIT')
        }
      })
    },

    putAsset(asset) {
      return operation(`store asset ${asset?.id} of board ${asset?.boardId}`, () => {
        validateAsset(asset)
        inTransaction(db, () => {
          sql.ensureBoard.run(asset.boardId, asset.createdAt)
          const inserted = sql.insertAsset.run(asset.id, asset.boardId, asset.mimeType, asset.bytes, asset.createdAt)
          if (inserted.changes === 0) requireSameAsset(asset, sql.asset.get(asset.id))
        })
      })
    },

    getAsset(assetId) {
      return operation(`load asset ${assetId}`, (): StoredAsset | null => {
        // An id that could never have been stored is simply not there.
        if (!isStorableAssetId(assetId)) return null
        const row = sql.asset.get(assetId)
        if (row === undefined) return null
        return {
          id: assetId,
          boardId: textColumn(row, 'board_id'),
          mimeType: textColumn(row, 'mime_type'),
          bytes: bytesColumn(row, 'bytes'),
          createdAt: integerColumn(row, 'created_at'),
        }
      })
    },

    hasAsset(assetId) {
      return operation(`look up asset ${assetId}`, (): boolean => isStorableAssetId(assetId) && sql.assetStored.get(assetId) !== undefined)
    },

    checkWritable() {
      // Through the thread that makes the board's writes: that is the write that must go through.
      const action = 'write to the board database'
      return operation(action, () => undefined)
        .then(() => commits.touchHealth(now()))
        .catch((error: unknown) => {
          throw storageFailed(action, error)
        })
    },

    async close() {
      // No new commits from now on; those under way finish first (a resolved append is on disk).
      await close()
      await commits.close()
    },
  }
}
