// Deleting a step or a workshop deletes its boards for good: nothing the
// relay still holds for them (an update being committed, a loaded room, a
// load under way) writes them back, and a board id opened again afterwards is
// a new board outside any workshop (a facilitator may open it, as any scratch
// board; SCRATCH_BOARDS decides for others), with nothing of the old one.
import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { CloseCode } from '../../shared/src/protocol/closeCodes.ts'
import type { BoardStore } from '../../server/src/store/BoardStore.ts'
import { setUpFirstFacilitator, type ApiAgent } from '../helpers/auth.ts'
import { RawClient, updateOfSyncFrame } from '../helpers/clients.ts'
import { startTestServer, type TestServer, type TestServerOptions } from '../helpers/server.ts'
import { AppendGate, LoadGate } from '../helpers/storeDecorators.ts'
import { newBoardRecordIds, testNote } from '../helpers/testRecords.ts'
import { waitFor } from '../helpers/waitFor.ts'
import { addStep, createWorkshop, expectStatus, grueChallengeId } from '../helpers/workshopApi.ts'

const cleanups: Array<() => unknown> = []
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.()
})

/** A server, its signed-in facilitator and a planned workshop with one step. */
async function scene(options: TestServerOptions = {}) {
  const server = await startTestServer(options)
  cleanups.push(() => server.close())
  const { agent } = await setUpFirstFacilitator(server)
  const { workshop } = await createWorkshop(agent, await grueChallengeId(agent))
  const step = await addStep(agent, workshop.id, { templateId: 'ideas', plannedMinutes: 10 })
  return { server, agent, workshop, step }
}

async function connect(server: TestServer, agent: ApiAgent, boardId: string): Promise<RawClient> {
  const client = await RawClient.connect(server.syncUrl, boardId, { headers: { cookie: agent.cookieHeader() } })
  cleanups.push(() => client.close())
  return client
}

/** The board's records as the relay serves them to a joiner. */
async function servedRecords(server: TestServer, agent: ApiAgent, boardId: string): Promise<number> {
  const client = await connect(server, agent, boardId)
  const doc = new Y.Doc()
  Y.applyUpdate(doc, updateOfSyncFrame(await client.barrier()))
  client.close()
  return doc.getArray('records').length
}

/** What the store holds of a board: lastSeq 0 means it has no board row. */
async function stored(store: BoardStore, boardId: string) {
  const board = await store.loadBoard(boardId)
  const snapshots = await store.listSnapshots(boardId)
  return { lastSeq: board.lastSeq, updates: board.updates.length, snapshot: board.snapshot !== null, snapshots: snapshots.length }
}

const nothingStored = { lastSeq: 0, updates: 0, snapshot: false, snapshots: 0 }

/** What the store holds of a new free board: the first page and schema the server writes when it first loads. */
const newBoardStored = { lastSeq: 1, updates: 1, snapshot: false, snapshots: 0 }

function recordUpdate(doc: Y.Doc, key: string): Uint8Array {
  const before = Y.encodeStateVector(doc)
  doc.getArray('records').push([{ key, val: testNote(key) }])
  return Y.encodeStateAsUpdate(doc, before)
}

describe('deleting boards', () => {
  it('[A15] leaves nothing in the store of an edit still being committed, nor of one queued behind it', async () => {
    const appends = new AppendGate()
    // Compaction after every commit: a room left in memory would write a snapshot at once.
    const { server, agent, step } = await scene({
      wrapStore: (store) => appends.wrap(store),
      config: { compactAfterUpdates: 1 },
    })
    const editor = await connect(server, agent, step.boardId)
    await editor.barrier()
    appends.close()
    const doc = new Y.Doc()
    editor.sendUpdate(recordUpdate(doc, 'shape:in-flight'))
    await waitFor(() => appends.waiting === 1, { message: 'the first edit being committed' })
    editor.sendUpdate(recordUpdate(doc, 'shape:queued'))
    await waitFor(() => server.running.rooms.stats(step.boardId)?.uncommitted === 2, { message: 'the second edit queued' })

    const deletion = agent.delete(`/api/steps/${step.id}`)
    await waitFor(() => editor.closeCode === CloseCode.boardDeleted.code, { message: 'the editor closed with 4411' })
    await waitFor(() => !server.running.rooms.isLoaded(step.boardId), { message: 'the room dropped' })
    appends.open()
    expectStatus(await deletion, 204)

    expect(server.running.rooms.isLoaded(step.boardId)).toBe(false)
    expect(await stored(server.store, step.boardId)).toEqual(nothingStored)
  })

  it('[A15] serves a new, empty board to a facilitator who opens a deleted board again at once, with nothing of the old', async () => {
    const { server, agent, workshop, step } = await scene()
    const second = await addStep(agent, workshop.id, { templateId: 'prioritising', plannedMinutes: 10 })
    const open = await connect(server, agent, step.boardId)
    await open.barrier()
    expect(await servedRecords(server, agent, second.boardId)).toBeGreaterThan(0)
    // Both rooms are in memory: one with a socket, one idle (it would stay for ROOM_IDLE_UNLOAD_MS, 30 s).
    expect([step.boardId, second.boardId].map((id) => server.running.rooms.isLoaded(id))).toEqual([true, true])

    expectStatus(await agent.delete(`/api/workshops/${workshop.id}`), 204)
    expect(open.closeCode ?? (await open.closed)).toBe(CloseCode.boardDeleted.code)
    expect([step.boardId, second.boardId].map((id) => server.running.rooms.isLoaded(id))).toEqual([false, false])

    for (const boardId of [step.boardId, second.boardId]) {
      expect(await stored(server.store, boardId)).toEqual(nothingStored)
      expect(await servedRecords(server, agent, boardId)).toBe(newBoardRecordIds.length)
      expect(await stored(server.store, boardId)).toEqual(newBoardStored)
    }
  })

  it('[A15] does not put to use a board that was still loading when its step was deleted', async () => {
    // The load has read the board's content before the deletion and comes back after it started.
    const loads = new LoadGate({ afterReading: true })
    const { server, agent, step } = await scene({ wrapStore: (store) => loads.wrap(store) })
    loads.close()
    const joiner = await connect(server, agent, step.boardId)
    await waitFor(() => loads.waiting === 1, { message: 'the board loading' })

    const deletion = agent.delete(`/api/steps/${step.id}`)
    await waitFor(() => joiner.closeCode === CloseCode.boardDeleted.code, { message: 'the joiner closed with 4411' })
    loads.open()
    expectStatus(await deletion, 204)

    expect(server.running.rooms.isLoaded(step.boardId)).toBe(false)
    expect(await stored(server.store, step.boardId)).toEqual(nothingStored)
    expect(await servedRecords(server, agent, step.boardId)).toBe(newBoardRecordIds.length)
  })
})
