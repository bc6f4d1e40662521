import type { IncomingHttpHeaders } from 'node:http'
import { parseCookie } from 'cookie'
import type { Response } from 'express'
import type { Config } from '../config.ts'

// The two session cookies: a facilitator's and a guest's (participant or
// observer, one workshop at a time). A browser may hold both.

export const facilitatorCookieName = 'samskap_facilitator'
export const guestCookieName = 'samskap_guest'

export type SessionKind = 'facilitator' | 'guest'

export const sessionLifetimeMs: Record<SessionKind, number> = {
  facilitator: 12 * 60 * 60 * 1000,
  guest: 24 * 60 * 60 * 1000,
}

const cookieNames: Record<SessionKind, string> = { facilitator: facilitatorCookieName, guest: guestCookieName }

/** The session ids the request's Cookie header carries (not yet checked against the store). */
export function sessionCookies(headers: IncomingHttpHeaders): Record<SessionKind, string | null> {
  const cookies = headers.cookie === undefined ? {} : parseCookie(headers.cookie)
  const read = (name: string): string | null => {
    const value = cookies[name]
    // Our ids are 43 base64url characters; anything else cannot be ours and is not looked up.
    return value !== undefined && /^[A-Za-z0-9_-]{43}$/.test(value) ? value : null
  }
  return { facilitator: read(facilitatorCookieName), guest: read(guestCookieName) }
}

/** Sets the session cookie: httpOnly, SameSite=Lax, Path=/, Secure when the app is served over https. */
export function setSessionCookie(
  response: Response,
  kind: SessionKind,
  sessionId: string,
  config: Pick<Config, 'publicUrl'>,
): void {
  response.cookie(cookieNames[kind], sessionId, {
    ...cookieAttributes(config),
    maxAge: sessionLifetimeMs[kind],
  })
}

export function clearSessionCookie(response: Response, kind: SessionKind, config: Pick<Config, 'publicUrl'>): void {
  response.clearCookie(cookieNames[kind], cookieAttributes(config))
}

function cookieAttributes(config: Pick<Config, 'publicUrl'>) {
  return {
    httpOnly: true,
    sameSite: 'lax' as const,
    path: '/',
    secure: config.publicUrl.startsWith('https:'),
  }
}
