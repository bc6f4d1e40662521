import type { Redis } from 'ioredis'
import { createMemoryGuessCounter, type GuessBucket, type GuessCounter } from '../auth/guessCounter.ts'

// The guess counter every instance shares: each bucket a Redis hash (`n` failures, `t` the last
// guess's time on the caller's clock) under `<prefix>:<key>`. Checking every bucket and counting
// in all of them is one script, so guesses sent at once to several instances cannot all pass.
// Redis's own expiry only clears buckets away; whether a bucket has been forgotten is decided on
// the caller's clock, the same one the delays are measured on.

/** KEYS: the buckets. ARGV: now, then per bucket free failures, first delay, longest delay, forget after. */
const takeScript = `
local now = tonumber(ARGV[1])
local wait = 0
local counted = {}
for i, key in ipairs(KEYS) do
  local free, first, longest, forget = tonumber(ARGV[i * 4 - 2]), tonumber(ARGV[i * 4 - 1]), tonumber(ARGV[i * 4]), tonumber(ARGV[i * 4 + 1])
  local state = redis.call('HMGET', key, 'n', 't')
  local n, t = tonumber(state[1]) or 0, tonumber(state[2]) or 0
  if now - t >= forget then n = 0 end
  if n >= free then
    local open = t + math.min(first * 2 ^ math.min(n - free, 40), longest) - now
    if open > wait then wait = open end
  end
  counted[i] = n + 1
end
if wait > 0 then return math.ceil(wait) end
for i, key in ipairs(KEYS) do
  redis.call('HSET', key, 'n', counted[i], 't', ARGV[1])
  redis.call('PEXPIRE', key, ARGV[i * 4 + 1])
end
return 0
`

/** KEYS: the buckets; each loses one failure, if it has any. */
const giveBackScript = `
for _, key in ipairs(KEYS) do
  local n = tonumber(redis.call('HGET', key, 'n'))
  if n ~= nil and n > 0 then redis.call('HSET', key, 'n', n - 1) end
end
return 0
`

/**
 * Counts in Redis under `<prefix>:…`. While Redis cannot be reached, each instance counts on
 * its own (in memory), so signing in keeps working and guesses stay limited, per instance,
 * until it is back.
 */
export function createRedisGuessCounter(redis: Redis, prefix: string): GuessCounter {
  const alone = createMemoryGuessCounter()
  const keysOf = (buckets: readonly GuessBucket[]) => buckets.map((bucket) => `${prefix}:${bucket.key}`)
  return {
    async take(buckets, now) {
      const rules = buckets.flatMap(({ rule }) => [rule.freeFailures, rule.firstDelayMs, rule.maxDelayMs, rule.forgetAfterMs])
      try {
        return Number(await redis.eval(takeScript, buckets.length, ...keysOf(buckets), now, ...rules))
      } catch {
        return alone.take(buckets, now)
      }
    },
    async giveBack(buckets) {
      try {
        await redis.eval(giveBackScript, buckets.length, ...keysOf(buckets))
      } catch {
        await alone.giveBack(buckets)
      }
    },
    async forget(buckets) {
      // The instance's own count too: it may hold failures from while Redis was away.
      await alone.forget(buckets)
      await redis.del(...keysOf(buckets)).catch(() => undefined)
    },
  }
}
