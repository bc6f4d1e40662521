import type { Response } from 'express'
import type { Redis } from 'ioredis'
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible'
import { tooManyAttempts } from '../errors.ts'

// Throttling of join-code guesses: failures are counted per workshop link and
// per client address, and further attempts are refused for the rest of the
// window once either count is reached. (Passwords have their own throttle, with
// growing delays and trusted browsers: signInThrottle.ts.)
// An attempt is counted before its guess is checked and given back when the
// guess was right: were it counted after the check, guesses sent all at once
// would all be checked before the first failure was counted.
// Several server instances share the counts in Redis (rate-limiter-flexible's
// RateLimiterRedis, whose consume is one atomic script), so that guessing
// against each instance in turn gets no more tries than against one.

/** What an attempt is counted against. */
export interface AttemptKeys {
  /** What is being guessed at: the workshop link. */
  account: string
  /** The client's address. */
  ip: string
}

export interface AttemptThrottle {
  /**
   * 0 when an attempt may go ahead, which is then counted as a failure until
   * `succeeded`; otherwise the seconds until one may (and nothing is counted).
   */
  begin(keys: AttemptKeys): Promise<number>
  /**
   * The attempt's guess was right, so it does not count. With `forgetFailures`
   * the account's earlier failures are forgotten too (not the address's: one
   * address trying many accounts stays counted).
   */
  succeeded(keys: AttemptKeys, options: { forgetFailures: boolean }): Promise<void>
}

export interface ThrottleLimits {
  perAccount: { failures: number; windowSeconds: number }
  perIp: { failures: number; windowSeconds: number }
}

/** The in-process throttle (one server instance). rate-limiter-flexible reads the clock with Date.now(). */
export function createMemoryAttemptThrottle(limits: ThrottleLimits): AttemptThrottle {
  return throttleWith(
    new RateLimiterMemory({ keyPrefix: 'account', points: limits.perAccount.failures, duration: limits.perAccount.windowSeconds }),
    new RateLimiterMemory({ keyPrefix: 'ip', points: limits.perIp.failures, duration: limits.perIp.windowSeconds }),
  )
}

/**
 * The throttle every instance shares, counting in Redis under `<prefix>:account:…` and `<prefix>:ip:…`
 * (e.g. `samskap:throttle:join`). While
 * Redis cannot be reached each instance counts on its own (rate-limiter-flexible's insurance
 * limiter), so sign-in keeps working and guesses stay limited, per instance, until it is back.
 */
export function createRedisAttemptThrottle(redis: Redis, prefix: string, limits: ThrottleLimits): AttemptThrottle {
  const shared = (kind: 'account' | 'ip', { failures, windowSeconds }: ThrottleLimits['perAccount']) =>
    new RateLimiterRedis({
      storeClient: redis,
      keyPrefix: `${prefix}:${kind}`,
      points: failures,
      duration: windowSeconds,
      insuranceLimiter: new RateLimiterMemory({ keyPrefix: `${prefix}:${kind}`, points: failures, duration: windowSeconds }),
    })
  return throttleWith(shared('account', limits.perAccount), shared('ip', limits.perIp))
}

function throttleWith(perAccount: RateLimiterAbstract, perIp: RateLimiterAbstract): AttemptThrottle {
  /** Gives one point back, unless the window it was taken in has passed (a new window starts at nothing). */
  const giveBack = async (limiter: RateLimiterAbstract, key: string): Promise<void> => {
    const counted = await limiter.get(key)
    if (counted !== null && counted.msBeforeNext > 0 && counted.consumedPoints > 0) await limiter.reward(key, 1)
  }
  return {
    async begin(keys) {
      // consume() counts and compares in one step, so attempts made at once cannot all pass.
      const taken = await Promise.allSettled([perAccount.consume(keys.account), perIp.consume(keys.ip)])
      const waits = taken.map((result) => {
        if (result.status === 'fulfilled') return 0
        if (result.reason instanceof RateLimiterRes) return Math.max(1, result.reason.msBeforeNext)
        throw result.reason
      })
      if (waits.every((wait) => wait === 0)) return 0
      // A refused attempt is not made: it takes nothing from either count (consume counts even when it refuses).
      await Promise.all([giveBack(perAccount, keys.account), giveBack(perIp, keys.ip)])
      return Math.ceil(Math.max(...waits) / 1000)
    },
    async succeeded(keys, { forgetFailures }) {
      await Promise.all([
        forgetFailures ? perAccount.delete(keys.account) : giveBack(perAccount, keys.account),
        giveBack(perIp, keys.ip),
      ])
    },
  }
}

/**
 * Counts an attempt before its guess is checked, or refuses the request with
 * 429 `too_many_attempts` and a Retry-After header while `keys` are
 * throttled. A wrong guess then needs nothing more; call the throttle's
 * `succeeded` for a right one.
 */
export async function beginAttempt(throttle: AttemptThrottle, keys: AttemptKeys, response: Response): Promise<void> {
  const seconds = await throttle.begin(keys)
  if (seconds <= 0) return
  response.set('Retry-After', String(seconds))
  throw tooManyAttempts(seconds)
}
