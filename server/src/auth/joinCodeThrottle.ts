import type { Response } from 'express'
import { createMemoryGuessCounter, type GuessBucket, type GuessCounter, type GuessRule } from './guessCounter.ts'
import { addressGroup } from './addressGroup.ts'
import { refuseWhileWaiting } from './guessRefusal.ts'

// Which guesses at a workshop's join code are checked, and when (auth/SPEC.md A7a). A join code is
// a second secret on a workshop link that may have been passed on too far; 4–12 letters or digits
// must not be found by trying. Each guess counts against the link, from wherever it comes, and
// against the address it comes from. Like sign-in, no bucket ever locks: it slows down. A room of
// participants behind one school's or town hall's address who mistype more than the free failures
// waits a minute at most, and the right code gets in as soon as the wait is over.

const minute = 60_000
const day = 24 * 60 * minute

/**
 * The budgets. A link, from all addresses together: 50 failures at once (a full room mistyping at
 * the start), then waits of 1, 2, 4 … 32 seconds, then one guess a minute: about 1,500 a day,
 * against at least 36^4 (1.7 million) codes. An address: 20 failures at once, then the same waits.
 * Each bucket forgets its failures after a day without any.
 */
export const joinCodeRules = {
  link: { freeFailures: 50, firstDelayMs: 1000, maxDelayMs: minute, forgetAfterMs: day },
  address: { freeFailures: 20, firstDelayMs: 1000, maxDelayMs: minute, forgetAfterMs: day },
} satisfies Record<string, GuessRule>

/** One guess at a join code: the link it was sent to and the client's address (request.ip). */
export interface JoinCodeGuess {
  linkId: string
  address: string
}

export interface JoinCodeThrottle {
  /**
   * 0 when the guess may be checked, which then counts as a failure until `succeeded`;
   * otherwise the seconds until one may (and nothing is counted). `now` is the server's clock.
   */
  begin(guess: JoinCodeGuess, now: number): Promise<number>
  /** The code was right: its guess is given back; the others' failures stay. */
  succeeded(guess: JoinCodeGuess): Promise<void>
}

/** The join-code throttle over `counter` (Redis for several instances; by default this instance's memory). */
export function createJoinCodeThrottle(counter: GuessCounter = createMemoryGuessCounter()): JoinCodeThrottle {
  return {
    async begin(guess, now) {
      return Math.ceil((await counter.take(bucketsOf(guess), now)) / 1000)
    },
    succeeded: (guess) => counter.giveBack(bucketsOf(guess)),
  }
}

/**
 * Counts a guess at a join code before it is checked, or refuses it with 429 `too_many_attempts`
 * and Retry-After, the same whether the code was right or not.
 */
export async function beginJoinCodeGuess(throttle: JoinCodeThrottle, guess: JoinCodeGuess, now: number, response: Response): Promise<void> {
  refuseWhileWaiting(await throttle.begin(guess, now), response)
}

function bucketsOf({ linkId, address }: JoinCodeGuess): GuessBucket[] {
  return [
    { key: `link:${linkId}`, rule: joinCodeRules.link },
    { key: `address:${addressGroup(address)}`, rule: joinCodeRules.address },
  ]
}
