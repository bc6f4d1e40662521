import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { FacilitationActionInput } from '../../shared/src/schema/facilitation.ts'
import { WorkshopDetail } from '../../shared/src/schema/workshopApi.ts'
import { ApiAgent } from '../helpers/auth.ts'
import { WorkshopEventStream } from '../helpers/eventStream.ts'
import { createDataDir, removeDataDir, startTestServer } from '../helpers/server.ts'
import { waitFor } from '../helpers/waitFor.ts'
import { expectError, expectStatus, joined, type OpenedWorkshop } from '../helpers/workshopApi.ts'
import { startWorkshopScene, type WorkshopScene } from '../helpers/workshopScene.ts'

// The facilitator leads the room and the server enforces it (rules L1–L9 in
// server/src/workshop/SPEC.md): every action goes through the shared rules on the server, the
// state is stored, and every stream of the workshop gets each change.

const steps = [
  { templateId: 'challenge-framing', plannedMinutes: 15 },
  { templateId: 'ideas', plannedMinutes: 20 },
] as const

type Opened = OpenedWorkshop<typeof steps>

let dataDir: string
let scene: WorkshopScene
let streams: WorkshopEventStream[]

beforeEach(async () => {
  dataDir = createDataDir()
  scene = await startWorkshopScene({ dataDir })
  streams = []
})

afterEach(async () => {
  for (const stream of streams) stream.close()
  await scene.close()
  removeDataDir(dataDir)
})

async function openRoom(): Promise<Opened & { observer: ApiAgent; facilitator: ApiAgent }> {
  const opened = await scene.openWorkshop(steps, { displayName: 'Kari Nordmann', affiliation: 'citizen' })
  const detail = WorkshopDetail.parse(expectStatus(await scene.facilitator.agent.get(`/api/workshops/${opened.workshopId}`), 200))
  const { agent: observer } = await joined(scene.server.url, detail.links?.observerUrl ?? '')
  return { ...opened, observer, facilitator: scene.facilitator.agent }
}

function act(agent: ApiAgent, workshopId: string, action: FacilitationActionInput) {
  return agent.post(`/api/workshops/${workshopId}/facilitation`, action)
}

async function stream(agent: ApiAgent, workshopId: string): Promise<WorkshopEventStream> {
  const opened = await WorkshopEventStream.open(agent, workshopId)
  streams.push(opened)
  return opened
}

describe('leading the room', () => {
  it('[L1] refuses every facilitator action from a participant and an observer, storing nothing', async () => {
    const room = await openRoom()
    const [first, second] = room.steps
    // A timer to pause, stop and extend, and a current step to summon to, so only the role can be the reason.
    expectStatus(await act(room.facilitator, room.workshopId, { type: 'startStep', stepId: first.id, timerMinutes: 10 }), 200)
    const facilitatorOnly: FacilitationActionInput[] = [
      { type: 'startStep', stepId: second.id },
      { type: 'endStep' },
      { type: 'keepOnStep', keep: true },
      { type: 'summon', camera: { x: 0, y: 0, z: 1 } },
      { type: 'present', stepId: first.id },
      { type: 'stopPresenting' },
      { type: 'startTimer', stepId: second.id, minutes: 5 },
      { type: 'pauseTimer', stepId: first.id },
      { type: 'resumeTimer', stepId: first.id },
      { type: 'extendTimer', stepId: first.id, minutes: 5 },
      { type: 'stopTimer', stepId: first.id },
      { type: 'resetReady', stepId: first.id },
      { type: 'lowerHand', participantId: room.participant.userId },
      { type: 'startVote', stepId: first.id, frameId: null, budget: 3, manyPerNote: false, ownNotes: false, endsWithTimer: false },
      { type: 'startPrivate', stepId: first.id },
      { type: 'revealPrivate', arrangement: 'byPerson' },
    ]
    for (const action of facilitatorOnly) {
      for (const hostile of [room.participant.agent, room.observer]) {
        if (action.type === 'lowerHand' && hostile === room.participant.agent) continue // their own hand: allowed (L2)
        expectError(await act(hostile, room.workshopId, action), 403, 'facilitation_forbidden')
      }
    }
    const watcher = await stream(room.facilitator, room.workshopId)
    const snapshot = await watcher.until(() => true)
    expect(snapshot.version).toBe(1)
    expect(snapshot.state.currentStepId).toBe(first.id)
    expect(snapshot.state.timers[first.id]?.endsAt).not.toBeNull()
  })

  it('[L2] lets participants raise and lower only their own hand and say they are done; observers take no part', async () => {
    const room = await openRoom()
    const [first] = room.steps
    const second = await joined(scene.server.url, (await facilitatorLinks(room.workshopId)).participantUrl, {
      displayName: 'Ola Nordmann',
      affiliation: 'business',
    })
    const olaId = second.session.guest?.participantId ?? ''
    expectStatus(await act(room.participant.agent, room.workshopId, { type: 'raiseHand' }), 200)
    expectStatus(await act(second.agent, room.workshopId, { type: 'raiseHand' }), 200)
    // Kari lowering "Ola's" hand lowers only her own: the body's participant is ignored for participants.
    const afterKari = expectStatus(await act(room.participant.agent, room.workshopId, { type: 'lowerHand', participantId: olaId }), 200) as {
      state: { hands: { participantId: string }[] }
    }
    expect(afterKari.state.hands.map((hand) => hand.participantId)).toEqual([olaId])
    expectStatus(await act(room.participant.agent, room.workshopId, { type: 'setReady', stepId: first.id, ready: true }), 200)
    for (const action of [{ type: 'raiseHand' }, { type: 'setReady', stepId: first.id, ready: true }] as const) {
      expectError(await act(room.observer, room.workshopId, action), 403, 'facilitation_forbidden')
    }
    const watcher = await stream(room.observer, room.workshopId)
    const seen = await watcher.until((snapshot) => snapshot.version >= 4)
    expect(seen.state.hands.map((hand) => hand.participantId)).toEqual([olaId])
    expect(seen.state.ready[first.id]).toEqual([room.participant.userId])
  })

  it('[L3] sends every change to every stream of the workshop, in version order, with the server clock', async () => {
    const room = await openRoom()
    const [first, second] = room.steps
    const watchers = await Promise.all([stream(room.facilitator, room.workshopId), stream(room.participant.agent, room.workshopId), stream(room.observer, room.workshopId)])
    for (const watcher of watchers) await watcher.until((snapshot) => snapshot.version === 0, 'the initial state')
    const before = Date.now()
    expectStatus(await act(room.facilitator, room.workshopId, { type: 'startStep', stepId: first.id, timerMinutes: 15 }), 200)
    expectStatus(await act(room.facilitator, room.workshopId, { type: 'summon', camera: null }), 200)
    expectStatus(await act(room.facilitator, room.workshopId, { type: 'startStep', stepId: second.id }), 200)
    for (const watcher of watchers) {
      const last = await watcher.until((snapshot) => snapshot.version === 3)
      expect(watcher.snapshots.map((snapshot) => snapshot.version)).toEqual([0, 1, 2, 3])
      expect(last.state.currentStepId).toBe(second.id)
      expect(last.state.summon).toMatchObject({ id: 1, stepId: first.id })
      expect(last.serverNow).toBeGreaterThanOrEqual(before)
      const timer = last.state.timers[first.id]
      expect(timer?.durationMs).toBe(15 * 60_000)
      expect(timer?.endsAt).toBeGreaterThanOrEqual(before + 15 * 60_000)
      expect(last.state.stepTimes[first.id]?.since).toBeNull()
      expect(last.state.stepTimes[second.id]?.since).not.toBeNull()
    }
  })

  it('[L4] keeps the state across a server restart', async () => {
    const room = await openRoom()
    const [first] = room.steps
    expectStatus(await act(room.facilitator, room.workshopId, { type: 'startStep', stepId: first.id, timerMinutes: 10 }), 200)
    expectStatus(await act(room.facilitator, room.workshopId, { type: 'pauseTimer', stepId: first.id }), 200)
    expectStatus(await act(room.participant.agent, room.workshopId, { type: 'raiseHand' }), 200)
    await scene.server.close()
    const restarted = await startTestServer({ dataDir })
    try {
      // The same browser at the restarted server's new port.
      const watcher = await stream(room.participant.agent.at(restarted.url), room.workshopId)
      const snapshot = await watcher.until(() => true)
      expect(snapshot.version).toBe(3)
      expect(snapshot.state.currentStepId).toBe(first.id)
      expect(snapshot.state.timers[first.id]).toMatchObject({ endsAt: null })
      expect(snapshot.state.timers[first.id]?.remainingMs).toBeGreaterThan(9 * 60_000)
      expect(snapshot.state.hands.map((hand) => hand.participantId)).toEqual([room.participant.userId])
    } finally {
      await restarted.close()
    }
  })

  it('[L5] counts every one of many hands raised at once', async () => {
    const room = await openRoom()
    const links = await facilitatorLinks(room.workshopId)
    const people = await Promise.all(
      Array.from({ length: 12 }, (_, index) => joined(scene.server.url, links.participantUrl, { displayName: `Deltaker ${index + 1}`, affiliation: 'citizen' })),
    )
    const answers = await Promise.all(people.map(({ agent }) => act(agent, room.workshopId, { type: 'raiseHand' })))
    for (const answer of answers) expectStatus(answer, 200)
    const watcher = await stream(room.facilitator, room.workshopId)
    const snapshot = await watcher.until(() => true)
    expect(snapshot.version).toBe(12)
    expect(new Set(snapshot.state.hands.map((hand) => hand.participantId))).toEqual(new Set(people.map(({ session }) => session.guest?.participantId)))
    // The facilitator lowers everyone's at once.
    const lowered = expectStatus(await act(room.facilitator, room.workshopId, { type: 'lowerHand', participantId: null }), 200) as { state: { hands: unknown[] } }
    expect(lowered.state.hands).toEqual([])
  })

  it('[L6] refuses what the room state does not allow, and bad requests, with a clear error', async () => {
    const room = await openRoom()
    const [first] = room.steps
    expectError(await act(room.facilitator, room.workshopId, { type: 'summon', camera: null }), 409, 'facilitation_no_current_step')
    expectError(await act(room.facilitator, room.workshopId, { type: 'pauseTimer', stepId: first.id }), 409, 'facilitation_timer_state')
    expectError(await act(room.facilitator, room.workshopId, { type: 'startStep', stepId: 'not-a-step-of-this-workshop' }), 409, 'facilitation_unknown_step')
    expectStatus(await act(room.facilitator, room.workshopId, { type: 'startTimer', stepId: first.id, minutes: 240 }), 200)
    expectStatus(await act(room.facilitator, room.workshopId, { type: 'extendTimer', stepId: first.id, minutes: 240 }), 200)
    expectError(await act(room.facilitator, room.workshopId, { type: 'extendTimer', stepId: first.id, minutes: 1 }), 409, 'facilitation_timer_too_long')
    expectError(await room.facilitator.post(`/api/workshops/${room.workshopId}/facilitation`, { type: 'startTimer', stepId: first.id, minutes: 0 }), 400, 'invalid_request')
    expectError(await room.facilitator.post(`/api/workshops/${room.workshopId}/facilitation`, { type: 'dance' }), 400, 'invalid_request')
    expectError(await room.facilitator.post(`/api/workshops/${room.workshopId}/facilitation`, { type: 'endStep', extra: 1 }), 400, 'invalid_request')
    expectError(await act(room.facilitator, 'no-such-workshop-id', { type: 'endStep' }), 404, 'workshop_not_found')
    expectError(await room.participant.agent.post(`/api/workshops/${room.workshopId}/facilitation`, { type: 'raiseHand' }, { csrf: false }), 403, 'csrf_token_invalid')
    const anonymous = await WorkshopEventStream.open(new ApiAgent(scene.server.url), room.workshopId)
    expect(anonymous.status).toBe(401)
  })

  it('[L7] a guest of another workshop can neither watch nor act', async () => {
    const room = await openRoom()
    const other = await scene.openWorkshop(steps, { displayName: 'Per', affiliation: 'school' })
    expectError(await act(other.participant.agent, room.workshopId, { type: 'raiseHand' }), 403, 'wrong_workshop')
    const watcher = await stream(other.participant.agent, room.workshopId)
    expect(watcher.status).toBe(403)
  })

  it('[L8] ends a participant’s stream when the facilitator removes them', async () => {
    const room = await openRoom()
    const watcher = await stream(room.participant.agent, room.workshopId)
    const observing = await stream(room.observer, room.workshopId)
    await watcher.until(() => true)
    await observing.until(() => true)
    expectStatus(await room.facilitator.post(`/api/workshops/${room.workshopId}/participants/${room.participant.userId}/removal`, {}), 200)
    await waitFor(() => watcher.ended, { message: 'the removed participant’s stream ended' })
    // Told it is over, so the browser stops asking instead of being refused again and again.
    expect(watcher.events.at(-1)?.event).toBe('end')
    expect(observing.ended).toBe(false)
    expectStatus(await act(room.facilitator, room.workshopId, { type: 'keepOnStep', keep: true }), 200)
    await observing.until((snapshot) => snapshot.state.keepOnStep)
  })

  it('[L9] forgets hands of removed participants and timers of deleted steps at the next change', async () => {
    const room = await openRoom()
    const [first, second] = room.steps
    expectStatus(await act(room.participant.agent, room.workshopId, { type: 'raiseHand' }), 200)
    expectStatus(await act(room.facilitator, room.workshopId, { type: 'startStep', stepId: second.id, timerMinutes: 5 }), 200)
    expectStatus(await room.facilitator.post(`/api/workshops/${room.workshopId}/participants/${room.participant.userId}/removal`, {}), 200)
    expectStatus(await room.facilitator.delete(`/api/steps/${second.id}`), 204)
    const after = expectStatus(await act(room.facilitator, room.workshopId, { type: 'startTimer', stepId: first.id, minutes: 3 }), 200) as {
      state: { hands: unknown[]; currentStepId: string | null; timers: Record<string, unknown> }
    }
    expect(after.state.hands).toEqual([])
    expect(after.state.currentStepId).toBeNull()
    expect(Object.keys(after.state.timers)).toEqual([first.id])
  })
})

async function facilitatorLinks(workshopId: string): Promise<{ participantUrl: string; observerUrl: string }> {
  const detail = WorkshopDetail.parse(expectStatus(await scene.facilitator.agent.get(`/api/workshops/${workshopId}`), 200))
  if (detail.links === null) throw new Error('A facilitator sees the links.')
  return detail.links
}
