import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { newBoardId } from '../../shared/src/protocol/boardId.ts'
import { CloseCode } from '../../shared/src/protocol/closeCodes.ts'
import { createClient, isAcknowledged, type EditMark, type TestClient } from '../helpers/clients.ts'
import { randomInt, seededRandom, testSeed } from '../helpers/random.ts'
import {
  createDataDir,
  loadStoredDoc,
  openTestStore,
  removeDataDir,
  spawnServer,
  startTestServer,
  type ChildServer,
} from '../helpers/server.ts'
import { noteEntry } from '../helpers/testRecords.ts'
import { waitFor } from '../helpers/waitFor.ts'

// Durability: what a client was told is saved survives kill -9, and compaction changes nothing.

const cleanups: Array<() => unknown> = []
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.()
})

function dataDir(): string {
  const dir = createDataDir()
  cleanups.push(() => removeDataDir(dir))
  return dir
}

async function spawn(dir: string, env: Record<string, string> = {}): Promise<ChildServer> {
  const child = await spawnServer(dir, env)
  cleanups.push(() => child.kill('SIGKILL'))
  return child
}

function client(syncUrl: string, boardId: string): TestClient {
  const created = createClient(syncUrl, boardId)
  cleanups.push(() => created.destroy())
  return created
}

async function keysOnServer(syncUrl: string, boardId: string): Promise<Set<string>> {
  const reader = client(syncUrl, boardId)
  await reader.waitForSynced()
  const keys = new Set(reader.records.map.keys())
  reader.destroy()
  return keys
}

describe('durability', () => {
  it('keeps every acknowledged edit through SIGKILL at random moments (10 rounds)', async () => {
    const seed = testSeed()
    const random = seededRandom(seed)
    const dir = dataDir()
    const boardId = newBoardId()
    const acknowledged = new Set<string>()
    // Keys whose delete was acknowledged: they must stay gone, through every kill and restart.
    const acknowledgedDeletes = new Set<string>()
    let unacknowledged = 0

    for (let round = 0; round < 10; round++) {
      // Small compaction threshold: some kills land during or right after a compaction.
      const server = await spawn(dir, { COMPACT_AFTER_UPDATES: '25' })
      const present = await keysOnServer(server.syncUrl, boardId)
      const missing = [...acknowledged].filter((key) => !present.has(key))
      expect(missing, `round ${round}, seed ${seed}`).toEqual([])
      const resurrected = [...acknowledgedDeletes].filter((key) => present.has(key))
      expect(resurrected, `round ${round}, seed ${seed}`).toEqual([])

      const writers = [client(server.syncUrl, boardId), client(server.syncUrl, boardId)]
      await Promise.all(writers.map((writer) => writer.waitForSynced()))
      const edits: Array<{ key: string; mark: EditMark }> = []
      const deletes: Array<{ key: string; mark: EditMark }> = []
      // The kill lands after a random number of edits (mid-batch, mid-commit or mid-compaction), and
      // once a few of this round's are acknowledged, so that each round has something to keep
      // however slowly a busy machine commits. Until then the writers go on, at a pace the relay
      // can follow (a flood would only queue up behind the first commits).
      const killAfter = randomInt(random, 10, 400)
      let writing = true
      const writing$ = (async () => {
        for (let n = 0; writing; n++) {
          writers.forEach((writer, index) => {
            const key = `shape:r${round}-w${index}-${n}`
            edits.push({ key, mark: writer.setRecord(...noteEntry(key, { text: 'x'.repeat(randomInt(random, 1, 200)), x: n })) })
          })
          if (n % 7 === 3 && writers[0] !== undefined) {
            const key = `shape:r${round}-w0-${n - 3}`
            writers[0].records.delete(key)
            deletes.push({ key, mark: writers[0].markEdit() })
          }
          await new Promise((resolve) => (edits.length < killAfter ? setImmediate(resolve) : setTimeout(resolve, 5)))
        }
      })()
      const acknowledgedNow = () => edits.filter(({ mark }) => isAcknowledged(mark)).length
      await waitFor(() => edits.length >= killAfter && acknowledgedNow() >= 8, { intervalMs: 1, message: `${killAfter} edits, 8 acknowledged` })
      const exit = await server.kill('SIGKILL')
      writing = false
      await writing$
      expect(exit.signal).toBe('SIGKILL')

      // A key the test deleted is checked by its delete instead: an acknowledged delete must stick, an
      // unacknowledged one may or may not have been stored (and so may the key).
      const deleted = new Set(deletes.map(({ key }) => key))
      for (const { key, mark } of edits) {
        if (deleted.has(key)) continue
        if (isAcknowledged(mark)) acknowledged.add(key)
        else unacknowledged += 1
      }
      for (const { key, mark } of deletes) if (isAcknowledged(mark)) acknowledgedDeletes.add(key)
      for (const writer of writers) writer.destroy()
    }

    const server = await spawn(dir)
    const present = await keysOnServer(server.syncUrl, boardId)
    expect([...acknowledged].filter((key) => !present.has(key)), `seed ${seed}`).toEqual([])
    expect([...acknowledgedDeletes].filter((key) => present.has(key)), `seed ${seed}`).toEqual([])
    expect(acknowledged.size).toBeGreaterThan(50)
    expect(acknowledgedDeletes.size, `seed ${seed}`).toBeGreaterThan(0)
    // The kills landed while edits were in flight (otherwise this test would prove little).
    expect(unacknowledged, `seed ${seed}`).toBeGreaterThan(0)
  })

  it('on SIGTERM commits what it has, acknowledges it, closes sockets with 1012 and exits 0', async () => {
    const dir = dataDir()
    const boardId = newBoardId()
    const server = await spawn(dir)
    const writer = client(server.syncUrl, boardId)
    await writer.waitForSaved()
    const marks: Array<{ key: string; mark: EditMark }> = []
    for (let i = 0; i < 200; i++) marks.push({ key: `shape:k${i}`, mark: writer.setRecord(...noteEntry(`shape:k${i}`, { text: String(i) })) })
    await waitFor(() => isAcknowledged(marks[0]?.mark ?? null), { message: 'the first edit acknowledged' })

    const exit = await server.kill('SIGTERM')
    expect(exit).toEqual({ code: 0, signal: null })
    await waitFor(() => writer.closeCodes.includes(CloseCode.serviceRestart.code), { message: 'close 1012' })

    const acknowledged = marks.filter(({ mark }) => isAcknowledged(mark)).map(({ key }) => key)
    expect(acknowledged.length).toBeGreaterThan(0)
    const store = openTestStore(dir)
    cleanups.push(() => store.close())
    const stored = await loadStoredDoc(store, boardId)
    const storedKeys = new Set(stored.getArray<{ key: string }>('records').toArray().map((entry) => entry.key))
    expect(acknowledged.filter((key) => !storedKeys.has(key))).toEqual([])
  })

  it('compaction keeps the document identical, before and after a restart', async () => {
    const dir = dataDir()
    const boardId = newBoardId()
    const first = await startTestServer({ dataDir: dir, config: { compactAfterUpdates: 10 } })
    cleanups.push(() => first.close())
    const writer = client(first.syncUrl, boardId)
    await writer.waitForSaved()
    for (let i = 0; i < 120; i++) {
      writer.setRecord(...noteEntry(`shape:${i % 30}`, { text: `note ${i}` }))
      if (i % 9 === 0) writer.records.delete(`shape:${(i + 5) % 30}`)
    }
    await writer.waitForSaved()
    await waitFor(() => (first.running.rooms.stats(boardId)?.logCount ?? 99) < 10, { message: 'a compaction' })
    expect((await first.store.listSnapshots(boardId)).length).toBeGreaterThan(0)

    expectSameDocument(await loadStoredDoc(first.store, boardId), writer.doc)
    writer.destroy()
    await first.close()

    const second = await startTestServer({ dataDir: dir })
    cleanups.push(() => second.close())
    expectSameDocument(await loadStoredDoc(second.store, boardId), writer.doc)
    const reader = client(second.syncUrl, boardId)
    await reader.waitForSynced()
    expectSameDocument(reader.doc, writer.doc)
  })
})

function expectSameDocument(actual: Y.Doc, expected: Y.Doc): void {
  expect(actual.getArray('records').toJSON()).toEqual(expected.getArray('records').toJSON())
  expect(actual.getMap('meta').toJSON()).toEqual(expected.getMap('meta').toJSON())
  expect(Y.decodeStateVector(Y.encodeStateVector(actual))).toEqual(Y.decodeStateVector(Y.encodeStateVector(expected)))
}
