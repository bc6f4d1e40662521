import type { Response } from 'express'
import { RateLimiterMemory } from 'rate-limiter-flexible'
import { tooManyAttempts } from '../errors.ts'

// Throttling of guesses (passwords, join codes): failures are counted per
// account (an email, a workshop) and per client address, and further attempts
// are refused for the rest of the window once either count is reached.
// Behind this interface so that several server instances can share counts in
// Redis later (rate-limiter-flexible's RateLimiterRedis has the same calls).

/** What an attempt is counted against. */
export interface AttemptKeys {
  /** What is being guessed at: the lower-cased email, or the workshop. */
  account: string
  /** The client's address. */
  ip: string
}

export interface AttemptThrottle {
  /** 0 when an attempt may go ahead; otherwise the seconds until it may. */
  secondsToWait(keys: AttemptKeys): Promise<number>
  recordFailure(keys: AttemptKeys): Promise<void>
  /** Forgets the account's failures (not the address's: one address trying many accounts stays counted). */
  recordSuccess(keys: AttemptKeys): Promise<void>
}

export interface ThrottleLimits {
  perAccount: { failures: number; windowSeconds: number }
  perIp: { failures: number; windowSeconds: number }
}

/** Sign-ins: 5 failures per email and 20 per address in 15 minutes. */
export const loginLimits: ThrottleLimits = {
  perAccount: { failures: 5, windowSeconds: 15 * 60 },
  perIp: { failures: 20, windowSeconds: 15 * 60 },
}

/** The in-process throttle (one server instance). rate-limiter-flexible reads the clock with Date.now(). */
export function createMemoryAttemptThrottle(limits: ThrottleLimits = loginLimits): AttemptThrottle {
  const perAccount = new RateLimiterMemory({
    keyPrefix: 'account',
    points: limits.perAccount.failures,
    duration: limits.perAccount.windowSeconds,
  })
  const perIp = new RateLimiterMemory({
    keyPrefix: 'ip',
    points: limits.perIp.failures,
    duration: limits.perIp.windowSeconds,
  })
  const waitMs = async (limiter: RateLimiterMemory, points: number, key: string): Promise<number> => {
    const counted = await limiter.get(key)
    // An elapsed window leaves a record with a negative wait until the library's timer removes it.
    return counted !== null && counted.consumedPoints >= points ? Math.max(0, counted.msBeforeNext) : 0
  }
  return {
    async secondsToWait(keys) {
      const waits = await Promise.all([
        waitMs(perAccount, limits.perAccount.failures, keys.account),
        waitMs(perIp, limits.perIp.failures, keys.ip),
      ])
      return Math.ceil(Math.max(...waits) / 1000)
    },
    async recordFailure(keys) {
      await Promise.all([perAccount.penalty(keys.account, 1), perIp.penalty(keys.ip, 1)])
    },
    async recordSuccess(keys) {
      await perAccount.delete(keys.account)
    },
  }
}

/**
 * Refuses the request with 429 `too_many_attempts` and a Retry-After header
 * while `keys` are throttled; call before checking the guess.
 */
export async function refuseWhileThrottled(throttle: AttemptThrottle, keys: AttemptKeys, response: Response): Promise<void> {
  const seconds = await throttle.secondsToWait(keys)
  if (seconds <= 0) return
  response.set('Retry-After', String(seconds))
  throw tooManyAttempts(seconds)
}
