import type { PrivateWriting } from '../../../shared/src/schema/facilitation.ts'
import type { PrivateNoteRouter } from './PrivateNoteRouter.ts'

/** What the desk needs of an open private board (PrivateBoardConnection). */
export interface OpenPrivateBoard {
  /** Everything written to it is stored by the relay. */
  readonly saved: boolean
  destroy(): void
}

export interface PrivateDeskOptions {
  /** The step whose board this is. */
  stepId: string
  /** The participant at this browser. */
  personId: string
  /** The step's board connection's router. */
  router: PrivateNoteRouter
  /** Asks the server for this person's private board on the step (made the first time). */
  requestBoard(stepId: string): Promise<string>
  /** Opens the private board into the step board's store. */
  openBoard(boardId: string): OpenPrivateBoard
  setTimer?: (fn: () => void, ms: number) => () => void
  /** How often a closing board is looked at, and the longest it waits for the reveal to arrive. */
  closeCheckMs?: number
  closeWaitMs?: number
}

const defaultSetTimer = (fn: () => void, ms: number) => {
  const handle = setTimeout(fn, ms)
  return () => clearTimeout(handle)
}

const firstRetryMs = 1_000
const mostRetryMs = 30_000

/**
 * A participant's private writing on one step's board: while the room says the step (or a frame
 * of it) is private, their new notes go to their private board (the router decides, the private
 * board connection writes); once it no longer does, new notes go to the shared board at once, and
 * the private board closes when what was written to it is stored and the reveal has brought its
 * notes over (or after a while, when some never came: notes written after the server read the
 * private boards stay on the private board for the next round).
 */
export class PrivateDesk {
  private readonly options: PrivateDeskOptions
  private readonly setTimer: (fn: () => void, ms: number) => () => void
  private writing: PrivateWriting | null = null
  private board: OpenPrivateBoard | null = null
  private requesting = false
  private retryMs = firstRetryMs
  private cancelTimer: (() => void) | null = null
  private closingSince: number | null = null
  private destroyed = false

  constructor(options: PrivateDeskOptions) {
    this.options = options
    this.setTimer = options.setTimer ?? defaultSetTimer
  }

  /** The room's private writing now (for any step: only this step's counts). */
  setWriting(writing: PrivateWriting | null): void {
    if (this.destroyed) return
    const mine = writing !== null && writing.stepId === this.options.stepId ? writing : null
    this.writing = mine
    this.options.router.route(mine === null ? null : { personId: this.options.personId, frameId: mine.frameId })
    this.cancel()
    if (mine !== null) {
      this.closingSince = null
      if (this.board === null) void this.open()
    } else if (this.board !== null) {
      this.closingSince ??= Date.now()
      this.checkClosing()
    }
  }

  destroy(): void {
    this.destroyed = true
    this.cancel()
    this.options.router.route(null)
    this.board?.destroy()
    this.board = null
  }

  private async open(): Promise<void> {
    if (this.requesting) return
    this.requesting = true
    try {
      const boardId = await this.options.requestBoard(this.options.stepId)
      if (this.destroyed || this.writing === null || this.board !== null) return
      this.board = this.options.openBoard(boardId)
      this.retryMs = firstRetryMs
    } catch (error) {
      console.warn('Samskap: could not open the private board; trying again', error)
      if (this.destroyed || this.writing === null) return
      const delay = this.retryMs
      this.retryMs = Math.min(mostRetryMs, this.retryMs * 2)
      this.schedule(() => void this.open(), delay)
    } finally {
      this.requesting = false
    }
  }

  /** Closes the private board once it is safe to (see the class comment), else looks again soon. */
  private checkClosing(): void {
    const board = this.board
    if (board === null || this.closingSince === null) return
    const { closeCheckMs = 250, closeWaitMs = 10_000 } = this.options
    const settled = board.saved && this.options.router.privateCount() === 0
    if (settled || Date.now() - this.closingSince >= closeWaitMs) {
      this.closingSince = null
      this.board = null
      board.destroy()
      return
    }
    this.schedule(() => this.checkClosing(), closeCheckMs)
  }

  private schedule(fn: () => void, ms: number): void {
    this.cancel()
    this.cancelTimer = this.setTimer(() => {
      this.cancelTimer = null
      if (!this.destroyed) fn()
    }, ms)
  }

  private cancel(): void {
    this.cancelTimer?.()
    this.cancelTimer = null
  }
}
