import { afterEach, describe, expect, it } from 'vitest'
import { newBoardId } from '../../shared/src/protocol/boardId.ts'
import { createClient, type TestClient } from '../helpers/clients.ts'
import { loadStoredDoc, startTestServer, type TestServer, type TestServerOptions } from '../helpers/server.ts'
import { FailingAppends } from '../helpers/storeDecorators.ts'
import { newBoardRecordIds, noteEntry } from '../helpers/testRecords.ts'
import { waitFor } from '../helpers/waitFor.ts'

// Rooms leave memory once nobody is in them for the idle time and everything in them is stored.

const cleanups: Array<() => unknown> = []
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.()
})

async function server(options: TestServerOptions): Promise<TestServer> {
  const started = await startTestServer(options)
  cleanups.push(() => started.close())
  return started
}

function client(testServer: TestServer, boardId: string): TestClient {
  const created = createClient(testServer.syncUrl, boardId)
  cleanups.push(() => created.destroy())
  return created
}

describe('unloading', () => {
  it('drops a room with no connections after the idle time, compacted, and loads it again intact', async () => {
    const relay = await server({ config: { roomIdleUnloadMs: 100 } })
    const boardId = newBoardId()
    const writer = client(relay, boardId)
    await writer.waitForSaved()
    for (let i = 0; i < 30; i++) writer.setRecord(...noteEntry(`shape:${i}`, { text: String(i) }))
    await writer.waitForSaved()
    expect(relay.running.rooms.isLoaded(boardId)).toBe(true)
    writer.destroy()

    await waitFor(() => !relay.running.rooms.isLoaded(boardId), { message: 'the room to unload' })
    expect(relay.running.rooms.loadedBoardIds()).toEqual([])
    const stored = await relay.store.loadBoard(boardId)
    expect(stored.logCount).toBe(0)
    expect(stored.snapshot).not.toBeNull()
    expect(await relay.store.listSnapshots(boardId)).toHaveLength(1)

    const reader = client(relay, boardId)
    await reader.waitForSaved()
    expect(reader.records.map.size).toBe(30 + newBoardRecordIds.length)
    expect(relay.running.rooms.isLoaded(boardId)).toBe(true)
  })

  it('keeps rooms with a connection, and rooms rejoined within the idle time', async () => {
    const relay = await server({ config: { roomIdleUnloadMs: 150 } })
    const [occupied, rejoined, empty] = [newBoardId(), newBoardId(), newBoardId()]
    const stayer = client(relay, occupied)
    const leaver = client(relay, rejoined)
    const visitor = client(relay, empty)
    await Promise.all([stayer.waitForSaved(), leaver.waitForSaved(), visitor.waitForSaved()])

    leaver.provider.disconnect()
    visitor.destroy()
    await waitFor(() => relay.running.rooms.stats(rejoined)?.connections === 0, { message: 'the leaver to be gone' })
    leaver.provider.connect()
    await leaver.waitForSaved()
    // The empty room going shows the idle time has passed for the others too.
    await waitFor(() => !relay.running.rooms.isLoaded(empty), { message: 'the empty room to unload' })
    expect(relay.running.rooms.loadedBoardIds().sort()).toEqual([occupied, rejoined].sort())
  })

  it('keeps a room whose updates cannot be stored, fails /readyz and acks nothing until storage is back', async () => {
    const storage = new FailingAppends()
    const relay = await server({
      config: { roomIdleUnloadMs: 50 },
      wrapStore: (store) => storage.wrap(store),
      timings: { retryBaseMs: 10, retryMaxMs: 40 },
    })
    const [failed, waiting, control] = [newBoardId(), newBoardId(), newBoardId()]
    const leaver = client(relay, failed)
    const stayer = client(relay, waiting)
    // A new board's first page is stored when it first loads: the control board gets it before storage fails.
    const visitor = client(relay, control)
    await Promise.all([leaver.waitForSaved(), stayer.waitForSaved(), visitor.waitForSaved()])

    storage.failing = true
    leaver.setRecord(...noteEntry('shape:pending', { text: 'kept in memory' }))
    stayer.setRecord(...noteEntry('shape:waiting', { text: 'for storage' }))
    await waitFor(() => storage.failures >= 3, { message: 'commits to fail and be retried' })
    expect((await fetch(`${relay.url}/readyz`)).status).toBe(503)
    expect(leaver.isSaved()).toBe(false)
    expect(stayer.isSaved()).toBe(false)
    leaver.destroy()

    visitor.destroy()
    await waitFor(() => !relay.running.rooms.isLoaded(control), { message: 'the control room to unload' })
    expect(relay.running.rooms.isLoaded(failed)).toBe(true)
    expect(relay.running.rooms.stats(failed)?.uncommitted).toBe(1)

    storage.failing = false
    await stayer.waitForSaved()
    await waitFor(() => !relay.running.rooms.isLoaded(failed), { message: 'the recovered room to unload' })
    expect((await fetch(`${relay.url}/readyz`)).status).toBe(200)
    const stored = await loadStoredDoc(relay.store, failed)
    expect(stored.getArray<{ key: string }>('records').toArray().map((entry) => entry.key)).toEqual([...newBoardRecordIds, 'shape:pending'])
  })
})
