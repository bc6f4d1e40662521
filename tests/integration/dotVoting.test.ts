import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { TLRecord } from '@tldraw/tlschema'
import { readBoard } from '../../shared/src/board/readBoard.ts'
import { dotVotesMetaKey } from '../../shared/src/schema/dotVoting.ts'
import { FacilitationSnapshot, type FacilitationActionInput } from '../../shared/src/schema/facilitation.ts'
import { WorkshopDetail } from '../../shared/src/schema/workshopApi.ts'
import type { ApiAgent } from '../helpers/auth.ts'
import { putNote, templateShapeId } from '../helpers/boardNotes.ts'
import { WorkshopEventStream } from '../helpers/eventStream.ts'
import { waitFor } from '../helpers/waitFor.ts'
import { expectError, expectStatus, joined, type JoinedParticipant } from '../helpers/workshopApi.ts'
import { startWorkshopScene, type WorkshopScene } from '../helpers/workshopScene.ts'

// Dot voting, counted by the server (rules V1–V7 in server/src/workshop/SPEC.md): whatever a
// browser sends, a dot over the budget, on a note outside the vote, after the end or from an
// observer is refused, and nobody receives anyone else's dots before or after the reveal.

const writing = templateShapeId('ideas', 'writing')
const clusters = templateShapeId('ideas', 'clusters')

let scene: WorkshopScene
const streams: WorkshopEventStream[] = []
/** The server's clock runs this far ahead of the real one (to make a timer run out). */
let clockAhead = 0

beforeEach(async () => {
  clockAhead = 0
  scene = await startWorkshopScene({ now: () => Date.now() + clockAhead })
})

afterEach(async () => {
  for (const stream of streams.splice(0)) stream.close()
  await scene.close()
})

interface VotingRoom {
  workshopId: string
  stepId: string
  facilitator: ApiAgent
  kari: JoinedParticipant
  ola: JoinedParticipant
  observer: ApiAgent
  /** Kari's two notes in the writing frame, Ola's one there, and Ola's one in the clusters frame. */
  notes: { kari1: string; kari2: string; ola1: string; olaOutside: string }
}

async function votingRoom(): Promise<VotingRoom> {
  const { workshopId, steps: [step], participant: kari } = await scene.openWorkshop([{ templateId: 'ideas', plannedMinutes: 20 }], {
    displayName: 'Kari Nordmann',
    affiliation: 'citizen',
  })
  const detail = WorkshopDetail.parse(expectStatus(await scene.facilitator.agent.get(`/api/workshops/${workshopId}`), 200))
  const links = detail.links ?? { participantUrl: '', observerUrl: '' }
  const olaJoined = await joined(scene.server.url, links.participantUrl, { displayName: 'Ola Nordmann', affiliation: 'business' })
  const ola: JoinedParticipant = { ...olaJoined, displayName: 'Ola Nordmann', userId: olaJoined.session.guest?.participantId ?? '' }
  const { agent: observer } = await joined(scene.server.url, links.observerUrl)
  const kariBoard = await scene.openBoard(step.boardId, kari)
  const olaBoard = await scene.openBoard(step.boardId, ola)
  const notes = {
    kari1: putNote(kariBoard, writing, 'Møteplass for ungdom', kari.userId),
    kari2: putNote(kariBoard, writing, 'Torgdag hver lørdag', kari.userId),
    ola1: putNote(olaBoard, writing, 'Felles kontorfellesskap', ola.userId),
    olaOutside: putNote(olaBoard, clusters, 'Gründerhus', ola.userId),
  }
  await kariBoard.waitForSaved()
  await olaBoard.waitForSaved()
  return { workshopId, stepId: step.id, facilitator: scene.facilitator.agent, kari, ola, observer, notes }
}

function act(agent: ApiAgent, room: VotingRoom, action: FacilitationActionInput) {
  return agent.post(`/api/workshops/${room.workshopId}/facilitation`, action)
}

function startVote(room: VotingRoom, settings: Partial<Extract<FacilitationActionInput, { type: 'startVote' }>> = {}) {
  return act(room.facilitator, room, {
    type: 'startVote',
    stepId: room.stepId,
    frameId: writing,
    budget: 3,
    manyPerNote: false,
    ownNotes: false,
    endsWithTimer: false,
    ...settings,
  })
}

async function stream(agent: ApiAgent, workshopId: string): Promise<WorkshopEventStream> {
  const opened = await WorkshopEventStream.open(agent, workshopId)
  streams.push(opened)
  return opened
}

function ballotsOf(snapshot: FacilitationSnapshot): Record<string, Record<string, number>> {
  return snapshot.state.vote?.ballots ?? {}
}

describe('dot voting', () => {
  it('[V1] spends a budget of dots, one per note unless more are allowed, and gives a dot back on request', async () => {
    const room = await votingRoom()
    const { kari1, kari2 } = room.notes
    expectStatus(await startVote(room, { budget: 2 }), 200)
    expectStatus(await act(room.ola.agent, room, { type: 'castVote', noteId: kari1 }), 200)
    expectError(await act(room.ola.agent, room, { type: 'castVote', noteId: kari1 }), 409, 'facilitation_one_per_note')
    const spent = FacilitationSnapshot.parse(expectStatus(await act(room.ola.agent, room, { type: 'castVote', noteId: kari2 }), 200))
    expect(ballotsOf(spent)).toEqual({ [room.ola.userId]: { [kari1]: 1, [kari2]: 1 } })

    expectStatus(await startVote(room, { budget: 2, manyPerNote: true }), 200)
    expectStatus(await act(room.ola.agent, room, { type: 'castVote', noteId: kari1 }), 200)
    expectStatus(await act(room.ola.agent, room, { type: 'castVote', noteId: kari1 }), 200)
    expectError(await act(room.ola.agent, room, { type: 'castVote', noteId: kari2 }), 409, 'facilitation_no_dots_left')
    expectStatus(await act(room.ola.agent, room, { type: 'uncastVote', noteId: kari1 }), 200)
    const back = FacilitationSnapshot.parse(expectStatus(await act(room.ola.agent, room, { type: 'castVote', noteId: kari2 }), 200))
    expect(ballotsOf(back)).toEqual({ [room.ola.userId]: { [kari1]: 1, [kari2]: 1 } })
    expectError(await act(room.kari.agent, room, { type: 'uncastVote', noteId: kari1 }), 409, 'facilitation_no_dot_here')
  })

  it('[V2] refuses dots on one’s own notes unless the vote allows them', async () => {
    const room = await votingRoom()
    expectStatus(await startVote(room), 200)
    expectError(await act(room.kari.agent, room, { type: 'castVote', noteId: room.notes.kari1 }), 409, 'facilitation_own_note')
    expectStatus(await startVote(room, { ownNotes: true }), 200)
    expectStatus(await act(room.kari.agent, room, { type: 'castVote', noteId: room.notes.kari1 }), 200)
  })

  it('[V3] refuses dots outside the vote’s frame and on what is not a note of the board', async () => {
    const room = await votingRoom()
    expectStatus(await startVote(room), 200)
    expectError(await act(room.kari.agent, room, { type: 'castVote', noteId: room.notes.olaOutside }), 409, 'facilitation_outside_frame')
    expectError(await act(room.kari.agent, room, { type: 'castVote', noteId: writing }), 409, 'facilitation_not_a_note')
    expectError(await act(room.kari.agent, room, { type: 'castVote', noteId: 'shape:made-up' }), 409, 'facilitation_not_a_note')
    expectError(await act(room.kari.agent, room, { type: 'castVote', noteId: 'not a shape' }), 400, 'invalid_request')
    expectStatus(await startVote(room, { frameId: null }), 200)
    expectStatus(await act(room.kari.agent, room, { type: 'castVote', noteId: room.notes.olaOutside }), 200)
  })

  it('[V4] refuses dots after the vote ended, by hand or with its timer, and from observers and facilitators', async () => {
    const room = await votingRoom()
    expectStatus(await startVote(room), 200)
    expectError(await act(room.observer, room, { type: 'castVote', noteId: room.notes.kari1 }), 403, 'facilitation_forbidden')
    expectError(await act(room.facilitator, room, { type: 'castVote', noteId: room.notes.kari1 }), 403, 'facilitation_forbidden')
    for (const hostile of [room.kari.agent, room.observer]) {
      for (const type of ['endVote', 'revealVote', 'keepVote', 'clearVote'] as const) {
        expectError(await act(hostile, room, { type }), 403, 'facilitation_forbidden')
      }
    }
    expectStatus(await act(room.facilitator, room, { type: 'endVote' }), 200)
    expectError(await act(room.ola.agent, room, { type: 'castVote', noteId: room.notes.kari1 }), 409, 'facilitation_vote_closed')

    // A vote that ends with its step's timer takes dots until the timer runs out, and again once extended.
    expectStatus(await startVote(room, { endsWithTimer: true }), 200)
    expectStatus(await act(room.facilitator, room, { type: 'startTimer', stepId: room.stepId, minutes: 1 }), 200)
    expectStatus(await act(room.ola.agent, room, { type: 'castVote', noteId: room.notes.kari1 }), 200)
    clockAhead = 2 * 60_000
    expectError(await act(room.ola.agent, room, { type: 'castVote', noteId: room.notes.kari2 }), 409, 'facilitation_vote_closed')
    expectError(await act(room.ola.agent, room, { type: 'uncastVote', noteId: room.notes.kari1 }), 409, 'facilitation_vote_closed')
    expectStatus(await act(room.facilitator, room, { type: 'extendTimer', stepId: room.stepId, minutes: 5 }), 200)
    expectStatus(await act(room.ola.agent, room, { type: 'castVote', noteId: room.notes.kari2 }), 200)
  })

  it('[V5] counts exactly when many vote at once, and never lets one person past the budget', async () => {
    const room = await votingRoom()
    const links = WorkshopDetail.parse(expectStatus(await room.facilitator.get(`/api/workshops/${room.workshopId}`), 200)).links
    const people = await Promise.all(
      Array.from({ length: 10 }, (_, index) =>
        joined(scene.server.url, links?.participantUrl ?? '', { displayName: `Deltaker ${index + 1}`, affiliation: 'citizen' }),
      ),
    )
    expectStatus(await startVote(room, { budget: 3, manyPerNote: true }), 200)
    const noteIds = [room.notes.kari1, room.notes.kari2, room.notes.ola1]
    // Ten people give three dots each, all at once, and Ola sends five for a budget of three.
    const casts = people.flatMap(({ agent }) => noteIds.map((noteId) => act(agent, room, { type: 'castVote', noteId })))
    const olas = Array.from({ length: 5 }, () => act(room.ola.agent, room, { type: 'castVote', noteId: room.notes.kari1 }))
    const answers = await Promise.all([...casts, ...olas])
    for (const answer of answers.slice(0, casts.length)) expectStatus(answer, 200)
    const olaStatuses = answers.slice(casts.length).map((answer) => answer.status)
    expect(olaStatuses.filter((status) => status === 200)).toHaveLength(3)
    expect(olaStatuses.filter((status) => status === 409)).toHaveLength(2)
    const revealed = FacilitationSnapshot.parse(expectStatus(await act(room.facilitator, room, { type: 'revealVote' }), 200))
    expect(revealed.voteTally).toMatchObject({ dots: 33, voters: 11 })
    expect(revealed.voteTally?.results).toEqual([
      { noteId: room.notes.kari1, dots: 13 },
      ...[room.notes.kari2, room.notes.ola1].sort().map((noteId) => ({ noteId, dots: 10 })),
    ])
  })

  it('[V6] sends nobody anyone else’s dots, before or after the reveal, only counts', async () => {
    const room = await votingRoom()
    const kariSees = await stream(room.kari.agent, room.workshopId)
    const observerSees = await stream(room.observer, room.workshopId)
    const facilitatorSees = await stream(room.facilitator, room.workshopId)
    expectStatus(await startVote(room, { budget: 2 }), 200)
    expectStatus(await act(room.ola.agent, room, { type: 'castVote', noteId: room.notes.kari1 }), 200)
    expectStatus(await act(room.kari.agent, room, { type: 'castVote', noteId: room.notes.ola1 }), 200)
    const before = await kariSees.until((snapshot) => snapshot.voteTally?.dots === 2, 'both dots counted')
    expect(ballotsOf(before)).toEqual({ [room.kari.userId]: { [room.notes.ola1]: 1 } })
    expect(before.voteTally?.results).toBeNull()
    expectStatus(await act(room.facilitator, room, { type: 'revealVote' }), 200)
    for (const watcher of [kariSees, observerSees, facilitatorSees]) {
      const revealed = await watcher.until((snapshot) => snapshot.state.vote?.status === 'revealed', 'the reveal')
      expect(revealed.voteTally?.results).toEqual(
        [
          { noteId: room.notes.kari1, dots: 1 },
          { noteId: room.notes.ola1, dots: 1 },
        ].sort((a, b) => (a.noteId < b.noteId ? -1 : 1)),
      )
    }
    // Not once, in any event any of them received, did Ola's ballot appear.
    for (const watcher of [kariSees, observerSees, facilitatorSees]) {
      for (const snapshot of watcher.snapshots) expect(Object.keys(ballotsOf(snapshot))).not.toContain(room.ola.userId)
      for (const { data } of watcher.events) expect(data).not.toContain(`"${room.ola.userId}":{`)
    }
    for (const snapshot of [...observerSees.snapshots, ...facilitatorSees.snapshots]) expect(ballotsOf(snapshot)).toEqual({})
  })

  it('[V7] keeps a revealed result on the board’s notes, written by the server for the facilitator', async () => {
    const room = await votingRoom()
    expectStatus(await startVote(room, { budget: 2 }), 200)
    expectError(await act(room.facilitator, room, { type: 'keepVote' }), 409, 'facilitation_vote_state')
    expectStatus(await act(room.ola.agent, room, { type: 'castVote', noteId: room.notes.kari1 }), 200)
    expectStatus(await act(room.kari.agent, room, { type: 'castVote', noteId: room.notes.ola1 }), 200)
    expectStatus(await act(room.ola.agent, room, { type: 'castVote', noteId: room.notes.kari2 }), 200)
    expectStatus(await act(room.facilitator, room, { type: 'revealVote' }), 200)
    const kept = FacilitationSnapshot.parse(expectStatus(await act(room.facilitator, room, { type: 'keepVote' }), 200))
    expect(kept.state.vote?.kept).toBe(true)
    const watching = await scene.openBoard(
      (WorkshopDetail.parse(expectStatus(await room.facilitator.get(`/api/workshops/${room.workshopId}`), 200)).steps[0]?.boardId ?? ''),
      room.kari,
    )
    const dotsOn = (noteId: string) => ((watching.records.get(noteId) as TLRecord | undefined)?.meta as Record<string, unknown> | undefined)?.[dotVotesMetaKey]
    await waitFor(() => dotsOn(room.notes.kari1) === 1 && dotsOn(room.notes.ola1) === 1 && dotsOn(room.notes.kari2) === 1, { message: 'the kept result on the notes' })
    expect(dotsOn(room.notes.olaOutside)).toBeUndefined()
    // What the challenge description reads from the board.
    const items = readBoard(watching.doc).frames.flatMap((frame) => frame.items)
    const keptVotes = (noteId: string) => items.find((item) => item.id === noteId)?.keptVotes
    expect([room.notes.kari1, room.notes.kari2, room.notes.ola1, room.notes.olaOutside].map(keptVotes)).toEqual([1, 1, 1, null])
    // Clearing the vote leaves what was kept on the board.
    const cleared = FacilitationSnapshot.parse(expectStatus(await act(room.facilitator, room, { type: 'clearVote' }), 200))
    expect(cleared.state.vote).toBeNull()
    expect(dotsOn(room.notes.kari1)).toBe(1)
  })
})
