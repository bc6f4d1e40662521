import { afterEach, describe, expect, it } from 'vitest'
import { CloseCode } from '../../shared/src/protocol/closeCodes.ts'
import { newBoardId } from '../../shared/src/protocol/boardId.ts'
import type { WorkshopStatus } from '../../shared/src/schema/workshop.ts'
import { createBoardAccessPolicy } from '../../server/src/auth/boardAccessPolicy.ts'
import type { ScratchBoards } from '../../server/src/config.ts'
import { guestSessionInStore, setUpFirstFacilitator } from '../helpers/auth.ts'
import { aStep, aWorkshop } from '../helpers/domainFixtures.ts'
import { startTestServer, type TestServer } from '../helpers/server.ts'

// The relay's admission rules (boardAccessPolicy.ts), asked directly with the
// cookies an upgrade would carry. The relay's own tests check that it applies
// the answers to real sockets.

const cleanups: (() => Promise<unknown> | unknown)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

async function setUp(scratchBoards: ScratchBoards = 'facilitators') {
  const server: TestServer = await startTestServer()
  cleanups.push(() => server.close())
  const policy = createBoardAccessPolicy({
    access: server.access,
    domain: server.domain,
    config: { scratchBoards },
    now: () => Date.now(),
  })
  const [challenge] = await server.domain.listChallenges()
  if (challenge === undefined) throw new Error('The seed has no challenge.')
  const workshopWithStatus = async (status: WorkshopStatus) => {
    const workshop = await server.domain.createWorkshop(aWorkshop(challenge.id, { status }))
    const step = await server.domain.createStep(aStep(workshop.id))
    return { workshop, boardId: step.boardId }
  }
  const authorize = (cookie: string | undefined, boardId: string) =>
    policy.authorize(cookie === undefined ? {} : { cookie }, boardId)
  return { server, policy, workshopWithStatus, authorize }
}

const refused = (closeCode: CloseCode) => ({ kind: 'refused', closeCode })

describe('board access policy', () => {
  it('lets any facilitator onto every workshop board, whatever its status, as themselves', async () => {
    const { server, workshopWithStatus, authorize } = await setUp()
    const kari = await setUpFirstFacilitator(server)
    const cookie = kari.agent.cookieHeader()
    for (const status of ['planned', 'open', 'closed'] as const) {
      const { workshop, boardId } = await workshopWithStatus(status)
      expect(await authorize(cookie, boardId)).toEqual({
        kind: 'granted',
        role: 'facilitator',
        workshopId: workshop.id,
        stepBoardId: boardId,
        privateBoard: false,
        sessionIdHash: expect.stringMatching(/^[0-9a-f]{64}$/),
        linkId: null,
        sessionExpiresAt: expect.any(Number),
        person: { id: kari.id, name: 'Kari Nordmann', color: kari.session.facilitator?.color },
      })
    }
  })

  it('lets participants and observers onto their own open workshop only', async () => {
    const { server, workshopWithStatus, authorize } = await setUp()
    const open = await workshopWithStatus('open')
    const other = await workshopWithStatus('open')
    const participant = await guestSessionInStore(server.access, open.workshop.id, 'participant')
    const observer = await guestSessionInStore(server.access, open.workshop.id, 'observer')

    expect(await authorize(participant.cookie, open.boardId)).toEqual({
      kind: 'granted',
      role: 'participant',
      workshopId: open.workshop.id,
      stepBoardId: open.boardId,
      privateBoard: false,
      sessionIdHash: participant.session.idHash,
      linkId: participant.session.linkId,
      sessionExpiresAt: participant.session.expiresAt,
      person: { id: participant.participant?.id, name: 'Per Deltaker', color: participant.participant?.color },
    })
    expect(await authorize(observer.cookie, open.boardId)).toMatchObject({ kind: 'granted', role: 'observer', person: null })
    expect(await authorize(participant.cookie, other.boardId)).toEqual(refused(CloseCode.wrongWorkshop))
    expect(await authorize(observer.cookie, other.boardId)).toEqual(refused(CloseCode.wrongWorkshop))
  })

  it('refuses guests while their workshop is planned or closed', async () => {
    const { server, workshopWithStatus, authorize } = await setUp()
    for (const status of ['planned', 'closed'] as const) {
      const { workshop, boardId } = await workshopWithStatus(status)
      const guest = await guestSessionInStore(server.access, workshop.id, 'participant')
      expect(await authorize(guest.cookie, boardId)).toEqual(refused(CloseCode.workshopNotOpen))
    }
  })

  it('refuses without a valid session: none, unknown, or ended by a rotated link', async () => {
    const { server, workshopWithStatus, authorize } = await setUp()
    const { workshop, boardId } = await workshopWithStatus('open')
    expect(await authorize(undefined, boardId)).toEqual(refused(CloseCode.notAuthenticated))
    expect(await authorize(`samskap_guest=${'A'.repeat(43)}`, boardId)).toEqual(refused(CloseCode.notAuthenticated))
    expect(await authorize('samskap_facilitator=junk', boardId)).toEqual(refused(CloseCode.notAuthenticated))

    const guest = await guestSessionInStore(server.access, workshop.id, 'participant')
    expect(await authorize(guest.cookie, boardId)).toMatchObject({ kind: 'granted' })
    const replacement = { id: newBoardId(), workshopId: workshop.id, role: 'participant' as const, token: newBoardId(), createdAt: 0, revokedAt: null }
    await server.access.rotateLink(workshop.id, 'participant', replacement, Date.now())
    expect(await authorize(guest.cookie, boardId)).toEqual(refused(CloseCode.notAuthenticated))
  })

  it('opens scratch boards to facilitators only, unless SCRATCH_BOARDS=anyone', async () => {
    const strict = await setUp('facilitators')
    const kari = await setUpFirstFacilitator(strict.server)
    const { workshop } = await strict.workshopWithStatus('open')
    const guest = await guestSessionInStore(strict.server.access, workshop.id, 'participant')
    const scratch = newBoardId()
    expect(await strict.authorize(undefined, scratch)).toEqual(refused(CloseCode.boardNotInWorkshop))
    expect(await strict.authorize(guest.cookie, scratch)).toEqual(refused(CloseCode.boardNotInWorkshop))
    expect(await strict.authorize(kari.agent.cookieHeader(), scratch)).toMatchObject({
      kind: 'granted',
      role: 'facilitator',
      workshopId: null,
      person: { id: kari.id },
    })

    const open = await setUp('anyone')
    expect(await open.authorize(undefined, scratch)).toEqual({
      kind: 'granted',
      role: 'participant',
      workshopId: null,
      stepBoardId: null,
      privateBoard: false,
      sessionIdHash: null,
      linkId: null,
      sessionExpiresAt: null,
      person: null,
    })
  })
})
