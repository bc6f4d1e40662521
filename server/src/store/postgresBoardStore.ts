import type pg from 'pg'
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
import {
  countPerBoard,
  describeBatch,
  historyBounds,
  isStorableAssetId,
  requireBoardId,
  requireLoggedCover,
  requireNoOlderCover,
  requireSameAsset,
  requireSeq,
  requireSnapshotId,
  validateAsset,
  validateBatch,
  validateClaims,
  validateKeptAssets,
  validateSnapshot,
} from './boardStoreValidation.ts'
import * as sql from './postgresBoardStatements.ts'
import { rewriteHistoryIn } from './postgresHistoryRewrite.ts'
import { attachPostgresStore, inPostgresTransaction, type SharedPostgresPool } from './postgresDatabase.ts'
import { planSnapshotRetention, validateSnapshotRetention } from './snapshotRetention.ts'

export interface PostgresBoardStoreOptions {
  retention: SnapshotRetention
  /** Clock for created_at stamps, in ms since the epoch (default Date.now). */
  now?: () => number
}

/**
 * The BoardStore on Postgres, for several relay instances (each with its own pool) serving the
 * same boards at once. It behaves as the SQLite store does; what Postgres adds is concurrency:
 * a board's row is the lock that orders its appenders and its compaction, so seqs stay unique
 * and gap-free and a snapshot always fits the log, whichever instance wrote them.
 *
 * @example const boards = createPostgresBoardStore(new SharedPostgresPool(await openPostgresPool({ url })), { retention })
 */
export function createPostgresBoardStore(shared: SharedPostgresPool, options: PostgresBoardStoreOptions): BoardStore {
  validateSnapshotRetention(options.retention)
  const retention = { ...options.retention }
  const now = options.now ?? Date.now
  const pool = shared.pool
  const { operation, close } = attachPostgresStore(shared, 'board')

  return {
    loadBoard(boardId) {
      return operation(`load board ${boardId}`, async (): Promise<StoredBoard> => {
        requireBoardId(boardId)
        // One database snapshot for all the reads: a compaction or an append committing in
        // between cannot pair a board snapshot with log rows it does not fit.
        return readConsistently(pool, async (client) => {
          const latest = await sql.latestSnapshot(client, boardId)
          const updates = await sql.updatesBetween(client, boardId, latest?.coversSeq ?? 0, Number.MAX_SAFE_INTEGER)
          const { lastSeq } = await sql.logBounds(client, boardId)
          const clients = await sql.boardClients(client, boardId)
          const logBytes = updates.reduce((sum, update) => sum + update.byteLength, 0)
          return { snapshot: latest?.state ?? null, updates, lastSeq, logCount: updates.length, logBytes, clients }
        })
      })
    },

    appendUpdates(batch, claims = []) {
      return operation(`append updates for ${describeBatch(batch)}`, async () => {
        validateBatch(batch)
        validateClaims(claims)
        if (batch.length === 0 && claims.length === 0) return []
        const createdAt = now()
        const counts = countPerBoard(batch)
        // Boards a batch only claims client ids on get their row in the same statement (taking no seqs).
        for (const { boardId } of claims) if (!counts.has(boardId)) counts.set(boardId, 0)
        const firstClaims = firstClaimPerClient(claims)
        return inPostgresTransaction(pool, async (client) => {
          const lastSeqs = await sql.reserveSeqs(client, counts, createdAt)
          if (firstClaims.length > 0) await sql.claimClients(client, firstClaims, createdAt)
          if (batch.length === 0) return []
          const columns = numberBatch(batch, counts, lastSeqs)
          await sql.insertUpdates(client, columns, createdAt)
          return columns.seqs
        })
      })
    },

    writeSnapshot(boardId, state, coversSeq) {
      return operation(`write a snapshot of board ${boardId}`, async (): Promise<SnapshotInfo> => {
        validateSnapshot(boardId, state, coversSeq)
        const createdAt = now()
        return inPostgresTransaction(pool, async (client) => {
          await sql.ensureBoard(client, boardId, createdAt)
          // Holding the board's row, no update is logged and no other snapshot is written for
          // the board until this one commits: the checks and the pruning below stay true.
          const lastSeq = await sql.lockBoard(client, boardId)
          requireLoggedCover(boardId, coversSeq, lastSeq)
          const stamps = await sql.snapshotStamps(client, boardId)
          const latest = stamps[0]
          if (latest !== undefined) requireNoOlderCover(boardId, coversSeq, latest.coversSeq ?? 0)
          const id = await sql.insertSnapshot(client, boardId, { createdAt, coversSeq, state })
          stamps.unshift({ id, createdAt, coversSeq })
          const plan = planSnapshotRetention(stamps, retention, { now: createdAt, keepMs: retention.historyMs ?? 0 })
          await sql.deleteSnapshots(client, boardId, plan.prune)
          // The rows this snapshot covers stay as history until no moment in the window needs them.
          if (plan.logNeededAfter > 0) await sql.deleteUpdatesUpTo(client, boardId, Math.min(plan.logNeededAfter, coversSeq))
          return { id, boardId, createdAt, bytes: state.byteLength }
        })
      })
    },

    rewriteHistory(boardId, rewrite) {
      return operation(`rewrite the history of board ${boardId}`, async (): Promise<SnapshotInfo> => {
        validateSnapshot(boardId, rewrite?.state, rewrite?.coversSeq)
        validateKeptAssets(boardId, rewrite.keepAssets)
        const createdAt = now()
        return inPostgresTransaction(pool, (client) => rewriteHistoryIn(client, boardId, rewrite, createdAt))
      })
    },

    listSnapshots(boardId) {
      return operation(`list the snapshots of board ${boardId}`, async () => {
        requireBoardId(boardId)
        return sql.snapshotList(pool, boardId)
      })
    },

    loadSnapshot(boardId, snapshotId) {
      return operation(`load snapshot ${snapshotId} of board ${boardId}`, async () => {
        requireBoardId(boardId)
        requireSnapshotId(snapshotId)
        return sql.snapshotState(pool, boardId, snapshotId)
      })
    },

    listHistory(boardId, range = {}) {
      return operation(`list the history of board ${boardId}`, async () => {
        requireBoardId(boardId)
        return sql.history(pool, boardId, historyBounds(range), range.newestFirst === true)
      })
    },

    loadStateAt(boardId, seq) {
      return operation(`load board ${boardId} as it was at seq ${seq}`, async (): Promise<StoredState | null> => {
        requireBoardId(boardId)
        requireSeq(seq)
        return readConsistently(pool, async (client) => {
          const base = await sql.snapshotAtOrBefore(client, boardId, seq)
          const coversSeq = base?.coversSeq ?? 0
          const { lastSeq, firstSeq } = await sql.logBounds(client, boardId)
          if (seq > lastSeq) return null
          // The rows from the snapshot on must all still be there (history keeps them for its window).
          if (seq > coversSeq && (firstSeq === null || firstSeq > coversSeq + 1)) return null
          return { snapshot: base?.state ?? null, updates: await sql.updatesBetween(client, boardId, coversSeq, seq) }
        })
      })
    },

    putAsset(asset) {
      return operation(`store asset ${asset?.id} of board ${asset?.boardId}`, async () => {
        validateAsset(asset)
        await inPostgresTransaction(pool, async (client) => {
          await sql.ensureBoard(client, asset.boardId, asset.createdAt)
          // Another instance storing the same id at once: the insert waits for its commit, then finds its row.
          if (!(await sql.insertAsset(client, asset))) {
            requireSameAsset(asset, await sql.asset(client, asset.id))
          }
        })
      })
    },

    getAsset(assetId) {
      return operation(`load asset ${assetId}`, async (): Promise<StoredAsset | null> => {
        // An id that could never have been stored is simply not there.
        if (!isStorableAssetId(assetId)) return null
        const row = await sql.asset(pool, assetId)
        if (row === undefined) return null
        return { id: assetId, boardId: row.board_id, mimeType: row.mime_type, bytes: row.bytes, createdAt: row.created_at }
      })
    },

    hasAsset(assetId) {
      return operation(`look up asset ${assetId}`, async () => isStorableAssetId(assetId) && (await sql.assetStored(pool, assetId)))
    },

    checkWritable() {
      return operation('write to the board database', () => sql.touchHealth(pool, now()))
    },

    close,
  }
}

/** Runs read-only `work` on one snapshot of the database (REPEATABLE READ), as if nobody wrote meanwhile. */
function readConsistently<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  return inPostgresTransaction(pool, async (client) => {
    await client.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY')
    return work(client)
  })
}

/**
 * The claims to write: the first for each client id of a board (the first owner wins within a
 * batch too), in a fixed order so that batches claiming the same ids take their locks alike.
 */
function firstClaimPerClient(claims: readonly ClientClaim[]): ClientClaim[] {
  const first = new Map<string, ClientClaim>()
  for (const claim of claims) {
    const key = JSON.stringify([claim.boardId, claim.clientId])
    if (!first.has(key)) first.set(key, claim)
  }
  return [...first.values()].sort((a, b) =>
    a.boardId === b.boardId ? a.clientId - b.clientId : a.boardId < b.boardId ? -1 : 1,
  )
}

/** The batch's log rows, each board's updates numbered in batch order from the seqs reserved for it. */
function numberBatch(
  batch: readonly PendingUpdate[],
  counts: ReadonlyMap<string, number>,
  lastSeqs: ReadonlyMap<string, number>,
): sql.UpdateColumns {
  const nextSeq = new Map<string, number>()
  for (const [boardId, count] of counts) {
    if (count === 0) continue
    const lastSeq = lastSeqs.get(boardId)
    if (lastSeq === undefined) throw new Error(`No seqs were reserved for board ${boardId}.`)
    nextSeq.set(boardId, lastSeq - count + 1)
  }
  const columns: sql.UpdateColumns = { boardIds: [], seqs: [], updates: [], authors: [], touched: [], kinds: [], details: [] }
  for (const { boardId, update, author = null, touched = null, kind = 'edit', detail = null } of batch) {
    const seq = nextSeq.get(boardId) ?? 0
    nextSeq.set(boardId, seq + 1)
    columns.boardIds.push(boardId)
    columns.seqs.push(seq)
    columns.updates.push(update)
    columns.authors.push(author)
    columns.touched.push(touched === null ? null : JSON.stringify(touched))
    columns.kinds.push(kind)
    columns.details.push(detail)
  }
  return columns
}
