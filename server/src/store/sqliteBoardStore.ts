import { isBoardId } from '../../../shared/src/protocol/boardId.ts'
import type {
  BoardStore,
  ClientClaim,
  PendingUpdate,
  SnapshotInfo,
  SnapshotRetention,
  StoredAsset,
  StoredBoard,
  StoredState,
} from './BoardStore.ts'
import { historyEntryOf, prepareBoardStatements } from './sqliteBoardStatements.ts'
import { planSnapshotRetention, validateSnapshotRetention } from './snapshotRetention.ts'
import {
  attachStore,
  bytesColumn,
  inTransaction,
  integerColumn,
  openSqliteDatabase,
  SharedSqliteConnection,
  textColumn,
} from './sqliteDatabase.ts'
import { invalidInput, storageFailed, storeConflict } from './storeErrors.ts'

export interface SqliteBoardStoreOptions {
  /** The database file; it and its directory are created when missing. */
  file: string
  retention: SnapshotRetention
  /** Clock for created_at stamps, in ms since the epoch (default Date.now); tests use it to place snapshots on chosen days. */
  now?: () => number
  /** How long a write waits for another connection's lock before failing (default 5000 ms). */
  busyTimeoutMs?: number
}

/** Asset ids end up in URLs (`/api/assets/<id>`), so they are URL-safe. */
const assetIdPattern = /^[A-Za-z0-9._-]{1,128}$/

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
  try {
    return new SharedSqliteConnection(
      openSqliteDatabase(options.file, { busyTimeoutMs: options.busyTimeoutMs ?? 5000, now: now() }),
    )
  } catch (error) {
    throw storageFailed(`open the board database ${options.file}`, error)
  }
}

/** A BoardStore on a connection it shares with other stores; its close() releases the connection. */
export function createSqliteBoardStore(
  connection: SharedSqliteConnection,
  options: Pick<SqliteBoardStoreOptions, 'retention' | 'now'>,
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
      return operation(`append updates for ${describeBatch(batch)}`, () => {
        validateBatch(batch)
        validateClaims(claims)
        if (batch.length === 0 && claims.length === 0) return []
        const createdAt = now()
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
      })
    },

    writeSnapshot(boardId, state, coversSeq) {
      return operation(`write a snapshot of board ${boardId}`, (): SnapshotInfo => {
        requireBoardId(boardId)
        if (!(state instanceof Uint8Array)) throw invalidInput(`The snapshot of board ${boardId} must be bytes.`)
        if (!Number.isSafeInteger(coversSeq) || coversSeq < 0) {
          throw invalidInput(`The snapshot of board ${boardId} must cover a seq >= 0, got ${coversSeq}.`)
        }
        const createdAt = now()
        return inTransaction(db, () => {
          sql.ensureBoard.run(boardId, createdAt)
          const lastSeq = integerColumn(sql.board.get(boardId), 'last_seq')
          if (coversSeq > lastSeq) {
            throw invalidInput(`A snapshot of board ${boardId} cannot cover seq ${coversSeq}: the log ends at ${lastSeq}.`)
          }
          const latest = sql.latestSnapshot.get(boardId)
          if (latest !== undefined && coversSeq < integerColumn(latest, 'covers_seq')) {
            throw invalidInput(
              `A snapshot of board ${boardId} cannot cover seq ${coversSeq}: the latest one already covers ${integerColumn(latest, 'covers_seq')}.`,
            )
          }
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
        if (!Number.isSafeInteger(snapshotId)) throw invalidInput(`Snapshot ids are integers, got ${snapshotId}.`)
        const row = sql.snapshotState.get(boardId, snapshotId)
        return row === undefined ? null : bytesColumn(row, 'state')
      })
    },

    listHistory(boardId, range = {}) {
      return operation(`list the history of board ${boardId}`, () => {
        requireBoardId(boardId)
        const since = range.since ?? 0
        const until = range.until ?? Number.MAX_SAFE_INTEGER
        const fromSeq = range.fromSeq ?? 0
        const toSeq = range.toSeq ?? Number.MAX_SAFE_INTEGER
        const limit = range.limit ?? Number.MAX_SAFE_INTEGER
        if (!Number.isSafeInteger(since) || !Number.isSafeInteger(until)) throw invalidInput('History ranges are whole milliseconds.')
        if (!Number.isSafeInteger(fromSeq) || !Number.isSafeInteger(toSeq)) throw invalidInput('History ranges are whole seqs.')
        if (!Number.isSafeInteger(limit) || limit < 0) throw invalidInput('A history limit is a whole number of rows.')
        const statement = range.newestFirst === true ? sql.historyNewestFirst : sql.history
        return statement.all(boardId, since, until, fromSeq, toSeq, limit).map(historyEntryOf)
      })
    },

    loadStateAt(boardId, seq) {
      return operation(`load board ${boardId} as it was at seq ${seq}`, (): StoredState | null => {
        requireBoardId(boardId)
        if (!Number.isSafeInteger(seq) || seq < 0) throw invalidInput(`A board's seqs are whole numbers >= 0, got ${seq}.`)
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
        if (typeof assetId !== 'string' || !assetIdPattern.test(assetId)) return null
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

    checkWritable() {
      return operation('write to the board database', () => {
        sql.touchHealth.run(now())
      })
    },

    close,
  }
}

function requireBoardId(boardId: unknown): asserts boardId is string {
  if (typeof boardId !== 'string' || !isBoardId(boardId)) {
    throw invalidInput(`Invalid board id ${JSON.stringify(boardId)}: expected 8–64 letters, digits, '-' or '_'.`)
  }
}

function validateBatch(batch: readonly PendingUpdate[]): void {
  if (!Array.isArray(batch)) throw invalidInput('appendUpdates takes an array of updates.')
  batch.forEach((pending: PendingUpdate | undefined, index) => {
    requireBoardId(pending?.boardId)
    if (!(pending.update instanceof Uint8Array)) {
      throw invalidInput(`Update ${index} of the batch (board ${pending.boardId}) is not bytes.`)
    }
  })
}

function validateClaims(claims: readonly ClientClaim[]): void {
  if (!Array.isArray(claims)) throw invalidInput('Client claims are an array.')
  for (const claim of claims as Array<ClientClaim | undefined>) {
    requireBoardId(claim?.boardId)
    if (!Number.isSafeInteger(claim.clientId) || claim.clientId < 0) {
      throw invalidInput(`A Yjs client id is a whole number >= 0, got ${claim.clientId}.`)
    }
    if (typeof claim.owner !== 'string' || claim.owner.length === 0) throw invalidInput('A client claim needs an owner.')
  }
}

function describeBatch(batch: readonly PendingUpdate[]): string {
  if (!Array.isArray(batch)) return 'a batch that is not an array'
  const boardIds = new Set(batch.map((pending: PendingUpdate | undefined) => String(pending?.boardId)))
  return `board(s) ${[...boardIds].join(', ')}`
}

function countPerBoard(batch: readonly PendingUpdate[]): Map<string, number> {
  const counts = new Map<string, number>()
  for (const { boardId } of batch) counts.set(boardId, (counts.get(boardId) ?? 0) + 1)
  return counts
}

function validateAsset(asset: StoredAsset): void {
  if (typeof asset?.id !== 'string' || !assetIdPattern.test(asset.id)) {
    throw invalidInput(`Invalid asset id ${JSON.stringify(asset?.id)}: expected 1–128 letters, digits, '.', '-' or '_'.`)
  }
  requireBoardId(asset.boardId)
  if (typeof asset.mimeType !== 'string' || asset.mimeType.length === 0) {
    throw invalidInput(`Asset ${asset.id} needs a MIME type.`)
  }
  if (!(asset.bytes instanceof Uint8Array)) throw invalidInput(`Asset ${asset.id} must be bytes.`)
  if (!Number.isSafeInteger(asset.createdAt) || asset.createdAt < 0) {
    throw invalidInput(`Asset ${asset.id} needs createdAt in ms since the epoch, got ${asset.createdAt}.`)
  }
}

/** putAsset is idempotent for the same asset; reusing an id for anything else is a caller's bug. */
function requireSameAsset(asset: StoredAsset, stored: Record<string, unknown> | undefined): void {
  const storedBytes = stored?.['bytes']
  const same =
    stored?.['board_id'] === asset.boardId &&
    stored['mime_type'] === asset.mimeType &&
    storedBytes instanceof Uint8Array &&
    Buffer.compare(storedBytes, asset.bytes) === 0
  if (!same) throw storeConflict(`Asset ${asset.id} is already stored with other content.`)
}
