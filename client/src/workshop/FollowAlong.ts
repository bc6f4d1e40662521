import { z } from 'zod'
import type { Role } from '../../../shared/src/schema/access.ts'
import type { SafeStorage } from '../app/storage.ts'
import type { GuidedBoard } from './RoomGuide.ts'

/** How often, and how many times, to ask where a followed facilitator went (the directory updates within a second or so). */
export const locatePollMs = 1_000
export const locateAttempts = 5

/** Someone in the workshop as the directory (`GET /api/workshops/:id`) has them now. */
export interface LocatedPerson {
  role: Role
  /** The steps whose boards they have open now. */
  onStepIds: readonly string[]
}

/** Whom this tab took along to another board, until it follows them there (sessionStorage). */
const FollowMemory = z.object({ facilitatorId: z.string(), stepId: z.string() })
type FollowMemory = z.infer<typeof FollowMemory>

export interface FollowAlongOptions {
  workshopId: string
  /** The step of the board this page shows. */
  stepId: string
  /** Per browser tab (sessionStorage). */
  storage: SafeStorage
  /** Where the person is now; null when not known (not listed, or the request failed). */
  locate(personId: string): Promise<LocatedPerson | null>
  /** The facilitator presenting now, whose followers the room guide takes along itself. */
  presenting(): string | null
  /** Opens the step's board to follow the facilitator there; false when the guide does not know the board. */
  moveTo(stepId: string, facilitatorId: string): boolean
  /** The facilitator has several other boards open: the person stays, and is told why. */
  onUnclear(facilitatorId: string): void
}

/**
 * A person's own follow (tldraw's "Follow" in the people menu) of a facilitator, carried from
 * board to board: when the followed facilitator leaves this board, it asks the workshop's
 * directory where they went (a few times, for a few seconds), opens the one other step's board
 * they have open, and follows them there once their presence arrives. It lets go when the
 * person stops following while the facilitator is still here (tldraw's stop, Escape, panning).
 */
export class FollowAlong {
  private readonly options: FollowAlongOptions
  private readonly storageKey: string
  private board: GuidedBoard | null = null
  private stopBoard: (() => void) | null = null
  /** The facilitator the person follows, here or on their way here. */
  private followed: string | null = null
  /** Brought here to follow `followed`: waiting for their presence. */
  private arriving = false
  private searching: { cancel(): void } | null = null
  private destroyed = false

  constructor(options: FollowAlongOptions) {
    this.options = options
    this.storageKey = `samskap.follow.${options.workshopId}`
    const memory = this.recall()
    if (memory !== null && memory.stepId === options.stepId) {
      this.followed = memory.facilitatorId
      this.arriving = true
    } else if (memory !== null) {
      // The person opened another board themselves: the follow ended there.
      this.forget()
    }
  }

  /** The board this page shows, once its editor is there. */
  attach(board: GuidedBoard): void {
    this.detach()
    this.board = board
    this.stopBoard = board.subscribe(() => {
      if (this.board === board) this.boardChanged()
    })
    this.boardChanged()
  }

  detach(): void {
    this.stopBoard?.()
    this.stopBoard = null
    this.board = null
    this.cancelSearch()
  }

  destroy(): void {
    this.destroyed = true
    this.detach()
  }

  private boardChanged(): void {
    const board = this.board
    if (board === null) return
    const following = personOf(board.followedUser())
    if (following !== null) {
      if (following !== this.followed) this.cancelSearch()
      this.followed = following
      if (this.arriving) {
        this.arriving = false
        this.forget()
      }
      return
    }
    const followed = this.followed
    if (followed === null) return
    const userId = userIdOf(followed)
    if (this.arriving) {
      if (board.isPresent(userId) && board.follow(userId)) {
        this.arriving = false
        this.forget()
      }
      return
    }
    if (!board.isPresent(userId)) {
      // tldraw stops following when the leader's presence goes: they left this board.
      if (this.searching === null) this.search(followed)
    } else if (this.searching !== null) {
      // Back before we found where they went (a reconnect): go on following here.
      this.cancelSearch()
      board.follow(userId)
    } else {
      // The person stopped following while the facilitator is still here.
      this.followed = null
    }
  }

  /** Asks where `facilitatorId` went, a few times, and takes the person to the one other board they have open. */
  private search(facilitatorId: string): void {
    let attempt = 0
    let timer: ReturnType<typeof setTimeout> | null = null
    const search = {
      cancel: () => {
        if (timer !== null) clearTimeout(timer)
        timer = null
        if (this.searching === search) this.searching = null
      },
    }
    const giveUp = () => {
      search.cancel()
      if (this.followed === facilitatorId) this.followed = null
    }
    const ask = async () => {
      timer = null
      attempt += 1
      const person = await this.options.locate(facilitatorId).catch(() => null)
      if (this.searching !== search || this.destroyed) return
      // A presenter's followers go along with the presentation (see RoomGuide).
      if (this.options.presenting() === facilitatorId || (person !== null && person.role !== 'facilitator')) return giveUp()
      const elsewhere = person?.onStepIds.filter((stepId) => stepId !== this.options.stepId) ?? []
      if (elsewhere.length > 1) {
        giveUp()
        this.options.onUnclear(facilitatorId)
        return
      }
      const [stepId] = elsewhere
      if (stepId !== undefined) {
        this.remember({ facilitatorId, stepId })
        if (this.options.moveTo(stepId, facilitatorId)) {
          search.cancel()
          return
        }
        this.forget()
      }
      if (attempt >= locateAttempts) giveUp()
      else timer = setTimeout(() => void ask(), locatePollMs)
    }
    this.searching = search
    timer = setTimeout(() => void ask(), locatePollMs)
  }

  private cancelSearch(): void {
    this.searching?.cancel()
  }

  private recall(): FollowMemory | null {
    try {
      const parsed = FollowMemory.safeParse(JSON.parse(this.options.storage.get(this.storageKey) ?? 'null'))
      return parsed.success ? parsed.data : null
    } catch {
      return null
    }
  }

  private remember(memory: FollowMemory): void {
    this.options.storage.set(this.storageKey, JSON.stringify(memory))
  }

  private forget(): void {
    this.options.storage.set(this.storageKey, 'null')
  }
}

/** The person id in a presence's user id (`user:<person id>`, as the relay stamps it), or null. */
function personOf(userId: string | null): string | null {
  return userId?.startsWith('user:') === true ? userId.slice('user:'.length) : null
}

function userIdOf(personId: string): string {
  return `user:${personId}`
}
