import type { SessionInfo } from '../../../shared/src/schema/access.ts'
import { useAppServices } from '../app/AppServicesContext.tsx'
import type { SessionState } from '../app/SessionService.ts'
import { useObservable } from './useObservable.ts'

export { sessionKey } from '../app/SessionService.ts'

/** The browser's sessions as the server last reported them; re-renders when they change. */
export function useSession(): SessionState {
  return useObservable(useAppServices().session.state)
}

/** The sessions once known; null while loading or when the server could not be asked. */
export function useSessionInfo(): SessionInfo | null {
  const state = useSession()
  return state.status === 'loaded' ? state.session : null
}

