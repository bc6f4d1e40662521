import { useCallback, useSyncExternalStore } from 'react'

/** Phones held upright: the step bar keeps to one line there and folds the rest away. */
const narrowQuery = '(max-width: 640px)'

/** Whether the window is phone-narrow now (outside React: where a board opens). */
export function isNarrowScreen(): boolean {
  return window.matchMedia(narrowQuery).matches
}

/** Whether the window is phone-narrow; re-renders when that changes. */
export function useNarrowScreen(): boolean {
  const subscribe = useCallback((listener: () => void) => {
    const query = window.matchMedia(narrowQuery)
    query.addEventListener('change', listener)
    return () => query.removeEventListener('change', listener)
  }, [])
  return useSyncExternalStore(subscribe, isNarrowScreen)
}
