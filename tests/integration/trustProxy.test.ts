// TRUST_PROXY: behind a reverse proxy every request comes from the proxy's
// address, so the per-address throttles (sign-ins, join codes) must count the
// address the proxy forwards instead, and only when the proxy is trusted
// (otherwise any client could choose its address with X-Forwarded-For).
import { afterEach, describe, expect, it } from 'vitest'
import type { Config } from '../../server/src/config.ts'
import { joinCodeRules } from '../../server/src/auth/joinCodeThrottle.ts'
import { ApiAgent, linkToken, setUpFirstFacilitator } from '../helpers/auth.ts'
import { startTestServer } from '../helpers/server.ts'
import { createWorkshop, expectError, expectStatus, grueChallengeId, setStatus } from '../helpers/workshopApi.ts'

const cleanups: Array<() => unknown> = []
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.()
})

/** An open workshop that asks for a join code: a way to wrong guesses that costs no scrypt. */
async function scene(config: Partial<Config>, now?: () => number) {
  const server = await startTestServer({ config, now })
  cleanups.push(() => server.close())
  const { agent } = await setUpFirstFacilitator(server)
  const { workshop, links } = await createWorkshop(agent, await grueChallengeId(agent))
  await setStatus(agent, workshop.id, 'open')
  expectStatus(await agent.put(`/api/workshops/${workshop.id}/join-code`, { joinCode: 'KIRKE' }), 200)
  if (links === null) throw new Error('A facilitator sees the links.')
  /** A join code from a new browser behind the proxy at `address`, as an observer. */
  const join = (address: string, joinCode: string) =>
    new ApiAgent(server.url).post(`/api/join/${linkToken(links.observerUrl)}`, { joinCode }, {
      headers: { 'x-forwarded-for': address },
    })
  /** A wrong join code from a browser behind the proxy at `address`. */
  const guess = (address: string) => join(address, 'WRONG')
  return { guess, join }
}

const perAddress = joinCodeRules.address.freeFailures

describe('TRUST_PROXY', () => {
  it.each([1, ['loopback']])('set to %j: two forwarded addresses are throttled separately', async (trustProxy) => {
    const { guess } = await scene({ trustProxy })
    for (let i = 0; i < perAddress; i++) expectError(await guess('203.0.113.7'), 403, 'join_code_wrong')
    expectError(await guess('203.0.113.7'), 429, 'too_many_attempts')
    expectError(await guess('198.51.100.4'), 403, 'join_code_wrong')
  })

  it('unset: X-Forwarded-For is ignored, so both share the one address the server sees', async () => {
    const { guess } = await scene({})
    for (let i = 0; i < perAddress; i++) expectError(await guess('203.0.113.7'), 403, 'join_code_wrong')
    expectError(await guess('198.51.100.4'), 429, 'too_many_attempts')
  })
})

describe('wrong join codes from one address', () => {
  it('[A7a] slow that address down for seconds, never lock it: the right code gets in once the wait is over', async () => {
    let now = Date.now()
    const { guess, join } = await scene({ trustProxy: 1 }, () => now)
    for (let i = 0; i < perAddress; i++) expectError(await guess('203.0.113.7'), 403, 'join_code_wrong')
    // The next guess, right or wrong, waits the first delay; the wait is said in Retry-After.
    const refused = await join('203.0.113.7', 'KIRKE')
    expectError(refused, 429, 'too_many_attempts')
    expect(Number(refused.headers.get('retry-after'))).toBe(joinCodeRules.address.firstDelayMs / 1000)
    now += joinCodeRules.address.firstDelayMs
    expectStatus(await join('203.0.113.7', 'kirke'), 201)
    // Failing on, the waits grow to at most a minute, and then one guess a minute goes through.
    let waited = 0
    for (let round = 0; round < 20; round++) {
      const answer = await guess('203.0.113.7')
      if (answer.status === 429) {
        const seconds = Number(answer.headers.get('retry-after'))
        expect(seconds).toBeLessThanOrEqual(joinCodeRules.address.maxDelayMs / 1000)
        waited = Math.max(waited, seconds)
        now += seconds * 1000
      }
    }
    expect(waited).toBe(joinCodeRules.address.maxDelayMs / 1000)
    now += joinCodeRules.address.maxDelayMs
    expectStatus(await join('203.0.113.7', 'KIRKE'), 201)
  })
})
