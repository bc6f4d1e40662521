import type { SessionInfo } from '../../../shared/src/schema/access.ts'
import { useAppServices } from '../app/AppServicesContext.tsx'
import type { SessionState } from '../app/SessionService.ts'
import { useObservable } from './useObservable.ts'

/** The browser's sessions as the server last reported them; re-renders when they change. */
export function useSession(): SessionState {
  return useObservable(useAppServices().session.state)
}

/** The sessions once known; null while loading or when the server could not be asked. */
export function useSessionInfo(): SessionInfo | null {
  const state = useSession()
  return state.status === 'loaded' ? state.session : null
}

/**
 * A string that changes whenever who is signed in or joined changes: pass it as a
 * resource's revision so what a page shows follows a login, logout or join.
 */
export function sessionKey(session: SessionInfo | null): string {
  if (session === null) return 'none'
  const guest = session.guest === null ? '-' : `${session.guest.workshopId}:${session.guest.participantId ?? session.guest.role}`
  return `${session.facilitator?.facilitatorId ?? '-'}/${guest}`
}
