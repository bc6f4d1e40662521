import { afterEach, describe, expect, it } from 'vitest'
import { createShapeId, type TLShape } from '@tldraw/tlschema'
import type { IndexKey } from '@tldraw/utils'
import * as Y from 'yjs'
import { openRecordMap, readBoardRecords } from '../../shared/src/board/boardDoc.ts'
import { UpdateRejection } from '../../shared/src/protocol/messages.ts'
import { CloseCode } from '../../shared/src/protocol/closeCodes.ts'
import { createdByMetaKey } from '../../shared/src/board/boardRules.ts'
import { FacilitationSnapshot, type FacilitationActionInput } from '../../shared/src/schema/facilitation.ts'
import { WorkshopDetail } from '../../shared/src/schema/workshopApi.ts'
import { ApiAgent, firstFacilitator, linkToken } from '../helpers/auth.ts'
import { createClient, RawClient, updateOfSyncFrame, type TestClient } from '../helpers/clients.ts'
import { noteShape, openParticipantBoard, templateShapeId } from '../helpers/boardNotes.ts'
import { WorkshopEventStream } from '../helpers/eventStream.ts'
import { createDataDir, removeDataDir, setupLinkOf, spawnServer, type ChildServer } from '../helpers/server.ts'
import { waitFor } from '../helpers/waitFor.ts'
import { expectError, expectStatus, grueChallengeId, joined, openWorkshop, type JoinedParticipant } from '../helpers/workshopApi.ts'

// Private writing (rules W1–W3 in server/src/workshop/SPEC.md): a participant's notes on a
// private step are sent to nobody but them and the facilitators until the reveal, not hidden
// by the other browsers; the reveal puts every one of them on the shared board, across a crash.

const writing = templateShapeId('ideas', 'writing')
const cleanups: Array<() => unknown> = []

afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.()
})

interface PrivateRoom {
  server: ChildServer
  facilitator: ApiAgent
  workshopId: string
  stepId: string
  boardId: string
  kari: JoinedParticipant
  ola: JoinedParticipant
  observer: ApiAgent
}

async function privateRoom(dataDir: string): Promise<PrivateRoom> {
  const server = await spawnServer(dataDir)
  cleanups.push(() => server.kill('SIGTERM'))
  const facilitator = new ApiAgent(server.url)
  expectStatus(await facilitator.post('/api/setup', { token: linkToken(setupLinkOf(server)), ...firstFacilitator }), 201)
  const { workshopId, steps: [step], participant: kari } = await openWorkshop(facilitator, {
    baseUrl: server.url,
    challengeId: await grueChallengeId(facilitator),
    steps: [{ templateId: 'ideas', plannedMinutes: 15 }],
    participant: { displayName: 'Kari Nordmann', affiliation: 'citizen' },
  })
  const links = WorkshopDetail.parse(expectStatus(await facilitator.get(`/api/workshops/${workshopId}`), 200)).links
  const olaJoined = await joined(server.url, links?.participantUrl ?? '', { displayName: 'Ola Nordmann', affiliation: 'business' })
  const ola = { ...olaJoined, displayName: 'Ola Nordmann', userId: olaJoined.session.guest?.participantId ?? '' }
  const { agent: observer } = await joined(server.url, links?.observerUrl ?? '')
  return { server, facilitator, workshopId, stepId: step.id, boardId: step.boardId, kari, ola, observer }
}

function act(agent: ApiAgent, room: PrivateRoom, action: FacilitationActionInput) {
  return agent.post(`/api/workshops/${room.workshopId}/facilitation`, action)
}

async function privateBoardOf(room: PrivateRoom, participant: JoinedParticipant): Promise<string> {
  const { boardId } = expectStatus(await participant.agent.post(`/api/steps/${room.stepId}/private-board`), 200) as { boardId: string }
  return boardId
}

function track<T extends { destroy(): void } | { close(): void }>(client: T): T {
  cleanups.push(() => ('destroy' in client ? client.destroy() : client.close()))
  return client
}

/** Everything a hostile participant can listen to: the shared board's socket and the workshop's event stream. */
async function listenAsHostile(room: PrivateRoom, hostile: JoinedParticipant) {
  const socket = track(await RawClient.connect(room.server.syncUrl, room.boardId, { headers: { cookie: hostile.agent.cookieHeader() } }))
  await socket.barrier()
  const stream = track(await WorkshopEventStream.open(hostile.agent, room.workshopId))
  const heard = (): string =>
    [...socket.received.map((frame) => Buffer.from(frame).toString('latin1')), ...stream.events.map(({ data }) => data)].join('\n')
  return { socket, stream, heard }
}

function notesOf(client: TestClient, author: string): TLShape[] {
  return [...readBoardRecords(client.doc).values()].filter(
    (record): record is TLShape => record.typeName === 'shape' && record.type === 'note' && record.meta[createdByMetaKey] === author,
  )
}

describe('private writing', () => {
  it('[W1] sends a participant’s private notes to nobody else before the reveal, and all of them to everyone after, across a kill -9', async () => {
    const dataDir = createDataDir()
    cleanups.push(() => removeDataDir(dataDir))
    let room = await privateRoom(dataDir)
    expectStatus(await act(room.facilitator, room, { type: 'startPrivate', stepId: room.stepId, frameId: writing }), 200)

    const hostile = await listenAsHostile(room, room.ola)
    const kariPrivate = await privateBoardOf(room, room.kari)
    // Neither another participant nor an observer may open Kari's private board.
    for (const agent of [room.ola.agent, room.observer]) {
      const intruder = track(await RawClient.connect(room.server.syncUrl, kariPrivate, { headers: { cookie: agent.cookieHeader() } }))
      expect(await intruder.closed).toBe(CloseCode.notYourBoard.code)
    }
    const kari = track(await openParticipantBoard(room.server.syncUrl, kariPrivate, room.kari))
    const texts = ['Hemmelig idé om torget', 'Hemmelig idé om stasjonen', 'Hemmelig idé om skolen']
    // Written in the shared board's frame, as the browser does: the frame is the shared board's.
    texts.forEach((text, index) => {
      const note = noteShape({ id: createShapeId(`private-${index}`), parentId: writing as TLShape['parentId'], index: `a${index + 1}` as IndexKey, x: 40 + index * 220, y: 160, text, author: room.kari.userId })
      kari.setRecord(note.id, note)
    })
    await kari.waitForSaved()
    // The facilitator sees them: their board socket to Kari's private board is let in.
    const facilitatorView = track(createClient(room.server.syncUrl, kariPrivate, { headers: { cookie: room.facilitator.cookieHeader() } }))
    await waitFor(() => notesOf(facilitatorView, room.kari.userId).length === texts.length, { message: 'the facilitator sees Kari’s private notes' })

    // The server dies before the reveal; what Kari's browser was told is stored, is stored.
    await room.server.kill('SIGKILL')
    const restarted = await spawnServer(dataDir)
    cleanups.push(() => restarted.kill('SIGTERM'))
    room = { ...room, server: restarted, facilitator: room.facilitator.at(restarted.url) }
    const ola = { ...room.ola, agent: room.ola.agent.at(restarted.url) }
    const hostileAgain = await listenAsHostile(room, ola)
    expect(hostile.heard() + hostileAgain.heard()).not.toMatch(/Hemmelig/)

    const revealed = FacilitationSnapshot.parse(expectStatus(await act(room.facilitator, room, { type: 'revealPrivate', arrangement: 'byPerson' }), 200))
    expect(revealed.state.privateWriting).toBeNull()
    const olaBoard = track(await openParticipantBoard(restarted.syncUrl, room.boardId, ola))
    await waitFor(() => notesOf(olaBoard, room.kari.userId).length === texts.length, { message: 'Kari’s notes on the shared board' })
    const onShared = notesOf(olaBoard, room.kari.userId)
    expect(onShared.map((note) => note.parentId)).toEqual(texts.map(() => writing))
    await waitFor(() => hostileAgain.heard().includes('Hemmelig'), { message: 'the hostile listener receives them after the reveal' })
    // Off Kari's private board, so a second reveal would find nothing to move.
    const kariAgain = track(createClient(restarted.syncUrl, kariPrivate, { headers: { cookie: room.kari.agent.cookieHeader() } }))
    await kariAgain.waitForSynced()
    expect(notesOf(kariAgain, room.kari.userId)).toHaveLength(0)
  })

  it('[W2] refuses private writing and its reveal to participants and observers, and a reveal without private writing', async () => {
    const dataDir = createDataDir()
    cleanups.push(() => removeDataDir(dataDir))
    const room = await privateRoom(dataDir)
    for (const agent of [room.kari.agent, room.observer]) {
      expectError(await act(agent, room, { type: 'startPrivate', stepId: room.stepId }), 403, 'facilitation_forbidden')
      expectError(await act(agent, room, { type: 'revealPrivate', arrangement: 'shuffled' }), 403, 'facilitation_forbidden')
    }
    expectError(await act(room.facilitator, room, { type: 'revealPrivate', arrangement: 'shuffled' }), 409, 'facilitation_private_state')
    expectError(await room.observer.post(`/api/steps/${room.stepId}/private-board`), 403, 'participants_only')
  })

  it('[W4] refuses a participant’s new note on the shared board in the private frame, wherever their browser thinks it is', async () => {
    const dataDir = createDataDir()
    cleanups.push(() => removeDataDir(dataDir))
    const room = await privateRoom(dataDir)
    expectStatus(await act(room.facilitator, room, { type: 'startPrivate', stepId: room.stepId, frameId: writing }), 200)
    // Ola's browser missed the start (it was offline) and writes on the shared board as before.
    const ola = track(await RawClient.connect(room.server.syncUrl, room.boardId, { headers: { cookie: room.ola.agent.cookieHeader() } }))
    const newNote = async (key: string, frame: string) => {
      const doc = new Y.Doc()
      Y.applyUpdate(doc, updateOfSyncFrame(await ola.barrier()))
      const before = Y.encodeStateVector(doc)
      const map = openRecordMap(doc)
      const note = noteShape({ id: createShapeId(key), parentId: frame as TLShape['parentId'], index: 'a1' as IndexKey, x: 10, y: 10, text: key, author: room.ola.userId })
      map.records.set(note.id, note)
      map.dispose()
      return ola.outcome(ola.sendUpdate(Y.encodeStateAsUpdate(doc, before)))
    }
    expect(await newNote('in-private-frame', writing)).toEqual({ kind: 'rejected', reason: UpdateRejection.privateWriting })
    expect(await newNote('in-another-frame', templateShapeId('ideas', 'clusters'))).toEqual({ kind: 'acked' })
    expectStatus(await act(room.facilitator, room, { type: 'revealPrivate', arrangement: 'shuffled' }), 200)
    expect(await newNote('after-the-reveal', writing)).toEqual({ kind: 'acked' })
  })
})
