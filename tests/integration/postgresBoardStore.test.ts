import pg from 'pg'
import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import type { BoardStore, ClientClaim, PendingUpdate, SnapshotRetention } from '../../server/src/store/BoardStore.ts'
import { createPostgresBoardStore } from '../../server/src/store/postgresBoardStore.ts'
import { openPostgresPool, SharedPostgresPool } from '../../server/src/store/postgresDatabase.ts'
import { freshPostgresDatabase } from '../helpers/postgres.ts'
import { randomInt, seededRandom, testSeed } from '../helpers/random.ts'
import { waitFor } from '../helpers/waitFor.ts'
import { describeBoardStoreContract, docFrom } from './storeContract.ts'

/** A board store on its own pool, as one relay instance holds it. */
async function openBoardStore(url: string, options: { retention: SnapshotRetention; now?: () => number }): Promise<BoardStore> {
  const pool = await openPostgresPool({ url, poolSize: 4 })
  return createPostgresBoardStore(new SharedPostgresPool(pool), options)
}

describeBoardStoreContract('Postgres', async (options) => {
  const database = await freshPostgresDatabase()
  let store = await openBoardStore(database.url, options)
  return {
    store,
    async reopen() {
      await store.close()
      store = await openBoardStore(database.url, options)
      return store
    },
    async cleanup() {
      await store.close()
      await database.drop()
    },
  }
})

const boardA = 'raced-board-a'
const boardB = 'raced-board-b'

function text(update: Uint8Array): string {
  return new TextDecoder().decode(update)
}

/** A Yjs update that only adds `key` to the board, from a client of its own: any of them can be missing alone. */
function keyedUpdate(key: string, clientId: number): Uint8Array {
  const doc = new Y.Doc()
  doc.clientID = clientId
  doc.getMap('keys').set(key, true)
  return Y.encodeStateAsUpdate(doc)
}

describe('Postgres board store shared by two relay instances', () => {
  const cleanups: (() => Promise<unknown>)[] = []
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
  })

  /**
   * Two stores on two pools on one fresh database, as two relay instances serving the same
   * boards, and an operator's connections that can hold a board's row so that both
   * instances' writes pile up behind it and race the moment it is let go.
   */
  async function twoInstances(retention: SnapshotRetention = { keepLast: 2, keepDaily: 1 }) {
    const database = await freshPostgresDatabase()
    cleanups.push(() => database.drop())
    const stores = [await openBoardStore(database.url, { retention }), await openBoardStore(database.url, { retention })] as const
    for (const store of stores) cleanups.push(() => store.close())
    const operator = new pg.Pool({ connectionString: database.url, max: 2 })
    // Dropping the database at the end terminates a connection the pool may still be closing; the
    // pool reports that as an error of an idle client, which is no failure of this test.
    operator.on('error', () => undefined)
    cleanups.push(() => operator.end())

    /** Locks the boards' rows (creating them) until the returned function lets go. */
    async function holdBoards(boardIds: readonly string[]): Promise<() => Promise<void>> {
      const holder = await operator.connect()
      await holder.query('BEGIN')
      await holder.query(
        `INSERT INTO boards (board_id, last_seq, last_snapshot_id, created_at) SELECT unnest($1::text[]), 0, 0, 0
         ON CONFLICT (board_id) DO NOTHING`,
        [boardIds],
      )
      await holder.query('SELECT board_id FROM boards WHERE board_id = ANY ($1::text[]) ORDER BY board_id FOR UPDATE', [boardIds])
      let released = false
      const release = async () => {
        if (released) return
        released = true
        await holder.query('COMMIT')
        holder.release()
      }
      cleanups.push(release)
      return release
    }

    /** Resolves once `count` of the instances' transactions wait for a lock (seen from another connection). */
    async function lockWaiters(count: number): Promise<void> {
      await waitFor(
        async () => {
          const { rows } = await operator.query<{ waiting: number }>(
            `SELECT count(*)::int AS waiting FROM pg_stat_activity
             WHERE datname = current_database() AND wait_event_type = 'Lock'`,
          )
          return (rows[0]?.waiting ?? 0) >= count
        },
        { message: `${count} transactions waiting for a board's row` },
      )
    }

    return { stores, holdBoards, lockWaiters }
  }

  it('gives concurrent batches from both instances unique, gap-free seqs, every row loadable in seq order', async () => {
    const seed = testSeed()
    const random = seededRandom(seed)
    const { stores, holdBoards, lockWaiters } = await twoInstances()
    const release = await holdBoards([boardA, boardB])
    const batches: PendingUpdate[][] = []
    const appended: Promise<number[]>[] = []
    for (let index = 0; index < 80; index++) {
      // Some batches also carry the other board, in either order, as a group commit of several rooms does.
      const boardIds = Array.from({ length: randomInt(random, 1, 4) }, () => (random() < 0.25 ? boardB : boardA))
      const batch = boardIds.map((boardId, row) => ({ boardId, update: new TextEncoder().encode(`${index}/${row}`) }))
      batches.push(batch)
      appended.push((stores[index % 2] as BoardStore).appendUpdates(batch))
    }
    // Each pool's four connections are waiting behind the held rows: both instances race once they go.
    await lockWaiters(8)
    await release()
    const seqs = await Promise.all(appended)

    for (const boardId of [boardA, boardB]) {
      const bySeq = new Map<number, string>()
      batches.forEach((batch, index) => {
        const mine = batch.flatMap((pending, row) => (pending.boardId === boardId ? [{ seq: seqs[index]?.[row] ?? 0, pending }] : []))
        // A batch's updates of one board take consecutive seqs, in batch order.
        mine.forEach(({ seq }, i) => expect(seq, `seed ${seed}`).toBe((mine[0]?.seq ?? 0) + i))
        for (const { seq, pending } of mine) {
          expect(bySeq.has(seq), `seq ${seq} of ${boardId} given twice (seed ${seed})`).toBe(false)
          bySeq.set(seq, text(pending.update))
        }
      })
      const count = bySeq.size
      expect([...bySeq.keys()].sort((a, b) => a - b)).toEqual(Array.from({ length: count }, (_, i) => i + 1))
      for (const store of stores) {
        const board = await store.loadBoard(boardId)
        expect(board).toMatchObject({ lastSeq: count, logCount: count })
        expect(board.updates.map(text)).toEqual(Array.from({ length: count }, (_, i) => bySeq.get(i + 1)))
        expect((await store.listHistory(boardId)).map((entry) => entry.seq)).toEqual([...bySeq.keys()].sort((a, b) => a - b))
      }
    }
  })

  it('loads every acknowledged update while both instances append and compact the board at once', async () => {
    // keepLast 1 and no history window: each compaction deletes what the previous snapshot covered.
    const { stores } = await twoInstances({ keepLast: 1, keepDaily: 0 })
    const rounds = 60
    const acknowledged = new Set<string>()
    let nextClient = 1
    let appending = true
    const failures: string[] = []
    let compactions = 0
    let loads = 0

    const appender = async (store: BoardStore, name: string) => {
      for (let round = 0; round < rounds; round++) {
        const keys = [0, 1].map((row) => `${name}-${round}-${row}`)
        await store.appendUpdates(keys.map((key) => ({ boardId: boardA, update: keyedUpdate(key, nextClient++) })))
        for (const key of keys) acknowledged.add(key)
      }
    }
    // What the relay does: load the board, merge it, and store the merge as covering the seqs it loaded.
    const compactor = async (store: BoardStore) => {
      while (appending) {
        const board = await store.loadBoard(boardA)
        const state = Y.encodeStateAsUpdate(docFrom(board))
        try {
          await store.writeSnapshot(boardA, state, board.lastSeq)
          compactions++
        } catch (error) {
          // The other instance compacted further meanwhile: this snapshot would be older than the one it wrote.
          if ((error as { code?: unknown }).code !== 'invalid_input') throw error
        }
      }
    }
    const reader = async (store: BoardStore) => {
      while (appending) {
        const expected = [...acknowledged]
        const keys = docFrom(await store.loadBoard(boardA)).getMap('keys')
        loads++
        const missing = expected.filter((key) => !keys.has(key))
        if (missing.length > 0) failures.push(`load ${loads} lacks ${missing.join(', ')}`)
      }
    }

    const appenders = Promise.all(stores.flatMap((store, i) => [appender(store, `${i}a`), appender(store, `${i}b`)]))
    const others = Promise.all(stores.flatMap((store) => [compactor(store), reader(store)]))
    try {
      await appenders
    } finally {
      appending = false
      await others
    }

    expect(failures).toEqual([])
    expect(compactions).toBeGreaterThan(0)
    expect(loads).toBeGreaterThan(0)
    expect(acknowledged.size).toBe(2 * 2 * rounds * 2)
    for (const store of stores) {
      const keys = docFrom(await store.loadBoard(boardA)).getMap('keys')
      expect([...keys.keys()].sort()).toEqual([...acknowledged].sort())
    }
  })

  it('gives a client id claimed by both instances at once one owner, the same for both', async () => {
    const { stores, holdBoards, lockWaiters } = await twoInstances()
    const clientIds = Array.from({ length: 20 }, (_, i) => 100 + i)
    const claimsOf = (boardId: string, owner: string, ids: readonly number[]): ClientClaim[] =>
      ids.map((clientId) => ({ boardId, clientId, owner }))

    for (let round = 0; round < 8; round++) {
      // Even rounds race on a board both wait for; odd ones on a board neither has seen yet.
      const boardId = `claimed-board-${round}`
      const release = round % 2 === 0 ? await holdBoards([boardId]) : null
      const claimed = Promise.all([
        stores[0].appendUpdates([{ boardId, update: Uint8Array.of(round) }], claimsOf(boardId, 'person:one', clientIds)),
        stores[1].appendUpdates([], claimsOf(boardId, 'person:two', [...clientIds].reverse())),
        stores[1].appendUpdates([{ boardId, update: Uint8Array.of(round) }], claimsOf(boardId, 'server', clientIds.slice(5))),
      ])
      if (release !== null) {
        await lockWaiters(3)
        await release()
      }
      await claimed

      const [seenByOne, seenByTwo] = await Promise.all(stores.map((store) => store.loadBoard(boardId)))
      expect([...(seenByOne?.clients.keys() ?? [])].sort((a, b) => a - b)).toEqual(clientIds)
      expect(seenByTwo?.clients).toEqual(seenByOne?.clients)
      for (const owner of seenByOne?.clients.values() ?? []) expect(['person:one', 'person:two', 'server']).toContain(owner)
      expect(seenByOne?.lastSeq).toBe(2)
    }
  })
})
