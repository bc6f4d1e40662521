import { isBoardId } from '../../../shared/src/protocol/boardId.ts'
import type { ChangeKind, ClientClaim, HistoryRange, KeptAssets, PendingUpdate, StoredAsset } from './BoardStore.ts'
import { invalidInput, storeConflict } from './storeErrors.ts'

// What every BoardStore refuses before touching storage, and with which words, so that
// SQLite and Postgres answer a caller's mistake alike.

/** Asset ids end up in URLs (`/api/assets/<id>`), so they are URL-safe. */
const assetIdPattern = /^[A-Za-z0-9._-]{1,128}$/

/** Whether `assetId` could ever have been stored; an id that could not is simply not there. */
export function isStorableAssetId(assetId: unknown): assetId is string {
  return typeof assetId === 'string' && assetIdPattern.test(assetId)
}

export function requireBoardId(boardId: unknown): asserts boardId is string {
  if (typeof boardId !== 'string' || !isBoardId(boardId)) {
    throw invalidInput(`Invalid board id ${JSON.stringify(boardId)}: expected 8–64 letters, digits, '-' or '_'.`)
  }
}

/** Every kind of change a log row can be. */
export const changeKinds: readonly ChangeKind[] = ['edit', 'build', 'settings', 'migrate', 'restore', 'facilitation']

export function validateBatch(batch: readonly PendingUpdate[]): void {
  if (!Array.isArray(batch)) throw invalidInput('appendUpdates takes an array of updates.')
  batch.forEach((pending: PendingUpdate | undefined, index) => {
    requireBoardId(pending?.boardId)
    if (!(pending.update instanceof Uint8Array)) {
      throw invalidInput(`Update ${index} of the batch (board ${pending.boardId}) is not bytes.`)
    }
    if (pending.kind !== undefined && !changeKinds.includes(pending.kind)) {
      throw invalidInput(`Update ${index} of the batch (board ${pending.boardId}) is of no known kind: ${String(pending.kind)}.`)
    }
  })
}

export function validateClaims(claims: readonly ClientClaim[]): void {
  if (!Array.isArray(claims)) throw invalidInput('Client claims are an array.')
  for (const claim of claims as Array<ClientClaim | undefined>) {
    requireBoardId(claim?.boardId)
    if (!Number.isSafeInteger(claim.clientId) || claim.clientId < 0) {
      throw invalidInput(`A Yjs client id is a whole number >= 0, got ${claim.clientId}.`)
    }
    if (typeof claim.owner !== 'string' || claim.owner.length === 0) throw invalidInput('A client claim needs an owner.')
  }
}

/** The boards of a batch, for naming what failed (the batch may be malformed: that is what failed). */
export function describeBatch(batch: readonly PendingUpdate[]): string {
  if (!Array.isArray(batch)) return 'a batch that is not an array'
  const boardIds = new Set(batch.map((pending: PendingUpdate | undefined) => String(pending?.boardId)))
  return `board(s) ${[...boardIds].join(', ')}`
}

/** How many seqs each board of a batch takes. */
export function countPerBoard(batch: readonly PendingUpdate[]): Map<string, number> {
  const counts = new Map<string, number>()
  for (const { boardId } of batch) counts.set(boardId, (counts.get(boardId) ?? 0) + 1)
  return counts
}

/** A snapshot is bytes and covers a whole seq >= 0 (whether the log has it is the store's to check). */
export function validateSnapshot(boardId: unknown, state: unknown, coversSeq: number): asserts boardId is string {
  requireBoardId(boardId)
  if (!(state instanceof Uint8Array)) throw invalidInput(`The snapshot of board ${boardId} must be bytes.`)
  if (!Number.isSafeInteger(coversSeq) || coversSeq < 0) {
    throw invalidInput(`The snapshot of board ${boardId} must cover a seq >= 0, got ${coversSeq}.`)
  }
}

/** A rewrite's kept uploads: asset ids as they may be stored, and a time. */
export function validateKeptAssets(boardId: string, keep: unknown): asserts keep is KeptAssets | null {
  if (keep === null) return
  const { referenced, since } = (keep ?? {}) as Partial<KeptAssets>
  if (!Array.isArray(referenced) || !referenced.every((id) => typeof id === 'string') || !Number.isSafeInteger(since)) {
    throw invalidInput(`The uploads a rewrite of board ${boardId} keeps must be asset ids and a time, or null.`)
  }
}

/** A snapshot covers only what the board's log has had. */
export function requireLoggedCover(boardId: string, coversSeq: number, lastSeq: number): void {
  if (coversSeq > lastSeq) {
    throw invalidInput(`A snapshot of board ${boardId} cannot cover seq ${coversSeq}: the log ends at ${lastSeq}.`)
  }
}

/** A board loads from its latest snapshot, so a new one never covers less than it. */
export function requireNoOlderCover(boardId: string, coversSeq: number, latestCovers: number): void {
  if (coversSeq < latestCovers) {
    throw invalidInput(
      `A snapshot of board ${boardId} cannot cover seq ${coversSeq}: the latest one already covers ${latestCovers}.`,
    )
  }
}

export function requireSnapshotId(snapshotId: number): void {
  if (!Number.isSafeInteger(snapshotId)) throw invalidInput(`Snapshot ids are integers, got ${snapshotId}.`)
}

/** A moment of a board's history is the seq of the log row it follows. */
export function requireSeq(seq: number): void {
  if (!Number.isSafeInteger(seq) || seq < 0) throw invalidInput(`A board's seqs are whole numbers >= 0, got ${seq}.`)
}

/** A history range with every bound filled in (an open end is the widest value). */
export interface HistoryBounds {
  since: number
  until: number
  fromSeq: number
  toSeq: number
  limit: number
}

export function historyBounds(range: HistoryRange): HistoryBounds {
  const since = range.since ?? 0
  const until = range.until ?? Number.MAX_SAFE_INTEGER
  const fromSeq = range.fromSeq ?? 0
  const toSeq = range.toSeq ?? Number.MAX_SAFE_INTEGER
  const limit = range.limit ?? Number.MAX_SAFE_INTEGER
  if (!Number.isSafeInteger(since) || !Number.isSafeInteger(until)) throw invalidInput('History ranges are whole milliseconds.')
  if (!Number.isSafeInteger(fromSeq) || !Number.isSafeInteger(toSeq)) throw invalidInput('History ranges are whole seqs.')
  if (!Number.isSafeInteger(limit) || limit < 0) throw invalidInput('A history limit is a whole number of rows.')
  return { since, until, fromSeq, toSeq, limit }
}

export function validateAsset(asset: StoredAsset): void {
  if (!isStorableAssetId(asset?.id)) {
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
export function requireSameAsset(asset: StoredAsset, stored: Record<string, unknown> | undefined): void {
  const storedBytes = stored?.['bytes']
  const same =
    stored?.['board_id'] === asset.boardId &&
    stored['mime_type'] === asset.mimeType &&
    storedBytes instanceof Uint8Array &&
    Buffer.compare(storedBytes, asset.bytes) === 0
  if (!same) throw storeConflict(`Asset ${asset.id} is already stored with other content.`)
}
