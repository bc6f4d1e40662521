import type { Request, RequestHandler, Response } from 'express'
import type { Role } from '../../../shared/src/schema/access.ts'
import type { Workshop } from '../../../shared/src/schema/workshop.ts'
import type { Config } from '../config.ts'
import { csrfTokenInvalid, facilitatorsOnly, notSignedIn, wrongWorkshop } from '../errors.ts'
import type { AccessStore, FacilitatorAccount, Participant, StoredSession } from '../store/AccessStore.ts'
import { hashSecret, sameSecret } from './secrets.ts'
import { clearSessionCookie, sessionCookies, type SessionKind } from './sessionCookies.ts'

// Who is asking: the facilitator and guest sessions of a request, resolved once
// by accessMiddleware, and the checks routes run on them (role, workshop, CSRF).

export interface FacilitatorAccess {
  session: StoredSession
  account: FacilitatorAccount
}

export interface GuestAccess {
  session: StoredSession
  /** Null for observers. */
  participant: Participant | null
}

/** The valid sessions a request carries; either, both or neither. */
export interface RequestAccess {
  facilitator: FacilitatorAccess | null
  guest: GuestAccess | null
}

export interface WorkshopAccess {
  role: Role
  /** Set when the role comes from a facilitator session. */
  facilitator: FacilitatorAccess | null
  /** Set when the role comes from a guest session in this workshop. */
  guest: GuestAccess | null
}

export interface AccessMiddlewareDeps {
  access: AccessStore
  config: Pick<Config, 'publicUrl'>
  now: () => number
}

const unsafeMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])

/**
 * Resolves the request's session cookies into `response.locals.access`. A
 * cookie naming an unknown or expired session (or one of the wrong kind) is
 * treated as absent and cleared, so the browser stops sending it.
 */
export function accessMiddleware(deps: AccessMiddlewareDeps): RequestHandler {
  return async (request, response, next) => {
    const ids = sessionCookies(request.headers)
    const access = await resolveSessions(deps.access, ids, deps.now())
    if (ids.facilitator !== null && access.facilitator === null) clearSessionCookie(response, 'facilitator', deps.config)
    if (ids.guest !== null && access.guest === null) clearSessionCookie(response, 'guest', deps.config)
    setRequestAccess(response, access)
    next()
  }
}

/** The valid sessions behind the session ids of a request's cookies (HTTP requests and socket upgrades alike). */
export async function resolveSessions(
  store: AccessStore,
  ids: Record<SessionKind, string | null>,
  now: number,
): Promise<RequestAccess> {
  const [facilitator, guest] = await Promise.all([
    ids.facilitator === null ? null : resolveFacilitator(store, ids.facilitator, now),
    ids.guest === null ? null : resolveGuest(store, ids.guest, now),
  ])
  return { facilitator, guest }
}

/** The sessions accessMiddleware found (both null on a route it does not cover). */
export function requestAccess(response: Response): RequestAccess {
  const access: unknown = response.locals['access']
  return isRequestAccess(access) ? access : { facilitator: null, guest: null }
}

/** Replaces the request's sessions (after signing in or out, so the answer describes the new state). */
export function setRequestAccess(response: Response, access: RequestAccess): void {
  response.locals['access'] = access
}

/**
 * The signed-in facilitator, or throws: 401 `not_signed_in` without any
 * session, 403 `facilitators_only` for a participant or observer, 403
 * `csrf_token_invalid` for a changing request without the session's token.
 */
export function requireFacilitator(request: Request, response: Response): FacilitatorAccess {
  const access = requestAccess(response)
  if (access.facilitator === null) throw access.guest === null ? notSignedIn() : facilitatorsOnly()
  requireCsrfToken(request, access)
  return access.facilitator
}

/**
 * The asker's role in `workshop`: any facilitator is a facilitator there (they
 * are the installation's staff); otherwise the guest session's role when it
 * belongs to this workshop. Throws 401 `not_signed_in`, 403 `wrong_workshop`,
 * or 403 `csrf_token_invalid` (changing requests).
 */
export function requireWorkshopRole(
  request: Request,
  response: Response,
  workshop: Pick<Workshop, 'id'>,
): WorkshopAccess {
  const access = requestAccess(response)
  let result: WorkshopAccess
  if (access.facilitator !== null) {
    result = { role: 'facilitator', facilitator: access.facilitator, guest: null }
  } else if (access.guest !== null) {
    if (access.guest.session.workshopId !== workshop.id) throw wrongWorkshop()
    result = { role: guestRole(access.guest.session), facilitator: null, guest: access.guest }
  } else {
    throw notSignedIn()
  }
  requireCsrfToken(request, access)
  return result
}

/**
 * For changing methods: the `X-CSRF-Token` header must equal the CSRF token of
 * a session this request carries. Either session's token will do: each proves
 * the request comes from a page of ours that read GET /api/session, which a
 * foreign site cannot, and the client need not pick which one to send.
 */
export function requireCsrfToken(request: Request, access: RequestAccess): void {
  if (!unsafeMethods.has(request.method)) return
  const given = request.get('x-csrf-token')
  const expected = [access.facilitator?.session.csrfToken, access.guest?.session.csrfToken]
  const valid = given !== undefined && expected.some((token) => token !== undefined && sameSecret(given, token))
  if (!valid) throw csrfTokenInvalid()
}

async function resolveFacilitator(store: AccessStore, sessionId: string, now: number): Promise<FacilitatorAccess | null> {
  const session = await store.getSession(hashSecret(sessionId), now)
  if (session?.role !== 'facilitator' || session.facilitatorId === null) return null
  const account = await store.getFacilitator(session.facilitatorId)
  // Deactivating deletes the account's sessions; one that started meanwhile is no session either.
  return account === null || account.deactivatedAt != null ? null : { session, account }
}

async function resolveGuest(store: AccessStore, sessionId: string, now: number): Promise<GuestAccess | null> {
  const session = await store.getSession(hashSecret(sessionId), now)
  if (session === null || session.role === 'facilitator' || session.workshopId === null) return null
  if (session.role === 'observer') return { session, participant: null }
  const participant = session.participantId === null ? null : await store.getParticipant(session.participantId)
  return participant === null ? null : { session, participant }
}

function guestRole(session: StoredSession): Role {
  return session.role === 'participant' ? 'participant' : 'observer'
}

function isRequestAccess(value: unknown): value is RequestAccess {
  return typeof value === 'object' && value !== null && 'facilitator' in value && 'guest' in value
}
