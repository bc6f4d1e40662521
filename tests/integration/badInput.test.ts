import { afterEach, describe, expect, it } from 'vitest'
import { WebSocket } from 'ws'
import * as Y from 'yjs'
import { boardTopLevelTypes, validateBoardRecord } from '../../shared/src/board/boardDoc.ts'
import { testNote } from '../helpers/testRecords.ts'
import { newBoardId } from '../../shared/src/protocol/boardId.ts'
import { CloseCode } from '../../shared/src/protocol/closeCodes.ts'
import { MessageType, SyncMessageType, UpdateRejection } from '../../shared/src/protocol/messages.ts'
import { awarenessMessage, createClient, RawClient, syncMessage, updateOfSyncFrame, type Outcome, type TestClient } from '../helpers/clients.ts'
import { randomInt, seededRandom, testSeed } from '../helpers/random.ts'
import { loadStoredDoc, startTestServer, type TestServer } from '../helpers/server.ts'
import type { Config } from '../../server/src/config.ts'
import { waitFor } from '../helpers/waitFor.ts'

// Bad input gets its close code or rejection; the process stays up, the other clients in the room
// keep syncing, and what is stored does not change.

const cleanups: Array<() => unknown> = []
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.()
})

interface Scene {
  server: TestServer
  boardId: string
  a: TestClient
  b: TestClient
  /** Opens a raw socket to the scene's board (closed after the test). */
  raw(options?: { origin?: string }): Promise<RawClient>
  /** The stored board: its last seq and content. */
  stored(): Promise<{ lastSeq: number; content: unknown }>
  /** The process answers, a and b still sync through the relay, and the store still holds `before` plus that edit. */
  expectUnharmed(before: { lastSeq: number; content: unknown }): Promise<void>
}

async function scene(config: Partial<Config> = {}): Promise<Scene> {
  const server = await startTestServer({ config })
  cleanups.push(() => server.close())
  const boardId = newBoardId()
  const clients = [createClient(server.syncUrl, boardId), createClient(server.syncUrl, boardId)] as const
  for (const c of clients) cleanups.push(() => c.destroy())
  const [a, b] = clients
  await Promise.all([a.waitForSaved(), b.waitForSaved()])
  // Plain array writes, no YKeyValue: a YKeyValue would react to the fuzzed records (deleting
  // duplicate keys), and these bystanders must write nothing but what the test tells them to.
  pushRecord(a, 'shape:before', 'written before the bad input')
  await waitFor(() => hasRecord(b, 'shape:before'))
  await a.waitForSaved()
  const stored = async () => {
    const state = await server.store.loadBoard(boardId)
    const doc = await loadStoredDoc(server.store, boardId)
    return { lastSeq: state.lastSeq, content: { records: doc.getArray('records').toJSON(), meta: doc.getMap('meta').toJSON() } }
  }
  let probes = 0
  return {
    server,
    boardId,
    a,
    b,
    async raw(options = {}) {
      const raw = await RawClient.connect(server.syncUrl, boardId, options)
      cleanups.push(() => raw.close())
      return raw
    },
    stored,
    async expectUnharmed(before) {
      expect(await stored()).toEqual(before)
      expect((await fetch(`${server.url}/healthz`)).status).toBe(200)
      const key = `shape:probe-${probes++}`
      pushRecord(a, key, 'still syncing')
      await waitFor(() => hasRecord(b, key), { message: 'b to receive a’s edit' })
      await a.waitForSaved()
      expect((await stored()).lastSeq).toBe(before.lastSeq + 1)
    },
  }
}

/** A note under `key`, pushed as a plain array entry (no YKeyValue, see scene()). */
function pushRecord(client: TestClient, key: string, text: string): void {
  client.doc.getArray('records').push([{ key, val: testNote(key, { text }) }])
}

function hasRecord(client: TestClient, key: string): boolean {
  // Fuzzed records can be anything (null, numbers…), hence the careful look.
  return client.doc
    .getArray<unknown>('records')
    .toArray()
    .some((entry) => typeof entry === 'object' && entry !== null && (entry as { key?: unknown }).key === key)
}

/** A fresh document holding the board's current state, as the relay serves it. */
async function currentState(raw: RawClient): Promise<Y.Doc> {
  const doc = new Y.Doc()
  Y.applyUpdate(doc, updateOfSyncFrame(await raw.barrier()))
  return doc
}

/** The update one change to `doc` produces. */
function updateOf(doc: Y.Doc, change: (doc: Y.Doc) => void): Uint8Array {
  let captured: Uint8Array | null = null
  const capture = (update: Uint8Array) => {
    captured = update
  }
  doc.on('update', capture)
  change(doc)
  doc.off('update', capture)
  if (captured === null) throw new Error('the change produced no update')
  return captured
}

describe('bad input', () => {
  it('closes with 4401 on message types the relay does not take', async () => {
    const s = await scene()
    const before = await s.stored()
    for (const frame of [[7], [4, 1, 2], [MessageType.auth, 0, 0], [MessageType.saveAck, 1], [MessageType.updateRejected, 1, 1], [99]]) {
      const raw = await s.raw()
      raw.send(new Uint8Array(frame))
      expect(await raw.closed).toBe(CloseCode.unknownMessageType.code)
    }
    await s.expectUnharmed(before)
  })

  it('closes with 4402 on messages that do not decode, including every truncation of valid ones', async () => {
    const s = await scene()
    const before = await s.stored()
    const doc = new Y.Doc()
    const validMessages = [
      syncMessage(SyncMessageType.step1, Y.encodeStateVector(doc)),
      syncMessage(SyncMessageType.update, updateOf(doc, (d) => d.getArray('records').push([{ key: 'k', val: 1 }]))),
      awarenessMessage(77, 1, { name: 'n' }),
    ]
    const frames: Uint8Array[] = [
      new Uint8Array([]),
      new Uint8Array([MessageType.sync, 9, 0]),
      new Uint8Array([MessageType.awareness, 3, 1, 2]),
      awarenessMessage(77, 1, 'a string is not a presence'),
      new Uint8Array([...syncMessage(SyncMessageType.step1, new Uint8Array([0])), 0]),
      new Uint8Array([0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80]),
    ]
    for (const message of validMessages) {
      for (let length = 1; length < message.length; length++) frames.push(message.slice(0, length))
    }
    for (const frame of frames) {
      const raw = await s.raw()
      raw.send(frame)
      expect({ frame: [...frame], code: await raw.closed }).toEqual({ frame: [...frame], code: CloseCode.malformedMessage.code })
    }
    const text = await s.raw()
    text.socket.send('hello', { binary: false })
    expect(await text.closed).toBe(CloseCode.malformedMessage.code)
    await s.expectUnharmed(before)
  })

  it('survives random bytes (seeded)', async () => {
    const seed = testSeed()
    const random = seededRandom(seed)
    const s = await scene()
    const before = await s.stored()
    const closes = new Map<number, number>()
    let raw = await s.raw()
    for (let i = 0; i < 300; i++) {
      const frame = new Uint8Array(randomInt(random, 1, 80)).map(() => randomInt(random, 0, 255))
      // Bias the first byte towards the types the relay takes, so the fuzzing reaches past the type check.
      frame[0] = [MessageType.sync, MessageType.awareness, MessageType.queryAwareness, frame[0] ?? 0][randomInt(random, 0, 3)] ?? 0
      if (frame[0] === MessageType.sync && frame.length > 1) frame[1] = randomInt(random, 0, 3)
      raw.send(frame)
      const code = await raw.barrier().then(
        () => null,
        () => raw.closed,
      )
      if (code !== null) {
        closes.set(code, (closes.get(code) ?? 0) + 1)
        raw = await s.raw()
      }
    }
    const allowed: number[] = [CloseCode.unknownMessageType.code, CloseCode.malformedMessage.code, CloseCode.tooManyRejectedUpdates.code]
    expect([...closes.keys()].filter((code) => !allowed.includes(code)), `seed ${seed}`).toEqual([])
    await s.expectUnharmed(before)
  })

  it('refuses bit-flipped updates that would damage the board, and stores only valid records (seeded)', async () => {
    const seed = testSeed()
    const random = seededRandom(seed)
    const s = await scene()
    const metaBefore = (await loadStoredDoc(s.server.store, s.boardId)).getMap('meta').toJSON()
    const tally = { acked: 0, rejected: 0, rejectedInARow: 0 }
    let raw = await s.raw()
    for (let i = 0; i < 400; i++) {
      // More than five refusals in a row close the socket (4403): open another one then.
      if (tally.rejectedInARow > 5) {
        expect(await raw.closed).toBe(CloseCode.tooManyRejectedUpdates.code)
        tally.rejectedInARow = 0
        raw = await s.raw()
      }
      const doc = await currentState(raw)
      const update = updateOf(doc, (d) => {
        const choice = randomInt(random, 0, 3)
        const records = d.getArray<{ key: string; val: unknown }>('records')
        const notes = records.toArray().flatMap((entry, index) => (entry.key.startsWith('shape:') ? [index] : []))
        if (choice === 0 && notes.length > 0) records.delete(notes[randomInt(random, 0, notes.length - 1)] ?? 0, 1)
        else if (choice === 1) d.getMap('meta').set('schema', { version: i, note: 'ä'.repeat(randomInt(random, 0, 9)) })
        else records.push([{ key: `shape:flip-${i}`, val: testNote(`shape:flip-${i}`, { text: 'flip me', x: i }) }])
      })
      const flipped = update.slice()
      for (let flips = randomInt(random, 1, 3); flips > 0; flips--) {
        const bit = randomInt(random, 0, flipped.length * 8 - 1)
        flipped[bit >> 3] = (flipped[bit >> 3] ?? 0) ^ (1 << (bit & 7))
      }
      const lastSeqBefore = (await s.server.store.loadBoard(s.boardId)).lastSeq
      const outcome: Outcome = await raw.outcome(raw.sendUpdate(flipped))
      expect(outcome.kind, `seed ${seed}`).not.toBe('closed')
      if (outcome.kind === 'rejected') {
        tally.rejected += 1
        tally.rejectedInARow += 1
        expect((await s.server.store.loadBoard(s.boardId)).lastSeq, `seed ${seed}`).toBe(lastSeqBefore)
      } else {
        tally.acked += 1
        tally.rejectedInARow = 0
      }
    }
    expect(tally.rejected, `seed ${seed}`).toBeGreaterThan(50)
    if (tally.rejectedInARow > 5) {
      expect(await raw.closed).toBe(CloseCode.tooManyRejectedUpdates.code)
      raw = await s.raw()
    }

    // Whatever was accepted left a sound board of valid records whose settings are the server's:
    // stored, served and held in memory alike.
    const stored = await loadStoredDoc(s.server.store, s.boardId)
    expect(stored.store.pendingStructs, `seed ${seed}`).toBeNull()
    expect(stored.store.pendingDs).toBeNull()
    expect([...stored.share.keys()].filter((name) => !boardTopLevelTypes.has(name))).toEqual([])
    const entries = stored.getArray<unknown>('records').toArray()
    const invalid = entries.filter((entry) => {
      const { key, val } = (entry ?? {}) as { key?: unknown; val?: unknown }
      return typeof key !== 'string' || validateBoardRecord(key, val) === null
    })
    expect(invalid, `seed ${seed}`).toEqual([])
    expect(stored.getMap('meta').toJSON(), `seed ${seed}`).toEqual(metaBefore)
    const served = await currentState(raw)
    expect(served.getArray('records').toJSON(), `seed ${seed}`).toEqual(stored.getArray('records').toJSON())
    expect(served.getMap('meta').toJSON(), `seed ${seed}`).toEqual(stored.getMap('meta').toJSON())
    await s.expectUnharmed(await s.stored())
  })

  it('refuses updates with missing dependencies: a clock gap, an unknown origin, an unknown deletion', async () => {
    const s = await scene()
    const before = await s.stored()
    const raw = await s.raw()
    const base = await currentState(raw)

    // A clock gap: the second edit of a client whose first edit the relay never saw.
    const gap = new Y.Doc()
    Y.applyUpdate(gap, Y.encodeStateAsUpdate(base))
    updateOf(gap, (d) => d.getArray('records').push([{ key: 'unsent', val: 1 }]))
    const afterGap = updateOf(gap, (d) => d.getArray('records').push([{ key: 'gap', val: 2 }]))

    // An origin the relay never saw: another client inserts after the unsent item.
    const other = new Y.Doc()
    Y.applyUpdate(other, Y.encodeStateAsUpdate(gap))
    const afterUnknown = updateOf(other, (d) => d.getArray('records').insert(d.getArray('records').length, [{ key: 'o', val: 3 }]))

    // A deletion of an item the relay never saw.
    const deleter = new Y.Doc()
    Y.applyUpdate(deleter, Y.encodeStateAsUpdate(gap))
    const deletion = updateOf(deleter, (d) => d.getArray('records').delete(d.getArray('records').length - 1, 1))

    for (const update of [afterGap, afterUnknown, deletion]) {
      expect(await raw.outcome(raw.sendUpdate(update))).toEqual({ kind: 'rejected', reason: UpdateRejection.missingDependency })
    }
    await s.expectUnharmed(before)
  })

  it('refuses writes to top-level types that are not the board’s', async () => {
    const s = await scene()
    const before = await s.stored()
    const raw = await s.raw()
    // Each from a fresh client, so that nothing else (like a clock gap) is wrong with it.
    const foreign = [
      updateOf(await currentState(raw), (d) => d.getMap('evil').set('x', 1)),
      updateOf(await currentState(raw), (d) => d.getText('notes').insert(0, 'hi')),
      updateOf(await currentState(raw), (d) => d.getArray('records').push([new Y.Doc()])),
    ]
    for (const update of foreign) {
      expect(await raw.outcome(raw.sendUpdate(update))).toEqual({ kind: 'rejected', reason: UpdateRejection.foreignType })
    }
    await s.expectUnharmed(before)
  })

  it('closes a connection with 4403 after more than five refused updates in a row', async () => {
    const s = await scene()
    const before = await s.stored()
    const raw = await s.raw()
    const outcomes: Outcome[] = []
    for (let i = 0; i < 6; i++) {
      const foreign = updateOf(await currentState(raw), (d) => d.getMap(`evil${i}`).set('x', i))
      outcomes.push(await raw.outcome(raw.sendUpdate(foreign)))
    }
    expect(outcomes.slice(0, 5).every((outcome) => outcome.kind === 'rejected')).toBe(true)
    expect(await raw.closed).toBe(CloseCode.tooManyRejectedUpdates.code)
    await s.expectUnharmed(before)
  })

  it('closes with 1009 on a frame over the size limit', async () => {
    const s = await scene({ maxFrameBytes: 64 * 1024 })
    const before = await s.stored()
    const raw = await s.raw()
    raw.send(syncMessage(SyncMessageType.update, new Uint8Array(70 * 1024)))
    expect(await raw.closed).toBe(CloseCode.messageTooBig.code)
    await s.expectUnharmed(before)
  })

  it('refuses an update that would grow the board past the document size limit, and says so', async () => {
    const s = await scene({ maxDocumentBytes: 16 * 1024 })
    const before = await s.stored()
    const raw = await s.raw()
    const doc = await currentState(raw)
    const big = updateOf(doc, (d) => d.getArray('records').push([{ key: 'big', val: 'x'.repeat(20 * 1024) }]))
    expect(await raw.outcome(raw.sendUpdate(big))).toEqual({ kind: 'rejected', reason: UpdateRejection.documentTooLarge })
    expect(raw.closeCode).toBeNull()
    await s.expectUnharmed(before)
  })

  it('refuses sockets from origins not listed with 4404 (its own included), takes listed and Origin-less ones', async () => {
    const s = await scene({ allowedOrigins: ['https://samskap.example.no'] })
    const before = await s.stored()
    // With ALLOWED_ORIGINS set the list is complete: the server's own origin is refused unless listed.
    for (const origin of ['http://evil.example', 'null', 'https://samskap.example.no.evil.example', s.server.url]) {
      const raw = await s.raw({ origin })
      expect(await raw.closed).toBe(CloseCode.originNotAllowed.code)
      expect(raw.received).toEqual([])
    }
    for (const origin of ['https://samskap.example.no', undefined]) {
      const raw = await s.raw(origin === undefined ? {} : { origin })
      await raw.barrier()
      expect(raw.closeCode).toBeNull()
    }
    await s.expectUnharmed(before)
  })

  it('closes with 4400 on invalid board ids and answers 404 to upgrades elsewhere', async () => {
    const s = await scene()
    const before = await s.stored()
    for (const boardId of ['short', 'has%20space-in-it', 'a'.repeat(65), `${s.boardId}/extra`]) {
      const raw = await RawClient.connect(s.server.syncUrl, boardId)
      expect(await raw.closed).toBe(CloseCode.invalidRoom.code)
    }
    const elsewhere = new WebSocket(`${s.server.url.replace('http', 'ws')}/not-sync/${s.boardId}`)
    const status = await new Promise<number>((resolve) => {
      elsewhere.on('unexpected-response', (_request, response) => resolve(response.statusCode ?? 0))
      elsewhere.on('error', () => {})
    })
    expect(status).toBe(404)
    await s.expectUnharmed(before)
  })
})
