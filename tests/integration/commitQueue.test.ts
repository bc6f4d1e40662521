import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pino } from 'pino'
import { afterEach, describe, expect, it } from 'vitest'
import { CommitQueue } from '../../server/src/relay/commitQueue.ts'
import type { BoardStore, ClientClaim, PendingUpdate } from '../../server/src/store/BoardStore.ts'
import { openSqliteBoardStore } from '../../server/src/store/sqliteBoardStore.ts'
import { waitFor } from '../helpers/waitFor.ts'

// The group commit on a real SQLite store (whose commits run in their own thread), counting the
// calls that reach it.

const cleanups: Array<() => unknown> = []
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.()
})

async function countedStore(): Promise<{ store: BoardStore; batches: PendingUpdate[][] }> {
  const dir = await mkdtemp(join(tmpdir(), 'samskap-commits-'))
  const real = openSqliteBoardStore({ file: join(dir, 'boards.sqlite'), retention: { keepLast: 2, keepDaily: 1 } })
  cleanups.push(() => rm(dir, { recursive: true, force: true }))
  cleanups.push(() => real.close())
  const batches: PendingUpdate[][] = []
  const store: BoardStore = {
    ...real,
    loadBoard: (boardId) => real.loadBoard(boardId),
    appendUpdates: (batch: readonly PendingUpdate[], claims?: readonly ClientClaim[]) => {
      batches.push([...batch])
      return real.appendUpdates(batch, claims)
    },
  }
  return { store, batches }
}

/** A commit queue on the counted store, with the seqs it reported committed. */
async function countedQueue(windowMs: number) {
  const { store, batches } = await countedStore()
  const committed: number[] = []
  const queue = new CommitQueue<PendingUpdate>({
    store,
    onCommitted: (_entries, seqs) => committed.push(...seqs),
    logger: pino({ level: 'silent' }),
    retryBaseMs: 10,
    retryMaxMs: 100,
    windowMs,
  })
  cleanups.push(() => queue.close())
  return { queue, batches, committed }
}

function update(n: number): PendingUpdate {
  return { boardId: 'commit-window-board', update: Uint8Array.of(0, n) }
}

describe('group commit', () => {
  it('gathers what comes within the commit window after a commit into the next one', async () => {
    // A window far longer than the test's ticks take, so that it is the window that gathers them.
    const { queue, batches, committed } = await countedQueue(60_000)
    queue.enqueue(update(1))
    await waitFor(() => committed.length === 1, { message: 'the first update committed' })
    // Three more, each in a turn of its own, after the first commit: one commit for them, not three.
    for (const n of [2, 3, 4]) {
      queue.enqueue(update(n))
      await new Promise((resolve) => setImmediate(resolve))
    }
    expect(batches).toHaveLength(1)
    expect(await queue.drain(120_000)).toBe(true)
    expect(batches.map((batch) => batch.length)).toEqual([1, 3])
    expect(committed).toEqual([1, 2, 3, 4])
  })

  it('commits each turn’s updates at once without a window', async () => {
    const { queue, batches, committed } = await countedQueue(0)
    for (const n of [1, 2]) {
      queue.enqueue(update(n))
      await waitFor(() => committed.length === n, { message: `update ${n} committed` })
    }
    expect(batches.map((batch) => batch.length)).toEqual([1, 1])
  })
})
