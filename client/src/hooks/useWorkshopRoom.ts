import { useEffect, useMemo, useState } from 'react'
import type { Role, SessionInfo } from '../../../shared/src/schema/access.ts'
import type { FacilitationActor } from '../../../shared/src/schema/facilitationRules.ts'
import type { AgendaStep, WorkshopDetail, WorkshopPerson } from '../../../shared/src/schema/workshopApi.ts'
import { safeStorage } from '../app/storage.ts'
import type { LiveWorkshop } from '../workshop/LiveWorkshop.ts'
import type { RoomGuide, RoomMove, RoomPlace } from '../workshop/RoomGuide.ts'
import { unlistedPeople } from '../workshop/roomView.ts'
import { inAgendaOrder } from '../workshop/stepOrder.ts'
import { TimerSound } from '../workshop/TimerSound.ts'
import { useLiveWorkshop } from './useLiveWorkshop.ts'
import { useRoomGuide } from './useRoomGuide.ts'
import { useLiveRoom } from './useRoomState.ts'
import { useSessionInfo } from './useSession.ts'

/** A workshop's room as a page shows it: its live state, the guide, and the agenda and people to name things by. */
export interface WorkshopRoom {
  workshopId: string
  role: Role
  /** The person at this browser, as the rules see them. */
  actor: FacilitationActor
  live: LiveWorkshop
  guide: RoomGuide
  sound: TimerSound
  /** In agenda order. */
  steps: readonly AgendaStep[]
  people: readonly WorkshopPerson[]
  /** Loads who is in the workshop again (a hand or a "done" from someone not listed yet). */
  refreshPeople(): void
}

export interface UseWorkshopRoomOptions {
  /** The workshop as this session sees it; null while loading. */
  detail: WorkshopDetail | null
  place: RoomPlace
  onMovedHere(move: RoomMove): void
  refreshPeople(): void
}

/** The room of the page's workshop, live while the page is open; null until the workshop and the session are known. */
export function useWorkshopRoom({ detail, place, onMovedHere, refreshPeople }: UseWorkshopRoomOptions): WorkshopRoom | null {
  const session = useSessionInfo()
  const workshopId = detail?.workshop.id ?? null
  const actor = useMemo(() => actorOf(detail?.role ?? null, workshopId, session), [detail?.role, workshopId, session])
  const live = useLiveWorkshop(workshopId, actor)
  const steps = useMemo(() => inAgendaOrder(detail?.steps ?? []), [detail?.steps])
  const guide = useRoomGuide(live, workshopId, {
    role: actor?.role ?? 'observer',
    facilitatorId: actor?.facilitatorId ?? null,
    place,
    steps,
    onMovedHere,
  })
  const sound = useTimerSound()
  const stepIds = steps.map((step) => step.id).join(',')
  useEffect(() => {
    live?.setStepIds(stepIds === '' ? [] : stepIds.split(','))
  }, [live, stepIds])
  const people = detail?.people
  // A hand or a "done" from someone who joined after the list was loaded: load it again to name them.
  const state = useLiveRoom(live).state
  const unlisted = state === null || people === undefined ? '' : unlistedPeople(state, people).join(',')
  useEffect(() => {
    if (unlisted !== '') refreshPeople()
  }, [unlisted, refreshPeople])
  return useMemo(() => {
    if (live === null || guide === null || sound === null || actor === null || workshopId === null || people === undefined) return null
    return { workshopId, role: actor.role, actor, live, guide, sound, steps, people, refreshPeople }
  }, [live, guide, sound, actor, workshopId, steps, people, refreshPeople])
}

/** The time-up sound of this device, made for the page and closed with it. */
function useTimerSound(): TimerSound | null {
  const [sound, setSound] = useState<TimerSound | null>(null)
  useEffect(() => {
    const created = new TimerSound({ storage: safeStorage(() => window.localStorage) })
    setSound(created)
    return () => {
      setSound(null)
      created.destroy()
    }
  }, [])
  return sound
}

function actorOf(role: Role | null, workshopId: string | null, session: SessionInfo | null): FacilitationActor | null {
  if (role === null || workshopId === null) return null
  const guest = session?.guest?.workshopId === workshopId ? session.guest : null
  return {
    role,
    facilitatorId: role === 'facilitator' ? (session?.facilitator?.facilitatorId ?? null) : null,
    participantId: role === 'participant' ? (guest?.participantId ?? null) : null,
  }
}
