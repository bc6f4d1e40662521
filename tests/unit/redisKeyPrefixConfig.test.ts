import { describe, expect, it } from 'vitest'
import { loadConfig } from '../../server/src/config.ts'
import { ConfigError } from '../../server/src/errors.ts'

// REDIS_KEY_PREFIX: what an installation's keys and channels in Redis start with, so that several
// installations (or test clusters) can share one Redis without meeting.

describe('the Redis key prefix', () => {
  it('is "samskap" unless given', () => {
    expect(loadConfig({}).redisKeyPrefix).toBe('samskap')
    expect(loadConfig({ REDIS_KEY_PREFIX: ' grue-prod ' }).redisKeyPrefix).toBe('grue-prod')
  })

  it('refuses what could not be a key prefix, naming the variable', () => {
    for (const given of ['two words', 'a:b', 'x'.repeat(65)]) {
      expect(() => loadConfig({ REDIS_KEY_PREFIX: given })).toThrow(ConfigError)
      expect(() => loadConfig({ REDIS_KEY_PREFIX: given })).toThrow(/REDIS_KEY_PREFIX/)
    }
  })
})
