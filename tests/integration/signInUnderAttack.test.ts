import { randomUUID } from 'node:crypto'
import { Redis } from 'ioredis'
import { afterEach, describe, expect, inject, it } from 'vitest'
import { createMemoryGuessCounter, type GuessBucket, type GuessCounter } from '../../server/src/auth/guessCounter.ts'
import { deviceCookieLifetimeMs, deviceCookieName } from '../../server/src/auth/trustedDevices.ts'
import { ApiAgent, inviteFacilitator, setUpFirstFacilitator, type ApiResponse, type FacilitatorCredentials } from '../helpers/auth.ts'
import { createRedisGuessCounter } from '../../server/src/cluster/redisGuessCounter.ts'
import { startLocalRedis } from '../../server/scripts/localServices.ts'
import { clusterDatabase, startInstances, type InProcessInstance } from '../helpers/cluster.ts'

// Guessing at a facilitator's password, as an attacker who knows the email would, against two
// instances on one Postgres and one Redis behind a proxy they trust (TRUST_PROXY=1, so each
// request's X-Forwarded-For is its address). Time is the instances' injected clock, moved by the
// test. A guess "checked" is one answered 401 (its password was hashed and compared); a throttled
// one is refused with 429 before that, so a thousand guesses cost a handful of scrypt hashes.

const second = 1000
const minute = 60 * second

const cleanups: Array<() => unknown> = []
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.()
})

function testClock(start = Date.parse('2025-03-14T07:00:00Z')) {
  let time = start
  return { now: () => time, advance: (ms: number) => (time += ms), elapsed: () => time - start }
}
type Clock = ReturnType<typeof testClock>

/**
 * Two instances reading `clock`, and the first facilitator created through the setup link. They
 * get a Redis of their own: counts other tests leave behind, on other clocks, must not meet theirs.
 */
async function cluster(clock: Clock) {
  const database = await clusterDatabase()
  cleanups.push(() => database.drop())
  const redis = await startLocalRedis()
  cleanups.push(() => redis.stop())
  const instances = await startInstances(2, { ...database, redisUrl: redis.url }, { trustProxy: 1 }, { now: clock.now })
  for (const instance of instances) cleanups.push(() => instance.close())
  const [one, two] = instances
  if (one === undefined || two === undefined) throw new Error('two instances')
  const owner = await setUpFirstFacilitator(one)
  return { one, two, owner }
}

/** A sign-in by `browser` from `address` (behind the trusted proxy). */
function signIn(browser: ApiAgent, credentials: Pick<FacilitatorCredentials, 'email' | 'password'>, address: string): Promise<ApiResponse> {
  const { email, password } = credentials
  return browser.post('/api/auth/login', { email, password }, { headers: { 'x-forwarded-for': address } })
}

/** A browser that signs in with the right password now, and so holds a device cookie. */
async function trustedBrowser(instance: InProcessInstance, credentials: FacilitatorCredentials, address: string): Promise<ApiAgent> {
  const browser = new ApiAgent(instance.url)
  expect((await signIn(browser, credentials, address)).status).toBe(200)
  expect(browser.cookie(deviceCookieName)).toMatch(/^[\w-]+\.[0-9a-z]+\.[\w-]{22}\.[\w-]{43}$/)
  return browser
}

/**
 * `count` wrong guesses, each from a fresh browser (no cookies), 50 at a time, alternating between
 * the instances; `where(index)` says the email and address of each. Resolves to how many were
 * answered with each status.
 */
async function attack(
  instances: readonly InProcessInstance[],
  count: number,
  where: (index: number) => { email: string; address: string },
): Promise<Record<number, number>> {
  const counts: Record<number, number> = {}
  for (let start = 0; start < count; start += 50) {
    const batch = Array.from({ length: Math.min(50, count - start) }, (_, offset) => {
      const index = start + offset
      const { email, address } = where(index)
      const instance = instances[index % instances.length] as InProcessInstance
      return signIn(new ApiAgent(instance.url), { email, password: `guess number ${index}` }, address)
    })
    for (const { status } of await Promise.all(batch)) counts[status] = (counts[status] ?? 0) + 1
  }
  return counts
}

function retryAfter(response: ApiResponse): number {
  return Number(response.headers.get('retry-after'))
}

describe('an attacker who knows a facilitator’s email', () => {
  it('[A3] [A3a] [C8] gets 5 of 1,000 guesses from one address checked, and the facilitator still signs in from their own browser', async () => {
    const clock = testClock()
    const { one, two, owner } = await cluster(clock)
    const office = '198.51.100.23'
    const own = await trustedBrowser(one, owner.credentials, office)

    // The attacker sits behind the same municipal address as the facilitator.
    const counts = await attack([one, two], 1000, () => ({ email: owner.credentials.email, address: office }))
    expect(counts).toEqual({ 401: 5, 429: 995 })

    // A browser the account does not know is refused the right password as it is refused a wrong
    // one: the same answer and the same wait, so a refusal tells nothing about the password.
    const right = await signIn(new ApiAgent(two.url), owner.credentials, '192.0.2.80')
    const wrong = await signIn(new ApiAgent(two.url), { ...owner.credentials, password: 'not it either' }, '192.0.2.81')
    expect([right.status, retryAfter(right)]).toEqual([429, 60])
    expect([wrong.status, retryAfter(wrong), wrong.body]).toEqual([429, 60, right.body])

    // The facilitator's own browser signs in at once, on either instance.
    expect((await signIn(own, owner.credentials, office)).status).toBe(200)
    expect((await signIn(own.at(two.url), owner.credentials, office)).status).toBe(200)
  })

  it('[A3] [A3a] gets no more checked from 1,000 addresses, and the facilitator still signs in from their own browser', async () => {
    const clock = testClock()
    const { one, two, owner } = await cluster(clock)
    const own = await trustedBrowser(two, owner.credentials, '198.51.100.23')

    const counts = await attack([one, two], 1000, (index) => ({
      email: owner.credentials.email,
      address: `10.${Math.floor(index / 250)}.${index % 250}.9`,
    }))
    expect(counts).toEqual({ 401: 5, 429: 995 })
    expect((await signIn(new ApiAgent(one.url), owner.credentials, '192.0.2.80')).status).toBe(429)
    expect((await signIn(own.at(one.url), owner.credentials, '203.0.113.5')).status).toBe(200)
  })

  it('[A3] gets no more guesses checked than the budget over two hours, however fast and from wherever they send them', async () => {
    const clock = testClock()
    const { one, two, owner } = await cluster(clock)
    const own = await trustedBrowser(one, owner.credentials, '198.51.100.23')

    // Ten guesses at once, then two every half minute, from ever other addresses, to both instances.
    const checkedAt: number[] = []
    for (let tick = 0; clock.elapsed() < 2 * 60 * minute; tick++, clock.advance(30 * second)) {
      const counts = await attack([one, two], tick === 0 ? 10 : 2, (index) => ({
        email: owner.credentials.email,
        address: `10.20.${tick % 250}.${index + 1}`,
      }))
      for (let n = 0; n < (counts[401] ?? 0); n++) checkedAt.push(clock.elapsed() / minute)
    }
    // The documented budget: 5 at once, then after 1, 3, 7 and 15 minutes, then one every 15 minutes.
    expect(checkedAt).toEqual([0, 0, 0, 0, 0, 1, 3, 7, 15, 30, 45, 60, 75, 90, 105])
    expect((await signIn(own, owner.credentials, '198.51.100.23')).status).toBe(200)
  })

  it('[A3b] guessing across many emails from one network delays a colleague there on a new browser by at most a minute', async () => {
    const clock = testClock()
    const { one, two, owner } = await cluster(clock)
    const attacker = '2001:db8:5a:1::dead'
    const colleague = '2001:db8:5a:1:8000::17'

    const counts = await attack([one, two], 1000, (index) => ({ email: `guess${index}@grue.kommune.no`, address: attacker }))
    expect(counts).toEqual({ 401: 30, 429: 970 })
    // Going on at the pace the server allows, the network's wait doubles up to a minute and no further.
    const waits: number[] = []
    for (let index = 0; index < 8; index++) {
      const refused = await signIn(new ApiAgent(one.url), { email: `more${index}@grue.kommune.no`, password: 'guess' }, attacker)
      expect(refused.status).toBe(429)
      waits.push(retryAfter(refused))
      clock.advance(retryAfter(refused) * second)
      expect((await signIn(new ApiAgent(two.url), { email: `more${index}@grue.kommune.no`, password: 'guess' }, attacker)).status).toBe(401)
    }
    expect(waits).toEqual([1, 2, 4, 8, 16, 32, 60, 60])

    // Another address of the same /64 network is the same network; another network is not held back at all.
    expect((await signIn(new ApiAgent(one.url), owner.credentials, '2001:db8:5a:2::17')).status).toBe(200)
    const held = await signIn(new ApiAgent(one.url), owner.credentials, colleague)
    expect(held.status).toBe(429)
    expect(retryAfter(held)).toBeLessThanOrEqual(60)
    clock.advance(retryAfter(held) * second)
    expect((await signIn(new ApiAgent(two.url), owner.credentials, colleague)).status).toBe(200)
  })
})

describe('device cookies', () => {
  /** Five wrong guesses at `email` from an address of its own, after which untrusted browsers wait. */
  async function lockOut(instance: InProcessInstance, email: string): Promise<void> {
    const counts = await attack([instance], 6, () => ({ email, address: '203.0.113.66' }))
    expect(counts).toEqual({ 401: 5, 429: 1 })
  }

  function browserWith(instance: InProcessInstance, cookie: string): ApiAgent {
    const browser = new ApiAgent(instance.url)
    browser.setCookie(deviceCookieName, cookie)
    return browser
  }

  it('[A3a] a stolen, forged or expired device cookie gives nothing', async () => {
    const clock = testClock()
    const { one, two, owner } = await cluster(clock)
    const colleague = await inviteFacilitator(one, owner.agent)
    const cookie = (await trustedBrowser(one, owner.credentials, '198.51.100.23')).cookie(deviceCookieName) ?? ''
    const [accountId, issuedAt, deviceId, mac] = cookie.split('.')
    await lockOut(one, owner.credentials.email)
    await lockOut(two, colleague.credentials.email)
    const attempt = (value: string, credentials: FacilitatorCredentials) =>
      signIn(browserWith(two, value), credentials, '198.51.100.23').then((response) => response.status)

    // The cookie is good for its own account, and for nothing else.
    expect(await attempt(cookie, owner.credentials)).toBe(200)
    expect(await attempt(cookie, colleague.credentials)).toBe(429)
    const flipped = `${mac?.slice(0, -1)}${mac?.endsWith('A') ? 'B' : 'A'}`
    const forged = [
      [accountId, issuedAt, deviceId, flipped].join('.'),
      [colleague.id, issuedAt, deviceId, mac].join('.'),
      [accountId, issuedAt, 'AAAAAAAAAAAAAAAAAAAAAA', mac].join('.'),
      [accountId, (clock.now() + deviceCookieLifetimeMs).toString(36), deviceId, mac].join('.'),
      'not a device cookie',
    ]
    for (const value of forged) {
      expect(await attempt(value, owner.credentials)).toBe(429)
      expect(await attempt(value, colleague.credentials)).toBe(429)
    }

    // Half a year later the cookie has expired: with the account under attack again, it is an untrusted browser's.
    clock.advance(deviceCookieLifetimeMs)
    await lockOut(one, owner.credentials.email)
    expect(await attempt(cookie, owner.credentials)).toBe(429)
  })

  it('[A3a] a trusted browser has a budget of its own: 5 failures, then it waits like any other', async () => {
    const clock = testClock()
    const { one, owner } = await cluster(clock)
    const own = await trustedBrowser(one, owner.credentials, '198.51.100.23')
    const wrong = { ...owner.credentials, password: 'mistyped' }
    for (let failure = 1; failure <= 5; failure++) expect((await signIn(own, wrong, '198.51.100.23')).status).toBe(401)
    const held = await signIn(own, owner.credentials, '198.51.100.23')
    expect([held.status, retryAfter(held)]).toEqual([429, 60])
    // Other browsers are not held back by it.
    expect((await signIn(new ApiAgent(one.url), owner.credentials, '198.51.100.24')).status).toBe(200)
    clock.advance(minute)
    expect((await signIn(own, owner.credentials, '198.51.100.23')).status).toBe(200)
    // Signing in forgets the browser's failures.
    for (let failure = 1; failure <= 5; failure++) expect((await signIn(own, wrong, '198.51.100.23')).status).toBe(401)
  })

  it('[A3a] a new password takes trust back from every browser but the one that set it', async () => {
    const clock = testClock()
    const { one, two, owner } = await cluster(clock)
    const laptop = await trustedBrowser(one, owner.credentials, '198.51.100.23')
    const changed = await owner.agent.post('/api/auth/password', {
      currentPassword: owner.credentials.password,
      newPassword: 'a brand new passphrase',
    })
    expect(changed.status).toBe(204)
    const renewed = { ...owner.credentials, password: 'a brand new passphrase' }
    await lockOut(two, owner.credentials.email)
    expect((await signIn(laptop, renewed, '198.51.100.23')).status).toBe(429)
    expect((await signIn(owner.agent.at(two.url), renewed, '198.51.100.23')).status).toBe(200)
  })
})

describe.each([
  ['in memory', (): GuessCounter => createMemoryGuessCounter()],
  [
    'in Redis',
    (): GuessCounter => {
      const redis = new Redis(inject('redisUrl'))
      cleanups.push(() => redis.quit())
      return createRedisGuessCounter(redis, `samskap:test:${randomUUID()}`)
    },
  ],
])('[A3] the guess counter %s', (_, open) => {
  const rule = { freeFailures: 2, firstDelayMs: second, maxDelayMs: 4 * second, forgetAfterMs: minute }
  const bucket = (key: string): GuessBucket => ({ key, rule })

  it('lets the free failures through at once, then doubles the wait up to its longest', async () => {
    const counter = open()
    const account = [bucket('account')]
    const passedAt: number[] = []
    for (let now = 0; now < 20 * second; now += 500) if ((await counter.take(account, now)) === 0) passedAt.push(now)
    expect(passedAt).toEqual([0, 500, 1500, 3500, 7500, 11500, 15500, 19500])
  })

  it('lets only the free failures through when guesses arrive at once, and counts refused ones nowhere', async () => {
    const counter = open()
    const [account, address] = [bucket('account'), bucket('address')]
    expect(await Promise.all(Array.from({ length: 10 }, () => counter.take([account, address], 0)))).toEqual([
      0, 0, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000,
    ])
    // All or nothing: a closed bucket keeps an open one from counting.
    const other = bucket('another account')
    expect(await counter.take([other, address], 0)).toBe(1000)
    expect(await counter.take([other], 0)).toBe(0)
    expect(await counter.take([other], 0)).toBe(0)
    expect(await counter.take([other], 0)).toBe(1000)
  })

  it('gives one failure back, forgets on request, and forgets by itself after a quiet spell', async () => {
    const counter = open()
    const account = [bucket('account')]
    expect([await counter.take(account, 0), await counter.take(account, 0), await counter.take(account, 0)]).toEqual([0, 0, 1000])
    await counter.giveBack(account)
    expect([await counter.take(account, 0), await counter.take(account, 0)]).toEqual([0, 1000])
    await counter.forget(account)
    expect([await counter.take(account, 0), await counter.take(account, 0), await counter.take(account, 0)]).toEqual([0, 0, 1000])
    expect(await counter.take(account, minute - 1)).toBe(0)
    expect(await counter.take(account, minute)).toBe(1999)
    expect([await counter.take(account, 2 * minute + 1), await counter.take(account, 2 * minute + 1)]).toEqual([0, 0])
  })
})
