import type { FacilitationState } from '../../../shared/src/schema/facilitation.ts'
import { Observable } from '../app/Observable.ts'
import type { LiveRoom, LiveWorkshop } from '../workshop/LiveWorkshop.ts'
import { useObservable } from './useObservable.ts'
import type { WorkshopRoom } from './useWorkshopRoom.ts'

/** Stands in while there is no live workshop, so the hooks can always be called. */
const noRoom = new Observable<LiveRoom>({ state: null, version: -1, voteTally: null, connected: false })

/** What a live workshop shows now; re-renders when it changes. */
export function useLiveRoom(live: LiveWorkshop | null): LiveRoom {
  return useObservable(live?.room ?? noRoom)
}

/** The room's facilitation state as this browser shows it; null until the first snapshot. */
export function useRoomState(room: WorkshopRoom | null): FacilitationState | null {
  return useLiveRoom(room?.live ?? null).state
}
