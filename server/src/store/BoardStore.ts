/**
 * Where boards live. The relay only talks to this interface; SQLite (node:sqlite)
 * is the embedded default, and every implementation must pass the contract suite
 * in tests/integration/storeContract.ts.
 *
 * A board's state is its latest snapshot (the merged Yjs state at some moment)
 * plus the log of updates appended after it. Loading merges the two.
 *
 * Every method rejects with a BoardStoreError (storeErrors.ts) whose `code` says
 * whether the caller erred (`invalid_input`, `conflict`), the store is closed
 * (`store_closed`) or storage failed (`storage_failed`).
 */
export interface BoardStore {
  /** The board's latest snapshot and every update logged after it; empty for a new board. */
  loadBoard(boardId: string): Promise<StoredBoard>
  /**
   * Append updates to their boards' logs in one durable transaction (group
   * commit). When this resolves, every update in the batch survives a crash.
   * Resolves to each update's log seq, in batch order (seqs grow per board).
   */
  appendUpdates(batch: readonly PendingUpdate[]): Promise<number[]>
  /**
   * Compaction: store `state` as the board's newest snapshot and delete the log
   * rows it covers (those with seq <= `coversSeq`), in one transaction, then
   * prune old snapshots by the retention policy. Rejects (invalid_input) when
   * `coversSeq` is past the board's last seq or below what the latest snapshot covers.
   */
  writeSnapshot(boardId: string, state: Uint8Array, coversSeq: number): Promise<SnapshotInfo>
  /** The board's kept snapshots, newest first. */
  listSnapshots(boardId: string): Promise<SnapshotInfo[]>
  /** One kept snapshot's state, or null when there is no such snapshot. */
  loadSnapshot(boardId: string, snapshotId: number): Promise<Uint8Array | null>
  /** Store an uploaded asset; idempotent for the same id and content (other content under a stored id: `conflict`). */
  putAsset(asset: StoredAsset): Promise<void>
  /** An uploaded asset, or null (also for ids that could never have been stored). */
  getAsset(assetId: string): Promise<StoredAsset | null>
  /** Throws unless storage can take a write now (backs GET /readyz). */
  checkWritable(): Promise<void>
  close(): Promise<void>
}

export interface StoredBoard {
  snapshot: Uint8Array | null
  /** Updates logged after the snapshot, oldest first. */
  updates: Uint8Array[]
  /** Highest log seq of this board (0 when the log has never had a row). */
  lastSeq: number
  /** Rows and bytes in the log now: the relay compacts when these grow. */
  logCount: number
  logBytes: number
}

export interface PendingUpdate {
  boardId: string
  update: Uint8Array
}

export interface SnapshotInfo {
  /** Grows with every snapshot written for the board and is never reused; look it up together with the board id. */
  id: number
  boardId: string
  /** Milliseconds since the epoch. */
  createdAt: number
  bytes: number
}

export interface StoredAsset {
  /** URL-safe, as it appears in `/api/assets/<id>`: 1–128 letters, digits, '.', '-' or '_'. */
  id: string
  boardId: string
  mimeType: string
  bytes: Uint8Array
  createdAt: number
}

/** How many snapshots compaction keeps: the newest `keepLast`, plus the newest of each of the last `keepDaily` days. */
export interface SnapshotRetention {
  keepLast: number
  keepDaily: number
}
