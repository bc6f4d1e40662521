import { afterEach, describe, expect, it } from 'vitest'
import { CloseCode } from '../../shared/src/protocol/closeCodes.ts'
import { WorkshopDetail } from '../../shared/src/schema/workshopApi.ts'
import type { AccessStore } from '../../server/src/store/AccessStore.ts'
import type { DomainStore } from '../../server/src/store/DomainStore.ts'
import { setUpFirstFacilitator, type SignedInFacilitator } from '../helpers/auth.ts'
import { RawClient } from '../helpers/clients.ts'
import { startTestServer, type TestServer } from '../helpers/server.ts'
import { ReadGate } from '../helpers/storeDecorators.ts'
import { waitFor } from '../helpers/waitFor.ts'
import {
  createWorkshop,
  expectError,
  expectStatus,
  grueChallengeId,
  joinThrough,
  openWorkshop,
  setStatus,
  type JoinedParticipant,
} from '../helpers/workshopApi.ts'

// An upgrade's access is read from the store before its socket joins. With a store that yields
// (Postgres, other instances writing), a link rotation or a workshop close can land in between:
// the socket must then get the same close as the sockets already open, not slip in on the old read.

const cleanups: Array<() => unknown> = []
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.()
})

interface Scene {
  server: TestServer
  gate: ReadGate<DomainStore, 'getWorkshop'>
  facilitator: SignedInFacilitator
  workshopId: string
  boardId: string
  participant: JoinedParticipant
}

async function scene(): Promise<Scene> {
  const gate = new ReadGate<DomainStore, 'getWorkshop'>('getWorkshop')
  const server = await startTestServer({ wrapDomain: (domain) => gate.wrap(domain) })
  cleanups.push(() => server.close())
  const facilitator = await setUpFirstFacilitator(server)
  const { workshopId, steps, participant } = await openWorkshop(facilitator.agent, {
    baseUrl: server.url,
    challengeId: await grueChallengeId(facilitator.agent),
    steps: [{ templateId: 'stakeholder-mapping', plannedMinutes: 20 }],
    participant: { displayName: 'Per Hansen', affiliation: 'business' },
  })
  return { server, gate, facilitator, workshopId, boardId: steps[0].boardId, participant }
}

/** Starts a participant's upgrade and waits until its access decision has read the workshop (and is held). */
async function upgradeHeldAfterReading(s: Scene): Promise<{ connecting: Promise<RawClient> }> {
  s.gate.hold()
  const connecting = RawClient.connect(s.server.syncUrl, s.boardId, { headers: { cookie: s.participant.agent.cookieHeader() } })
  await waitFor(() => s.gate.held === 1, { message: 'the upgrade’s read of the workshop held' })
  s.gate.passNew()
  // Wrapped: an async function returning the promise itself would wait for it.
  return { connecting }
}

describe('an upgrade decided before its sockets were ended', () => {
  it('[C7] is closed with 4409 when the link was rotated while its access was read', async () => {
    const s = await scene()
    const { connecting } = await upgradeHeldAfterReading(s)
    expectStatus(await s.facilitator.agent.post(`/api/workshops/${s.workshopId}/links/participant/rotate`), 200)
    s.gate.release()
    const socket = await connecting
    cleanups.push(() => socket.close())
    expect(await socket.closed).toBe(CloseCode.linkRotated.code)
  })

  it('[C7] is closed with 4407 when the workshop was closed while its access was read', async () => {
    const s = await scene()
    const { connecting } = await upgradeHeldAfterReading(s)
    await setStatus(s.facilitator.agent, s.workshopId, 'closed')
    s.gate.release()
    const socket = await connecting
    cleanups.push(() => socket.close())
    expect(await socket.closed).toBe(CloseCode.workshopNotOpen.code)
  })

  it('is let in when nothing ended meanwhile', async () => {
    const s = await scene()
    const { connecting } = await upgradeHeldAfterReading(s)
    s.gate.release()
    const socket = await connecting
    cleanups.push(() => socket.close())
    await socket.barrier()
    expect(socket.closeCode).toBeNull()
  })
})

describe('a join whose link was read before the link was rotated', () => {
  it('[C7] is refused as a replaced link, and leaves no session on the old link', async () => {
    const gate = new ReadGate<AccessStore, 'findActiveLink'>('findActiveLink')
    const server = await startTestServer({ wrapAccess: (access) => gate.wrap(access) })
    cleanups.push(() => server.close())
    const facilitator = await setUpFirstFacilitator(server)
    const created = await createWorkshop(facilitator.agent, await grueChallengeId(facilitator.agent))
    await setStatus(facilitator.agent, created.workshop.id, 'open')
    const detail = WorkshopDetail.parse(expectStatus(await facilitator.agent.get(`/api/workshops/${created.workshop.id}`), 200))
    if (detail.links === null) throw new Error('a facilitator sees the links')
    gate.hold()
    const joining = joinThrough(server.url, detail.links.participantUrl, { displayName: 'Per Hansen', affiliation: 'business' })
    await waitFor(() => gate.held === 1, { message: 'the join’s read of its link held' })
    gate.passNew()
    expectStatus(await facilitator.agent.post(`/api/workshops/${created.workshop.id}/links/participant/rotate`), 200)
    gate.release()
    const { agent, response } = await joining
    expectError(response, 404, 'link_invalid')
    expectError(await agent.get(`/api/workshops/${created.workshop.id}`), 401, 'not_signed_in')
  })
})
