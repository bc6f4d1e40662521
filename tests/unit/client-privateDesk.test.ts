// A participant's private writing on a step's board, over time: the private board opens when the
// room says the step is private, new notes stop being private the moment it no longer is, and the
// board closes only once what was written to it is stored and the reveal has brought its notes.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { PrivateDesk, type OpenPrivateBoard } from '../../client/src/board/PrivateDesk.ts'
import type { PrivateNotesPolicy, PrivateNoteRouter } from '../../client/src/board/PrivateNoteRouter.ts'
import type { PrivateWriting } from '../../shared/src/schema/facilitation.ts'

const stepId = '01JSTEP0000000000000000000'
const otherStep = '01JOTHER000000000000000000'

class FakeRouter {
  policy: PrivateNotesPolicy | null = null
  count = 0
  route(policy: PrivateNotesPolicy | null): void {
    this.policy = policy
  }
  privateCount(): number {
    return this.count
  }
}

class FakeBoard implements OpenPrivateBoard {
  saved = false
  destroyed = false
  destroy(): void {
    this.destroyed = true
  }
}

function writing(frameId: string | null = null, step = stepId): PrivateWriting {
  return { stepId: step, frameId, since: 0 }
}

beforeEach(() => {
  vi.useFakeTimers()
})
afterEach(() => {
  vi.useRealTimers()
})

function desk(requestBoard: (stepId: string) => Promise<string> = () => Promise.resolve('private-board')) {
  const router = new FakeRouter()
  const boards: FakeBoard[] = []
  const opened: string[] = []
  const desk = new PrivateDesk({
    stepId,
    personId: 'kari',
    router: router as unknown as PrivateNoteRouter,
    requestBoard,
    openBoard: (boardId) => {
      opened.push(boardId)
      const board = new FakeBoard()
      boards.push(board)
      return board
    },
  })
  return { desk, router, boards, opened }
}

describe('PrivateDesk', () => {
  it('routes and opens the private board only for its own step', async () => {
    const { desk: own, router, opened } = desk()
    own.setWriting(writing(null, otherStep))
    await vi.runOnlyPendingTimersAsync()
    expect(router.policy).toBeNull()
    expect(opened).toEqual([])
    own.setWriting(writing('shape:frame'))
    expect(router.policy).toEqual({ personId: 'kari', frameId: 'shape:frame' })
    await vi.runOnlyPendingTimersAsync()
    expect(opened).toEqual(['private-board'])
    own.destroy()
  })

  it('stops routing at once when private writing ends, and closes the board once saved and revealed', async () => {
    const { desk: own, router, boards } = desk()
    own.setWriting(writing())
    await vi.runOnlyPendingTimersAsync()
    const [board] = boards
    router.count = 2
    own.setWriting(null)
    expect(router.policy).toBeNull()
    await vi.advanceTimersByTimeAsync(1_000)
    expect(board?.destroyed).toBe(false)
    // A snapshot that changes something else does not start the wait again.
    own.setWriting(null)
    board!.saved = true
    router.count = 0
    await vi.advanceTimersByTimeAsync(300)
    expect(board?.destroyed).toBe(true)
  })

  it('closes after a while when some notes never come over, and keeps the board when private writing starts again meanwhile', async () => {
    const { desk: own, router, boards } = desk()
    own.setWriting(writing())
    await vi.runOnlyPendingTimersAsync()
    router.count = 1
    own.setWriting(null)
    own.setWriting(writing())
    await vi.advanceTimersByTimeAsync(20_000)
    expect(boards[0]?.destroyed).toBe(false)
    own.setWriting(null)
    await vi.advanceTimersByTimeAsync(9_000)
    expect(boards[0]?.destroyed).toBe(false)
    await vi.advanceTimersByTimeAsync(1_500)
    expect(boards[0]?.destroyed).toBe(true)
    expect(boards).toHaveLength(1)
  })

  it('asks again for the private board when the server could not be reached', async () => {
    let attempts = 0
    const { desk: own, opened } = desk(() => (++attempts < 3 ? Promise.reject(new Error('offline')) : Promise.resolve('private-board')))
    vi.spyOn(console, 'warn').mockImplementation(() => undefined)
    own.setWriting(writing())
    await vi.advanceTimersByTimeAsync(5_000)
    expect(attempts).toBe(3)
    expect(opened).toEqual(['private-board'])
  })
})
