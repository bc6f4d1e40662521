import { useEffect, useRef, useState } from 'react'
import { useNavigate } from 'react-router'
import type { Role } from '../../../shared/src/schema/access.ts'
import { WorkshopDetail } from '../../../shared/src/schema/workshopApi.ts'
import { fetchApi } from '../app/publicApi.ts'
import { safeStorage } from '../app/storage.ts'
import type { LiveWorkshop } from '../workshop/LiveWorkshop.ts'
import { RoomGuide, type RoomMove, type RoomPlace } from '../workshop/RoomGuide.ts'

export interface UseRoomGuideOptions {
  role: Role
  facilitatorId: string | null
  place: RoomPlace
  /** The workshop's steps with their boards. */
  steps: readonly { id: string; boardId: string }[]
  /** Tells the person why their view moved when the guide did not open another page. */
  onMovedHere(move: RoomMove): void
}

/**
 * The {@link RoomGuide} of a page in a live workshop, created once the workshop is live here and
 * destroyed in the cleanup. A move to another board opens it, with the move in the history
 * entry's state so the new page can say why (see useRoomNotice).
 */
export function useRoomGuide(live: LiveWorkshop | null, workshopId: string | null, options: UseRoomGuideOptions): RoomGuide | null {
  const navigate = useNavigate()
  const [guide, setGuide] = useState<RoomGuide | null>(null)
  const onMovedHere = useRef(options.onMovedHere)
  useEffect(() => {
    onMovedHere.current = options.onMovedHere
  }, [options.onMovedHere])
  const { role, facilitatorId, place, steps } = options
  const stepId = place.kind === 'board' ? place.stepId : null

  useEffect(() => {
    if (live === null || workshopId === null) return
    const created = new RoomGuide({
      workshopId,
      live,
      role,
      facilitatorId,
      place: stepId === null ? { kind: 'workshop' } : { kind: 'board', stepId },
      storage: safeStorage(() => window.sessionStorage),
      locate: async (personId) => {
        const detail = await fetchApi(`/api/workshops/${workshopId}`, WorkshopDetail)
        return detail.people.find((person) => person.id === personId) ?? null
      },
      onMove: (move) => {
        if (move.boardId === null) onMovedHere.current(move)
        else {
          const { reason, stepId, presenterId } = move
          void navigate(`/board/${move.boardId}`, { state: { roomMove: { reason, stepId, presenterId } } })
        }
      },
    })
    setGuide(created)
    return () => {
      setGuide(null)
      created.destroy()
    }
  }, [live, workshopId, role, facilitatorId, stepId, navigate])

  const stepsKey = steps.map((step) => `${step.id}:${step.boardId}`).join(',')
  useEffect(() => {
    guide?.setSteps(steps)
    // stepsKey stands for steps: a reloaded list with the same boards changes nothing.
  }, [guide, stepsKey])
  return guide
}
