import { describe, expect, it } from 'vitest'
import { RetiringBoards } from '../../server/src/relay/retiringBoards.ts'

// Upgrades whose access was decided while their board started being deleted
// are stale (they saw the step that is going away); later ones are not.

describe('RetiringBoards', () => {
  it('marks admissions under way stale when their board starts retiring, and those that start meanwhile', () => {
    const retiring = new RetiringBoards()
    const before = retiring.admit('board-a')
    const other = retiring.admit('board-b')
    retiring.begin(['board-a'])
    const during = retiring.admit('board-a')
    expect([before.stale, other.stale, during.stale]).toEqual([true, false, true])
    expect(retiring.has('board-a')).toBe(true)

    retiring.end(['board-a'])
    expect(retiring.has('board-a')).toBe(false)
    expect(retiring.admit('board-a').stale).toBe(false)
  })

  it('keeps a board retiring until every deletion of it is over', () => {
    const retiring = new RetiringBoards()
    retiring.begin(['board-a'])
    retiring.begin(['board-a', 'board-b'])
    retiring.end(['board-a'])
    expect([retiring.has('board-a'), retiring.has('board-b')]).toEqual([true, true])
    retiring.end(['board-a', 'board-b'])
    expect([retiring.has('board-a'), retiring.has('board-b')]).toEqual([false, false])
  })

  it('forgets settled admissions', () => {
    const retiring = new RetiringBoards()
    const admission = retiring.admit('board-a')
    retiring.settle(admission)
    retiring.begin(['board-a'])
    expect(admission.stale).toBe(false)
  })
})
