// Private boards (rule A17 in server/src/auth/SPEC.md), end to end on a real server on port 0:
// a participant gets their own board on a step and writes on it through a real y-websocket
// client; only they and the facilitators are let onto it; deleting the step takes it (A15).
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { TLRecord } from '@tldraw/tlschema'
import { CloseCode } from '../../shared/src/protocol/closeCodes.ts'
import { BoardContext, PrivateBoardAnswer, PrivateBoardList, WorkshopDetail } from '../../shared/src/schema/workshopApi.ts'
import type { ApiAgent } from '../helpers/auth.ts'
import { createClient, RawClient, type TestClient } from '../helpers/clients.ts'
import { testNote } from '../helpers/testRecords.ts'
import { waitFor } from '../helpers/waitFor.ts'
import { createWorkshop, expectError, expectStatus, joined, type JoinedParticipant } from '../helpers/workshopApi.ts'
import { startWorkshopScene, type WorkshopScene } from '../helpers/workshopScene.ts'

let scene: WorkshopScene
const cleanups: Array<() => unknown> = []
beforeEach(async () => {
  scene = await startWorkshopScene()
})
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.()
  await scene.close()
})

/** An open workshop of one step with two participants, Kari and Ola, and an observer. */
async function privateScene() {
  const { workshopId, steps: [step], participant: kari } = await scene.openWorkshop(
    [{ templateId: 'ideas', plannedMinutes: 15 }],
    { displayName: 'Kari Nordmann', affiliation: 'citizen' },
  )
  const { links } = WorkshopDetail.parse(expectStatus(await scene.facilitator.agent.get(`/api/workshops/${workshopId}`), 200))
  if (links === null) throw new Error('A facilitator sees the links.')
  const olaJoined = await joined(scene.server.url, links.participantUrl, { displayName: 'Ola Nordmann', affiliation: 'business' })
  const ola: JoinedParticipant = { ...olaJoined, displayName: 'Ola Nordmann', userId: olaJoined.session.guest?.participantId ?? '' }
  const { agent: observer } = await joined(scene.server.url, links.observerUrl)
  return { workshopId, step, kari, ola, observer }
}

async function privateBoardOf(agent: ApiAgent, stepId: string): Promise<string> {
  return PrivateBoardAnswer.parse(expectStatus(await agent.post(`/api/steps/${stepId}/private-board`), 200)).boardId
}

/** A board socket as `agent`'s browser; resolves with the code the server closed it with. */
async function refusal(agent: ApiAgent, boardId: string): Promise<number> {
  const raw = await RawClient.connect(scene.server.syncUrl, boardId, { headers: { cookie: agent.cookieHeader() } })
  cleanups.push(() => raw.close())
  return raw.closed
}

/** A board socket as `agent`'s browser, let in (its sync answered). */
async function admitted(agent: ApiAgent, boardId: string): Promise<RawClient> {
  const raw = await RawClient.connect(scene.server.syncUrl, boardId, { headers: { cookie: agent.cookieHeader() } })
  cleanups.push(() => raw.close())
  await raw.barrier()
  return raw
}

function track(client: TestClient): TestClient {
  cleanups.push(() => client.destroy())
  return client
}

function notesOf(client: TestClient): string[] {
  return [...client.doc.getArray<{ key: string; val: TLRecord }>('records').toArray()]
    .filter(({ val }) => val.typeName === 'shape' && val.type === 'note')
    .map(({ key }) => key)
}

describe('private boards', () => {
  it('[A17] a participant gets one private board on a step and writes on it; a facilitator opens it and sees the notes, and finds it listed', async () => {
    const { step, kari, ola } = await privateScene()
    const kariBoard = await privateBoardOf(kari.agent, step.id)
    expect(kariBoard).not.toBe(step.boardId)
    expect(await privateBoardOf(kari.agent, step.id)).toBe(kariBoard)
    const olaBoard = await privateBoardOf(ola.agent, step.id)
    expect(olaBoard).not.toBe(kariBoard)

    const kariClient = await scene.openBoard(kariBoard, kari)
    kariClient.setRecord('shape:torget', testNote('shape:torget', { text: 'Torgdag hver lørdag', createdBy: kari.userId }))
    await kariClient.waitForSaved()

    const facilitatorView = track(createClient(scene.server.syncUrl, kariBoard, { headers: { cookie: scene.facilitator.agent.cookieHeader() } }))
    await waitFor(() => notesOf(facilitatorView).includes('shape:torget'), { message: 'the facilitator sees Kari’s note' })

    const list = PrivateBoardList.parse(expectStatus(await scene.facilitator.agent.get(`/api/steps/${step.id}/private-boards`), 200))
    expect(list.boards).toEqual([
      { personId: kari.userId, boardId: kariBoard },
      { personId: ola.userId, boardId: olaBoard },
    ])
    // The board page's context: the step, and whose private board it is.
    for (const agent of [kari.agent, scene.facilitator.agent]) {
      const context = BoardContext.parse(expectStatus(await agent.get(`/api/boards/${kariBoard}/context`), 200))
      expect(context).toMatchObject({ step: { id: step.id }, privateTo: kari.userId })
    }
    expect(BoardContext.parse(expectStatus(await kari.agent.get(`/api/boards/${step.boardId}/context`), 200)).privateTo).toBeUndefined()
  })

  it('[A17] refuses another participant’s and an observer’s socket to a private board (4415), and their board context and history', async () => {
    const { step, kari, ola, observer } = await privateScene()
    const kariBoard = await privateBoardOf(kari.agent, step.id)
    await admitted(kari.agent, kariBoard)
    for (const agent of [ola.agent, observer]) {
      expect(await refusal(agent, kariBoard)).toBe(CloseCode.notYourBoard.code)
      expectError(await agent.get(`/api/boards/${kariBoard}/context`), 403, 'not_your_board')
      expectError(await agent.get(`/api/boards/${kariBoard}/history`), 403, 'not_your_board')
      expectError(await agent.post(`/api/boards/${kariBoard}/assets`, { not: 'an image' }), 403, 'board_not_writable')
    }
    // Kari may still open it, and read its history; everyone may open the step's own board.
    expectStatus(await kari.agent.get(`/api/boards/${kariBoard}/history`), 200)
    for (const agent of [ola.agent, observer]) await admitted(agent, step.boardId)
  })

  it('[A17] gives private boards to the workshop’s participants only, and lists them to facilitators only', async () => {
    const { step, kari, observer } = await privateScene()
    expectError(await observer.post(`/api/steps/${step.id}/private-board`), 403, 'participants_only')
    expectError(await scene.facilitator.agent.post(`/api/steps/${step.id}/private-board`), 403, 'participants_only')
    expectError(await kari.agent.post(`/api/steps/${step.id}/private-board`, undefined, { csrf: false }), 403, 'csrf_token_invalid')
    for (const agent of [kari.agent, observer]) {
      expectError(await agent.get(`/api/steps/${step.id}/private-boards`), 403, 'facilitators_only')
    }
    // A guest of another workshop gets nothing on this one's steps.
    const other = await createWorkshop(scene.facilitator.agent, scene.challengeId, 'Kirkenær stasjon')
    const otherStep = expectStatus(
      await scene.facilitator.agent.post(`/api/workshops/${other.workshop.id}/steps`, { templateId: 'ideas', plannedMinutes: 10 }),
      201,
    ) as { id: string }
    expectError(await kari.agent.post(`/api/steps/${otherStep.id}/private-board`), 403, 'wrong_workshop')
    expectError(await kari.agent.post('/api/steps/no-such-step-id/private-board'), 404, 'step_not_found')
    expectError(await scene.facilitator.agent.get('/api/steps/no-such-step-id/private-boards'), 404, 'step_not_found')
    expect(PrivateBoardList.parse(expectStatus(await scene.facilitator.agent.get(`/api/steps/${step.id}/private-boards`), 200))).toEqual({ boards: [] })
  })

  it('[A15] [A17] deleting the step closes its private boards’ sockets (4411) and removes their rows', async () => {
    const { step, kari } = await privateScene()
    const kariBoard = await privateBoardOf(kari.agent, step.id)
    const kariClient = await scene.openBoard(kariBoard, kari)
    kariClient.setRecord('shape:stasjonen', testNote('shape:stasjonen', { text: 'Kafé på stasjonen', createdBy: kari.userId }))
    await kariClient.waitForSaved()
    const kariSocket = await admitted(kari.agent, kariBoard)
    const facilitatorSocket = await admitted(scene.facilitator.agent, kariBoard)

    expectStatus(await scene.facilitator.agent.delete(`/api/steps/${step.id}`), 204)
    expect(await kariSocket.closed).toBe(CloseCode.boardDeleted.code)
    expect(await facilitatorSocket.closed).toBe(CloseCode.boardDeleted.code)
    await waitFor(() => kariClient.closeCodes.includes(CloseCode.boardDeleted.code), { message: 'Kari’s client closed with 4411' })
    expect(await scene.server.domain.privateBoardOwner(kariBoard)).toBeNull()
    expect(await scene.server.store.loadBoard(kariBoard)).toMatchObject({ snapshot: null, updates: [], lastSeq: 0, logCount: 0 })
    expect(await scene.server.store.listHistory(kariBoard, {})).toEqual([])
  })

  it('[A15] [A17] deleting the workshop closes its private boards’ sockets (4411) and removes them', async () => {
    const { workshopId, step, kari } = await privateScene()
    const kariBoard = await privateBoardOf(kari.agent, step.id)
    const kariSocket = await admitted(kari.agent, kariBoard)
    expectStatus(await scene.facilitator.agent.delete(`/api/workshops/${workshopId}`), 204)
    expect(await kariSocket.closed).toBe(CloseCode.boardDeleted.code)
    expect(await scene.server.domain.privateBoardOwner(kariBoard)).toBeNull()
    expect(await scene.server.store.loadBoard(kariBoard)).toMatchObject({ lastSeq: 0, logCount: 0 })
  })
})
