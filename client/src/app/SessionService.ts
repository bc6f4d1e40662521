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

/**
 * A string that changes whenever who is signed in or joined changes: pass it as a
 * resource's revision so what a page shows follows a login, logout or join.
 */
export function sessionKey(session: SessionInfo | null): string {
  if (session === null) return 'none'
  const guest = session.guest === null ? '-' : `${session.guest.workshopId}:${session.guest.participantId ?? session.guest.role}`
  return `${session.facilitator?.facilitatorId ?? '-'}/${guest}`
}

/** Nobody signed in and no workshop joined: what the pages assume while offline. */
export const noSession: SessionInfo = { facilitator: null, guest: null, setupRequired: false }

/**
 * The browser's facilitator and guest sessions, as the server reports them. Asked
 * once at start and again after anything that changes them (login, logout, join,
 * leave), so the top bar, the pages and the CSRF tokens of {@link ApiClient} agree.
 */
export class SessionService {
  readonly state = new Observable<SessionState>({ status: 'loading' })
  /**
   * How often who this browser is changed since the page started: 0 until a sign-in,
   * sign-out, join or leave after the first answer (or an answer after a failed first
   * asking). A request made at start, with the cookies the page started with, holds
   * while it is 0, so it need not wait for the first answer.
   */
  readonly identity = new Observable<number>(0)
  private pending: Promise<SessionInfo | null> | null = null
  /** How many writes (sign-in, join, leave) answered with the sessions: an asking older than one is stale. */
  private writes = 0
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
    const writesBefore = this.writes
    this.pending ??= this.fetchSession().then(
      (session) => {
        this.pending = null
        // A join or sign-in answered while this was asked: its answer is the newer one.
        if (this.writes !== writesBefore) return this.current()
        this.apply(session, false)
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
    this.writes += 1
    this.apply(session, true)
  }

  private apply(session: SessionInfo, written: boolean): void {
    const before = this.state.get()
    // A write before the first answer changed the cookies the page started with.
    const changed =
      before.status === 'failed' ||
      (before.status === 'loading' && written) ||
      (before.status === 'loaded' && sessionKey(before.session) !== sessionKey(session))
    this.state.set({ status: 'loaded', session })
    if (changed) this.identity.set(this.identity.get() + 1)
  }

  /** The sessions, waiting for the first answer if it has not come yet. */
  async whenKnown(): Promise<SessionInfo | null> {
    return this.current() ?? (await this.refresh())
  }
}
