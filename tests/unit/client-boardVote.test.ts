// A dot vote as a board page takes part in it, without a network: the note facts this browser
// judges a dot by (the same the server reads), kept results, frames, where one's own dots sit and
// the order of the notes' vote buttons, and BoardVote over a scripted live room — the view of
// the vote on its board only, voting mode for each new vote, dots judged by the attached board,
// refusals kept to be said, and a vote that closes on screen when its step's timer runs out.
import type { TLFrameShape, TLRecord } from '@tldraw/tlschema'
import { describe, expect, it } from 'vitest'
import { inReadingOrder, markScale, ownDotPlaces } from '../../client/src/board/dotLayout.ts'
import { frameAround, framesOf, inVoteScope, keptDotsOf, noteText, voteNoteFrom } from '../../client/src/board/voteNotes.ts'
import { Observable } from '../../client/src/app/Observable.ts'
import { BoardVote, type VoteBoard } from '../../client/src/workshop/BoardVote.ts'
import type { ActContext, ActOutcome, LiveRoom } from '../../client/src/workshop/LiveWorkshop.ts'
import type { DotVote } from '../../shared/src/schema/dotVoting.ts'
import { FacilitationAction, initialFacilitation, type FacilitationActionInput, type FacilitationState } from '../../shared/src/schema/facilitation.ts'
import { applyFacilitation, type FacilitationActor } from '../../shared/src/schema/facilitationRules.ts'
import { firstPageId, testNote } from '../helpers/testRecords.ts'

const ada: FacilitationActor = { role: 'participant', facilitatorId: null, participantId: 'ada' }
const observer: FacilitationActor = { role: 'observer', facilitatorId: null, participantId: null }

function frame(key: string, name: string, at: { x: number; y: number }, parentId = firstPageId): TLFrameShape {
  return {
    id: `shape:${key}`,
    typeName: 'shape',
    type: 'frame',
    parentId,
    index: 'a1',
    x: at.x,
    y: at.y,
    rotation: 0,
    isLocked: false,
    opacity: 1,
    meta: {},
    props: { w: 400, h: 300, name, color: 'black' },
  } as TLFrameShape
}

/** A board: two frames (one inside the other), Bo's note in the inner one, Ada's on the page. */
function board(): Map<string, TLRecord> {
  const records: TLRecord[] = [
    frame('ideas', ' Idéer ', { x: 0, y: 0 }),
    frame('best', 'Beste', { x: 20, y: 20 }, 'shape:ideas'),
    testNote('shape:bo', { text: 'Torgdag\nhver lørdag', createdBy: 'bo', parentId: 'shape:best' }),
    testNote('shape:ada', { text: 'Sykkelvei', createdBy: 'ada', x: 600 }),
  ]
  return new Map(records.map((record) => [record.id, record]))
}

describe('the note facts a vote judges a dot by', () => {
  const records = board()
  const lookup = (id: string) => records.get(id)

  it('names the creator and the shapes a note sits in, innermost first', () => {
    expect(voteNoteFrom(lookup, 'shape:bo')).toEqual({ creatorId: 'bo', ancestorIds: ['shape:best', 'shape:ideas'] })
    expect(voteNoteFrom(lookup, 'shape:ada')).toEqual({ creatorId: 'ada', ancestorIds: [] })
    expect(voteNoteFrom(lookup, 'shape:ideas')).toBeNull()
    expect(voteNoteFrom(lookup, 'shape:gone')).toBeNull()
  })

  it('takes a note inside the frame, at any depth, or anywhere without one', () => {
    const bo = voteNoteFrom(lookup, 'shape:bo')
    const own = voteNoteFrom(lookup, 'shape:ada')
    if (bo === null || own === null) throw new Error('both are notes')
    expect(inVoteScope(bo, 'shape:ideas')).toBe(true)
    expect(inVoteScope(own, 'shape:ideas')).toBe(false)
    expect(inVoteScope(own, null)).toBe(true)
  })

  it('ends a parent loop instead of hanging', () => {
    const looped = new Map(records)
    looped.set('shape:ideas', { ...frame('ideas', 'Idéer', { x: 0, y: 0 }), parentId: 'shape:best' } as TLRecord)
    expect(voteNoteFrom((id) => looped.get(id), 'shape:bo')?.ancestorIds.length).toBe(100)
  })

  it('reads a kept result only when it is a count', () => {
    const note = testNote('shape:kept')
    expect(keptDotsOf({ ...note, meta: { dotVotes: 3 } })).toBe(3)
    for (const wrong of [0, -1, 1.5, '3', null]) expect(keptDotsOf({ ...note, meta: { dotVotes: wrong } })).toBeNull()
    expect(keptDotsOf(note)).toBeNull()
  })

  it('names a note by its text on one line', () => {
    expect(noteText(records.get('shape:bo'))).toBe('Torgdag hver lørdag')
    expect(noteText(records.get('shape:ideas'))).toBe('')
  })

  it('lists the frames top to bottom with their titles, and finds the frame around the selection', () => {
    expect(framesOf(records.values())).toEqual([
      { id: 'shape:ideas', name: 'Idéer' },
      { id: 'shape:best', name: 'Beste' },
    ])
    expect(frameAround(lookup, 'shape:bo')).toBe('shape:best')
    expect(frameAround(lookup, 'shape:ideas')).toBe('shape:ideas')
    expect(frameAround(lookup, 'shape:ada')).toBeNull()
    expect(frameAround(lookup, null)).toBeNull()
  })
})

describe('where the marks go', () => {
  it('puts one’s own dots in rows from the top left, clear of the take-back button', () => {
    expect(ownDotPlaces(3, 200)).toEqual([
      { x: 10, y: 10 },
      { x: 33, y: 10 },
      { x: 56, y: 10 },
    ])
    const many = ownDotPlaces(8, 200)
    expect(many[6]).toEqual({ x: 10, y: 33 })
    expect(Math.max(...many.map((place) => place.x)) + 18).toBeLessThanOrEqual(200 - 44)
    expect(ownDotPlaces(2, 10).map((place) => place.x)).toEqual([10, 10])
    expect(ownDotPlaces(0, 200)).toEqual([])
  })

  it('draws the marks larger when zoomed out, within bounds, and fits the larger dots in fewer to a row', () => {
    expect(markScale(1, 0.6, 2)).toBe(1)
    expect(markScale(0.5, 0.6, 2)).toBeCloseTo(1.2)
    expect(markScale(0.1, 0.6, 2)).toBe(2)
    expect(markScale(0, 0.6, 2)).toBe(2)
    const twice = ownDotPlaces(3, 200, 2)
    expect(twice.map((place) => place.y)).toEqual([20, 20, 66])
    expect(twice[1]?.x).toBe(66)
  })

  it('orders the notes row by row, a slightly lower note still in its row', () => {
    const at = (id: string, x: number, y: number) => ({ id, rect: { x, y, w: 100, h: 100 } })
    const order = inReadingOrder([at('c', 0, 200), at('b', 300, 20), at('a', 0, 0), at('d', 150, 230)])
    expect(order.map((item) => item.id)).toEqual(['a', 'b', 'c', 'd'])
  })
})

/** A live room driven by the test: the shared rules applied to what the page acts, the server's answer left out. */
function scriptedRoom(actor: FacilitationActor) {
  const room = new Observable<LiveRoom>({ state: initialFacilitation, version: 0, voteTally: null, connected: true })
  let now = 1_000
  const acts: Array<{ action: FacilitationActionInput; context: ActContext }> = []
  const live = {
    room,
    now: () => now,
    async act(action: FacilitationActionInput, context: ActContext = {}): Promise<ActOutcome> {
      acts.push({ action, context })
      const state = room.get().state ?? initialFacilitation
      const outcome = applyFacilitation(state, FacilitationAction.parse(action), actor, { stepIds: ['step-1', 'step-2'], now, note: context.note })
      if (!outcome.ok) return outcome
      room.set({ ...room.get(), state: outcome.state })
      return { ok: true }
    },
  }
  const setState = (state: FacilitationState) => room.set({ ...room.get(), state })
  return { live, acts, setState, tick: (ms: number) => (now += ms) }
}

function openVote(settings: Partial<DotVote> = {}): DotVote {
  return {
    stepId: 'step-1',
    frameId: null,
    budget: 2,
    manyPerNote: false,
    ownNotes: false,
    endsWithTimer: false,
    id: 1,
    status: 'open',
    startedAt: 0,
    endedAt: null,
    ballots: {},
    kept: false,
    ...settings,
  }
}

const editorLike = (records: Map<string, TLRecord>): VoteBoard => ({
  record: (id) => records.get(id),
  shapes: () => records.values(),
  selectedId: () => 'shape:bo',
})

describe('BoardVote', () => {
  it('shows the vote on its own board only, with this person’s dots left', () => {
    const { live, setState } = scriptedRoom(ada)
    const here = new BoardVote({ live, stepId: 'step-1', actor: ada })
    const elsewhere = new BoardVote({ live, stepId: 'step-2', actor: ada })
    expect(here.view.get().vote).toBeNull()
    setState({ ...initialFacilitation, vote: openVote({ ballots: { ada: { 'shape:bo': 1 } } }) })
    expect(here.view.get()).toMatchObject({ open: true, canVote: true, mine: { 'shape:bo': 1 }, left: 1, results: null })
    expect(elsewhere.view.get().vote).toBeNull()
    here.destroy()
    elsewhere.destroy()
  })

  it('judges a dot by the attached board and keeps a refusal to say', async () => {
    const { live, acts, setState } = scriptedRoom(ada)
    const vote = new BoardVote({ live, stepId: 'step-1', actor: ada })
    vote.attachBoard(editorLike(board()))
    setState({ ...initialFacilitation, vote: openVote() })

    expect(await vote.cast('shape:ada')).toEqual({ ok: false, reason: 'own_note' })
    expect(vote.refusal.get()).toMatchObject({ reason: 'own_note', noteId: 'shape:ada', id: 1 })
    expect(await vote.cast('shape:bo')).toEqual({ ok: true })
    expect(vote.refusal.get()).toBeNull()
    expect(acts[1]?.context.note?.('shape:bo')).toEqual({ creatorId: 'bo', ancestorIds: ['shape:best', 'shape:ideas'] })
    expect(vote.view.get().left).toBe(1)
    expect(await vote.cast('shape:bo')).toEqual({ ok: false, reason: 'one_per_note' })
    expect(await vote.uncast('shape:bo')).toEqual({ ok: true })
    expect(vote.view.get().left).toBe(2)
    expect(vote.frames().map((found) => found.name)).toEqual(['Idéer', 'Beste'])
    expect(vote.selectedFrame()).toBe('shape:best')
    vote.destroy()
  })

  it('leaves a dot to the server while the board is not there', async () => {
    const { live, acts, setState } = scriptedRoom(ada)
    const vote = new BoardVote({ live, stepId: 'step-1', actor: ada })
    setState({ ...initialFacilitation, vote: openVote() })
    await vote.cast('shape:bo')
    expect(acts[0]?.context.note).toBeUndefined()
    vote.destroy()
  })

  it('votes again with each new vote, after the person switched to editing', () => {
    const { live, setState } = scriptedRoom(ada)
    const vote = new BoardVote({ live, stepId: 'step-1', actor: ada })
    setState({ ...initialFacilitation, vote: openVote() })
    vote.setMode('edit')
    setState({ ...initialFacilitation, vote: openVote({ budget: 3 }) })
    expect(vote.mode.get()).toBe('edit')
    setState({ ...initialFacilitation, vote: openVote({ id: 2 }) })
    expect(vote.mode.get()).toBe('vote')
    vote.destroy()
  })

  it('gives observers the progress and the result, never a vote', () => {
    const { live, setState } = scriptedRoom(observer)
    const vote = new BoardVote({ live, stepId: 'step-1', actor: observer })
    vote.setMode('vote')
    expect(vote.mode.get()).toBe('edit')
    setState({ ...initialFacilitation, vote: openVote({ status: 'revealed' }) })
    live.room.set({ ...live.room.get(), voteTally: { dots: 3, voters: 2, results: [{ noteId: 'shape:bo', dots: 3 }] } })
    expect(vote.view.get()).toMatchObject({ canVote: false, open: false, results: [{ noteId: 'shape:bo', dots: 3 }] })
    vote.destroy()
  })

  it('closes a vote that ends with the timer when the time is up', () => {
    const { live, setState, tick } = scriptedRoom(ada)
    const timers: Array<{ fn: () => void; ms: number }> = []
    const vote = new BoardVote({ live, stepId: 'step-1', actor: ada, setTimer: (fn, ms) => (timers.push({ fn, ms }), () => undefined) })
    setState({ ...initialFacilitation, timers: { 'step-1': { durationMs: 60_000, endsAt: 61_000, remainingMs: null } }, vote: openVote({ endsWithTimer: true }) })
    expect(vote.view.get().open).toBe(true)
    const last = timers.at(-1)
    expect(last?.ms).toBe(60_050)
    tick(60_050)
    last?.fn()
    expect(vote.view.get()).toMatchObject({ open: false, canVote: false })
    vote.destroy()
  })
})
