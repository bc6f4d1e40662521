import type { Response } from 'express'
import { CloseCode } from '../../../shared/src/protocol/closeCodes.ts'
import type { GuestRole, SessionInfo } from '../../../shared/src/schema/access.ts'
import type { Config } from '../config.ts'
import type { LiveSessions } from '../relay/boardAccess.ts'
import type { AccessStore, FacilitatorAccount, Participant, StoredSession } from '../store/AccessStore.ts'
import { requestAccess, setRequestAccess, type RequestAccess } from './requestAccess.ts'
import { hashSecret, newSecret } from './secrets.ts'
import { clearSessionCookie, sessionLifetimeMs, setSessionCookie } from './sessionCookies.ts'

// Starting and ending sessions: a new random id in the cookie, its hash and a
// CSRF token in the store. The answer to a sign-in is the SessionInfo of the
// browser afterwards (both its sessions).

export interface SessionDeps {
  access: AccessStore
  config: Pick<Config, 'publicUrl'>
  now: () => number
  /** Ends the board sockets of a session that a new one replaces. */
  live: Pick<LiveSessions, 'endSockets'>
}

/** A guest session to start after a successful join. */
export interface NewGuestSession {
  role: GuestRole
  workshopId: string
  /** The workshop link joined through; rotating it ends the session. */
  linkId: string
  /** The participant created by the join; null for observers. */
  participant: Participant | null
}

/**
 * Signs the browser in as `account` (12 h), replacing a facilitator session it
 * already had; resolves to the browser's SessionInfo.
 */
export async function startFacilitatorSession(
  deps: SessionDeps,
  response: Response,
  account: FacilitatorAccount,
): Promise<SessionInfo> {
  const current = requestAccess(response)
  if (current.facilitator !== null) await endReplacedSession(deps, current.facilitator.session)
  const session = await createSession(deps, response, 'facilitator', {
    role: 'facilitator',
    facilitatorId: account.id,
    workshopId: null,
    linkId: null,
    participantId: null,
  })
  const access = { ...current, facilitator: { session, account } }
  setRequestAccess(response, access)
  return sessionInfo(deps, access)
}

/**
 * Starts a participant's or observer's session (24 h) after a join, replacing
 * the guest session the browser had (one workshop at a time); sets the
 * `samskap_guest` cookie and resolves to the browser's SessionInfo.
 *
 * @example response.status(201).json(await startGuestSession(deps, response, { role: 'participant', workshopId, linkId: link.id, participant }))
 */
export async function startGuestSession(
  deps: SessionDeps,
  response: Response,
  guest: NewGuestSession,
): Promise<SessionInfo> {
  const current = requestAccess(response)
  if (current.guest !== null) await endReplacedSession(deps, current.guest.session)
  const session = await createSession(deps, response, 'guest', {
    role: guest.role,
    facilitatorId: null,
    workshopId: guest.workshopId,
    linkId: guest.linkId,
    participantId: guest.participant?.id ?? null,
  })
  const access = { ...current, guest: { session, participant: guest.participant } }
  setRequestAccess(response, access)
  return sessionInfo(deps, access)
}

/** Ends the browser's facilitator session (store and cookie); resolves to the ended session, if any. */
export async function endFacilitatorSession(deps: SessionDeps, response: Response): Promise<StoredSession | null> {
  const current = requestAccess(response)
  clearSessionCookie(response, 'facilitator', deps.config)
  if (current.facilitator === null) return null
  await deps.access.deleteSession(current.facilitator.session.idHash)
  setRequestAccess(response, { ...current, facilitator: null })
  return current.facilitator.session
}

/** Ends the browser's guest session (store and cookie); resolves to the ended session, if any. */
export async function endGuestSession(deps: SessionDeps, response: Response): Promise<StoredSession | null> {
  const current = requestAccess(response)
  clearSessionCookie(response, 'guest', deps.config)
  if (current.guest === null) return null
  await deps.access.deleteSession(current.guest.session.idHash)
  setRequestAccess(response, { ...current, guest: null })
  return current.guest.session
}

/** The SessionInfo (`GET /api/session`) of a request's sessions. */
export async function sessionInfo(deps: Pick<SessionDeps, 'access'>, access: RequestAccess): Promise<SessionInfo> {
  const { facilitator, guest } = access
  return {
    facilitator:
      facilitator === null
        ? null
        : {
            facilitatorId: facilitator.account.id,
            email: facilitator.account.email,
            displayName: facilitator.account.displayName,
            color: facilitator.account.color,
            csrfToken: facilitator.session.csrfToken,
          },
    guest:
      guest === null || guest.session.workshopId === null || guest.session.role === 'facilitator'
        ? null
        : {
            role: guest.session.role,
            workshopId: guest.session.workshopId,
            participantId: guest.participant?.id ?? null,
            displayName: guest.participant?.displayName ?? null,
            affiliation: guest.participant?.affiliation ?? null,
            color: guest.participant?.color ?? null,
            csrfToken: guest.session.csrfToken,
          },
    setupRequired: (await deps.access.countFacilitators()) === 0,
  }
}

/**
 * The browser's cookie will name the new session, so the old one can never be
 * used again: its row goes, and so do its open board sockets (4410), which
 * would otherwise keep the old role, or the old workshop, for as long as they
 * stay open.
 */
async function endReplacedSession(deps: SessionDeps, session: StoredSession): Promise<void> {
  await deps.access.deleteSession(session.idHash)
  deps.live.endSockets({ sessionIdHash: session.idHash }, CloseCode.sessionEnded)
}

type SessionFields = Pick<StoredSession, 'role' | 'facilitatorId' | 'workshopId' | 'linkId' | 'participantId'>

async function createSession(
  deps: SessionDeps,
  response: Response,
  kind: 'facilitator' | 'guest',
  fields: SessionFields,
): Promise<StoredSession> {
  const sessionId = newSecret()
  const createdAt = deps.now()
  const session: StoredSession = {
    ...fields,
    idHash: hashSecret(sessionId),
    csrfToken: newSecret(),
    createdAt,
    expiresAt: createdAt + sessionLifetimeMs[kind],
  }
  await deps.access.createSession(session)
  setSessionCookie(response, kind, sessionId, deps.config)
  return session
}
