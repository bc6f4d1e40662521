import { afterEach, describe, expect, it } from 'vitest'
import { CloseCode } from '../../shared/src/protocol/closeCodes.ts'
import { newBoardId } from '../../shared/src/protocol/boardId.ts'
import { guestCookieName } from '../../server/src/auth/sessionCookies.ts'
import {
  ApiAgent,
  firstFacilitator,
  guestSessionInStore,
  logIn,
  setUpFirstFacilitator,
  type ApiResponse,
} from '../helpers/auth.ts'
import { RawClient } from '../helpers/clients.ts'
import { aStep, aWorkshop } from '../helpers/domainFixtures.ts'
import { startTestServer, type TestServer, type TestServerOptions } from '../helpers/server.ts'

// Participants' and observers' sessions against the facilitator side, leaving
// a workshop, and sessions that end taking their board sockets with them.
// Guest sessions are made in the store here; the join route's own tests make
// them over HTTP.

const cleanups: (() => Promise<unknown> | unknown)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

async function start(options: TestServerOptions = {}): Promise<TestServer> {
  const server = await startTestServer(options)
  cleanups.push(() => server.close())
  return server
}

async function openWorkshop(server: TestServer) {
  const [challenge] = await server.domain.listChallenges()
  if (challenge === undefined) throw new Error('The seed has no challenge.')
  const workshop = await server.domain.createWorkshop(aWorkshop(challenge.id, { status: 'open' }))
  const step = await server.domain.createStep(aStep(workshop.id))
  return { workshop, step }
}

async function connect(server: TestServer, boardId: string, cookie: string): Promise<RawClient> {
  const client = await RawClient.connect(server.syncUrl, boardId, { headers: { cookie } })
  cleanups.push(() => client.close())
  return client
}

function errorCode(response: ApiResponse): unknown {
  return (response.body as { error?: { code?: unknown } } | null)?.error?.code
}

describe('guest sessions', () => {
  it('[A4] show in GET /api/session, and are refused on facilitator routes with 403 facilitators_only', async () => {
    const server = await start()
    const { workshop } = await openWorkshop(server)
    const guest = await guestSessionInStore(server.access, workshop.id, 'participant', {
      displayName: 'Per Deltaker',
      affiliation: 'voluntary',
    })
    const browser = new ApiAgent(server.url)
    browser.setCookie(guestCookieName, guest.sessionId)
    expect(await browser.session()).toEqual({
      facilitator: null,
      guest: {
        role: 'participant',
        workshopId: workshop.id,
        participantId: guest.participant?.id,
        displayName: 'Per Deltaker',
        affiliation: 'voluntary',
        color: guest.participant?.color,
        csrfToken: guest.session.csrfToken,
      },
      setupRequired: true,
    })
    const invite = await browser.post('/api/invitations', { email: 'per@example.no' })
    expect(invite.status).toBe(403)
    expect(errorCode(invite)).toBe('facilitators_only')
    expect(errorCode(await browser.get('/api/facilitators'))).toBe('facilitators_only')

    const observer = await guestSessionInStore(server.access, workshop.id, 'observer')
    const watcher = new ApiAgent(server.url)
    watcher.setCookie(guestCookieName, observer.sessionId)
    expect((await watcher.session()).guest).toMatchObject({ role: 'observer', participantId: null, displayName: null, color: null })
    expect(errorCode(await watcher.get('/api/facilitators'))).toBe('facilitators_only')
  })

  it('[A5] end when the guest leaves, with their board sockets (4410)', async () => {
    const server = await start()
    const { workshop, step } = await openWorkshop(server)
    const guest = await guestSessionInStore(server.access, workshop.id, 'participant')
    const browser = new ApiAgent(server.url)
    browser.setCookie(guestCookieName, guest.sessionId)
    await browser.session()
    const socket = await connect(server, step.boardId, guest.cookie)
    await socket.barrier()

    expect(errorCode(await browser.post('/api/session/leave', undefined, { csrf: false }))).toBe('csrf_token_invalid')
    expect((await browser.post('/api/session/leave')).status).toBe(204)
    expect(await socket.closed).toBe(CloseCode.sessionEnded.code)
    expect(browser.cookie(guestCookieName)).toBeUndefined()
    expect(await server.access.getSession(guest.session.idHash, Date.now())).toBeNull()
    expect((await browser.session()).guest).toBeNull()
    // Leaving twice changes nothing.
    expect((await browser.post('/api/session/leave')).status).toBe(204)
  })

  it('of a facilitator end at logout, with their board sockets (4410)', async () => {
    const server = await start({ config: { scratchBoards: 'facilitators' } })
    const { agent } = await setUpFirstFacilitator(server)
    const { step } = await openWorkshop(server)
    const onStep = await connect(server, step.boardId, agent.cookieHeader())
    const onScratch = await connect(server, newBoardId(), agent.cookieHeader())
    await Promise.all([onStep.barrier(), onScratch.barrier()])
    const other = await logIn(server, firstFacilitator)
    const othersSocket = await connect(server, step.boardId, other.cookieHeader())
    await othersSocket.barrier()

    expect((await agent.post('/api/auth/logout')).status).toBe(204)
    expect(await onStep.closed).toBe(CloseCode.sessionEnded.code)
    expect(await onScratch.closed).toBe(CloseCode.sessionEnded.code)
    // The same facilitator signed in elsewhere keeps their socket.
    await othersSocket.barrier()
    expect(othersSocket.closeCode).toBeNull()
  })

  it('let a browser hold a facilitator and a guest session at once', async () => {
    const server = await start()
    const { agent } = await setUpFirstFacilitator(server)
    const { workshop } = await openWorkshop(server)
    const guest = await guestSessionInStore(server.access, workshop.id, 'observer')
    agent.setCookie(guestCookieName, guest.sessionId)
    const info = await agent.session()
    expect(info.facilitator).not.toBeNull()
    expect(info.guest).toMatchObject({ role: 'observer', workshopId: workshop.id })
    // Either session's CSRF token will do for a changing request.
    const withGuestToken = await agent.post('/api/invitations', { email: 'ola@grue.kommune.no' }, {
      headers: { 'x-csrf-token': guest.session.csrfToken },
    })
    expect(withGuestToken.status).toBe(201)
  })
})
