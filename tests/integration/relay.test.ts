import { afterEach, describe, expect, it } from 'vitest'
import type * as Y from 'yjs'
import { newBoardId } from '../../shared/src/protocol/boardId.ts'
import { awarenessMessage, createClient, frameKind, RawClient, saveAckOf, type TestClient } from '../helpers/clients.ts'
import { loadStoredDoc, startTestServer, type TestServer } from '../helpers/server.ts'
import { FailingAppends, LoadGate } from '../helpers/storeDecorators.ts'
import { waitFor } from '../helpers/waitFor.ts'
import { MessageType, SyncMessageType } from '../../shared/src/protocol/messages.ts'
import { newBoardRecordIds, noteEntry, noteText } from '../helpers/testRecords.ts'

// Relay behaviour with real y-websocket providers against a real server on port 0.

const cleanups: Array<() => unknown> = []
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.()
})

async function server(options: Parameters<typeof startTestServer>[0] = {}): Promise<TestServer> {
  const started = await startTestServer(options)
  cleanups.push(() => started.close())
  return started
}

function client(testServer: TestServer, boardId: string, doc?: Y.Doc): TestClient {
  const created = createClient(testServer.syncUrl, boardId, { doc })
  cleanups.push(() => created.destroy())
  return created
}

/** The notes a client has, by key, as their text (the server's own document and page left out). */
function notesOf(testClient: TestClient): Record<string, string> {
  return Object.fromEntries(
    [...testClient.records.map.entries()].filter(([key]) => !newBoardRecordIds.includes(key)).map(([key, entry]) => [key, noteText(entry.val)]),
  )
}

/** Records a client has besides the server's own document and page. */
function noteCount(testClient: TestClient): number {
  return Object.keys(notesOf(testClient)).length
}

describe('relay', () => {
  it('makes two clients converge, each edit stored and acknowledged', async () => {
    const relay = await server()
    const boardId = newBoardId()
    const a = client(relay, boardId)
    const b = client(relay, boardId)
    await Promise.all([a.waitForSaved(), b.waitForSaved()])

    a.setRecord(...noteEntry('shape:a', { text: 'x1' }))
    b.setRecord(...noteEntry('shape:b', { text: 'x2' }))
    await waitFor(() => noteCount(a) === 2 && noteCount(b) === 2)
    await Promise.all([a.waitForSaved(), b.waitForSaved()])
    expect(notesOf(a)).toEqual({ 'shape:a': 'x1', 'shape:b': 'x2' })
    expect(notesOf(b)).toEqual(notesOf(a))

    const stored = await loadStoredDoc(relay.store, boardId)
    expect(stored.getArray('records').toJSON()).toEqual(a.doc.getArray('records').toJSON())
    // The server wrote the board's schema when it first loaded; nobody else writes it.
    expect(Object.keys(stored.getMap('meta').toJSON())).toEqual(['schema'])
  })

  it('merges edits made offline when the client reconnects', async () => {
    const relay = await server()
    const boardId = newBoardId()
    const a = client(relay, boardId)
    const b = client(relay, boardId)
    await Promise.all([a.waitForSaved(), b.waitForSaved()])

    a.provider.disconnect()
    a.setRecord(...noteEntry('shape:offline', { text: 'a' }))
    b.setRecord(...noteEntry('shape:online', { text: 'b' }))
    await b.waitForSaved()
    expect(a.isSaved()).toBe(false)

    a.provider.connect()
    await a.waitForSaved()
    await waitFor(() => noteCount(b) === 2, { message: 'b sees the offline edit' })
    expect(notesOf(a)).toEqual(notesOf(b))
    const stored = await loadStoredDoc(relay.store, boardId)
    expect(stored.getArray('records').length).toBe(newBoardRecordIds.length + 2)
  })

  it('gives a joiner during a slow load the full document, from one shared load', async () => {
    const gate = new LoadGate()
    const relay = await server({ wrapStore: (store) => gate.wrap(store), config: { roomIdleUnloadMs: 50 } })
    const boardId = newBoardId()
    const writer = client(relay, boardId)
    await writer.waitForSaved()
    for (let i = 0; i < 20; i++) writer.setRecord(...noteEntry(`shape:${i}`, { text: String(i) }))
    await writer.waitForSaved()
    writer.destroy()
    await waitFor(() => !relay.running.rooms.isLoaded(boardId), { message: 'room unloaded' })

    gate.close()
    const loadsBefore = gate.loads
    const first = client(relay, boardId)
    await waitFor(() => gate.waiting === 1, { message: 'the load to start' })
    const second = client(relay, boardId)
    await waitFor(() => first.provider.wsconnected && second.provider.wsconnected, { message: 'both sockets open' })
    const sizesWhenSynced: number[] = []
    for (const joiner of [first, second]) {
      joiner.provider.on('sync', (synced: boolean) => {
        if (synced) sizesWhenSynced.push(joiner.records.map.size)
      })
    }
    expect(first.provider.synced || second.provider.synced).toBe(false)
    gate.open()

    await Promise.all([first.waitForSaved(), second.waitForSaved()])
    expect(sizesWhenSynced).toEqual([20 + newBoardRecordIds.length, 20 + newBoardRecordIds.length])
    expect(gate.loads - loadsBefore).toBe(1)
  })

  it('relays an awareness change to every other client exactly once, never back to its sender', async () => {
    const relay = await server()
    const boardId = newBoardId()
    const clients = [client(relay, boardId), client(relay, boardId), client(relay, boardId)]
    await Promise.all(clients.map((c) => c.waitForSaved()))
    const [a, b, c] = clients as [TestClient, TestClient, TestClient]
    // A fresh provider's empty presence has clock 0, which no awareness applies; real clients set a
    // name first. Let every presence settle before counting.
    clients.forEach((observer, index) => observer.provider.awareness.setLocalStateField('user', { name: `p${index}` }))
    for (const observer of clients) {
      await waitFor(() => observer.provider.awareness.getStates().size === 3, { message: 'all presences known' })
    }
    const before = clients.map((observer) => observer.received.length)

    a.provider.awareness.setLocalStateField('cursor', { x: 10, y: 20 })
    const hasCursor = (observer: TestClient) =>
      (observer.provider.awareness.getStates().get(a.doc.clientID) as { cursor?: unknown } | undefined)?.cursor
    await waitFor(() => hasCursor(b) && hasCursor(c), { message: 'the cursor to reach b and c' })

    // Barrier: b and c each store an edit. Their providers echoed a's change before sending it, and
    // the relay handles a socket's frames in order, so any relayed echo would reach the others first.
    b.setRecord(...noteEntry('shape:barrier-b'))
    c.setRecord(...noteEntry('shape:barrier-c'))
    await Promise.all(clients.map((observer) => waitFor(() => noteCount(observer) === 2)))
    await Promise.all([b.waitForSaved(), c.waitForSaved()])

    const awarenessFrames = clients.map((observer, index) =>
      observer.received.slice(before[index]).filter((frame) => frameKind(frame)?.type === MessageType.awareness && frame.length > 3),
    )
    expect(awarenessFrames.map((frames) => frames.length)).toEqual([0, 1, 1])
  })

  it('drops an awareness message that carries nothing newer, and removes a leaving client’s presence', async () => {
    const relay = await server()
    const boardId = newBoardId()
    const observer = client(relay, boardId)
    await observer.waitForSaved()
    const sender = await RawClient.connect(relay.syncUrl, boardId)
    cleanups.push(() => sender.close())
    await sender.barrier()

    const presence = awarenessMessage(4242, 1, { name: 'x' })
    const before = observer.received.length
    sender.send(presence)
    sender.send(presence)
    sender.send(awarenessMessage(4242, 1, { name: 'x' }))
    await waitFor(() => observer.provider.awareness.getStates().has(4242), { message: 'the presence to arrive' })
    await sender.barrier()
    sender.send(awarenessMessage(4242, 2, { name: 'y' }))
    await waitFor(() => (observer.provider.awareness.getStates().get(4242) as { name?: string } | undefined)?.name === 'y')
    const relayed = observer.received.slice(before).filter((frame) => frameKind(frame)?.type === MessageType.awareness)
    expect(relayed).toHaveLength(2)
    expect(sender.received.filter((frame) => frameKind(frame)?.type === MessageType.awareness && frame.length > 3)).toHaveLength(0)

    sender.close()
    await waitFor(() => !observer.provider.awareness.getStates().has(4242), { message: 'the presence to be removed' })
  })

  it('sends its sync step 1 before its step 2, and encodes the full state once while nothing changes', async () => {
    const relay = await server()
    const boardId = newBoardId()
    const writer = client(relay, boardId)
    await writer.waitForSaved()
    for (let i = 0; i < 50; i++) writer.setRecord(...noteEntry(`shape:${i}`, { text: String(i) }))
    await writer.waitForSaved()

    const encodingsBefore = relay.running.rooms.stats(boardId)?.fullStateEncodings ?? -1
    for (let join = 0; join < 3; join++) {
      const raw = await RawClient.connect(relay.syncUrl, boardId)
      const step2 = await raw.barrier()
      const kinds = raw.received.map((frame) => frameKind(frame))
      const step1Index = kinds.findIndex((kind) => kind?.type === MessageType.sync && kind.syncType === SyncMessageType.step1)
      expect(step1Index).toBeGreaterThanOrEqual(0)
      expect(step1Index).toBeLessThan(raw.received.indexOf(step2))
      raw.close()
    }
    expect(relay.running.rooms.stats(boardId)?.fullStateEncodings).toBe(encodingsBefore + 1)
  })

  it('acknowledges an update the relay already has only once that content is stored', async () => {
    const storage = new FailingAppends()
    const relay = await server({ wrapStore: (store) => storage.wrap(store), timings: { retryBaseMs: 10, retryMaxMs: 20 } })
    const boardId = newBoardId()
    const writer = client(relay, boardId)
    await writer.waitForSaved()
    writer.provider.awareness.setLocalStateField('user', { name: 'writer' })
    const repeater = await RawClient.connect(relay.syncUrl, boardId)
    cleanups.push(() => repeater.close())
    await repeater.barrier()

    storage.failing = true
    let update: Uint8Array | null = null
    writer.doc.once('update', (bytes: Uint8Array) => {
      update = bytes
    })
    writer.setRecord(...noteEntry('shape:repeated', { text: 'both' }))
    await waitFor(() => storage.failures >= 2, { message: 'the commit to fail' })
    const seq = repeater.sendUpdate(update as unknown as Uint8Array)
    // The relay handles a socket's frames in order, so once this is answered the update was handled.
    await repeater.presenceBarrier()
    expect(repeater.received.some((frame) => saveAckOf(frame) >= seq)).toBe(false)
    expect(writer.isSaved()).toBe(false)

    storage.failing = false
    expect(await repeater.outcome(seq)).toEqual({ kind: 'acked' })
    await writer.waitForSaved()
    expect((await loadStoredDoc(relay.store, boardId)).getArray('records').length).toBe(newBoardRecordIds.length + 1)
  })

  it('keeps quiet connections alive with empty awareness messages', async () => {
    const relay = await server({ timings: { keepAliveIdleMs: 100 } })
    const boardId = newBoardId()
    const raw = await RawClient.connect(relay.syncUrl, boardId)
    cleanups.push(() => raw.close())
    await raw.barrier()
    await waitFor(() => raw.received.some((frame) => frame.length === 3 && frame[0] === 1 && frame[1] === 1 && frame[2] === 0), {
      message: 'a keep-alive frame',
    })
  })
})

