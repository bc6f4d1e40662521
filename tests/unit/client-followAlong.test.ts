// A person's own follow of a facilitator (tldraw's "Follow"), carried board to board: where the
// facilitator went is asked of the workshop's directory, and the follow starts again there.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { Observable } from '../../client/src/app/Observable.ts'
import { safeStorage } from '../../client/src/app/storage.ts'
import { locateAttempts, locatePollMs, type LocatedPerson } from '../../client/src/workshop/FollowAlong.ts'
import type { LiveRoom } from '../../client/src/workshop/LiveWorkshop.ts'
import { RoomGuide, type GuidedBoard, type RoomMove } from '../../client/src/workshop/RoomGuide.ts'
import { initialFacilitation, type Camera, type FacilitationState } from '../../shared/src/schema/facilitation.ts'

const steps = [
  { id: 'step-0001', boardId: 'board-one-1' },
  { id: 'step-0002', boardId: 'board-two-2' },
  { id: 'step-0003', boardId: 'board-three' },
]
const frida = 'user:facilitator-1'

/** A board's view like tldraw's: following someone stops when their presence goes. */
class FakeBoard implements GuidedBoard {
  present = new Set<string>()
  followed: string | null = null
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
    return { x: 0, y: 0, z: 1 }
  }
  setCamera(): void {}
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }
  changed(change: (board: this) => void): void {
    change(this)
    for (const listener of this.listeners) listener()
  }
  arrive(userId: string): void {
    this.changed((it) => it.present.add(userId))
  }
  leave(userId: string): void {
    this.changed((it) => {
      it.present.delete(userId)
      if (it.followed === userId) it.followed = null
    })
  }
}

/** One browser tab with a participant's board pages; `where` is what the directory says. */
function tab() {
  const stored = new Map<string, string>()
  const storage = safeStorage(() => ({ getItem: (key: string) => stored.get(key) ?? null, setItem: (key: string, value: string) => stored.set(key, value) }) as unknown as Storage)
  const room = new Observable<LiveRoom>({ state: null, version: -1, voteTally: null, connected: true })
  const live = { room, now: () => 0, act: vi.fn(async () => ({ ok: true as const })) }
  const publish = (state: Partial<FacilitationState>) => room.set({ ...room.get(), state: { ...initialFacilitation, ...state }, version: room.get().version + 1 })
  publish({})
  let where: LocatedPerson | null = { role: 'facilitator', onStepIds: [] }
  const locate = vi.fn(async () => where)
  const open = (stepId: string) => {
    const moves: RoomMove[] = []
    const guide = new RoomGuide({ workshopId: 'workshop-1', live, role: 'participant', facilitatorId: null, place: { kind: 'board', stepId }, storage, locate, onMove: (move) => moves.push(move) })
    guide.setSteps(steps)
    const view = new FakeBoard()
    guide.attachBoard(view)
    return { guide, moves, view }
  }
  const setWhere = (to: LocatedPerson | null) => (where = to)
  return { open, publish, locate, setWhere }
}

/** Lets the guide's polls run, a poll interval at a time. */
async function wait(polls = 1): Promise<void> {
  for (let i = 0; i < polls; i += 1) await vi.advanceTimersByTimeAsync(locatePollMs)
}

describe('following a facilitator oneself', () => {
  beforeEach(() => vi.useFakeTimers())
  afterEach(() => vi.useRealTimers())

  it('goes along to the one other board they opened, and follows them there once they arrive', async () => {
    const { open, setWhere } = tab()
    const page = open('step-0001')
    page.view.arrive(frida)
    page.view.changed((it) => it.follow(frida))
    // Frida opens step 3's board: her presence leaves this one, and the directory catches up a little later.
    page.view.leave(frida)
    await wait()
    expect(page.moves).toEqual([])
    setWhere({ role: 'facilitator', onStepIds: ['step-0003'] })
    await wait()
    expect(page.moves).toEqual([{ reason: 'follow', stepId: 'step-0003', presenterId: 'facilitator-1', boardId: 'board-three' }])
    page.guide.destroy()

    const next = open('step-0003')
    expect(next.view.followed).toBeNull()
    next.view.arrive(frida)
    expect(next.view.followed).toBe(frida)
    // Once followed there, a reload of the board does not start following again by itself.
    next.guide.destroy()
    const reloaded = open('step-0003')
    reloaded.view.arrive(frida)
    expect(reloaded.view.followed).toBeNull()
  })

  it('lets go when the person stops following while the facilitator is still here', async () => {
    const { open, setWhere, locate } = tab()
    const page = open('step-0001')
    page.view.arrive(frida)
    page.view.changed((it) => it.follow(frida))
    page.view.changed((it) => it.unfollow())
    setWhere({ role: 'facilitator', onStepIds: ['step-0002'] })
    page.view.leave(frida)
    await wait(locateAttempts)
    expect(locate).not.toHaveBeenCalled()
    expect(page.moves).toEqual([])
  })

  it('stays, and says so, when the facilitator has several other boards open', async () => {
    const { open, setWhere } = tab()
    setWhere({ role: 'facilitator', onStepIds: ['step-0002', 'step-0003'] })
    const page = open('step-0001')
    page.view.arrive(frida)
    page.view.changed((it) => it.follow(frida))
    page.view.leave(frida)
    await wait(locateAttempts)
    expect(page.moves).toEqual([{ reason: 'followUnclear', stepId: 'step-0001', presenterId: 'facilitator-1', boardId: null }])
  })

  it('gives up after a few polls, follows again a facilitator back in time, and leaves presenters to the presentation', async () => {
    const { open, locate, publish } = tab()
    const page = open('step-0001')
    page.view.arrive(frida)
    page.view.changed((it) => it.follow(frida))
    page.view.leave(frida)
    await wait(locateAttempts + 2)
    expect(locate).toHaveBeenCalledTimes(locateAttempts)
    expect(page.moves).toEqual([])

    // A reconnect: gone for a moment, back before the directory shows her elsewhere.
    page.view.changed((it) => it.follow(frida))
    page.view.arrive(frida)
    page.view.changed((it) => it.follow(frida))
    page.view.leave(frida)
    page.view.arrive(frida)
    expect(page.view.followed).toBe(frida)

    // Presenting, she is followed by the room guide: the follow here does not move anyone too.
    locate.mockClear()
    publish({ presenter: { facilitatorId: 'facilitator-1', stepId: 'step-0001' } })
    page.view.leave(frida)
    await wait(locateAttempts)
    expect(page.moves).toEqual([])
  })
})
