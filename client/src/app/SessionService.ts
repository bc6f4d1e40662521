import { SessionInfo } from '../../../shared/src/schema/access.ts'
import { ApiRequestError } from './apiErrors.ts'
import { fetchApi } from './publicApi.ts'
import { Observable } from './Observable.ts'

/** What this browser knows about its sessions (`GET /api/session`). */
export type SessionState =
  | { status: 'loading' }
  | { status: 'loaded'; session: SessionInfo }
  /** The server could not be asked (offline): pages act as if nobody is signed in, boards still open. */
  | { status: 'failed' }

/** Nobody signed in and no workshop joined: what the pages assume while offline. */
export const noSession: SessionInfo = { facilitator: null, guest: null, setupRequired: false }

/**
 * The browser's facilitator and guest sessions, as the server reports them. Asked
 * once at start and again after anything that changes them (login, logout, join,
 * leave), so the top bar, the pages and the CSRF tokens of {@link ApiClient} agree.
 */
export class SessionService {
  readonly state = new Observable<SessionState>({ status: 'loading' })
  private pending: Promise<SessionInfo | null> | null = null
  private readonly fetchSession: () => Promise<SessionInfo>

  constructor(fetchSession: () => Promise<SessionInfo> = () => fetchApi('/api/session', SessionInfo)) {
    this.fetchSession = fetchSession
  }

  /** The sessions once known, else null. */
  current(): SessionInfo | null {
    const state = this.state.get()
    return state.status === 'loaded' ? state.session : null
  }

  /** Asks the server again; concurrent calls share one request. Resolves to null when it cannot be asked. */
  refresh(): Promise<SessionInfo | null> {
    this.pending ??= this.fetchSession().then(
      (session) => {
        this.pending = null
        this.set(session)
        return session
      },
      (error: unknown) => {
        this.pending = null
        // Keep what we knew: a failed refresh (offline for a moment) does not sign anyone out.
        if (this.state.get().status === 'loading') this.state.set({ status: 'failed' })
        if (!(error instanceof ApiRequestError)) console.warn('Samskap: could not load the session', error)
        return null
      },
    )
    return this.pending
  }

  /** The sessions as a write answered them (login, setup, join return a SessionInfo). */
  set(session: SessionInfo): void {
    this.state.set({ status: 'loaded', session })
  }

  /** The sessions, waiting for the first answer if it has not come yet. */
  async whenKnown(): Promise<SessionInfo | null> {
    return this.current() ?? (await this.refresh())
  }
}
