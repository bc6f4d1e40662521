import type { ConnectionBudgets } from '../config.ts'

/**
 * A token bucket: `ratePerSecond` tokens flow in, up to `burst`; taking more than there are is
 * refused and takes nothing.
 */
export class TokenBucket {
  readonly #rate: number
  readonly #burst: number
  #tokens: number
  #at: number

  constructor(ratePerSecond: number, burst: number, now: number) {
    this.#rate = ratePerSecond
    this.#burst = burst
    this.#tokens = burst
    this.#at = now
  }

  /** The share of the burst left, from 0 to 1. */
  level(now: number): number {
    this.#refill(now)
    return this.#tokens / this.#burst
  }

  take(amount: number, now: number): boolean {
    this.#refill(now)
    if (amount > this.#tokens) return false
    this.#tokens -= amount
    return true
  }

  #refill(now: number): void {
    if (now <= this.#at) return
    this.#tokens = Math.min(this.#burst, this.#tokens + ((now - this.#at) / 1000) * this.#rate)
    this.#at = now
  }
}

/** What the budget says about a frame. */
export type BudgetVerdict = 'pass' | 'refuse' | 'close'

/** Seconds of the sustained rate a burst may use at once. */
const burstSeconds = 2
/** A single update may be this large whatever the byte rate (a pasted board fits; frames are capped anyway). */
const minByteBurst = 4 * 1024 * 1024
/** Refusals for going over budget a socket may collect (one more each second) before it is closed: it is not slowing down. */
const maxOverBudget = 100

/**
 * What one board socket may send. An honest person never meets it: tldraw writes at most once
 * per animation frame, a pasted hundred notes is one update, and cursors are sent at most every
 * 50 ms. Over budget, presence goes first (dropped, not relayed, once the update budget runs low
 * or the presence budget is spent), then updates are refused (the client sends them again when
 * it resyncs), and a socket that keeps going is closed (4413). Checked before a frame is
 * decoded, so a flood costs the relay next to nothing.
 */
export class ConnectionBudget {
  readonly #updates: TokenBucket
  readonly #bytes: TokenBucket
  readonly #presence: TokenBucket
  /** Refusals it may still earn before it is closed. */
  readonly #strikes: TokenBucket

  constructor(budgets: ConnectionBudgets, now: number) {
    this.#updates = new TokenBucket(budgets.updatesPerSecond, budgets.updatesPerSecond * burstSeconds, now)
    this.#bytes = new TokenBucket(
      budgets.updateBytesPerSecond,
      Math.max(minByteBurst, budgets.updateBytesPerSecond * burstSeconds),
      now,
    )
    this.#presence = new TokenBucket(budgets.presencePerSecond, budgets.presencePerSecond * burstSeconds, now)
    this.#strikes = new TokenBucket(1, maxOverBudget, now)
  }

  /** An update message of `bytes` bytes. */
  update(bytes: number, now: number): BudgetVerdict {
    if (this.#updates.take(1, now) && this.#bytes.take(bytes, now)) return 'pass'
    return this.#strikes.take(1, now) ? 'refuse' : 'close'
  }

  /** A presence frame: dropped when its own budget is spent or the update budget is running low. */
  presence(now: number): boolean {
    if (this.#updates.level(now) < 0.25) return false
    return this.#presence.take(1, now)
  }
}
