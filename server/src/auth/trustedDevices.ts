import { createHmac, randomBytes } from 'node:crypto'
import { parseCookie } from 'cookie'
import type { Request, Response } from 'express'
import type { Config } from '../config.ts'
import type { FacilitatorCredential } from '../store/AccessStore.ts'
import { sameSecret } from './secrets.ts'

// Device cookies (OWASP, "Slow down online guessing attacks with device cookies"):
// a browser in which a facilitator signed in gets a cookie naming that account,
// and signing in from it again is counted apart from everyone else's guesses at
// the account, so an attacker elsewhere cannot keep the facilitator out.
//
// The cookie is `<facilitator id>.<issued at, base 36>.<device id>.<MAC>`, the MAC
// an HMAC-SHA256 keyed with the account's stored password hash. So nothing needs
// storing, only a server that holds the hash can make one, and every device
// cookie of an account dies the moment its password hash changes (a new password
// always gets a new salt): setting a password is how trust is taken back.

export const deviceCookieName = 'samskap_device'

/** How long a browser stays trusted after its last sign-in (each sign-in renews it). */
export const deviceCookieLifetimeMs = 180 * 24 * 60 * 60 * 1000

/** A browser the account trusts: its device id names its own guess bucket. */
export interface TrustedDevice {
  deviceId: string
}

/** The part of a password credential a device cookie is bound to. */
export type DeviceBinding = Pick<FacilitatorCredential, 'facilitatorId' | 'secret'>

/**
 * Trusts the browser of `response` for the account of `credential`: a device cookie (httpOnly,
 * SameSite=Strict, sent only to the sign-in route, Secure behind https) valid from `now`,
 * replacing the one it had, for the same `device` when it had a valid one. Call after a
 * sign-in, and after setting a password for the browser that set it.
 */
export function trustBrowser(
  response: Response,
  credential: DeviceBinding,
  now: number,
  config: Pick<Config, 'publicUrl'>,
  device: TrustedDevice | null = null,
): void {
  if (credential.secret === null) return
  const deviceId = device?.deviceId ?? randomBytes(16).toString('base64url')
  const claim = `${credential.facilitatorId}.${now.toString(36)}.${deviceId}`
  response.cookie(deviceCookieName, `${claim}.${mac(credential.secret, claim)}`, {
    httpOnly: true,
    sameSite: 'strict',
    path: '/api/auth/login',
    secure: config.publicUrl.startsWith('https:'),
    maxAge: deviceCookieLifetimeMs,
  })
}

/**
 * The device the request's cookie names, when the cookie was made for the account of
 * `credential` with its current password hash and has not expired at `now`; otherwise null
 * (no cookie, another account's, forged, expired, or from before the password changed).
 */
export function trustedDevice(request: Request, credential: DeviceBinding | null, now: number): TrustedDevice | null {
  if (credential === null || credential.secret === null) return null
  const value = request.headers.cookie === undefined ? undefined : parseCookie(request.headers.cookie)[deviceCookieName]
  const parts = value?.split('.') ?? []
  if (parts.length !== 4) return null
  const [facilitatorId = '', issuedAt36 = '', deviceId = '', given = ''] = parts
  const issuedAt = parseInt(issuedAt36, 36)
  if (facilitatorId !== credential.facilitatorId || !/^[0-9a-z]{1,12}$/.test(issuedAt36)) return null
  // A few minutes ahead are allowed for instances whose clocks differ a little.
  if (!(issuedAt - now < 5 * 60_000 && now - issuedAt < deviceCookieLifetimeMs)) return null
  if (!sameSecret(given, mac(credential.secret, `${facilitatorId}.${issuedAt36}.${deviceId}`))) return null
  return { deviceId }
}

function mac(passwordHash: string, claim: string): string {
  return createHmac('sha256', passwordHash).update(`samskap trusted device\n${claim}`).digest('base64url')
}
