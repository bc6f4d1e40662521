import { useCallback, useSyncExternalStore } from 'react'
import type { Observable } from '../app/Observable.ts'

/** The current value of an {@link Observable}; re-renders when it changes. */
export function useObservable<T>(observable: Observable<T>): T {
  const subscribe = useCallback((listener: () => void) => observable.subscribe(listener), [observable])
  return useSyncExternalStore(subscribe, () => observable.get())
}
