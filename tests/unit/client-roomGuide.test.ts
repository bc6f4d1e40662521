// Where the room guide takes participants and observers: to a fresh summon's board (and the place
// on it the facilitator chose), along with a presenter board to board with their view following,
// until they stop; and what a presenting facilitator's pages tell the server.
import { describe, expect, it, vi } from 'vitest'
import { Observable } from '../../client/src/app/Observable.ts'
import { safeStorage } from '../../client/src/app/storage.ts'
import type { LiveRoom } from '../../client/src/workshop/LiveWorkshop.ts'
import { RoomGuide, type GuidedBoard, type RoomMove, type RoomPlace } from '../../client/src/workshop/RoomGuide.ts'
import type { Role } from '../../shared/src/schema/access.ts'
import { initialFacilitation, type Camera, type FacilitationState } from '../../shared/src/schema/facilitation.ts'

const steps = [
  { id: 'step-0001', boardId: 'board-one-1' },
  { id: 'step-0002', boardId: 'board-two-2' },
  { id: 'step-0003', boardId: 'board-three' },
]
const now = 10_000_000
const camera: Camera = { x: -120, y: -40, z: 0.8 }

/** A board's view as a stand-in: who is present, whom it follows, where its camera is. */
class FakeBoard implements GuidedBoard {
  present = new Set<string>()
  followed: string | null = null
  cameras: Camera[] = []
  private listeners = new Set<() => void>()
  follow(userId: string): boolean {
    if (!this.present.has(userId)) return false
    this.followed = userId
    return true
  }
  unfollow(): void {
    this.followed = null
  }
  followedUser(): string | null {
    return this.followed
  }
  isPresent(userId: string): boolean {
    return this.present.has(userId)
  }
  camera(): Camera {
    return camera
  }
  setCamera(to: Camera): void {
    this.cameras.push(to)
  }
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }
  /** Someone arrives on the board, or the person moved the view themselves. */
  changed(change: (board: this) => void): void {
    change(this)
    for (const listener of this.listeners) listener()
  }
}

/** One browser tab: its sessionStorage stays across the pages (guides) it opens. */
function tab() {
  const stored = new Map<string, string>()
  const storage = safeStorage(() => ({ getItem: (key: string) => stored.get(key) ?? null, setItem: (key: string, value: string) => stored.set(key, value) }) as unknown as Storage)
  const room = new Observable<LiveRoom>({ state: null, version: -1, voteTally: null, connected: true })
  const act = vi.fn(async () => ({ ok: true as const }))
  const live = { room, now: () => now, act }
  let version = 0
  const publish = (state: Partial<FacilitationState>) => room.set({ ...room.get(), state: { ...initialFacilitation, ...state }, version: ++version })
  const open = (place: RoomPlace, role: Role = 'participant', facilitatorId: string | null = null) => {
    const moves: RoomMove[] = []
    const guide = new RoomGuide({ workshopId: 'workshop-1', live, role, facilitatorId, place, storage, onMove: (move) => moves.push(move) })
    guide.setSteps(steps)
    return { guide, moves }
  }
  return { publish, open, act }
}

const board = (stepId: string): RoomPlace => ({ kind: 'board', stepId })

describe('a summon', () => {
  it('takes a participant to its board once, and puts the camera where asked once the board is open', () => {
    const { publish, open } = tab()
    publish({ currentStepId: 'step-0002' })
    const first = open(board('step-0001'))
    publish({ currentStepId: 'step-0002', summon: { id: 1, stepId: 'step-0002', camera, at: now } })
    expect(first.moves).toEqual([{ reason: 'summon', stepId: 'step-0002', presenterId: null, boardId: 'board-two-2' }])
    first.guide.destroy()
    // The summon's board opens (a new page in the same tab): it is not moved again, and looks where asked.
    const arrived = open(board('step-0002'))
    expect(arrived.moves).toEqual([])
    const view = new FakeBoard()
    arrived.guide.attachBoard(view)
    expect(view.cameras).toEqual([camera])
    // A reload of the board does not move the camera again.
    arrived.guide.destroy()
    const reloaded = open(board('step-0002'))
    const again = new FakeBoard()
    reloaded.guide.attachBoard(again)
    expect(again.cameras).toEqual([])
  })

  it('older than a minute on a page’s first state moves nobody, and is not acted on later either', () => {
    const { publish, open } = tab()
    publish({ currentStepId: 'step-0002', summon: { id: 4, stepId: 'step-0002', camera: null, at: now - 61_000 } })
    const page = open({ kind: 'workshop' })
    expect(page.moves).toEqual([])
    publish({ currentStepId: 'step-0003', summon: { id: 4, stepId: 'step-0002', camera: null, at: now - 61_000 } })
    expect(page.moves).toEqual([])
    publish({ currentStepId: 'step-0003', summon: { id: 5, stepId: 'step-0003', camera: null, at: now - 90_000 } })
    expect(page.moves).toEqual([{ reason: 'summon', stepId: 'step-0003', presenterId: null, boardId: 'board-three' }])
  })

  it('to the board one is on says so without opening it; facilitators are never moved', () => {
    const { publish, open } = tab()
    const participant = open(board('step-0002'))
    const facilitator = open(board('step-0001'), 'facilitator', 'facilitator-1')
    publish({ currentStepId: 'step-0002', summon: { id: 1, stepId: 'step-0002', camera: null, at: now } })
    expect(participant.moves).toEqual([{ reason: 'summon', stepId: 'step-0002', presenterId: null, boardId: null }])
    expect(facilitator.moves).toEqual([])
  })
})

describe('a presentation', () => {
  const presenter = (stepId: string) => ({ facilitatorId: 'facilitator-1', stepId })

  it('takes an observer along board to board, the view following the presenter once they are on it', () => {
    const { publish, open } = tab()
    publish({ currentStepId: 'step-0001' })
    const page = open(board('step-0001'), 'observer')
    const view = new FakeBoard()
    page.guide.attachBoard(view)
    publish({ currentStepId: 'step-0001', presenter: presenter('step-0001') })
    expect(page.moves).toEqual([])
    expect(view.followed).toBeNull()
    view.changed((it) => it.present.add('user:facilitator-1'))
    expect(view.followed).toBe('user:facilitator-1')
    expect(page.guide.follow.get()).toEqual({ presenter: presenter('step-0001'), following: true })

    publish({ currentStepId: 'step-0001', presenter: presenter('step-0003') })
    expect(page.moves).toEqual([{ reason: 'presenter', stepId: 'step-0003', presenterId: 'facilitator-1', boardId: 'board-three' }])
    page.guide.destroy()
    // On the new board the view follows again as soon as the presenter's presence is there.
    const next = open(board('step-0003'), 'observer')
    const nextView = new FakeBoard()
    nextView.present.add('user:facilitator-1')
    next.guide.attachBoard(nextView)
    expect(next.moves).toEqual([])
    expect(nextView.followed).toBe('user:facilitator-1')
  })

  it('stops for a person who stops following, until it ends or they follow again', () => {
    const { publish, open } = tab()
    publish({ presenter: presenter('step-0001') })
    const page = open(board('step-0001'))
    const view = new FakeBoard()
    view.present.add('user:facilitator-1')
    page.guide.attachBoard(view)
    expect(view.followed).toBe('user:facilitator-1')
    page.guide.stopFollowing()
    expect(view.followed).toBeNull()
    publish({ presenter: presenter('step-0002') })
    expect(page.moves).toEqual([])
    expect(page.guide.follow.get().following).toBe(false)
    page.guide.followAgain()
    expect(page.moves).toEqual([{ reason: 'presenter', stepId: 'step-0002', presenterId: 'facilitator-1', boardId: 'board-two-2' }])
    // A new presentation after this one ended takes the person along again.
    page.guide.stopFollowing()
    publish({ presenter: null })
    publish({ presenter: presenter('step-0003') })
    expect(page.moves.at(-1)).toEqual({ reason: 'presenter', stepId: 'step-0003', presenterId: 'facilitator-1', boardId: 'board-three' })
  })

  it('counts panning away from the presenter as stopping, but not the presenter leaving the board', () => {
    const { publish, open } = tab()
    publish({ presenter: presenter('step-0001') })
    const page = open(board('step-0001'))
    const view = new FakeBoard()
    view.present.add('user:facilitator-1')
    page.guide.attachBoard(view)
    view.changed((it) => it.present.delete('user:facilitator-1'))
    view.changed((it) => (it.followed = null))
    expect(page.guide.follow.get().following).toBe(true)
    view.changed((it) => it.present.add('user:facilitator-1'))
    expect(view.followed).toBe('user:facilitator-1')
    view.changed((it) => (it.followed = null))
    expect(page.guide.follow.get().following).toBe(false)
  })

  it('leaves a person who went to another board themselves where they are', () => {
    const { publish, open } = tab()
    publish({ presenter: presenter('step-0002') })
    const first = open(board('step-0002'))
    first.guide.destroy()
    const elsewhere = open(board('step-0001'))
    expect(elsewhere.moves).toEqual([])
    expect(elsewhere.guide.follow.get().following).toBe(false)
  })

  it('moves with its facilitator: a board they open is where they present now', () => {
    const { publish, open, act } = tab()
    publish({ presenter: presenter('step-0001') })
    open(board('step-0002'), 'facilitator', 'facilitator-1')
    expect(act).toHaveBeenCalledWith({ type: 'present', stepId: 'step-0002' })
    act.mockClear()
    open(board('step-0003'), 'facilitator', 'facilitator-2')
    open({ kind: 'workshop' }, 'facilitator', 'facilitator-1')
    expect(act).not.toHaveBeenCalled()
  })
})
