import { createContext, useContext, useEffect, useState } from 'react'
import { Observable } from '../app/Observable.ts'
import { BoardVote, noVoteView, type BoardVoteView, type VoteMode } from '../workshop/BoardVote.ts'
import { useObservable } from './useObservable.ts'
import type { WorkshopRoom } from './useWorkshopRoom.ts'

/**
 * The board page's {@link BoardVote}, for what is drawn on the canvas (the notes' dots, the
 * banner) and the facilitator's panel alike; null on a free board and until the room is live.
 */
export const BoardVoteContext = createContext<BoardVote | null>(null)

/** The vote of the step's board, created once the room is live and destroyed in the cleanup; null on a free board. */
export function useBoardVote(room: WorkshopRoom | null, stepId: string | null): BoardVote | null {
  const [vote, setVote] = useState<BoardVote | null>(null)
  const live = room?.live ?? null
  const actor = room?.actor ?? null
  useEffect(() => {
    if (live === null || actor === null || stepId === null) return
    const created = new BoardVote({ live, stepId, actor })
    setVote(created)
    return () => {
      setVote(null)
      created.destroy()
    }
  }, [live, actor, stepId])
  return vote
}

/** Stand-ins while there is no vote, so the hooks below can always be called. */
const noView = new Observable<BoardVoteView>(noVoteView)
const editing = new Observable<VoteMode>('edit')

/** The board's vote from the page, with what it shows now and whether clicks vote; re-renders when either changes. */
export function useBoardVoteView(): { vote: BoardVote | null; view: BoardVoteView; mode: VoteMode } {
  const vote = useContext(BoardVoteContext)
  const view = useObservable(vote?.view ?? noView)
  const mode = useObservable(vote?.mode ?? editing)
  return { vote, view, mode }
}
