// TRUST_PROXY: behind a reverse proxy every request comes from the proxy's
// address, so the per-address throttles (sign-ins, join codes) must count the
// address the proxy forwards instead, and only when the proxy is trusted
// (otherwise any client could choose its address with X-Forwarded-For).
import { afterEach, describe, it } from 'vitest'
import type { Config } from '../../server/src/config.ts'
import { joinCodeLimits } from '../../server/src/routes/join.ts'
import { ApiAgent, linkToken, setUpFirstFacilitator } from '../helpers/auth.ts'
import { startTestServer } from '../helpers/server.ts'
import { createWorkshop, expectError, expectStatus, grueChallengeId, setStatus } from '../helpers/workshopApi.ts'

const cleanups: Array<() => unknown> = []
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.()
})

/** An open workshop that asks for a join code: a way to wrong guesses that costs no scrypt. */
async function scene(config: Partial<Config>) {
  const server = await startTestServer({ config })
  cleanups.push(() => server.close())
  const { agent } = await setUpFirstFacilitator(server)
  const { workshop, links } = await createWorkshop(agent, await grueChallengeId(agent))
  await setStatus(agent, workshop.id, 'open')
  expectStatus(await agent.put(`/api/workshops/${workshop.id}/join-code`, { joinCode: 'KIRKE' }), 200)
  if (links === null) throw new Error('A facilitator sees the links.')
  /** A wrong join code from a browser behind the proxy at `address`. */
  const guess = (address: string) =>
    new ApiAgent(server.url).post(`/api/join/${linkToken(links.observerUrl)}`, { joinCode: 'WRONG' }, {
      headers: { 'x-forwarded-for': address },
    })
  return { guess }
}

const perAddress = joinCodeLimits.perIp.failures

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
