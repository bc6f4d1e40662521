import { useEffect } from 'react'
import type { LiveWorkshop } from '../workshop/LiveWorkshop.ts'

/** After a change in the room, people's boards open a moment later (a summon moves everyone): ask then, once. */
const settleMs = 1_500

/**
 * Calls `refresh` a moment after the room's state changes on the server or its stream comes back,
 * at most once per moment however many changes come (a dot vote is many): who is here and where
 * is loaded by REST, and a change in the room is when it most likely changed too.
 */
export function useRefreshOnRoomChange(live: LiveWorkshop | null, refresh: () => void): void {
  useEffect(() => {
    if (live === null) return
    let seen = live.room.get()
    let timer: ReturnType<typeof setTimeout> | null = null
    const stop = live.room.subscribe(() => {
      const now = live.room.get()
      // The first snapshot is what the page loaded the people with; only what comes after is news.
      const changed = seen.version >= 0 && (now.version !== seen.version || (now.connected && !seen.connected))
      seen = now
      if (!changed || timer !== null) return
      timer = setTimeout(() => {
        timer = null
        refresh()
      }, settleMs)
    })
    return () => {
      stop()
      if (timer !== null) clearTimeout(timer)
    }
  }, [live, refresh])
}
