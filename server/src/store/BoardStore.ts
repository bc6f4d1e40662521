/**
 * Where boards live. The relay only talks to this interface; SQLite (node:sqlite)
 * is the embedded default, Postgres (postgresBoardStore.ts) the one several
 * instances share, and every implementation must pass the contract suite in
 * tests/integration/storeContract.ts.
 *
 * A board's state is its latest snapshot (the merged Yjs state at some moment)
 * plus the log of updates appended after it. Loading merges the two. The log
 * is also the board's history: rows a snapshot covers stay for the history
 * window (who changed what, when; any moment rebuilt), and only go once a
 * snapshot from before the window covers them.
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
  appendUpdates(batch: readonly PendingUpdate[], claims?: readonly ClientClaim[]): Promise<number[]>
  /**
   * Compaction: store `state` as the board's newest snapshot covering the log
   * rows with seq <= `coversSeq` (loading starts after them), in one
   * transaction, then prune old snapshots by the retention policy and the log
   * rows no moment of the history window needs. Rejects (invalid_input) when
   * `coversSeq` is past the board's last seq or below what the latest snapshot covers.
   */
  writeSnapshot(boardId: string, state: Uint8Array, coversSeq: number): Promise<SnapshotInfo>
  /**
   * Rewrites the board's stored past so that nothing older than `state` is left of it (a person
   * was erased from the board, and every earlier snapshot and row still holds them): in one
   * transaction `state` becomes the board's only snapshot, covering `coversSeq`, every log row up
   * to `coversSeq` is deleted, and so are the client ids `forgetOwner` claimed on it. Rows after
   * `coversSeq` stay. Rejects (invalid_input) as writeSnapshot does.
   */
  rewriteHistory(boardId: string, rewrite: HistoryRewrite): Promise<SnapshotInfo>
  /** The board's history: its log rows (without their bytes) in seq order, optionally within a time range. */
  listHistory(boardId: string, range?: HistoryRange): Promise<HistoryEntry[]>
  /**
   * What the board was just after log row `seq`: the newest kept snapshot covering no more
   * than `seq` and the rows after it up to `seq`. Null when that moment is no longer kept.
   */
  loadStateAt(boardId: string, seq: number): Promise<StoredState | null>
  /** The board's kept snapshots, newest first. */
  listSnapshots(boardId: string): Promise<SnapshotInfo[]>
  /** One kept snapshot's state, or null when there is no such snapshot. */
  loadSnapshot(boardId: string, snapshotId: number): Promise<Uint8Array | null>
  /** Store an uploaded asset; idempotent for the same id and content (other content under a stored id: `conflict`). */
  putAsset(asset: StoredAsset): Promise<void>
  /** An uploaded asset, or null (also for ids that could never have been stored). */
  getAsset(assetId: string): Promise<StoredAsset | null>
  /** Whether an uploaded asset is stored, without reading its bytes (a browser asking whether its copy still holds). */
  hasAsset(assetId: string): Promise<boolean>
  /** Throws unless storage can take a write now (backs GET /readyz). */
  checkWritable(): Promise<void>
  close(): Promise<void>
}

/** What a rewrite of a board's history keeps (see BoardStore.rewriteHistory). */
export interface HistoryRewrite {
  /** The board's whole state as it is now, everything up to `coversSeq` in it. */
  state: Uint8Array
  coversSeq: number
  /** An owner (`person:<id>`) whose client id claims go too; null keeps every claim. */
  forgetOwner: string | null
  /** Which of the board's uploads stay; the others lived only in the history that goes. Null keeps them all. */
  keepAssets: KeptAssets | null
}

/** The uploads a rewrite keeps: those the new state points at, and any stored since (not placed on the board yet). */
export interface KeptAssets {
  /** Asset ids, as in `/api/assets/<id>`. */
  referenced: readonly string[]
  /** Milliseconds since the epoch: an upload stored at or after this stays. */
  since: number
}

/** A board's state as a snapshot and the updates on top of it. */
export interface StoredState {
  snapshot: Uint8Array | null
  /** Updates logged after the snapshot, oldest first. */
  updates: Uint8Array[]
}

export interface StoredBoard extends StoredState {
  /** Highest log seq of this board (0 when the log has never had a row). */
  lastSeq: number
  /** Rows and bytes in the log now: the relay compacts when these grow. */
  logCount: number
  logBytes: number
  /** Which Yjs client ids belong to whom on this board (see ClientClaim). */
  clients: ReadonlyMap<number, string>
}

/** What changed the board in a log row: people's edits, or something the server did for someone. */
export type ChangeKind = 'edit' | 'build' | 'settings' | 'migrate' | 'restore' | 'facilitation'

export interface PendingUpdate {
  boardId: string
  update: Uint8Array
  /** Who made it: an owner as in ClientClaim (`person:<id>`, `server`, `anonymous`); null when unknown. */
  author?: string | null
  /** The keys of the records it changed, for the history; null when unknown. */
  touched?: readonly string[] | null
  /** What kind of change it is (default `edit`). */
  kind?: ChangeKind
  /** JSON with what a server change did (e.g. which moment a restore went back to). */
  detail?: string | null
}

/**
 * A Yjs client id and who owns it on a board: `person:<id>` for a person with a session,
 * `anonymous` for people on a free board without one, `server` for the server's own changes.
 * An id belongs to whoever first wrote with it, or announced it in their presence.
 */
export interface ClientClaim {
  boardId: string
  clientId: number
  owner: string
}

/** Which part of a board's history to list. */
export interface HistoryRange {
  /** Rows created at or after this time (ms since the epoch). */
  since?: number
  /** Rows created at or before this time. */
  until?: number
  /** Rows from this seq on. */
  fromSeq?: number
  /** Rows up to this seq. */
  toSeq?: number
  /** At most this many rows: the oldest, or with `newestFirst` the newest. */
  limit?: number
  /** The newest rows first (the oldest first otherwise). */
  newestFirst?: boolean
}

/** One row of a board's log, as its history shows it. */
export interface HistoryEntry {
  seq: number
  createdAt: number
  author: string | null
  kind: ChangeKind
  /** Keys of the records it changed; null for rows logged before this was kept. */
  touched: string[] | null
  detail: string | null
  bytes: number
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

/**
 * How many snapshots compaction keeps: the newest `keepLast`, plus the newest of each of the
 * last `keepDaily` days, plus what the history window needs (`historyMs`: every moment that
 * recent stays restorable; 0 keeps no history beyond the newest snapshot).
 */
export interface SnapshotRetention {
  keepLast: number
  keepDaily: number
  historyMs?: number
}
