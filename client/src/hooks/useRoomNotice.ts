import { useCallback, useEffect, useState } from 'react'
import { useLocation, useNavigate } from 'react-router'
import { z } from 'zod'
import type { RoomMove } from '../workshop/RoomGuide.ts'

/** What useRoomGuide puts in the history entry of a page it opened. */
const MovedHere = z.object({
  roomMove: z.object({ reason: z.enum(['summon', 'presenter', 'follow', 'followUnclear']), stepId: z.string(), presenterId: z.string().nullable() }),
})

/** A move to tell the person about, with a number so the same move told twice is told twice. */
export interface RoomNoticeMessage {
  move: Omit<RoomMove, 'boardId'>
  id: number
}

/**
 * Why this person's screen moved: the move that opened this page (taken off the history entry
 * once read, so a reload does not tell it again), or one made on this page.
 */
export function useRoomNotice(): [RoomNoticeMessage | null, (move: Omit<RoomMove, 'boardId'>) => void] {
  const location = useLocation()
  const navigate = useNavigate()
  const [notice, setNotice] = useState<RoomNoticeMessage | null>(null)
  const show = useCallback((move: Omit<RoomMove, 'boardId'>) => setNotice((last) => ({ move, id: (last?.id ?? 0) + 1 })), [])
  const state: unknown = location.state
  useEffect(() => {
    const parsed = MovedHere.safeParse(state)
    if (!parsed.success) return
    show(parsed.data.roomMove)
    void navigate(`${location.pathname}${location.search}`, { replace: true, state: null })
  }, [state, show, navigate, location.pathname, location.search])
  return [notice, show]
}
