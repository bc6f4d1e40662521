// Defects found in a security review of sign-in, workshops and uploads, each pinned by a hostile client against a real server on
// port 0: guesses sent all at once, secrets in the logs, board sockets that outlive their session, and
// uploads to boards from people who may not change them.
import { Writable } from 'node:stream'
import { pino } from 'pino'
import { afterEach, describe, expect, it } from 'vitest'
import { CloseCode } from '../../shared/src/protocol/closeCodes.ts'
import { WorkshopDetail } from '../../shared/src/schema/workshopApi.ts'
import { hashSecret } from '../../server/src/auth/secrets.ts'
import { facilitatorCookieName } from '../../server/src/auth/sessionCookies.ts'
import { joinCodeRules } from '../../server/src/auth/joinCodeThrottle.ts'
import { ApiAgent, firstFacilitator, guestSessionInStore, linkToken, setUpFirstFacilitator } from '../helpers/auth.ts'
import { RawClient } from '../helpers/clients.ts'
import { startTestServer, type TestServer, type TestServerOptions } from '../helpers/server.ts'
import { waitFor } from '../helpers/waitFor.ts'
import {
  addStep,
  createWorkshop,
  expectError,
  expectStatus,
  grueChallengeId,
  joined,
  joinThrough,
  setStatus,
} from '../helpers/workshopApi.ts'

const cleanups: Array<() => unknown> = []
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.()
})

async function start(options: TestServerOptions = {}): Promise<TestServer> {
  const server = await startTestServer(options)
  cleanups.push(() => server.close())
  return server
}

/** A server whose log lines (JSON, from level info up) land in `lines`. */
async function startLogged(): Promise<{ server: TestServer; lines: string[] }> {
  const lines: string[] = []
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString())
      done()
    },
  })
  return { server: await start({ logger: pino({ level: 'info' }, sink) }), lines }
}

/** An open workshop with one step, made by the first facilitator through the API. */
async function openWorkshop(server: TestServer) {
  const facilitator = await setUpFirstFacilitator(server)
  const created = await createWorkshop(facilitator.agent, await grueChallengeId(facilitator.agent))
  const step = await addStep(facilitator.agent, created.workshop.id, { templateId: 'ideas', plannedMinutes: 10 })
  await setStatus(facilitator.agent, created.workshop.id, 'open')
  const detail = WorkshopDetail.parse(expectStatus(await facilitator.agent.get(`/api/workshops/${created.workshop.id}`), 200))
  if (detail.links === null) throw new Error('A facilitator sees the workshop links.')
  return { facilitator, workshop: detail.workshop, step, links: detail.links }
}

async function connect(server: TestServer, boardId: string, cookie: string): Promise<RawClient> {
  const client = await RawClient.connect(server.syncUrl, boardId, { headers: { cookie } })
  cleanups.push(() => client.close())
  await client.barrier()
  return client
}

function statuses(responses: readonly { status: number }[]): Record<number, number> {
  const counts: Record<number, number> = {}
  for (const { status } of responses) counts[status] = (counts[status] ?? 0) + 1
  return counts
}

describe('guesses sent all at once', () => {
  it('[A3] are throttled like guesses sent one by one: at most 5 wrong passwords per email are checked', async () => {
    const server = await start()
    await setUpFirstFacilitator(server)
    const browser = new ApiAgent(server.url)
    const guess = () => browser.post('/api/auth/login', { email: firstFacilitator.email, password: 'a wrong password' })
    // Each check takes a scrypt's time, so without counting first all of these would be checked.
    expect(statuses(await Promise.all(Array.from({ length: 12 }, guess)))).toEqual({ 401: 5, 429: 7 })
    const right = await browser.post('/api/auth/login', { email: firstFacilitator.email, password: firstFacilitator.password })
    expect(right.status).toBe(429)
  })

  it('leave right join codes uncounted, so a room behind one address joins, while wrong ones stay counted', async () => {
    const server = await start()
    const { facilitator, workshop, links } = await openWorkshop(server)
    expectStatus(await facilitator.agent.put(`/api/workshops/${workshop.id}/join-code`, { joinCode: 'Kirke42' }), 200)
    const join = (joinCode: string) => joinThrough(server.url, links.observerUrl, { joinCode }).then(({ response }) => response)
    const room = joinCodeRules.address.freeFailures + 5
    expect(statuses(await Promise.all(Array.from({ length: room }, () => join('kirke42'))))).toEqual({ 201: room })
    const wrong = await Promise.all(Array.from({ length: room }, (_, index) => join(`Wrong${index}`)))
    expect(statuses(wrong)).toEqual({ 403: joinCodeRules.address.freeFailures, 429: 5 })
  })
})

describe('logs', () => {
  it('do not carry the link token of a request that failed', async () => {
    const { server, lines } = await startLogged()
    const { links } = await openWorkshop(server)
    // The access store going away makes the join route fail with 500, which is logged.
    await server.access.close()
    const token = linkToken(links.participantUrl)
    expect((await new ApiAgent(server.url).get(`/api/join/${token}`)).status).toBe(500)
    await waitFor(() => lines.some((line) => line.includes('request failed')), { message: 'the failure to be logged' })
    expect(lines.filter((line) => line.includes(token))).toEqual([])
  })

  it('do not carry the session of sockets ended at sign-out', async () => {
    const { server, lines } = await startLogged()
    const { facilitator, step } = await openWorkshop(server)
    const sessionId = facilitator.agent.cookie(facilitatorCookieName) ?? ''
    const socket = await connect(server, step.boardId, facilitator.agent.cookieHeader())
    expect((await facilitator.agent.post('/api/auth/logout')).status).toBe(204)
    expect(await socket.closed).toBe(CloseCode.sessionEnded.code)
    await waitFor(() => lines.some((line) => line.includes('ended board sockets')), { message: 'the sockets’ end to be logged' })
    expect(lines.filter((line) => line.includes(hashSecret(sessionId)) || line.includes(sessionId))).toEqual([])
  })
})

describe('a board socket', () => {
  it('[A5] is closed with 4410 when its session expires', async () => {
    const server = await start()
    const { workshop, step } = await openWorkshop(server)
    // A participant session made 24 hours minus a second ago: it expires a second from now.
    const made = Date.now() - 24 * 60 * 60 * 1000 + 1000
    const guest = await guestSessionInStore(server.access, workshop.id, 'participant', undefined, made)
    const socket = await connect(server, step.boardId, guest.cookie)
    expect(await waitFor(() => socket.closeCode, { timeoutMs: 5000, message: 'the socket to be closed' })).toBe(
      CloseCode.sessionEnded.code,
    )
    expect(Date.now()).toBeGreaterThanOrEqual(guest.session.expiresAt)
  })
})

const png = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
)

/** Uploads a PNG to a board as `agent`'s browser (its cookies; no agent: a stranger). */
async function upload(server: TestServer, boardId: string, agent: ApiAgent | null) {
  const response = await fetch(`${server.url}/api/boards/${boardId}/assets`, {
    method: 'POST',
    headers: { 'content-type': 'image/png', origin: server.url, ...(agent === null ? {} : { cookie: agent.cookieHeader() }) },
    body: new Uint8Array(png),
  })
  return { status: response.status, headers: response.headers, body: (await response.json()) as unknown }
}

describe('uploads', () => {
  it('[A14] to a workshop board are taken only from those who may change the board', async () => {
    const server = await start()
    const { facilitator, step, links } = await openWorkshop(server)
    const participant = await joined(server.url, links.participantUrl, { displayName: 'Per', affiliation: 'citizen' })
    const observer = await joined(server.url, links.observerUrl)
    const other = await createWorkshop(facilitator.agent, await grueChallengeId(facilitator.agent), 'Another workshop')
    await setStatus(facilitator.agent, other.workshop.id, 'open')
    const otherLinks = WorkshopDetail.parse((await facilitator.agent.get(`/api/workshops/${other.workshop.id}`)).body).links
    const stranger = await joined(server.url, otherLinks?.participantUrl ?? '', { displayName: 'Ola', affiliation: 'other' })

    expectError(await upload(server, step.boardId, null), 401, 'not_signed_in')
    expectError(await upload(server, step.boardId, observer.agent), 403, 'board_not_writable')
    expectError(await upload(server, step.boardId, stranger.agent), 403, 'board_not_writable')
    expectStatus(await upload(server, step.boardId, participant.agent), 201)
    expectStatus(await upload(server, step.boardId, facilitator.agent), 201)
    await setStatus(facilitator.agent, (await server.domain.getStep(step.id))?.workshopId ?? '', 'closed')
    expectError(await upload(server, step.boardId, participant.agent), 403, 'board_not_writable')
  })

  it('[A14] to a board outside any workshop follow SCRATCH_BOARDS', async () => {
    const server = await start({ config: { scratchBoards: 'facilitators' } })
    const facilitator = await setUpFirstFacilitator(server)
    expectError(await upload(server, 'scratch-board-1', null), 403, 'board_not_writable')
    expectStatus(await upload(server, 'scratch-board-1', facilitator.agent), 201)
  })
})
