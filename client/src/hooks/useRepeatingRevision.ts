import { useEffect, useReducer } from 'react'

/**
 * A number that goes up every `intervalMs` while the page is visible (and at once when it is
 * shown again after being hidden), and that the page can bump itself: a resource loaded with it
 * as its revision stays fresh (who is here, a workshop's status) without a socket of its own.
 */
export function useRepeatingRevision(intervalMs: number | null): [number, () => void] {
  const [revision, bump] = useReducer((value: number) => value + 1, 0)
  useEffect(() => {
    if (intervalMs === null) return
    const timer = setInterval(() => {
      if (document.visibilityState === 'visible') bump()
    }, intervalMs)
    // A hidden tab skipped its turns: what it shows may be long out of date.
    const shown = () => {
      if (document.visibilityState === 'visible') bump()
    }
    document.addEventListener('visibilitychange', shown)
    return () => {
      clearInterval(timer)
      document.removeEventListener('visibilitychange', shown)
    }
  }, [intervalMs])
  return [revision, bump]
}
