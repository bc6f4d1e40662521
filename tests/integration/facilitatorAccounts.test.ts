import { afterEach, describe, expect, it } from 'vitest'
import { newBoardId } from '../../shared/src/protocol/boardId.ts'
import { CloseCode } from '../../shared/src/protocol/closeCodes.ts'
import { FacilitatorList, SessionInfo } from '../../shared/src/schema/access.ts'
import { AuditLogPage } from '../../shared/src/schema/auditLog.ts'
import { PasswordResetCreated, PasswordResetInfo } from '../../shared/src/schema/facilitatorAccounts.ts'
import { guestCookieName } from '../../server/src/auth/sessionCookies.ts'
import { deviceCookieName } from '../../server/src/auth/trustedDevices.ts'
import {
  ApiAgent,
  firstFacilitator,
  guestSessionInStore,
  inviteFacilitator,
  linkToken,
  logIn,
  setUpFirstFacilitator,
  type SignedInFacilitator,
} from '../helpers/auth.ts'
import { createClient, type TestClient } from '../helpers/clients.ts'
import { clusterDatabase, startInstances } from '../helpers/cluster.ts'
import { aWorkshop } from '../helpers/domainFixtures.ts'
import { WorkshopEventStream } from '../helpers/eventStream.ts'
import { startTestServer, type TestServer, type TestServerOptions } from '../helpers/server.ts'
import { waitFor } from '../helpers/waitFor.ts'
import { expectError, expectStatus } from '../helpers/workshopApi.ts'

// Administering facilitator accounts over real HTTP on a real server, with real y-websocket
// clients on boards: reset links another facilitator makes, deactivating and reactivating, and
// changing one's own password; then deactivation on two instances of a cluster. Time is moved
// through the server's clock, never waited for. Ids are the rules in server/src/auth/SPEC.md.

const hour = 60 * 60 * 1000
const cleanups: (() => Promise<unknown> | unknown)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

async function start(options: TestServerOptions = {}): Promise<TestServer> {
  const server = await startTestServer(options)
  cleanups.push(() => server.close())
  return server
}

/** A clock the server reads, moved by the test. */
function testClock(start = Date.now()) {
  let time = start
  return { now: () => time, advance: (ms: number) => (time += ms) }
}

const ola = { email: 'ola.hansen@grue.kommune.no', displayName: 'Ola Hansen', password: 'another long passphrase' }

/** Kari (from the setup link) and Ola (invited by her), each signed in in a browser of their own. */
async function twoFacilitators(server: Pick<TestServer, 'url' | 'running'>) {
  const kari = await setUpFirstFacilitator(server)
  const invited = await inviteFacilitator(server, kari.agent, ola)
  return { kari, ola: invited }
}

/** A real y-websocket client on a board outside any workshop, as the browser of `agent`. */
function boardClient(syncUrl: string, agent: ApiAgent): TestClient {
  const client = createClient(syncUrl, newBoardId(), { headers: { cookie: agent.cookieHeader() } })
  cleanups.push(() => client.destroy())
  return client
}

async function closedWith(client: TestClient): Promise<number> {
  return waitFor(() => client.closeCodes[0], { message: 'the board socket closed' })
}

async function issueReset(issuer: SignedInFacilitator, facilitatorId: string): Promise<PasswordResetCreated> {
  return PasswordResetCreated.parse(expectStatus(await issuer.agent.post(`/api/facilitators/${facilitatorId}/password-reset`), 201))
}

/**
 * The audit log's entries about accounts as [actor, action, account], by action: entries of one
 * millisecond have no order among them.
 */
async function accountActions(agent: ApiAgent): Promise<[string, string, string | null][]> {
  const log = AuditLogPage.parse(expectStatus(await agent.get('/api/audit'), 200))
  return log.entries
    .filter((entry) => entry.action.startsWith('account.'))
    .map((entry): [string, string, string | null] => [entry.actor.facilitatorId, entry.action, entry.target.facilitatorId])
    .toSorted((a, b) => a[1].localeCompare(b[1]))
}

async function listed(agent: ApiAgent) {
  return FacilitatorList.parse(expectStatus(await agent.get('/api/facilitators'), 200)).facilitators
}

describe('password reset links', () => {
  it('[A18] set a new password once, end every session of the account with its sockets, and sign the browser in', async () => {
    const server = await start()
    const { kari, ola: invited } = await twoFacilitators(server)
    const olasBoard = boardClient(server.syncUrl, invited.agent)
    await olasBoard.waitForSynced()

    const reset = await issueReset(kari, invited.id)
    expect(reset.resetUrl).toMatch(new RegExp(`^${server.url}/reset-password/[A-Za-z0-9_-]{43}$`))
    const token = linkToken(reset.resetUrl)
    // Stored hashed: the token itself is nowhere in the database.
    expect(JSON.stringify(await server.access.findPasswordReset(token, Date.now()))).toBe('null')

    const browser = new ApiAgent(server.url)
    expect(PasswordResetInfo.parse(expectStatus(await browser.get(`/api/password-reset/${token}`), 200))).toEqual({
      email: ola.email,
      displayName: ola.displayName,
      expiresAt: reset.expiresAt,
    })
    // The same rules as a new account's password.
    expect(expectError(await browser.post(`/api/password-reset/${token}`, { password: 'too short' }), 400, 'invalid_request')).toEqual(['password'])
    const set = await browser.post(`/api/password-reset/${token}`, { password: 'a brand new passphrase' })
    expect(SessionInfo.parse(expectStatus(set, 200)).facilitator).toMatchObject({ facilitatorId: invited.id, email: ola.email })

    expect(await closedWith(olasBoard)).toBe(CloseCode.sessionEnded.code)
    expect((await invited.agent.session()).facilitator).toBeNull()
    expect((await browser.session()).facilitator?.facilitatorId).toBe(invited.id)
    expect((await new ApiAgent(server.url).post('/api/auth/login', { email: ola.email, password: ola.password })).status).toBe(401)
    await logIn(server, { email: ola.email, password: 'a brand new passphrase' })
    // Kari, who made the link, stays signed in.
    expect((await kari.agent.session()).facilitator?.facilitatorId).toBe(kari.id)

    // Once only.
    expectError(await browser.get(`/api/password-reset/${token}`), 404, 'reset_link_invalid')
    expectError(await new ApiAgent(server.url).post(`/api/password-reset/${token}`, { password: 'yet another passphrase' }), 404, 'reset_link_invalid')
    expectError(await browser.get('/api/password-reset/not%20a%20token'), 404, 'reset_link_invalid')
    expect(await accountActions(kari.agent)).toEqual([
      [kari.id, 'account.issueResetLink', invited.id],
      [invited.id, 'account.resetOwnPassword', invited.id],
    ])
  })

  it('[A18] expire after 24 hours, die when a newer one is made, and are refused for oneself, a deactivated or unknown account', async () => {
    const clock = testClock()
    const server = await start({ now: clock.now })
    const { kari, ola: invited } = await twoFacilitators(server)
    const older = linkToken((await issueReset(kari, invited.id)).resetUrl)
    const newer = linkToken((await issueReset(kari, invited.id)).resetUrl)
    expectError(await kari.agent.get(`/api/password-reset/${older}`), 404, 'reset_link_invalid')
    expectError(await new ApiAgent(server.url).post(`/api/password-reset/${older}`, { password: 'a brand new passphrase' }), 404, 'reset_link_invalid')
    expectError(await kari.agent.post(`/api/facilitators/${kari.id}/password-reset`), 409, 'own_account')
    expectError(await kari.agent.post(`/api/facilitators/${newBoardId()}/password-reset`), 404, 'facilitator_not_found')
    expect(expectError(await kari.agent.post('/api/facilitators/not%20an%20id/password-reset'), 400, 'invalid_request')).toEqual(['facilitatorId'])

    clock.advance(24 * hour - 1)
    expectStatus(await new ApiAgent(server.url).get(`/api/password-reset/${newer}`), 200)
    clock.advance(1)
    expectError(await new ApiAgent(server.url).get(`/api/password-reset/${newer}`), 404, 'reset_link_invalid')
    expectError(await new ApiAgent(server.url).post(`/api/password-reset/${newer}`, { password: 'a brand new passphrase' }), 404, 'reset_link_invalid')

    // A link made before the deactivation dies with it; none is made for a deactivated account.
    const karisAgent = await logIn(server, firstFacilitator)
    const beforeDeactivation = linkToken(
      PasswordResetCreated.parse(expectStatus(await karisAgent.post(`/api/facilitators/${invited.id}/password-reset`), 201)).resetUrl,
    )
    expectStatus(await karisAgent.post(`/api/facilitators/${invited.id}/deactivate`), 200)
    expectError(await karisAgent.get(`/api/password-reset/${beforeDeactivation}`), 404, 'reset_link_invalid')
    expectError(await karisAgent.post(`/api/facilitators/${invited.id}/password-reset`), 409, 'facilitator_deactivated')
  })
})

describe('deactivating a facilitator', () => {
  it('[A19] ends their sessions, board sockets and event streams at once (4416); sign-in is answered as a wrong password', async () => {
    const server = await start()
    const { kari, ola: invited } = await twoFacilitators(server)
    // Accepting the invitation made Ola's browser a trusted one for sign-in (A3a), as setting up made Kari's.
    for (const browser of [kari.agent, invited.agent]) expect(browser.cookie(deviceCookieName)).toMatch(/^[\w-]+\.[0-9a-z]+\.[\w-]{22}\.[\w-]{43}$/)
    const elsewhere = await logIn(server, ola)
    const boards = [boardClient(server.syncUrl, invited.agent), boardClient(server.syncUrl, elsewhere)]
    const karisBoard = boardClient(server.syncUrl, kari.agent)
    for (const board of [...boards, karisBoard]) await board.waitForSynced()
    const [challenge] = await server.domain.listChallenges()
    if (challenge === undefined) throw new Error('The seed has no challenge.')
    const workshop = await server.domain.createWorkshop(aWorkshop(challenge.id, { status: 'open' }))
    const stream = await WorkshopEventStream.open(invited.agent, workshop.id)
    cleanups.push(() => stream.close())
    await stream.until(() => true, 'the first snapshot')
    // An invitation Ola made that nobody used yet, and a reset link Ola made for Kari.
    const invitation = (await invited.agent.post('/api/invitations', { email: 'per@grue.kommune.no' })).body as { invitationUrl: string }
    const olasReset = linkToken((await issueReset(invited, kari.id)).resetUrl)

    const deactivated = await kari.agent.post(`/api/facilitators/${invited.id}/deactivate`)
    expect(expectStatus(deactivated, 200)).toEqual({
      id: invited.id,
      email: ola.email,
      displayName: ola.displayName,
      deactivatedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    })
    for (const board of boards) expect(await closedWith(board)).toBe(CloseCode.accountDeactivated.code)
    await waitFor(() => stream.ended, { message: 'Ola’s event stream ended' })
    for (const agent of [invited.agent, elsewhere]) {
      expect((await agent.session()).facilitator).toBeNull()
      expectError(await agent.get('/api/facilitators'), 401, 'not_signed_in')
    }
    expect(karisBoard.closeCodes).toEqual([])
    expectError(await new ApiAgent(server.url).get(`/api/invitations/${linkToken(invitation.invitationUrl)}`), 404, 'invitation_invalid')
    expectError(await new ApiAgent(server.url).get(`/api/password-reset/${olasReset}`), 404, 'reset_link_invalid')

    // The right password, a wrong one and an unknown email get the same answer.
    const answer = async (email: string, password: string) => {
      const response = await new ApiAgent(server.url).post('/api/auth/login', { email, password })
      return { status: response.status, body: response.body, cookie: response.headers.getSetCookie().some((cookie) => cookie.startsWith('samskap_facilitator=') && !cookie.startsWith('samskap_facilitator=;')) }
    }
    const right = await answer(ola.email, ola.password)
    expect(right).toEqual(await answer(ola.email, 'not the passphrase at all'))
    expect(right).toEqual(await answer('nobody@grue.kommune.no', ola.password))
    expect(right.status).toBe(401)

    expect((await listed(kari.agent)).map(({ displayName, deactivatedAt }) => [displayName, deactivatedAt !== null])).toEqual([
      ['Kari Nordmann', false],
      ['Ola Hansen', true],
    ])
    // Reactivated, Ola signs in with the password Ola had.
    expect(expectStatus(await kari.agent.post(`/api/facilitators/${invited.id}/reactivate`), 200)).toMatchObject({ deactivatedAt: null })
    await logIn(server, ola)

    // The audit log tells who did what to which account, and nothing of refused attempts.
    expect(await accountActions(kari.agent)).toEqual([
      [kari.id, 'account.deactivate', invited.id],
      [invited.id, 'account.issueResetLink', kari.id],
      [kari.id, 'account.reactivate', invited.id],
    ])
  })

  it('[A19] refuses one’s own account, and of two facilitators deactivating each other at once, keeps one active', async () => {
    const server = await start()
    const { kari, ola: invited } = await twoFacilitators(server)
    expectError(await kari.agent.post(`/api/facilitators/${kari.id}/deactivate`), 409, 'own_account')
    expectError(await kari.agent.post(`/api/facilitators/${newBoardId()}/deactivate`), 404, 'facilitator_not_found')
    expectError(await kari.agent.post(`/api/facilitators/${newBoardId()}/reactivate`), 404, 'facilitator_not_found')

    const [byKari, byOla] = await Promise.all([
      kari.agent.post(`/api/facilitators/${invited.id}/deactivate`),
      invited.agent.post(`/api/facilitators/${kari.id}/deactivate`),
    ])
    const statuses = [byKari, byOla].map((response) => response.status)
    expect(statuses.filter((status) => status === 200)).toHaveLength(1)
    const refused = byKari.status === 200 ? byOla : byKari
    // The loser was either deactivated before its request was let in, or is the last active facilitator.
    expect([401, 409]).toContain(refused.status)
    if (refused.status === 409) expectError(refused, 409, 'last_active_facilitator')
    const active = (await server.access.listFacilitators()).filter((account) => account.deactivatedAt == null)
    expect(active).toHaveLength(1)
  })

  it('[A4] [A6] is for facilitators only, with the session’s CSRF token', async () => {
    const server = await start()
    const { kari, ola: invited } = await twoFacilitators(server)
    const [challenge] = await server.domain.listChallenges()
    if (challenge === undefined) throw new Error('The seed has no challenge.')
    const workshop = await server.domain.createWorkshop(aWorkshop(challenge.id, { status: 'open' }))
    const guests = await Promise.all(
      (['participant', 'observer'] as const).map(async (role) => {
        const guest = await guestSessionInStore(server.access, workshop.id, role)
        const agent = new ApiAgent(server.url)
        agent.setCookie(guestCookieName, guest.sessionId)
        await agent.session()
        return agent
      }),
    )
    const routes: Array<[string, string]> = [
      ['GET', '/api/facilitators'],
      ['POST', `/api/facilitators/${invited.id}/password-reset`],
      ['POST', `/api/facilitators/${invited.id}/deactivate`],
      ['POST', `/api/facilitators/${invited.id}/reactivate`],
      ['POST', '/api/auth/password'],
    ]
    for (const [method, path] of routes) {
      const body = method === 'GET' ? undefined : {}
      for (const guest of guests) expectError(await guest.request(method, path, body), 403, 'facilitators_only')
      expectError(await new ApiAgent(server.url).request(method, path, body), 401, 'not_signed_in')
      if (method !== 'GET') expectError(await kari.agent.request(method, path, body, { csrf: false }), 403, 'csrf_token_invalid')
    }
    expect(await listed(invited.agent)).toHaveLength(2)
  })
})

describe('changing one’s own password', () => {
  it('[A20] needs the current password, ends the account’s other sessions with their sockets and keeps this one', async () => {
    const server = await start()
    const kari = await setUpFirstFacilitator(server)
    const elsewhere = await logIn(server, firstFacilitator)
    const here = boardClient(server.syncUrl, kari.agent)
    const there = boardClient(server.syncUrl, elsewhere)
    await Promise.all([here.waitForSynced(), there.waitForSynced()])

    const wrong = await kari.agent.post('/api/auth/password', { currentPassword: 'not my password', newPassword: 'a brand new passphrase' })
    expect(expectError(wrong, 403, 'current_password_wrong')).toEqual(['currentPassword'])
    expect(expectError(await kari.agent.post('/api/auth/password', { currentPassword: firstFacilitator.password, newPassword: 'short' }), 400, 'invalid_request')).toEqual([
      'newPassword',
    ])
    expect((await elsewhere.session()).facilitator).not.toBeNull()

    const changed = await kari.agent.post('/api/auth/password', { currentPassword: firstFacilitator.password, newPassword: 'a brand new passphrase' })
    expectStatus(changed, 204)
    expect(await closedWith(there)).toBe(CloseCode.sessionEnded.code)
    expect((await elsewhere.session()).facilitator).toBeNull()
    expect((await kari.agent.session()).facilitator?.facilitatorId).toBe(kari.id)
    await here.waitForSynced()
    expect(here.closeCodes).toEqual([])
    expect((await new ApiAgent(server.url).post('/api/auth/login', { email: firstFacilitator.email, password: firstFacilitator.password })).status).toBe(401)
    await logIn(server, { email: firstFacilitator.email, password: 'a brand new passphrase' })
    // Only the change that was made, not the refused attempts.
    expect(await accountActions(kari.agent)).toEqual([[kari.id, 'account.changeOwnPassword', kari.id]])
  })

  it('[A20] [A3] counts wrong current passwords like sign-in guesses, until it refuses with 429 and Retry-After', async () => {
    const server = await start()
    const kari = await setUpFirstFacilitator(server)
    const guess = () => kari.agent.post('/api/auth/password', { currentPassword: 'not my password', newPassword: 'a brand new passphrase' })
    let refused = null
    for (let attempt = 0; attempt < 20 && refused === null; attempt++) {
      const response = await guess()
      if (response.status === 429) refused = response
      else expectError(response, 403, 'current_password_wrong')
    }
    expect(refused, 'a wrong current password is throttled').not.toBeNull()
    expectError(refused ?? (await guess()), 429, 'too_many_attempts')
    expect(Number(refused?.headers.get('retry-after'))).toBeGreaterThan(0)
    // Even the right one is not checked while it waits.
    expectError(await kari.agent.post('/api/auth/password', { currentPassword: firstFacilitator.password, newPassword: 'a brand new passphrase' }), 429, 'too_many_attempts')
  })
})

describe('deactivating a facilitator on a cluster', () => {
  it('[A19] closes their board sockets on every instance at once', async () => {
    const database = await clusterDatabase()
    cleanups.push(() => database.drop())
    const instances = await startInstances(2, database)
    for (const instance of instances) cleanups.push(() => instance.close())
    const [first, second] = instances
    if (first === undefined || second === undefined) throw new Error('two instances')
    const { kari, ola: invited } = await twoFacilitators(first)
    const boards = instances.map((instance) => boardClient(instance.syncUrl, invited.agent))
    for (const board of boards) await board.waitForSynced()
    expectStatus(await kari.agent.at(second.url).post(`/api/facilitators/${invited.id}/deactivate`), 200)
    for (const board of boards) expect(await closedWith(board)).toBe(CloseCode.accountDeactivated.code)
    expect((await invited.agent.at(second.url).session()).facilitator).toBeNull()
  })
})
