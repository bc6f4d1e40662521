import type { Response } from 'express'
import { createMemoryGuessCounter, type GuessBucket, type GuessCounter, type GuessRule } from './guessCounter.ts'
import { addressGroup } from './addressGroup.ts'
import { refuseWhileWaiting } from './guessRefusal.ts'
import { hashSecret } from './secrets.ts'
import type { TrustedDevice } from './trustedDevices.ts'

// Which guesses at a facilitator's password are checked, and when (auth/SPEC.md A3, A3a, A3b).
// A sign-in from a browser the account trusts (a valid device cookie) counts only in that
// browser's own bucket: nobody else's failures hold it back. Every other sign-in counts in
// the account's bucket, shared by all untrusted clients wherever they are, and in its address's
// bucket. No bucket ever locks: each slows down, with the budgets below.

const minute = 60_000
const day = 24 * 60 * minute

/**
 * The budgets. An account, for all untrusted clients together: 5 guesses at once, then after 1,
 * 3, 7 and 15 minutes, then one every 15 minutes: 9 in the first quarter hour and 4 an hour
 * after that (about 100 a day), whatever the number of addresses they come from. A trusted
 * browser: the same, on its own. An address: 30 failures at once, then waits of 1, 2, 4 … 32
 * seconds, then one a minute: an address is often a whole municipality behind one NAT (or,
 * for IPv6, a /64 network), where a few facilitators mistype far fewer than 30 times a day and
 * someone guessing across many accounts must not make everyone else wait more than a minute.
 * Each bucket forgets its failures after a day without any.
 */
export const signInRules = {
  account: { freeFailures: 5, firstDelayMs: minute, maxDelayMs: 15 * minute, forgetAfterMs: day },
  device: { freeFailures: 5, firstDelayMs: minute, maxDelayMs: 15 * minute, forgetAfterMs: day },
  address: { freeFailures: 30, firstDelayMs: 1000, maxDelayMs: minute, forgetAfterMs: day },
} satisfies Record<string, GuessRule>

/** One sign-in attempt, as the throttle sees it. */
export interface SignInAttempt {
  /** The lower-cased email it names (whether or not an account has it). */
  email: string
  /** The client's address (request.ip). */
  address: string
  /** The browser's device, when its cookie is valid for the account the email names. */
  device: TrustedDevice | null
}

export interface SignInThrottle {
  /**
   * 0 when the attempt may be checked, which then counts as a failure until `succeeded`;
   * otherwise the seconds until it may (and nothing is counted). `now` is the server's clock.
   */
  begin(attempt: SignInAttempt, now: number): Promise<number>
  /**
   * The password was right: a trusted browser's failures are forgotten; an untrusted attempt is
   * given back, and the account's other failures stay (they may be an attacker's, who must not
   * get a fresh budget because its owner signed in).
   */
  succeeded(attempt: SignInAttempt): Promise<void>
}

/** The sign-in throttle over `counter` (Redis for several instances; by default this instance's memory). */
export function createSignInThrottle(counter: GuessCounter = createMemoryGuessCounter()): SignInThrottle {
  return {
    async begin(attempt, now) {
      const waitMs = await counter.take(bucketsOf(attempt), now)
      return Math.ceil(waitMs / 1000)
    },
    async succeeded(attempt) {
      const buckets = bucketsOf(attempt)
      await (attempt.device === null ? counter.giveBack(buckets) : counter.forget(buckets))
    },
  }
}

/**
 * Counts a sign-in attempt before its password is checked, or refuses it with 429
 * `too_many_attempts` and Retry-After, the same whether the password was right or not.
 */
export async function beginSignIn(throttle: SignInThrottle, attempt: SignInAttempt, now: number, response: Response): Promise<void> {
  refuseWhileWaiting(await throttle.begin(attempt, now), response)
}

/**
 * A signed-in session checking its password again (to change it) counts as a trusted browser,
 * in a bucket of its own: an attacker's guesses at the account do not stop its owner from
 * changing the password, and a session left open on a shared computer gets no more tries than
 * a trusted browser does.
 */
export function sessionDevice(session: { idHash: string }): TrustedDevice {
  return { deviceId: `session-${session.idHash}` }
}

function bucketsOf({ email, address, device }: SignInAttempt): GuessBucket[] {
  if (device !== null) return [{ key: `device:${device.deviceId}`, rule: signInRules.device }]
  return [
    // Hashed, so that the shared counts do not hold email addresses.
    { key: `account:${hashSecret(email)}`, rule: signInRules.account },
    { key: `address:${addressGroup(address)}`, rule: signInRules.address },
  ]
}
