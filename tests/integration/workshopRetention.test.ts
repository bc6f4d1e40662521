// A closed workshop's boards, participants and sessions are deleted RETENTION_DAYS after it
// closed, by a sweep on the server's clock (moved here instead of waiting), the same way a
// facilitator's DELETE deletes them; facilitators see the date and may move it, reopening forgets
// it, and the published challenge description stays. On a cluster one instance sweeps at a time.
import { Redis } from 'ioredis'
import { afterEach, describe, expect, inject, it } from 'vitest'
import { CloseCode } from '../../shared/src/protocol/closeCodes.ts'
import { AuditLogPage } from '../../shared/src/schema/auditLog.ts'
import { WorkshopRetention } from '../../shared/src/schema/retentionApi.ts'
import { WorkshopDetail } from '../../shared/src/schema/workshopApi.ts'
import { hashSecret } from '../../server/src/auth/secrets.ts'
import { guestCookieName } from '../../server/src/auth/sessionCookies.ts'
import { RedisLease } from '../../server/src/cluster/maintenanceLease.ts'
import { daysMs, maxPostponementDays } from '../../server/src/privacy/retentionRules.ts'
import type { BoardStore } from '../../server/src/store/BoardStore.ts'
import { retentionLeaseName } from '../../server/src/workshop/retentionSweep.ts'
import { firstFacilitator, logIn, setUpFirstFacilitator, type ApiAgent } from '../helpers/auth.ts'
import { RawClient } from '../helpers/clients.ts'
import { clusterDatabase, startInstances } from '../helpers/cluster.ts'
import { startTestServer } from '../helpers/server.ts'
import { waitFor } from '../helpers/waitFor.ts'
import { addStep, createWorkshop, expectError, expectStatus, grueChallengeId, invalidFields, joined, setStatus } from '../helpers/workshopApi.ts'
import { describeIssue } from '../../client/src/components/form/errorText.ts'
import { createI18n } from '../../client/src/i18n/index.ts'
import type { FieldIssue } from '../../shared/src/schema/publicApi.ts'

const bokmål = createI18n('nb')

const cleanups: Array<() => unknown> = []
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.()
})

const hour = 60 * 60 * 1000
const retentionDays = 10
/** When every test's clock starts. */
const start = Date.parse('2026-12-07T10:00:00Z')

/** A server on a clock the test moves, sweeping every few milliseconds, and its first facilitator. */
async function scene() {
  let clock = start
  const server = await startTestServer({ now: () => clock, retentionSweepMs: 5, config: { retentionDays } })
  cleanups.push(() => server.close())
  const { agent } = await setUpFirstFacilitator(server)
  const challengeId = await grueChallengeId(agent)
  return {
    server,
    challengeId,
    agent,
    /** Moves the clock and signs in again: a facilitator's session lasts hours, retention days. */
    async moveTo(time: number): Promise<ApiAgent> {
      clock = time
      return logIn(server, firstFacilitator)
    },
  }
}

/** A workshop with one step, as its facilitator makes it. */
async function workshopWithStep(agent: ApiAgent, challengeId: string, title: string) {
  const { workshop, links } = await createWorkshop(agent, challengeId, title)
  const step = await addStep(agent, workshop.id, { templateId: 'ideas', plannedMinutes: 10 })
  return { workshopId: workshop.id, boardId: step.boardId, links }
}

async function detail(agent: ApiAgent, workshopId: string): Promise<WorkshopDetail> {
  return WorkshopDetail.parse(expectStatus(await agent.get(`/api/workshops/${workshopId}`), 200))
}

/** What the store holds of a board: lastSeq 0 means it has no board row. */
async function boardRows(store: BoardStore, boardId: string): Promise<number> {
  return (await store.loadBoard(boardId)).lastSeq
}

async function connect(url: string, agent: ApiAgent, boardId: string): Promise<RawClient> {
  const client = await RawClient.connect(url, boardId, { headers: { cookie: agent.cookieHeader() } })
  cleanups.push(() => client.close())
  await client.barrier()
  return client
}

describe('retention of closed workshops', () => {
  it('deletes a closed workshop’s boards, participants and sessions on its deletion date, and keeps the published description', async () => {
    const { server, agent, challengeId, moveTo } = await scene()
    const due = await workshopWithStep(agent, challengeId, 'Verksted som slettes')
    await setStatus(agent, due.workshopId, 'open')
    const participant = await joined(server.url, due.links?.participantUrl ?? '', { displayName: 'Kari Nordmann', affiliation: 'citizen' })
    const guestSession = hashSecret(participant.agent.cookie(guestCookieName) ?? '')
    // The municipality publishes what the workshop produced.
    expectStatus(await agent.put(`/api/challenges/${challengeId}/description`, { fields: { summary: 'Et sentrum for alle.' } }), 200)
    expectStatus(await agent.post(`/api/challenges/${challengeId}/description/publish`), 201)

    const closed = await setStatus(agent, due.workshopId, 'closed')
    expect(closed.retention).toEqual({
      closedAt: new Date(start).toISOString(),
      deletesAt: new Date(start + daysMs(retentionDays)).toISOString(),
      latestDeletesAt: new Date(start + daysMs(maxPostponementDays)).toISOString(),
    })
    // Closed five days later: due five days later too.
    let facilitator = await moveTo(start + daysMs(5))
    const later = await workshopWithStep(facilitator, challengeId, 'Verksted stengt senere')
    await setStatus(facilitator, later.workshopId, 'closed')
    // Closed with the first, but postponed by a facilitator.
    const postponed = await workshopWithStep(facilitator, challengeId, 'Verksted som er utsatt')
    await setStatus(facilitator, postponed.workshopId, 'closed')
    const postponedTo = start + daysMs(30)
    const moved = WorkshopRetention.parse(
      expectStatus(await facilitator.put(`/api/workshops/${postponed.workshopId}/deletion-date`, { deletesAt: new Date(postponedTo).toISOString() }), 200),
    )
    expect(moved.deletesAt).toBe(new Date(postponedTo).toISOString())
    expect((await detail(facilitator, postponed.workshopId)).retention?.deletesAt).toBe(moved.deletesAt)

    // An hour before the date nothing goes; a facilitator has the board open when it comes.
    facilitator = await moveTo(start + daysMs(retentionDays) - hour)
    const open = await connect(server.syncUrl, facilitator, due.boardId)
    expect(await boardRows(server.store, due.boardId)).toBeGreaterThan(0)
    await moveTo(start + daysMs(retentionDays) + 1)
    await waitFor(async () => (await server.domain.getWorkshop(due.workshopId)) === null, { message: 'the workshop past its date deleted' })

    expect(open.closeCode ?? (await open.closed)).toBe(CloseCode.boardDeleted.code)
    expect(server.running.rooms.isLoaded(due.boardId)).toBe(false)
    expect(await boardRows(server.store, due.boardId)).toBe(0)
    expect(await server.access.listParticipants(due.workshopId)).toEqual([])
    expect(await server.access.getSession(guestSession, 0)).toBeNull()
    // The same sweep left those not yet due.
    for (const kept of [later, postponed]) {
      expect(await server.domain.getWorkshop(kept.workshopId)).not.toBeNull()
      expect(await boardRows(server.store, kept.boardId)).toBeGreaterThan(0)
    }
    const page = await fetch(`${server.url}/utfordring/${challengeId}`)
    expect(page.status).toBe(200)
    expect(await page.text()).toContain('Et sentrum for alle.')

    await moveTo(start + daysMs(5 + retentionDays) + 1)
    await waitFor(async () => (await server.domain.getWorkshop(later.workshopId)) === null, { message: 'the later workshop deleted on its own date' })
    expect(await boardRows(server.store, later.boardId)).toBe(0)
    expect(await server.domain.getWorkshop(postponed.workshopId)).not.toBeNull()
    await moveTo(postponedTo + 1)
    await waitFor(async () => (await server.domain.getWorkshop(postponed.workshopId)) === null, { message: 'the postponed workshop deleted on its new date' })
  })

  it('forgets the date when the workshop reopens, and starts a new one when it closes again', async () => {
    const { agent, challengeId, moveTo } = await scene()
    const { workshopId } = await workshopWithStep(agent, challengeId, 'Verksted')
    expect((await setStatus(agent, workshopId, 'open')).retention).toBeNull()
    expect((await setStatus(agent, workshopId, 'closed')).retention?.deletesAt).toBe(new Date(start + daysMs(retentionDays)).toISOString())
    expect((await setStatus(agent, workshopId, 'open')).retention).toBeNull()
    const facilitator = await moveTo(start + daysMs(20))
    expect((await detail(facilitator, workshopId)).workshop.status).toBe('open')
    expect((await setStatus(facilitator, workshopId, 'closed')).retention?.deletesAt).toBe(new Date(start + daysMs(20 + retentionDays)).toISOString())
  })

  it('lets only facilitators move the date, to a day after now and at most a year ahead, of a closed workshop', async () => {
    const { server, agent, challengeId } = await scene()
    const { workshopId, links } = await workshopWithStep(agent, challengeId, 'Verksted')
    await setStatus(agent, workshopId, 'open')
    const participant = await joined(server.url, links?.participantUrl ?? '', { displayName: 'Ola', affiliation: 'business' })
    const path = `/api/workshops/${workshopId}/deletion-date`
    const tomorrow = new Date(start + daysMs(1)).toISOString()
    expectError(await agent.put(path, { deletesAt: tomorrow }), 409, 'workshop_not_closed')
    expect((await detail(participant.agent, workshopId)).retention).toBeNull()
    await setStatus(agent, workshopId, 'closed')

    expectError(await participant.agent.put(path, { deletesAt: tomorrow }), 403, 'facilitators_only')
    expectError(await agent.put(`/api/workshops/AAAAAAAAAAAAAAAAAAAAA/deletion-date`, { deletesAt: tomorrow }), 404, 'workshop_not_found')
    expect(invalidFields(await agent.put(path, {}))).toEqual(['deletesAt'])
    expect(invalidFields(await agent.put(path, { deletesAt: '7. mars 2027' }))).toEqual(['deletesAt'])
    expect(invalidFields(await agent.put(path, { deletesAt: new Date(start - 1).toISOString() }))).toEqual(['deletesAt'])
    const tooLate = new Date(start + daysMs(maxPostponementDays) + 1).toISOString()
    expect(invalidFields(await agent.put(path, { deletesAt: tooLate }))).toEqual(['deletesAt'])
    // The page says each refusal in the facilitator's words (errorText.ts), not the server's English.
    const shown = async (deletesAt: string) => {
      const { error } = (await agent.put(path, { deletesAt })).body as { error: { fields: FieldIssue[] } }
      return error.fields.map((issue) => describeIssue(bokmål.t, issue))
    }
    expect(await shown('7. mars 2027')).toEqual([{ text: 'Velg en dato.' }])
    expect(await shown(new Date(start - 1).toISOString())).toEqual([{ text: 'Velg en dato etter i dag.' }])
    expect(await shown(tooLate)).toEqual([{ text: `Velg en dato høyst ${maxPostponementDays} dager fram i tid.` }])
    expect(invalidFields(await agent.put(path, { deletesAt: tomorrow, extra: true }))).toEqual(['extra'])
    // A refused date changed nothing; an accepted one can also come sooner.
    expect((await detail(agent, workshopId)).retention?.deletesAt).toBe(new Date(start + daysMs(retentionDays)).toISOString())
    const latest = new Date(start + daysMs(maxPostponementDays)).toISOString()
    expect(WorkshopRetention.parse(expectStatus(await agent.put(path, { deletesAt: latest }), 200)).deletesAt).toBe(latest)
    expect(WorkshopRetention.parse(expectStatus(await agent.put(path, { deletesAt: tomorrow }), 200)).deletesAt).toBe(tomorrow)
    // The audit log holds the two changes, and none of the refused ones.
    const log = AuditLogPage.parse(expectStatus(await agent.get(`/api/audit?workshopId=${workshopId}&action=workshop.setDeletionDate`), 200))
    expect(log.entries.map((entry) => entry.detail.until).toSorted()).toEqual([tomorrow, latest])
  })

  it('gives a workshop closed before dates were kept a date RETENTION_DAYS from the first sweep that sees it', async () => {
    const { server, agent, challengeId } = await scene()
    const { workshopId } = await workshopWithStep(agent, challengeId, 'Gammelt verksted')
    // Closed as an older server closed it: the status, and no date.
    await server.domain.updateWorkshop(workshopId, { status: 'closed' })
    await server.domain.setWorkshopRetention(workshopId, null)
    await waitFor(async () => (await server.domain.getWorkshopRetention(workshopId)) !== null, { message: 'the workshop dated' })
    expect(await server.domain.getWorkshopRetention(workshopId)).toEqual({ closedAt: start, deleteAfter: start + daysMs(retentionDays) })
  })
})

describe('retention on a cluster', () => {
  it('[C4] is swept by one instance at a time, and closes the deleted boards’ sockets on every instance', async () => {
    const cluster = await clusterDatabase()
    cleanups.push(() => cluster.drop())
    let clock = start
    // Sweeping only at start and when the test asks, so that each sweep is the test's.
    const [first, second] = await startInstances(2, cluster, { retentionDays }, { now: () => clock, retentionSweepMs: 24 * hour })
    if (first === undefined || second === undefined) throw new Error('Two instances expected.')
    cleanups.push(() => second.close(), () => first.close())
    const { agent } = await setUpFirstFacilitator({ url: first.url, running: first.running })
    const { workshopId, boardId } = await workshopWithStep(agent, await grueChallengeId(agent), 'Verksted')
    await setStatus(agent, workshopId, 'closed')
    clock = start + daysMs(retentionDays) - hour
    const onSecond = await connect(second.syncUrl, await logIn({ url: second.url }, firstFacilitator), boardId)
    clock = start + daysMs(retentionDays) + 1

    // While another holder has the lease, neither instance sweeps.
    const redis = new Redis(inject('redisUrl'))
    cleanups.push(() => redis.disconnect())
    const outsider = new RedisLease(redis, { prefix: cluster.redisKeyPrefix })
    const held = await outsider.run(retentionLeaseName, async () => {
      expect(await first.running.retentionSweep.sweep()).toBeNull()
      expect(await second.running.retentionSweep.sweep()).toBeNull()
    })
    expect(held).toBe(true)
    expect(await first.running.domain.getWorkshop(workshopId)).not.toBeNull()

    // The outsider let go: the next sweep holds the lease, whichever instance runs it.
    expect(await first.running.retentionSweep.sweep()).toBe(1)
    expect(onSecond.closeCode ?? (await onSecond.closed)).toBe(CloseCode.boardDeleted.code)
    expect(await second.running.domain.getWorkshop(workshopId)).toBeNull()
    expect(await boardRows(second.running.store, boardId)).toBe(0)
  })
})
