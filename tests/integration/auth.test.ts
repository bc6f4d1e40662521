import { afterEach, describe, expect, it } from 'vitest'
import { SessionInfo } from '../../shared/src/schema/access.ts'
import { facilitatorCookieName } from '../../server/src/auth/sessionCookies.ts'
import {
  ApiAgent,
  firstFacilitator,
  inviteFacilitator,
  linkToken,
  logIn,
  setUpFirstFacilitator,
  type ApiResponse,
} from '../helpers/auth.ts'
import { createDataDir, removeDataDir, spawnServer, startTestServer, type TestServerOptions } from '../helpers/server.ts'

// Facilitator accounts over real HTTP on a real server: the one-time setup
// link, sign-in and its throttling, sessions and their cookies, CSRF and
// origin checks, invitations. Time is moved through the server's clock, never
// waited for.

const hour = 60 * 60 * 1000
const cleanups: (() => Promise<unknown> | unknown)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

async function start(options: TestServerOptions = {}) {
  const server = await startTestServer(options)
  cleanups.push(() => server.close())
  return server
}

/** A clock the server reads, moved by the test. */
function testClock(start = Date.parse('2025-03-14T09:00:00Z')) {
  let time = start
  return { now: () => time, advance: (ms: number) => (time += ms) }
}

function errorCode(response: ApiResponse): unknown {
  return (response.body as { error?: { code?: unknown } } | null)?.error?.code
}

function fieldPaths(response: ApiResponse): unknown[] {
  const fields = (response.body as { error?: { fields?: { path: string }[] } } | null)?.error?.fields ?? []
  return fields.map((field) => field.path)
}

describe('the setup link', () => {
  it('[A1] creates the first facilitator once, signs them in, and then is dead', async () => {
    const server = await start()
    const setupUrl = server.running.setupUrl
    expect(setupUrl).toMatch(new RegExp(`^${server.url}/setup/[A-Za-z0-9_-]{43}$`))
    const browser = new ApiAgent(server.url)
    expect(await browser.session()).toEqual({ facilitator: null, guest: null, setupRequired: true })
    const token = linkToken(setupUrl ?? '')
    expect((await browser.get(`/api/setup/${token}`)).status).toBe(204)

    const created = await browser.post('/api/setup', { token, ...firstFacilitator })
    expect(created.status).toBe(201)
    const info = SessionInfo.parse(created.body)
    expect(info).toMatchObject({
      facilitator: { email: firstFacilitator.email, displayName: firstFacilitator.displayName },
      guest: null,
      setupRequired: false,
    })
    expect(info.facilitator?.color).toMatch(/^#[0-9A-F]{6}$/)
    const setCookie = created.headers.getSetCookie().find((cookie) => cookie.startsWith(`${facilitatorCookieName}=`))
    expect(setCookie).toMatch(/HttpOnly/)
    expect(setCookie).toMatch(/SameSite=Lax/)
    expect(setCookie).toMatch(/Path=\//)
    expect(setCookie).not.toMatch(/Secure/)
    expect(await browser.session()).toMatchObject({ facilitator: { email: firstFacilitator.email } })

    expect(errorCode(await browser.get(`/api/setup/${token}`))).toBe('setup_link_invalid')
    const again = await new ApiAgent(server.url).post('/api/setup', {
      token,
      ...firstFacilitator,
      email: 'someone.else@grue.kommune.no',
    })
    expect(again.status).toBe(404)
    expect(errorCode(again)).toBe('setup_link_invalid')
    expect(await server.access.countFacilitators()).toBe(1)
  })

  it('[A1] is valid for 24 hours only', async () => {
    const clock = testClock()
    const server = await start({ now: clock.now })
    const token = linkToken(server.running.setupUrl ?? '')
    const browser = new ApiAgent(server.url)
    clock.advance(24 * hour - 1)
    expect((await browser.get(`/api/setup/${token}`)).status).toBe(204)
    clock.advance(1)
    expect(errorCode(await browser.get(`/api/setup/${token}`))).toBe('setup_link_invalid')
    expect((await browser.post('/api/setup', { token, ...firstFacilitator })).status).toBe(404)
    expect(await server.access.countFacilitators()).toBe(0)
  })

  it('[A1] is made anew at every start until a facilitator exists; then every setup link is refused', async () => {
    const dataDir = createDataDir()
    cleanups.push(() => removeDataDir(dataDir))
    const first = await startTestServer({ dataDir })
    const firstUrl = first.running.setupUrl
    await first.close()
    const second = await startTestServer({ dataDir })
    cleanups.push(() => second.close())
    const secondUrl = second.running.setupUrl
    expect(secondUrl).not.toBeNull()
    expect(secondUrl).not.toBe(firstUrl)
    const browser = new ApiAgent(second.url)
    expect((await browser.get(`/api/setup/${linkToken(firstUrl ?? '')}`)).status).toBe(204)

    await setUpFirstFacilitator(second)
    expect(errorCode(await browser.get(`/api/setup/${linkToken(firstUrl ?? '')}`))).toBe('setup_link_invalid')
    const late = await browser.post('/api/setup', { token: linkToken(firstUrl ?? ''), ...firstFacilitator })
    expect(errorCode(late)).toBe('setup_link_invalid')
    await second.close()

    const third = await startTestServer({ dataDir })
    cleanups.push(() => third.close())
    expect(third.running.setupUrl).toBeNull()
    expect(await new ApiAgent(third.url).session()).toMatchObject({ setupRequired: false })
  })

  it('is printed at first start, on PUBLIC_URL', async () => {
    const dataDir = createDataDir()
    cleanups.push(() => removeDataDir(dataDir))
    const child = await spawnServer(dataDir, { PUBLIC_URL: 'https://samskap.example.no/' })
    cleanups.push(() => child.kill('SIGTERM'))
    expect(child.output()).toMatch(
      /First start: create the first facilitator at https:\/\/samskap\.example\.no\/setup\/[A-Za-z0-9_-]{43} \(valid 24 hours, once\)/,
    )
  })

  it('makes Secure cookies when the public URL is https', async () => {
    const server = await start({ config: { publicUrl: 'https://samskap.example.no' } })
    expect(server.running.setupUrl).toMatch(/^https:\/\/samskap\.example\.no\/setup\//)
    const { agent } = await setUpFirstFacilitator(server)
    const login = await agent.post('/api/auth/login', { email: firstFacilitator.email, password: firstFacilitator.password })
    expect(login.headers.getSetCookie().join('\n')).toMatch(/samskap_facilitator=[^;]+;.*Secure/)
  })
})

describe('signing in', () => {
  it('[A3] needs the right password; an unknown email is answered alike', async () => {
    const server = await start()
    await setUpFirstFacilitator(server)
    const browser = new ApiAgent(server.url)
    const wrong = await browser.post('/api/auth/login', { email: firstFacilitator.email, password: 'not the password' })
    expect(wrong.status).toBe(401)
    expect(errorCode(wrong)).toBe('invalid_credentials')
    const unknown = await browser.post('/api/auth/login', { email: 'nobody@grue.kommune.no', password: 'whatever it is' })
    expect(unknown.status).toBe(401)
    expect(unknown.body).toEqual(wrong.body)
    expect(browser.cookie(facilitatorCookieName)).toBeUndefined()

    // Email case does not matter.
    const right = await browser.post('/api/auth/login', {
      email: firstFacilitator.email.toUpperCase(),
      password: firstFacilitator.password,
    })
    expect(right.status).toBe(200)
    expect(SessionInfo.parse(right.body).facilitator?.email).toBe(firstFacilitator.email)
  })

  it('[A3] makes an email wait after 5 failures, in a new browser the right password too, and lets it in after the wait', async () => {
    const clock = testClock()
    const server = await start({ now: clock.now })
    await setUpFirstFacilitator(server)
    const browser = new ApiAgent(server.url)
    const attempt = (password: string) => browser.post('/api/auth/login', { email: firstFacilitator.email, password })

    for (let failure = 1; failure <= 5; failure++) expect((await attempt('wrong password')).status).toBe(401)
    const throttled = await attempt(firstFacilitator.password)
    expect(throttled.status).toBe(429)
    expect(errorCode(throttled)).toBe('too_many_attempts')
    expect(Number(throttled.headers.get('retry-after'))).toBe(60)
    expect((await attempt('wrong password')).headers.get('retry-after')).toBe('60')

    clock.advance(59 * 1000)
    expect(Number((await attempt(firstFacilitator.password)).headers.get('retry-after'))).toBe(1)
    clock.advance(1000)
    expect((await attempt(firstFacilitator.password)).status).toBe(200)
  })

  it('[A3b] makes an address wait after 30 failures, whichever emails they tried, never more than a minute', async () => {
    const clock = testClock()
    const server = await start({ now: clock.now })
    await setUpFirstFacilitator(server)
    const browser = new ApiAgent(server.url)
    for (let failure = 1; failure <= 30; failure++) {
      const response = await browser.post('/api/auth/login', { email: `guess${failure}@grue.kommune.no`, password: 'guess' })
      expect(response.status).toBe(401)
    }
    const signIn = () => browser.post('/api/auth/login', { email: firstFacilitator.email, password: firstFacilitator.password })
    const throttled = await signIn()
    expect(throttled.status).toBe(429)
    expect(Number(throttled.headers.get('retry-after'))).toBe(1)
    clock.advance(1000)
    expect((await signIn()).status).toBe(200)
  })

  it('forgets an email’s failures on success', async () => {
    const server = await start()
    await setUpFirstFacilitator(server)
    const browser = new ApiAgent(server.url)
    const attempt = (password: string) => browser.post('/api/auth/login', { email: firstFacilitator.email, password })
    for (let failure = 1; failure <= 4; failure++) expect((await attempt('wrong password')).status).toBe(401)
    expect((await attempt(firstFacilitator.password)).status).toBe(200)
    for (let failure = 1; failure <= 4; failure++) expect((await attempt('wrong password')).status).toBe(401)
    expect((await attempt(firstFacilitator.password)).status).toBe(200)
  })

  it('refuses bodies with the bad fields named', async () => {
    const server = await start()
    const browser = new ApiAgent(server.url)
    const empty = await browser.post('/api/auth/login', {})
    expect(empty.status).toBe(400)
    expect(errorCode(empty)).toBe('invalid_request')
    expect(fieldPaths(empty)).toEqual(expect.arrayContaining(['email', 'password']))
    const bad = await browser.post('/api/auth/login', { email: 'not an email', password: 'x', remember: true })
    expect(fieldPaths(bad)).toEqual(expect.arrayContaining(['email', 'remember']))

    const token = linkToken(server.running.setupUrl ?? '')
    const short = await browser.post('/api/setup', { token, email: firstFacilitator.email, displayName: ' ', password: 'short' })
    expect(short.status).toBe(400)
    expect(fieldPaths(short)).toEqual(expect.arrayContaining(['displayName', 'password']))
    expect(await server.access.countFacilitators()).toBe(0)
  })
})

describe('sessions', () => {
  it('[A5] end at logout: the cookie no longer works', async () => {
    const server = await start()
    const { agent } = await setUpFirstFacilitator(server)
    const stolenCookie = agent.cookieHeader()
    const logout = await agent.post('/api/auth/logout')
    expect(logout.status).toBe(204)
    expect(agent.cookie(facilitatorCookieName)).toBeUndefined()
    expect(await agent.session()).toMatchObject({ facilitator: null })

    const replay = await agent.get('/api/facilitators', { headers: { cookie: stolenCookie } })
    expect(replay.status).toBe(401)
    expect(errorCode(replay)).toBe('not_signed_in')
  })

  it('[A5] expire after 12 hours, and the stale cookie is cleared', async () => {
    const clock = testClock()
    const server = await start({ now: clock.now })
    const { agent } = await setUpFirstFacilitator(server)
    clock.advance(12 * hour - 1)
    expect((await agent.get('/api/facilitators')).status).toBe(200)
    clock.advance(1)
    const expired = await agent.get('/api/facilitators')
    expect(expired.status).toBe(401)
    expect(expired.headers.getSetCookie().join('\n')).toMatch(/samskap_facilitator=;/)
    expect(agent.cookie(facilitatorCookieName)).toBeUndefined()
  })
})

describe('CSRF and origin checks', () => {
  it('[A6] refuse a changing request without the session’s CSRF token', async () => {
    const server = await start()
    const { agent, session } = await setUpFirstFacilitator(server)
    const invite = (options: Parameters<ApiAgent['post']>[2]) =>
      agent.post('/api/invitations', { email: 'ola.hansen@grue.kommune.no' }, options)

    const without = await invite({ csrf: false })
    expect(without.status).toBe(403)
    expect(errorCode(without)).toBe('csrf_token_invalid')
    const wrong = await invite({ headers: { 'x-csrf-token': 'A'.repeat(43) } })
    expect(errorCode(wrong)).toBe('csrf_token_invalid')
    expect((await invite({ headers: { 'x-csrf-token': session.facilitator?.csrfToken ?? '' } })).status).toBe(201)
    // Reading needs no token.
    expect((await agent.get('/api/facilitators', { csrf: false })).status).toBe(200)
    // Nor does signing out without a session, but with one it does.
    expect(errorCode(await agent.post('/api/auth/logout', undefined, { csrf: false }))).toBe('csrf_token_invalid')
  })

  it('[A6] refuse changing requests from a foreign origin, signing in included', async () => {
    const server = await start()
    const { agent } = await setUpFirstFacilitator(server)
    const evil = { headers: { origin: 'https://evil.example' } }
    const login = await new ApiAgent(server.url).post(
      '/api/auth/login',
      { email: firstFacilitator.email, password: firstFacilitator.password },
      evil,
    )
    expect(login.status).toBe(403)
    expect(errorCode(login)).toBe('origin_not_allowed')
    expect(errorCode(await agent.post('/api/invitations', { email: 'a@b.no' }, evil))).toBe('origin_not_allowed')
    // A client that sends no Origin (not a browser) is not a cross-site risk.
    const script = new ApiAgent(server.url, { origin: null })
    expect((await script.post('/api/auth/login', { email: firstFacilitator.email, password: firstFacilitator.password })).status).toBe(200)
  })
})

describe('invitations', () => {
  it('[A2] make a second facilitator once, who can then sign in', async () => {
    const server = await start()
    const kari = await setUpFirstFacilitator(server)
    const created = await kari.agent.post('/api/invitations', { email: 'Ola.Hansen@Grue.Kommune.no' })
    expect(created.status).toBe(201)
    const { invitationUrl, email, expiresAt } = created.body as { invitationUrl: string; email: string; expiresAt: string }
    expect(email).toBe('ola.hansen@grue.kommune.no')
    expect(invitationUrl).toMatch(new RegExp(`^${server.url}/invite/[A-Za-z0-9_-]{43}$`))
    expect(Date.parse(expiresAt) - Date.now()).toBeGreaterThan(7 * 24 * hour - 60_000)
    const token = linkToken(invitationUrl)

    const invitee = new ApiAgent(server.url)
    const info = await invitee.get(`/api/invitations/${token}`)
    expect(info.body).toEqual({ email: 'ola.hansen@grue.kommune.no', invitedBy: 'Kari Nordmann', expiresAt })
    const accepted = await invitee.post(`/api/invitations/${token}/accept`, {
      displayName: 'Ola Hansen',
      password: 'another long passphrase',
    })
    expect(accepted.status).toBe(201)
    expect(SessionInfo.parse(accepted.body).facilitator).toMatchObject({ email: 'ola.hansen@grue.kommune.no' })

    const list = await kari.agent.get('/api/facilitators')
    expect(list.body).toEqual({
      facilitators: [
        { id: kari.id, email: firstFacilitator.email, displayName: 'Kari Nordmann', deactivatedAt: null },
        { id: expect.any(String), email: 'ola.hansen@grue.kommune.no', displayName: 'Ola Hansen', deactivatedAt: null },
      ],
    })
    const reuse = await new ApiAgent(server.url).post(`/api/invitations/${token}/accept`, {
      displayName: 'Mallory',
      password: 'a password of mallory',
    })
    expect(reuse.status).toBe(404)
    expect(errorCode(reuse)).toBe('invitation_invalid')
    expect(errorCode(await invitee.get(`/api/invitations/${token}`))).toBe('invitation_invalid')
    expect((await logIn(server, { email: 'ola.hansen@grue.kommune.no', password: 'another long passphrase' })).cookie(facilitatorCookieName)).toBeDefined()
  })

  it('[A2] expire after 7 days, and are not made for an existing account', async () => {
    const clock = testClock()
    const server = await start({ now: clock.now })
    const kari = await setUpFirstFacilitator(server)
    const taken = await kari.agent.post('/api/invitations', { email: firstFacilitator.email })
    expect(taken.status).toBe(409)
    expect(errorCode(taken)).toBe('email_taken')

    const ola = await inviteFacilitator(server, kari.agent)
    expect(ola.session.facilitator?.displayName).toBe('Ola Hansen')
    const created = await kari.agent.post('/api/invitations', { email: 'per@grue.kommune.no' })
    const token = linkToken((created.body as { invitationUrl: string }).invitationUrl)
    clock.advance(7 * 24 * hour)
    const late = await new ApiAgent(server.url).post(`/api/invitations/${token}/accept`, {
      displayName: 'Per',
      password: 'a long enough password',
    })
    expect(errorCode(late)).toBe('invitation_invalid')
  })

  it('[A4] are only for facilitators', async () => {
    const server = await start()
    const anonymous = new ApiAgent(server.url)
    const refused = await anonymous.post('/api/invitations', { email: 'a@grue.kommune.no' })
    expect(refused.status).toBe(401)
    expect(errorCode(refused)).toBe('not_signed_in')
    expect(errorCode(await anonymous.get('/api/facilitators'))).toBe('not_signed_in')
    const { agent } = await setUpFirstFacilitator(server)
    const bad = await agent.post('/api/invitations', { email: 'not-an-email' })
    expect(bad.status).toBe(400)
    expect(fieldPaths(bad)).toEqual(['email'])
  })
})
