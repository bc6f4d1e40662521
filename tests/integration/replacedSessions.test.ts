// A browser has one facilitator and one guest session at a time. When a new
// one replaces the old (joining another workshop, signing in again), the old
// session's board sockets end at once (4410) instead of keeping its role or
// workshop for as long as they stay open; other sessions' sockets stay.
import { afterEach, describe, expect, it } from 'vitest'
import { CloseCode } from '../../shared/src/protocol/closeCodes.ts'
import { linkToken, setUpFirstFacilitator, type ApiAgent, type SignedInFacilitator } from '../helpers/auth.ts'
import { RawClient } from '../helpers/clients.ts'
import { startTestServer, type TestServer } from '../helpers/server.ts'
import { waitFor } from '../helpers/waitFor.ts'
import { addStep, createWorkshop, expectStatus, grueChallengeId, joined, setStatus } from '../helpers/workshopApi.ts'

const cleanups: Array<() => unknown> = []
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.()
})

const participant = { displayName: 'Per Hansen', affiliation: 'citizen' }

async function scene(): Promise<{ server: TestServer; facilitator: SignedInFacilitator }> {
  const server = await startTestServer()
  cleanups.push(() => server.close())
  return { server, facilitator: await setUpFirstFacilitator(server) }
}

/** An open workshop with one step: its participant link and the step's board. */
async function openWorkshop(agent: ApiAgent, title: string) {
  const { workshop, links } = await createWorkshop(agent, await grueChallengeId(agent), title)
  const step = await addStep(agent, workshop.id, { templateId: 'ideas', plannedMinutes: 10 })
  await setStatus(agent, workshop.id, 'open')
  if (links === null) throw new Error('A facilitator sees the links.')
  return { participantUrl: links.participantUrl, boardId: step.boardId }
}

/** A board socket of this browser, admitted (its sync answered). */
async function boardSocket(server: TestServer, agent: ApiAgent, boardId: string): Promise<RawClient> {
  const client = await RawClient.connect(server.syncUrl, boardId, { headers: { cookie: agent.cookieHeader() } })
  cleanups.push(() => client.close())
  await client.barrier()
  return client
}

async function closedWith(client: RawClient, code: number): Promise<void> {
  await waitFor(() => client.closeCode === code, { message: `close code ${code}` })
}

describe('a replaced session', () => {
  it('[A5] ends the board sockets of the guest session a join to another workshop replaces', async () => {
    const { server, facilitator } = await scene()
    const first = await openWorkshop(facilitator.agent, 'Verksted 1')
    const second = await openWorkshop(facilitator.agent, 'Verksted 2')
    const { agent } = await joined(server.url, first.participantUrl, participant)
    const oldSocket = await boardSocket(server, agent, first.boardId)
    const facilitatorSocket = await boardSocket(server, facilitator.agent, first.boardId)

    expectStatus(await agent.post(`/api/join/${linkToken(second.participantUrl)}`, participant), 201)
    await closedWith(oldSocket, CloseCode.sessionEnded.code)
    await facilitatorSocket.barrier()
    expect(facilitatorSocket.closeCode).toBeNull()
    // The new session opens the new workshop's boards, and no longer the old one's.
    expect((await boardSocket(server, agent, second.boardId)).closeCode).toBeNull()
    const refused = await RawClient.connect(server.syncUrl, first.boardId, { headers: { cookie: agent.cookieHeader() } })
    cleanups.push(() => refused.close())
    await closedWith(refused, CloseCode.wrongWorkshop.code)
  })

  it('[A5] ends the board sockets of the facilitator session a new sign-in replaces', async () => {
    const { server, facilitator } = await scene()
    const { boardId, participantUrl } = await openWorkshop(facilitator.agent, 'Verksted 1')
    const guest = await joined(server.url, participantUrl, participant)
    const guestSocket = await boardSocket(server, guest.agent, boardId)
    const oldSocket = await boardSocket(server, facilitator.agent, boardId)
    const { email, password } = facilitator.credentials

    expectStatus(await facilitator.agent.post('/api/auth/login', { email, password }), 200)
    await closedWith(oldSocket, CloseCode.sessionEnded.code)
    expect((await boardSocket(server, facilitator.agent, boardId)).closeCode).toBeNull()
    await guestSocket.barrier()
    expect(guestSocket.closeCode).toBeNull()
  })
})
