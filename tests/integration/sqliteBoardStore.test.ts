import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { DatabaseSync } from 'node:sqlite'
import { fileURLToPath } from 'node:url'
import { afterEach, describe, expect, it } from 'vitest'
import type { BoardStore } from '../../server/src/store/BoardStore.ts'
import { schemaMigrations } from '../../server/src/store/boardStoreSchema.ts'
import { openSqliteBoardStore } from '../../server/src/store/sqliteBoardStore.ts'
import { migrateSqliteSchema, openSqliteDatabase } from '../../server/src/store/sqliteDatabase.ts'
import { crashBoards, crashEntry, readCrashEntries } from '../helpers/storeCrashLog.ts'
import { describeBoardStoreContract } from './storeContract.ts'

const retention = { keepLast: 3, keepDaily: 2 }

describeBoardStoreContract('SQLite', async (options) => {
  const dir = await mkdtemp(join(tmpdir(), 'samskap-store-'))
  // A directory that does not exist yet: opening creates it.
  const file = join(dir, 'data', 'boards.sqlite')
  let store = openSqliteBoardStore({ file, ...options })
  return {
    store,
    async reopen() {
      await store.close()
      store = openSqliteBoardStore({ file, ...options })
      return store
    },
    async cleanup() {
      await store.close()
      await rm(dir, { recursive: true, force: true })
    },
  }
})

describe('SQLite board store', () => {
  const cleanups: (() => Promise<void> | void)[] = []
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
  })

  async function tempFile(): Promise<string> {
    const dir = await mkdtemp(join(tmpdir(), 'samskap-sqlite-'))
    cleanups.push(() => rm(dir, { recursive: true, force: true }))
    return join(dir, 'boards.sqlite')
  }

  function openStore(file: string): BoardStore {
    const store = openSqliteBoardStore({ file, retention })
    cleanups.push(() => store.close())
    return store
  }

  /** A second connection to the same file, as an operator's sqlite3 shell would be. */
  function inspect(file: string): DatabaseSync {
    const db = new DatabaseSync(file)
    cleanups.push(() => db.close())
    return db
  }

  it('sets up every connection with WAL, synchronous=FULL, foreign keys and a busy timeout', async () => {
    const file = await tempFile()
    const db = openSqliteDatabase(file, { busyTimeoutMs: 4321, now: Date.now() })
    cleanups.push(() => db.close())
    expect(db.prepare('PRAGMA journal_mode').get()).toEqual({ journal_mode: 'wal' })
    expect(db.prepare('PRAGMA synchronous').get()).toEqual({ synchronous: 2 })
    expect(db.prepare('PRAGMA foreign_keys').get()).toEqual({ foreign_keys: 1 })
    expect(db.prepare('PRAGMA busy_timeout').get()).toEqual({ timeout: 4321 })
  })

  it('leaves the file in WAL mode and writes through the write-ahead log', async () => {
    const file = await tempFile()
    const store = openStore(file)
    await store.appendUpdates([{ boardId: 'wal-board-1', update: Uint8Array.of(1) }])
    expect(existsSync(`${file}-wal`)).toBe(true)
    expect(inspect(file).prepare('PRAGMA journal_mode').get()).toEqual({ journal_mode: 'wal' })
  })

  it('records its migrations once and applies none on reopen', async () => {
    const file = await tempFile()
    await openStore(file).close()
    const first = inspect(file).prepare('SELECT version, name, applied_at FROM schema_migrations').all()
    expect(first.map((row) => row['version'])).toEqual(schemaMigrations('BLOB').map((migration) => migration.version))

    await openStore(file).close()
    expect(inspect(file).prepare('SELECT version, name, applied_at FROM schema_migrations').all()).toEqual(first)
    const db = openSqliteDatabase(file, { busyTimeoutMs: 1000, now: Date.now() })
    cleanups.push(() => db.close())
    expect(migrateSqliteSchema(db, Date.now())).toEqual([])
  })

  it('refuses a database written by a newer schema', async () => {
    const file = await tempFile()
    await openStore(file).close()
    inspect(file).prepare("INSERT INTO schema_migrations (version, name, applied_at) VALUES (99, 'future', 0)").run()
    expect(() => openSqliteBoardStore({ file, retention })).toThrow(
      expect.objectContaining({ code: 'schema_too_new' }),
    )
  })

  it('refuses a retention policy that could delete the snapshot a board loads from', async () => {
    const file = await tempFile()
    expect(() => openSqliteBoardStore({ file, retention: { keepLast: 0, keepDaily: 7 } })).toThrow(/keepLast/)
  })

  it('rolls back a whole batch when a row fails inside the transaction', async () => {
    const file = await tempFile()
    const store = openStore(file)
    await store.appendUpdates([{ boardId: 'board-one-1', update: Uint8Array.of(1) }])
    const operator = inspect(file)
    // The third row fails only after the first two boards' rows were written.
    operator.exec(`CREATE TRIGGER refuse_poison BEFORE INSERT ON board_updates
      WHEN NEW.board_id = 'poisoned-board' BEGIN SELECT RAISE(ABORT, 'poisoned'); END`)
    const batch = [
      { boardId: 'board-one-1', update: Uint8Array.of(2) },
      { boardId: 'board-two-2', update: Uint8Array.of(3) },
      { boardId: 'poisoned-board', update: Uint8Array.of(4) },
    ]
    await expect(store.appendUpdates(batch)).rejects.toMatchObject({
      code: 'storage_failed',
      message: expect.stringMatching(/board-one-1, board-two-2, poisoned-board: .*poisoned/),
    })
    expect(await store.loadBoard('board-one-1')).toMatchObject({ lastSeq: 1, logCount: 1 })
    expect(await store.loadBoard('board-two-2')).toMatchObject({ lastSeq: 0, logCount: 0 })
    operator.exec('DROP TRIGGER refuse_poison')
    expect(await store.appendUpdates(batch)).toEqual([2, 1, 1])
  })

  it('compaction leaves the covered rows of that board as history, and every other board alone', async () => {
    const file = await tempFile()
    const store = openStore(file)
    await store.appendUpdates(
      [1, 2, 3, 4, 5].flatMap((n) => [
        { boardId: 'compacted-1', update: Uint8Array.of(n) },
        { boardId: 'untouched-2', update: Uint8Array.of(n) },
      ]),
    )
    await store.writeSnapshot('compacted-1', Uint8Array.of(9), 3)
    const rows = inspect(file).prepare('SELECT board_id, seq FROM board_updates ORDER BY board_id, seq').all()
    expect(rows.map((row) => `${row['board_id']}#${row['seq']}`)).toEqual([
      ...[1, 2, 3, 4, 5].map((seq) => `compacted-1#${seq}`),
      ...[1, 2, 3, 4, 5].map((seq) => `untouched-2#${seq}`),
    ])
    expect((await store.loadBoard('compacted-1')).updates).toHaveLength(2)
  })

  it('keeps the log and writes no snapshot when the compaction transaction fails', async () => {
    const file = await tempFile()
    const store = openStore(file)
    await store.appendUpdates([1, 2, 3].map((n) => ({ boardId: 'compacted-1', update: Uint8Array.of(n) })))
    inspect(file).exec(`CREATE TRIGGER refuse_snapshot BEFORE INSERT ON board_snapshots
      BEGIN SELECT RAISE(ABORT, 'disk trouble'); END`)
    await expect(store.writeSnapshot('compacted-1', Uint8Array.of(9), 2)).rejects.toMatchObject({
      code: 'storage_failed',
      message: expect.stringContaining('compacted-1'),
    })
    expect(await store.loadBoard('compacted-1')).toMatchObject({ snapshot: null, logCount: 3 })
    expect(await store.listSnapshots('compacted-1')).toEqual([])
  })

  it('loses no acknowledged update when the process is killed (SIGKILL) at random moments', async () => {
    const file = await tempFile()
    for (let round = 0; round < 5; round++) {
      const acked = await runChildUntilKilled(file, 1 + Math.floor(Math.random() * 400))
      const store = openSqliteBoardStore({ file, retention })
      try {
        for (const boardId of crashBoards) {
          const board = await store.loadBoard(boardId)
          expect(board.lastSeq).toBeGreaterThanOrEqual(acked.get(boardId) ?? 0)
          const expected = Array.from({ length: board.lastSeq }, (_, i) => crashEntry(boardId, i + 1))
          expect(readCrashEntries(board)).toEqual(expected)
        }
      } finally {
        await store.close()
      }
    }
  })
})

const nodeBinary = fileURLToPath(new URL('../../node_modules/.bin/node', import.meta.url))
const childScript = fileURLToPath(new URL('../helpers/storeCrashChild.ts', import.meta.url))

/**
 * Runs the crash child on `file` until it has acknowledged `ackTarget` updates,
 * kills it with SIGKILL and resolves to the highest acknowledged seq per board.
 */
function runChildUntilKilled(file: string, ackTarget: number): Promise<Map<string, number>> {
  return new Promise((resolve, reject) => {
    const child = spawn(nodeBinary, [childScript, file], { stdio: ['ignore', 'pipe', 'pipe'] })
    const acked = new Map<string, number>()
    let ackCount = 0
    let pending = ''
    let stderr = ''
    let killed = false
    const timeout = setTimeout(() => {
      child.kill('SIGKILL')
      reject(new Error(`The crash child acknowledged ${ackCount} of ${ackTarget} updates in time. ${stderr}`))
    }, 30_000)
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      if (killed) return
      pending += chunk
      const lines = pending.split('\n')
      pending = lines.pop() ?? ''
      for (const line of lines) {
        const [boardId, seq] = line.split(' ')
        if (boardId === undefined || seq === undefined) continue
        acked.set(boardId, Math.max(acked.get(boardId) ?? 0, Number(seq)))
        ackCount++
      }
      if (ackCount >= ackTarget) {
        killed = true
        child.kill('SIGKILL')
      }
    })
    child.on('error', reject)
    child.on('exit', (code, signal) => {
      clearTimeout(timeout)
      if (killed && signal === 'SIGKILL') resolve(acked)
      else reject(new Error(`The crash child exited on its own (code ${code}, signal ${signal}): ${stderr}`))
    })
  })
}
