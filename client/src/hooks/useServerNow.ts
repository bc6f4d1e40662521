import { useEffect, useState } from 'react'
import type { LiveWorkshop } from '../workshop/LiveWorkshop.ts'

/**
 * The server's time, re-rendered each second on the second (so two screens' countdowns turn
 * together); null without a live workshop.
 */
export function useServerNow(live: Pick<LiveWorkshop, 'now'> | null): number | null {
  const [now, setNow] = useState<number | null>(() => live?.now() ?? null)
  useEffect(() => {
    if (live === null) {
      setNow(null)
      return
    }
    let timer: ReturnType<typeof setTimeout> | undefined
    const tick = () => {
      const current = live.now()
      setNow(current)
      timer = setTimeout(tick, 1000 - (current % 1000) + 5)
    }
    tick()
    return () => clearTimeout(timer)
  }, [live])
  return now
}
