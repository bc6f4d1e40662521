import { z } from 'zod'
import type { Role } from '../../../shared/src/schema/access.ts'
import { Camera, Presenter, type FacilitationState, type Summon } from '../../../shared/src/schema/facilitation.ts'
import { Observable } from '../app/Observable.ts'
import type { SafeStorage } from '../app/storage.ts'
import { FollowAlong, type LocatedPerson } from './FollowAlong.ts'
import type { LiveWorkshop } from './LiveWorkshop.ts'

/** A summon older than this, found on a page's first snapshot, is history: it moves nobody. */
export const summonFreshMs = 60_000

/** Where this page is in the workshop. */
export type RoomPlace = { kind: 'workshop' } | { kind: 'board'; stepId: string }

/**
 * Why the guide moved this person, and where to: a summon, a presentation, or a facilitator the
 * person follows themselves ('follow'); 'followUnclear' moves nobody, it tells the person why
 * they stay (the facilitator they follow has several other boards open).
 */
export interface RoomMove {
  reason: 'summon' | 'presenter' | 'follow' | 'followUnclear'
  stepId: string
  /** The facilitator presenting, or followed, for a move along with them. */
  presenterId: string | null
  /** The step's board to open, or null when this page is that board already. */
  boardId: string | null
}

/** A board's view as the guide moves it: tldraw's editor on a board page (see BoardFollower); tests pass a fake. */
export interface GuidedBoard {
  /** Starts following the viewport of `userId`; false when they are not on this board (yet). */
  follow(userId: string): boolean
  unfollow(): void
  /** The user the view follows now, or null. */
  followedUser(): string | null
  isPresent(userId: string): boolean
  camera(): Camera
  setCamera(camera: Camera): void
  /** Calls `listener` when who is on the board, or whom the view follows, changes. */
  subscribe(listener: () => void): () => void
}

/** A presentation as this person meets it. */
export interface FollowView {
  presenter: Presenter | null
  /** The person goes along with it; false once they stopped following (until it ends or they follow again). */
  following: boolean
}

/** What this browser tab remembers of a workshop's room across its pages and reloads (sessionStorage). */
const RoomMemory = z.object({
  /** The highest summon this tab has handled. */
  summonId: z.int().min(0),
  /** Where a summon asked to look, until the summon's board has opened. */
  camera: z.object({ stepId: z.string(), camera: Camera }).nullable(),
  /** The presentation as this tab last went along with it. */
  presenter: Presenter.nullable(),
  /** The person stopped following this presentation. */
  optedOut: z.boolean(),
})
type RoomMemory = z.infer<typeof RoomMemory>

const freshMemory = (): RoomMemory => ({ summonId: 0, camera: null, presenter: null, optedOut: false })

export interface RoomGuideOptions {
  workshopId: string
  live: Pick<LiveWorkshop, 'room' | 'now' | 'act'>
  role: Role
  /** The facilitator at this browser, for a facilitator. */
  facilitatorId: string | null
  place: RoomPlace
  /** Per browser tab (sessionStorage). */
  storage: SafeStorage
  /** Takes the person to the move's board (or tells them why their view moved). */
  onMove(move: RoomMove): void
  /** Where a person is now (the workshop's directory), to take a person's own follow along; without it, it stays on its board. */
  locate?(personId: string): Promise<LocatedPerson | null>
}

/**
 * Moves participants and observers where the facilitator leads: to the board of a step they
 * were summoned to (and to the place on it the facilitator chose), and along with a presenting
 * facilitator, board to board, their view following the presenter's. A person can stop
 * following; the tab remembers that until the presentation ends. A presenting facilitator's
 * own pages tell the server which board they opened. A person's own follow of a facilitator goes
 * along from board to board too (see FollowAlong).
 */
export class RoomGuide {
  readonly follow = new Observable<FollowView>({ presenter: null, following: false })
  private readonly options: RoomGuideOptions
  private readonly storageKey: string
  private memory: RoomMemory
  private boards: ReadonlyMap<string, string> | null = null
  private board: GuidedBoard | null = null
  private stopBoard: (() => void) | null = null
  /** The view follows the presenter because this guide asked it to. */
  private followingStarted = false
  private sawFirstState = false
  private readonly stopRoom: () => void
  private readonly along: FollowAlong | null

  constructor(options: RoomGuideOptions) {
    this.options = options
    this.storageKey = `samskap.room.${options.workshopId}`
    this.memory = this.recall()
    this.stopRoom = options.live.room.subscribe(() => this.guide())
    this.along = this.followAlong()
  }

  /** The workshop's steps and their boards; the guide moves nobody before it knows them. */
  setSteps(steps: readonly { id: string; boardId: string }[]): void {
    this.boards = new Map(steps.map((step) => [step.id, step.boardId]))
    this.guide()
  }

  /** The board this page shows, once its editor is there; returns the detach function. */
  attachBoard(board: GuidedBoard): () => void {
    this.detachBoard()
    this.board = board
    const stop = board.subscribe(() => {
      if (this.board === board) this.boardChanged()
    })
    this.stopBoard = stop
    this.placeCamera()
    this.guide()
    this.along?.attach(board)
    return () => {
      if (this.board === board) this.detachBoard()
    }
  }

  /** The person stops following the presentation (a button, Escape). */
  stopFollowing(): void {
    if (this.follow.get().presenter === null) return
    this.memory.optedOut = true
    this.remember()
    this.unfollowOnBoard()
    this.publish()
  }

  /** The person follows the presentation again, wherever it is now. */
  followAgain(): void {
    this.memory.optedOut = false
    this.memory.presenter = null
    this.remember()
    this.guide()
  }

  /** Where this facilitator looks on the board, for a summon to it; null off a board. */
  camera(): Camera | null {
    return this.board?.camera() ?? null
  }

  destroy(): void {
    this.stopRoom()
    this.detachBoard()
    this.along?.destroy()
  }

  /** For a participant's or observer's board page that can ask where people are. */
  private followAlong(): FollowAlong | null {
    const { place, locate, role, workshopId, storage, live } = this.options
    if (place.kind !== 'board' || locate === undefined || role === 'facilitator') return null
    return new FollowAlong({
      workshopId,
      stepId: place.stepId,
      storage,
      locate,
      presenting: () => live.room.get().state?.presenter?.facilitatorId ?? null,
      moveTo: (stepId, facilitatorId) => {
        const boardId = this.boards?.get(stepId)
        if (boardId === undefined) return false
        this.options.onMove({ reason: 'follow', stepId, presenterId: facilitatorId, boardId })
        return true
      },
      onUnclear: (facilitatorId) => this.options.onMove({ reason: 'followUnclear', stepId: place.stepId, presenterId: facilitatorId, boardId: null }),
    })
  }

  private guide(): void {
    const state = this.options.live.room.get().state
    if (state === null || this.boards === null) return
    const first = !this.sawFirstState
    this.sawFirstState = true
    if (this.options.role === 'facilitator') {
      if (first) this.tellWherePresenting(state)
    } else {
      this.answerSummon(state.summon, first)
      this.followPresenter(state.presenter, first)
    }
    this.publish()
  }

  /** A presenting facilitator who opens another step's board takes the presentation there. */
  private tellWherePresenting(state: FacilitationState): void {
    const { place, facilitatorId } = this.options
    const presenter = state.presenter
    if (place.kind !== 'board' || presenter === null || presenter.facilitatorId !== facilitatorId) return
    if (presenter.stepId !== place.stepId) void this.options.live.act({ type: 'present', stepId: place.stepId })
  }

  private answerSummon(summon: Summon | null, first: boolean): void {
    if (summon === null || summon.id <= this.memory.summonId) return
    this.memory.summonId = summon.id
    // A call made before this page loaded is not repeated on every page the person opens.
    if (first && this.options.live.now() - summon.at >= summonFreshMs) {
      this.remember()
      return
    }
    this.memory.camera = summon.camera === null ? null : { stepId: summon.stepId, camera: summon.camera }
    this.remember()
    this.moveTo('summon', summon.stepId, null)
    this.placeCamera()
  }

  private followPresenter(presenter: Presenter | null, first: boolean): void {
    const memory = this.memory
    if (presenter === null) {
      if (memory.presenter !== null || memory.optedOut) {
        memory.presenter = null
        memory.optedOut = false
        this.remember()
      }
      this.unfollowOnBoard()
      return
    }
    if (memory.presenter !== null && memory.presenter.facilitatorId !== presenter.facilitatorId) {
      // Another facilitator presents: a new presentation, which the person has not turned down.
      memory.presenter = null
      memory.optedOut = false
    }
    if (memory.optedOut) {
      this.unfollowOnBoard()
      return
    }
    const here = this.isOn(presenter.stepId)
    if (memory.presenter?.stepId !== presenter.stepId) {
      memory.presenter = presenter
      this.remember()
      if (!here) {
        this.moveTo('presenter', presenter.stepId, presenter.facilitatorId)
        return
      }
    } else if (!here && first) {
      // The person opened this page themselves, away from the board they were following on.
      memory.optedOut = true
      this.remember()
      return
    }
    if (here) this.followOnBoard(presenter)
  }

  private followOnBoard(presenter: Presenter): void {
    const board = this.board
    if (board === null) return
    const userId = presenterUserId(presenter)
    if (board.followedUser() === userId) return
    this.followingStarted = board.follow(userId)
  }

  private unfollowOnBoard(): void {
    const board = this.board
    const presenter = this.follow.get().presenter ?? this.memory.presenter
    const wasFollowing = this.followingStarted
    this.followingStarted = false
    if (board !== null && wasFollowing && presenter !== null && board.followedUser() === presenterUserId(presenter)) board.unfollow()
  }

  private boardChanged(): void {
    const board = this.board
    const presenter = this.options.live.room.get().state?.presenter ?? null
    if (board === null || presenter === null || this.options.role === 'facilitator') return
    const userId = presenterUserId(presenter)
    if (this.followingStarted && board.followedUser() !== userId) {
      this.followingStarted = false
      // tldraw stops following when the person pans or zooms: while the presenter is still
      // here, that is the person looking for themselves, so the guide stops pulling them.
      if (board.isPresent(userId)) {
        this.memory.optedOut = true
        this.remember()
        this.publish()
        return
      }
    }
    if (!this.memory.optedOut && this.isOn(presenter.stepId)) this.followOnBoard(presenter)
  }

  /** Puts the camera where a summon asked, once its board is open here; the presenter's view wins. */
  private placeCamera(): void {
    const pending = this.memory.camera
    const board = this.board
    if (pending === null || board === null || !this.isOn(pending.stepId) || this.followingStarted) return
    this.memory.camera = null
    this.remember()
    board.setCamera(pending.camera)
  }

  private moveTo(reason: RoomMove['reason'], stepId: string, presenterId: string | null): void {
    if (this.isOn(stepId)) {
      this.options.onMove({ reason, stepId, presenterId, boardId: null })
      return
    }
    const boardId = this.boards?.get(stepId)
    if (boardId !== undefined) this.options.onMove({ reason, stepId, presenterId, boardId })
  }

  private isOn(stepId: string): boolean {
    const { place } = this.options
    return place.kind === 'board' && place.stepId === stepId
  }

  private publish(): void {
    const presenter = this.options.live.room.get().state?.presenter ?? null
    const following = presenter !== null && !this.memory.optedOut
    const current = this.follow.get()
    if (current.following === following && samePresenter(current.presenter, presenter)) return
    this.follow.set({ presenter, following })
  }

  private detachBoard(): void {
    this.along?.detach()
    this.stopBoard?.()
    this.stopBoard = null
    this.board = null
    this.followingStarted = false
  }

  private recall(): RoomMemory {
    try {
      const parsed = RoomMemory.safeParse(JSON.parse(this.options.storage.get(this.storageKey) ?? 'null'))
      return parsed.success ? parsed.data : freshMemory()
    } catch {
      return freshMemory()
    }
  }

  private remember(): void {
    this.options.storage.set(this.storageKey, JSON.stringify(this.memory))
  }
}

/** The user id a presenter's presence carries on a board (the relay stamps `user:<person id>`). */
export function presenterUserId(presenter: Presenter): string {
  return `user:${presenter.facilitatorId}`
}

function samePresenter(a: Presenter | null, b: Presenter | null): boolean {
  return a === b || (a !== null && b !== null && a.facilitatorId === b.facilitatorId && a.stepId === b.stepId)
}
