import { describe, expect, it } from 'vitest'
import { waitAfter } from '../../server/src/auth/guessCounter.ts'
import { addressGroup } from '../../server/src/auth/addressGroup.ts'
import { signInRules } from '../../server/src/auth/signInThrottle.ts'

// The sign-in throttle's pure parts: the documented budgets, and what an address is counted as.

describe('[A3] [A3b] the sign-in budgets', () => {
  const minutes = (rule: typeof signInRules.account, failures: number) => waitAfter(rule, failures) / 60_000

  it('let an account or a trusted browser guess 5 times at once, then wait 1, 2, 4, 8 and at most 15 minutes', () => {
    for (const rule of [signInRules.account, signInRules.device]) {
      expect(Array.from({ length: 12 }, (_, failures) => minutes(rule, failures))).toEqual([0, 0, 0, 0, 0, 1, 2, 4, 8, 15, 15, 15])
    }
    expect(minutes(signInRules.account, 100_000)).toBe(15)
  })

  it('let an address fail 30 times at once, then wait 1, 2, 4 … seconds and at most a minute', () => {
    const seconds = (failures: number) => waitAfter(signInRules.address, failures) / 1000
    expect([29, 30, 31, 32, 33, 34, 35, 36, 37, 1000].map(seconds)).toEqual([0, 1, 2, 4, 8, 16, 32, 60, 60, 60])
  })
})

describe('[A3b] an address is counted as', () => {
  it.each([
    ['203.0.113.7', '203.0.113.7'],
    ['::ffff:203.0.113.7', '203.0.113.7'],
    ['2001:db8:5a:1::dead', '2001:db8:5a:1::/64'],
    ['2001:0db8:005a:0001:8000:0000:0000:0017', '2001:db8:5a:1::/64'],
    ['2001:db8::1', '2001:db8:0:0::/64'],
    ['::1', '0:0:0:0::/64'],
    ['fe80::1%eth0', 'fe80:0:0:0::/64'],
    ['unknown', 'unknown'],
  ])('%s: %s', (address, group) => {
    expect(addressGroup(address)).toBe(group)
  })
})
