// Counting guesses (sign-in passwords) with growing delays instead of a lockout.
// Each bucket (an account, a trusted browser, an address) keeps how many of its
// guesses failed and when the last one was counted. Its first `freeFailures`
// guesses go at once; after that each further guess waits for a delay that
// doubles with every failure, up to `maxDelayMs`. A bucket with no guess for
// `forgetAfterMs` starts again at nothing.
//
// A guess is counted as a failure before it is checked, and given back when it
// was right: were it counted after the check, guesses sent all at once would all
// be checked before the first failure was counted. Time is always passed in
// (the server's clock), so tests move it instead of waiting.

/** How one kind of bucket slows guesses down. */
export interface GuessRule {
  /** Failures that cost no waiting. */
  freeFailures: number
  /** The wait after the first failure beyond the free ones; it doubles with each further failure. */
  firstDelayMs: number
  /** The longest wait: from then on, one guess per `maxDelayMs`. */
  maxDelayMs: number
  /** A bucket left alone this long forgets its failures. */
  forgetAfterMs: number
}

/** One count a guess is made against: the key names what is guessed at or from, the rule how it slows down. */
export interface GuessBucket {
  key: string
  rule: GuessRule
}

/** What a bucket remembers. */
export interface BucketState {
  /** Guesses counted (and not given back). */
  failures: number
  /** When the last one was counted (ms). */
  lastAt: number
}

export interface GuessCounter {
  /**
   * Counts a guess in every bucket if each of them is open at `now`, and resolves to 0; otherwise
   * counts nothing and resolves to the milliseconds until all of them are open. One step, also
   * across instances, so that guesses sent at once cannot all pass.
   */
  take(buckets: readonly GuessBucket[], now: number): Promise<number>
  /** The guess was right: one failure is given back in each bucket (its wait stays measured from the last guess). */
  giveBack(buckets: readonly GuessBucket[]): Promise<void>
  /** Forgets the buckets' failures altogether. */
  forget(buckets: readonly GuessBucket[]): Promise<void>
}

/** The wait after `failures` counted failures, before the next guess. */
export function waitAfter(rule: GuessRule, failures: number): number {
  if (failures < rule.freeFailures) return 0
  // The exponent is bounded so that a long-running attack cannot overflow it; the cap is reached long before.
  const doublings = Math.min(failures - rule.freeFailures, 40)
  return Math.min(rule.firstDelayMs * 2 ** doublings, rule.maxDelayMs)
}

/** Milliseconds from `now` until `state` lets a guess through (0 when it does); a forgotten state is open. */
export function msUntilOpen(rule: GuessRule, state: BucketState | null, now: number): number {
  if (state === null || now - state.lastAt >= rule.forgetAfterMs) return 0
  return Math.max(0, state.lastAt + waitAfter(rule, state.failures) - now)
}

/**
 * The counter of one server instance, in memory: the default without Redis, and each instance's
 * own count while Redis is down. Buckets that have been forgotten are dropped as it goes.
 */
export function createMemoryGuessCounter(): GuessCounter {
  const states = new Map<string, BucketState & { rule: GuessRule }>()
  let takenSinceSweep = 0
  const current = (bucket: GuessBucket, now: number): BucketState | null => {
    const state = states.get(bucket.key) ?? null
    return state !== null && now - state.lastAt < bucket.rule.forgetAfterMs ? state : null
  }
  const sweep = (now: number): void => {
    for (const [key, state] of states) if (now - state.lastAt >= state.rule.forgetAfterMs) states.delete(key)
  }
  return {
    take(buckets, now) {
      const wait = Math.max(0, ...buckets.map((bucket) => msUntilOpen(bucket.rule, current(bucket, now), now)))
      if (wait > 0) return Promise.resolve(wait)
      for (const bucket of buckets) {
        const failures = (current(bucket, now)?.failures ?? 0) + 1
        states.set(bucket.key, { failures, lastAt: now, rule: bucket.rule })
      }
      if (++takenSinceSweep >= 1000) {
        takenSinceSweep = 0
        sweep(now)
      }
      return Promise.resolve(0)
    },
    giveBack(buckets) {
      for (const bucket of buckets) {
        const state = states.get(bucket.key)
        if (state !== undefined && state.failures > 0) state.failures -= 1
      }
      return Promise.resolve()
    },
    forget(buckets) {
      for (const bucket of buckets) states.delete(bucket.key)
      return Promise.resolve()
    },
  }
}
