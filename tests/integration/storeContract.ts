/**
 * The contract every BoardStore implementation passes (SQLite and Postgres). An
 * implementation's test file calls describeBoardStoreContract with a factory that
 * opens a fresh, empty store; nothing here knows which one it is.
 *
 * Each rule has an id, which its test's name starts with:
 *
 *   S1   A board never written loads empty.
 *   S2   Appended updates load in order, with the log's row count and bytes.
 *   S3   Seqs count per board, in batch order and across batches.
 *   S4   A batch may span boards; each board gets its own updates.
 *   S5   A batch is stored whole or not at all; a refused one uses up no seqs.
 *   S6   Malformed input is refused as invalid_input and stores nothing.
 *   S7   After compaction a board loads as its snapshot plus the log rows after it.
 *   S8   Numbering goes on after compaction, even when the whole log was compacted.
 *   S9   A snapshot covers neither seqs not logged yet nor less than the latest snapshot.
 *   S10  Compaction rebuilds the same Yjs document.
 *   S11  Covered rows stay as history until a snapshot from before the history window covers them.
 *   S12  The history lists each row's author, kind, touched records and detail, in a time or seq range.
 *   S13  Any kept moment rebuilds from the snapshot at or before it and the rows up to it.
 *   S14  A client id keeps its first owner, claimed in the batch's transaction.
 *   S15  Snapshots list newest first, and each one loads.
 *   S16  Pruning keeps the newest keepLast snapshots plus the newest of each of the last keepDaily days.
 *   S17  Boards are kept apart.
 *   S18  Assets are stored idempotently; other content under a stored id is a conflict.
 *   S19  checkWritable resolves while storage takes writes.
 *   S20  Everything is kept across close and reopen.
 *   S21  Every call after close rejects with store_closed.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { YKeyValue } from 'y-utility/y-keyvalue'
import * as Y from 'yjs'
import type { BoardStore, SnapshotRetention, StoredBoard } from '../../server/src/store/BoardStore.ts'
import { BoardDoc, BoardMeta } from '../../shared/src/board/boardDoc.ts'

/** What the suite controls in a store it opens. */
export interface ContractStoreOptions {
  retention: SnapshotRetention
  /** The store's clock (ms since the epoch); the suite moves it to place snapshots on chosen days. */
  now: () => number
}

export interface OpenedBoardStore {
  store: BoardStore
  /** Close the current store and open the same storage (file, database) again. */
  reopen(): Promise<BoardStore>
  /** Close whatever is open and remove the storage. */
  cleanup(): Promise<void>
}

export type OpenBoardStore = (options: ContractStoreOptions) => Promise<OpenedBoardStore>

const boardA = 'contract-board-a'
const boardB = 'contract-board-b'
const boardC = 'contract-board-c'
const hourMs = 60 * 60 * 1000

function bytes(...values: number[]): Uint8Array {
  return Uint8Array.from(values)
}

/** Compares byte contents whatever Uint8Array subclass (Buffer, …) an implementation returns. */
function lists(updates: readonly Uint8Array[]): number[][] {
  return updates.map((update) => [...update])
}

/** Rebuilds a board's document the way the relay does on load: snapshot first, then the log. */
export function docFrom(board: StoredBoard): Y.Doc {
  const doc = new Y.Doc()
  if (board.snapshot !== null) Y.applyUpdate(doc, board.snapshot)
  for (const update of board.updates) Y.applyUpdate(doc, update)
  return doc
}

function expectSameDocument(actual: Y.Doc, expected: Y.Doc): void {
  expect([...Y.encodeStateVector(actual)]).toEqual([...Y.encodeStateVector(expected)])
  expect(Y.equalSnapshots(Y.snapshot(actual), Y.snapshot(expected))).toBe(true)
  expect(actual.getArray(BoardDoc.records).toJSON()).toEqual(expected.getArray(BoardDoc.records).toJSON())
  expect(actual.getMap(BoardDoc.meta).toJSON()).toEqual(expected.getMap(BoardDoc.meta).toJSON())
}

export function describeBoardStoreContract(name: string, open: OpenBoardStore): void {
  describe(`BoardStore contract: ${name}`, () => {
    const cleanups: (() => Promise<void>)[] = []
    afterEach(async () => {
      for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
    })

    /** Opens a fresh store with a clock the test moves; cleaned up after the test. */
    async function openStore(retention: SnapshotRetention = { keepLast: 5, keepDaily: 3 }) {
      const clock = { time: Date.UTC(2025, 0, 10, 12) }
      const opened = await open({ retention, now: () => clock.time })
      cleanups.push(() => opened.cleanup())
      return { ...opened, clock }
    }

    it('[S1] loads a board that was never written as empty', async () => {
      const { store } = await openStore()
      expect(await store.loadBoard(boardA)).toEqual({
        snapshot: null,
        updates: [],
        lastSeq: 0,
        logCount: 0,
        logBytes: 0,
        clients: new Map(),
      })
      expect(await store.listSnapshots(boardA)).toEqual([])
    })

    it('[S2] returns appended updates in order, with the log size', async () => {
      const { store } = await openStore()
      await store.appendUpdates([{ boardId: boardA, update: bytes(1, 1) }])
      await store.appendUpdates([
        { boardId: boardA, update: bytes(2) },
        { boardId: boardA, update: bytes(3, 3, 3) },
      ])
      const board = await store.loadBoard(boardA)
      expect(lists(board.updates)).toEqual([[1, 1], [2], [3, 3, 3]])
      expect(board).toMatchObject({ snapshot: null, lastSeq: 3, logCount: 3, logBytes: 6 })
    })

    it('[S3] numbers updates per board, in batch order and across batches', async () => {
      const { store } = await openStore()
      const first = await store.appendUpdates([
        { boardId: boardA, update: bytes(1) },
        { boardId: boardB, update: bytes(2) },
        { boardId: boardA, update: bytes(3) },
      ])
      expect(first).toEqual([1, 1, 2])
      expect(await store.appendUpdates([{ boardId: boardB, update: bytes(4) }, { boardId: boardA, update: bytes(5) }]))
        .toEqual([2, 3])
      expect(await store.appendUpdates([])).toEqual([])
      expect((await store.loadBoard(boardA)).lastSeq).toBe(3)
      expect((await store.loadBoard(boardB)).lastSeq).toBe(2)
    })

    it('[S4] stores every board of a multi-board batch', async () => {
      const { store } = await openStore()
      await store.appendUpdates([boardA, boardB, boardC, boardA].map((boardId, i) => ({ boardId, update: bytes(i) })))
      expect(lists((await store.loadBoard(boardA)).updates)).toEqual([[0], [3]])
      expect(lists((await store.loadBoard(boardB)).updates)).toEqual([[1]])
      expect(lists((await store.loadBoard(boardC)).updates)).toEqual([[2]])
    })

    it('[S5] stores nothing of a batch when one of its updates is refused', async () => {
      const { store } = await openStore()
      await store.appendUpdates([{ boardId: boardA, update: bytes(1) }])
      const batch = [
        { boardId: boardA, update: bytes(2) },
        { boardId: boardB, update: bytes(3) },
        { boardId: 'x'.repeat(65), update: bytes(4) },
      ]
      await expect(store.appendUpdates(batch)).rejects.toThrow()
      expect(lists((await store.loadBoard(boardA)).updates)).toEqual([[1]])
      expect(await store.loadBoard(boardB)).toMatchObject({ updates: [], lastSeq: 0 })
      // The refused batch used up no seqs.
      expect(await store.appendUpdates([{ boardId: boardA, update: bytes(5) }, { boardId: boardB, update: bytes(6) }]))
        .toEqual([2, 1])
    })

    it('[S6] refuses malformed input with a clear error', async () => {
      const { store } = await openStore()
      await expect(store.loadBoard('../etc/passwd')).rejects.toMatchObject({ code: 'invalid_input' })
      const notBytes = { boardId: boardA, update: 'hello' as unknown as Uint8Array }
      await expect(store.appendUpdates([notBytes])).rejects.toMatchObject({ code: 'invalid_input' })
      await expect(store.writeSnapshot(boardA, bytes(1), -1)).rejects.toMatchObject({ code: 'invalid_input' })
      expect(await store.loadBoard(boardA)).toMatchObject({ updates: [], lastSeq: 0 })
    })

    it('[S7] after compaction, loads a board from the snapshot and the log rows after it', async () => {
      const { store, clock } = await openStore()
      await store.appendUpdates([1, 2, 3, 4, 5].map((n) => ({ boardId: boardA, update: bytes(n) })))
      const info = await store.writeSnapshot(boardA, bytes(9, 9), 3)
      expect(info).toMatchObject({ boardId: boardA, createdAt: clock.time, bytes: 2 })
      const board = await store.loadBoard(boardA)
      expect(board.snapshot && [...board.snapshot]).toEqual([9, 9])
      expect(lists(board.updates)).toEqual([[4], [5]])
      expect(board).toMatchObject({ lastSeq: 5, logCount: 2, logBytes: 2 })
    })

    it('[S8] keeps numbering after compaction, even when the whole log was compacted', async () => {
      const { store } = await openStore()
      await store.appendUpdates([1, 2, 3].map((n) => ({ boardId: boardA, update: bytes(n) })))
      await store.writeSnapshot(boardA, bytes(7), 3)
      expect(await store.loadBoard(boardA)).toMatchObject({ updates: [], lastSeq: 3, logCount: 0, logBytes: 0 })
      expect(await store.appendUpdates([{ boardId: boardA, update: bytes(4) }])).toEqual([4])
      await store.writeSnapshot(boardA, bytes(8), 4)
      expect(await store.appendUpdates([{ boardId: boardA, update: bytes(5) }])).toEqual([5])
      const board = await store.loadBoard(boardA)
      expect(board.snapshot && [...board.snapshot]).toEqual([8])
      expect(lists(board.updates)).toEqual([[5]])
    })

    it('[S9] refuses a snapshot that covers seqs not logged yet or older than the latest snapshot', async () => {
      const { store } = await openStore()
      await store.appendUpdates([1, 2, 3, 4].map((n) => ({ boardId: boardA, update: bytes(n) })))
      await expect(store.writeSnapshot(boardA, bytes(9), 5)).rejects.toMatchObject({ code: 'invalid_input' })
      await store.writeSnapshot(boardA, bytes(9), 3)
      await expect(store.writeSnapshot(boardA, bytes(8), 2)).rejects.toMatchObject({ code: 'invalid_input' })
      const board = await store.loadBoard(boardA)
      expect(board.snapshot && [...board.snapshot]).toEqual([9])
      expect(lists(board.updates)).toEqual([[4]])
      expect(await store.listSnapshots(boardA)).toHaveLength(1)
    })

    it('[S10] rebuilds the same Yjs document after compaction', async () => {
      const { store } = await openStore()
      const source = new Y.Doc()
      const logged: Uint8Array[] = []
      source.on('update', (update: Uint8Array) => logged.push(update))
      const records = new YKeyValue<{ id: string; text: string }>(source.getArray(BoardDoc.records))
      source.getMap(BoardDoc.meta).set(BoardMeta.schema, { schemaVersion: 2, sequences: {} })
      for (let i = 0; i < 12; i++) records.set(`shape:${i % 5}`, { id: `shape:${i % 5}`, text: `note ${i}` })
      records.delete('shape:3')
      await store.appendUpdates(logged.slice(0, 6).map((update) => ({ boardId: boardA, update })))
      await store.appendUpdates(logged.slice(6).map((update) => ({ boardId: boardA, update })))

      const beforeCompaction = docFrom(await store.loadBoard(boardA))
      expectSameDocument(beforeCompaction, source)

      // The relay's snapshot: the merged state of exactly the first 8 updates.
      const atSeq8 = new Y.Doc()
      for (const update of logged.slice(0, 8)) Y.applyUpdate(atSeq8, update)
      await store.writeSnapshot(boardA, Y.encodeStateAsUpdate(atSeq8), 8)

      const compacted = await store.loadBoard(boardA)
      expect(compacted.updates).toHaveLength(logged.length - 8)
      expectSameDocument(docFrom(compacted), beforeCompaction)
    })

    it('[S11] keeps the rows a snapshot covers as history until a snapshot from before the history window covers them', async () => {
      const dayMs = 24 * hourMs
      const { store, clock } = await openStore({ keepLast: 1, keepDaily: 0, historyMs: dayMs })
      await store.appendUpdates([1, 2, 3].map((n) => ({ boardId: boardA, update: bytes(n) })))
      await store.writeSnapshot(boardA, bytes(9, 3), 3)
      await store.appendUpdates([4, 5].map((n) => ({ boardId: boardA, update: bytes(n) })))
      expect((await store.listHistory(boardA)).map((entry) => entry.seq)).toEqual([1, 2, 3, 4, 5])
      // A day later the first snapshot is from before the window: what it covers is no longer needed.
      clock.time += dayMs + hourMs
      await store.appendUpdates([{ boardId: boardA, update: bytes(6) }])
      await store.writeSnapshot(boardA, bytes(9, 6), 6)
      expect((await store.listHistory(boardA)).map((entry) => entry.seq)).toEqual([4, 5, 6])
      expect((await store.listSnapshots(boardA)).map((snapshot) => snapshot.bytes)).toEqual([2, 2])
      const board = await store.loadBoard(boardA)
      expect(board.snapshot && [...board.snapshot]).toEqual([9, 6])
      expect(board.updates).toEqual([])
    })

    it('[S12] lists the history with who made each change, the records it touched and its kind, in a time or seq range', async () => {
      const { store, clock } = await openStore()
      const first = clock.time
      await store.appendUpdates([
        { boardId: boardA, update: bytes(1), author: 'server', touched: ['page:page'], kind: 'build' },
        { boardId: boardA, update: bytes(2, 2), author: 'person:kari', touched: ['shape:a', 'shape:b'] },
      ])
      clock.time += hourMs
      await store.appendUpdates([
        { boardId: boardA, update: bytes(3), author: 'person:ola', touched: ['shape:a'], kind: 'restore', detail: '{"toSeq":1}' },
      ])
      await store.appendUpdates([{ boardId: boardB, update: bytes(4) }])
      expect(await store.listHistory(boardA)).toEqual([
        { seq: 1, createdAt: first, author: 'server', kind: 'build', touched: ['page:page'], detail: null, bytes: 1 },
        { seq: 2, createdAt: first, author: 'person:kari', kind: 'edit', touched: ['shape:a', 'shape:b'], detail: null, bytes: 2 },
        { seq: 3, createdAt: first + hourMs, author: 'person:ola', kind: 'restore', touched: ['shape:a'], detail: '{"toSeq":1}', bytes: 1 },
      ])
      expect((await store.listHistory(boardA, { since: first + 1 })).map((entry) => entry.seq)).toEqual([3])
      expect((await store.listHistory(boardA, { until: first })).map((entry) => entry.seq)).toEqual([1, 2])
      expect((await store.listHistory(boardA, { limit: 1 })).map((entry) => entry.seq)).toEqual([1])
      expect((await store.listHistory(boardA, { fromSeq: 2, toSeq: 2 })).map((entry) => entry.seq)).toEqual([2])
      expect((await store.listHistory(boardA, { fromSeq: 2 })).map((entry) => entry.seq)).toEqual([2, 3])
      expect((await store.listHistory(boardA, { until: first, limit: 1, newestFirst: true })).map((entry) => entry.seq)).toEqual([2])
      expect((await store.listHistory(boardA, { toSeq: 2, newestFirst: true })).map((entry) => entry.seq)).toEqual([2, 1])
      expect(await store.listHistory(boardB)).toEqual([
        { seq: 1, createdAt: first + hourMs, author: null, kind: 'edit', touched: null, detail: null, bytes: 1 },
      ])
    })

    it('[S13] rebuilds any kept moment: the snapshot at or before it and the rows after it up to it', async () => {
      const dayMs = 24 * hourMs
      const { store, clock } = await openStore({ keepLast: 1, keepDaily: 0, historyMs: dayMs })
      await store.appendUpdates([1, 2, 3, 4].map((n) => ({ boardId: boardA, update: bytes(n) })))
      await store.writeSnapshot(boardA, bytes(9, 2), 2)
      expect(await store.loadStateAt(boardA, 0)).toEqual({ snapshot: null, updates: [] })
      expect(await store.loadStateAt(boardA, 1)).toEqual({ snapshot: null, updates: [bytes(1)] })
      const atThree = await store.loadStateAt(boardA, 3)
      expect(atThree?.snapshot && [...atThree.snapshot]).toEqual([9, 2])
      expect(lists(atThree?.updates ?? [])).toEqual([[3]])
      expect(await store.loadStateAt(boardA, 5)).toBeNull()
      // Once a snapshot from before the window covers the first rows, those moments are gone.
      clock.time += dayMs + hourMs
      await store.appendUpdates([{ boardId: boardA, update: bytes(5) }])
      await store.writeSnapshot(boardA, bytes(9, 5), 5)
      expect(await store.loadStateAt(boardA, 1)).toBeNull()
      const atFour = await store.loadStateAt(boardA, 4)
      expect(atFour?.snapshot && [...atFour.snapshot]).toEqual([9, 2])
      expect(lists(atFour?.updates ?? [])).toEqual([[3], [4]])
    })

    it('[S14] keeps the first owner of a client id, with a batch or alone, in the batch’s transaction', async () => {
      const { store, reopen } = await openStore()
      await store.appendUpdates([{ boardId: boardA, update: bytes(1) }], [{ boardId: boardA, clientId: 11, owner: 'person:kari' }])
      await store.appendUpdates([], [
        { boardId: boardA, clientId: 12, owner: 'server' },
        { boardId: boardA, clientId: 11, owner: 'person:ola' },
        { boardId: boardB, clientId: 11, owner: 'person:ola' },
      ])
      await expect(
        store.appendUpdates([{ boardId: boardA, update: 'not bytes' as unknown as Uint8Array }], [{ boardId: boardA, clientId: 13, owner: 'x' }]),
      ).rejects.toMatchObject({ code: 'invalid_input' })
      const reopened = await reopen()
      expect((await reopened.loadBoard(boardA)).clients).toEqual(new Map([[11, 'person:kari'], [12, 'server']]))
      expect((await reopened.loadBoard(boardB)).clients).toEqual(new Map([[11, 'person:ola']]))
    })

    it('[S15] lists snapshots newest first and loads each one', async () => {
      const { store, clock } = await openStore()
      await store.appendUpdates([1, 2, 3].map((n) => ({ boardId: boardA, update: bytes(n) })))
      const written = []
      for (const seq of [1, 2, 3]) {
        clock.time += hourMs
        written.push(await store.writeSnapshot(boardA, bytes(seq, seq), seq))
      }
      const listed = await store.listSnapshots(boardA)
      expect(listed).toEqual([...written].reverse())
      for (const [index, info] of written.entries()) {
        const state = await store.loadSnapshot(boardA, info.id)
        expect(state && [...state]).toEqual([index + 1, index + 1])
      }
      const unknownId = Math.max(...written.map((info) => info.id)) + 1000
      expect(await store.loadSnapshot(boardA, unknownId)).toBeNull()
    })

    it('[S16] prunes snapshots to the newest keepLast plus the newest of each of the last keepDaily days', async () => {
      const { store, clock } = await openStore({ keepLast: 2, keepDaily: 3 })
      const stamps = [
        Date.UTC(2025, 2, 1, 10),
        Date.UTC(2025, 2, 1, 11),
        Date.UTC(2025, 2, 2, 9),
        Date.UTC(2025, 2, 4, 8),
        Date.UTC(2025, 2, 4, 23, 59, 59, 999),
        Date.UTC(2025, 2, 5, 0, 0, 0, 0),
        Date.UTC(2025, 2, 5, 0, 0, 1),
      ]
      await store.appendUpdates(stamps.map((_, n) => ({ boardId: boardA, update: bytes(n) })))
      const ids: number[] = []
      for (const [index, stamp] of stamps.entries()) {
        clock.time = stamp
        ids.push((await store.writeSnapshot(boardA, bytes(index), index + 1)).id)
      }
      // Newest two: the last two. Daily: newest of March 5, 4 and 2 (March 3 has none; March 1 is too old).
      const kept = [ids[6], ids[5], ids[4], ids[2]]
      expect((await store.listSnapshots(boardA)).map((info) => info.id)).toEqual(kept)
      expect(await store.loadSnapshot(boardA, ids[1] ?? 0)).toBeNull()
      const board = await store.loadBoard(boardA)
      expect(board.snapshot && [...board.snapshot]).toEqual([6])
    })

    it('[S17] keeps boards apart', async () => {
      const { store } = await openStore()
      await store.appendUpdates([
        { boardId: boardA, update: bytes(1) },
        { boardId: boardB, update: bytes(2) },
        { boardId: boardA, update: bytes(3) },
      ])
      const snapshotOfA = await store.writeSnapshot(boardA, bytes(9), 2)
      expect(lists((await store.loadBoard(boardB)).updates)).toEqual([[2]])
      expect(await store.loadBoard(boardB)).toMatchObject({ snapshot: null, lastSeq: 1 })
      expect(await store.listSnapshots(boardB)).toEqual([])
      expect(await store.loadSnapshot(boardB, snapshotOfA.id)).toBeNull()
      expect(await store.loadBoard(boardC)).toMatchObject({ updates: [], lastSeq: 0 })
    })

    it('[S18] stores assets idempotently and refuses an id reused for other content', async () => {
      const { store } = await openStore()
      const asset = { id: 'asset-1.png', boardId: boardA, mimeType: 'image/png', bytes: bytes(137, 80, 78, 71), createdAt: 1_700_000_000_000 }
      await store.putAsset(asset)
      await store.putAsset({ ...asset })
      const stored = await store.getAsset(asset.id)
      expect(stored && { ...stored, bytes: [...stored.bytes] }).toEqual({ ...asset, bytes: [...asset.bytes] })
      await expect(store.putAsset({ ...asset, bytes: bytes(1, 2, 3) })).rejects.toMatchObject({ code: 'conflict' })
      expect(await store.getAsset('no-such-asset')).toBeNull()
      expect(await store.getAsset('../../etc/passwd')).toBeNull()
      expect(await store.hasAsset(asset.id)).toBe(true)
      expect(await store.hasAsset('no-such-asset')).toBe(false)
      expect(await store.hasAsset('../../etc/passwd')).toBe(false)
    })

    it('[S19] reports that it can take writes', async () => {
      const { store } = await openStore()
      await expect(store.checkWritable()).resolves.toBeUndefined()
    })

    it('[S20] keeps everything across close and reopen', async () => {
      const opened = await openStore({ keepLast: 3, keepDaily: 0 })
      await opened.store.appendUpdates([1, 2, 3].map((n) => ({ boardId: boardA, update: bytes(n) })))
      const snapshot = await opened.store.writeSnapshot(boardA, bytes(8), 2)
      const asset = { id: 'kept-asset', boardId: boardB, mimeType: 'image/webp', bytes: bytes(5, 6), createdAt: 1 }
      await opened.store.putAsset(asset)

      const store = await opened.reopen()
      const board = await store.loadBoard(boardA)
      expect(board.snapshot && [...board.snapshot]).toEqual([8])
      expect(lists(board.updates)).toEqual([[3]])
      expect(await store.listSnapshots(boardA)).toEqual([snapshot])
      expect((await store.getAsset(asset.id))?.mimeType).toBe('image/webp')
      expect(await store.appendUpdates([{ boardId: boardA, update: bytes(4) }])).toEqual([4])
    })

    it('[S21] rejects every call after close', async () => {
      const { store } = await openStore()
      await store.close()
      await store.close()
      await expect(store.loadBoard(boardA)).rejects.toMatchObject({ code: 'store_closed' })
      await expect(store.appendUpdates([{ boardId: boardA, update: bytes(1) }])).rejects.toMatchObject({
        code: 'store_closed',
      })
      await expect(store.checkWritable()).rejects.toMatchObject({ code: 'store_closed' })
    })
  })
}
