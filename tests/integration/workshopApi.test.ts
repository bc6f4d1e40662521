// The writing REST API and the workshop views, against a real server on port 0
// with real SQLite: facilitators write challenges, workshops and steps;
// participants and observers join through links and only read.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { presenceColors } from '../../shared/src/people/personColors.ts'
import { CloseCode } from '../../shared/src/protocol/closeCodes.ts'
import { JoinInfo } from '../../shared/src/schema/access.ts'
import { ChallengeDetail } from '../../shared/src/schema/publicApi.ts'
import { joinCodeRules } from '../../server/src/auth/joinCodeThrottle.ts'
import {
  AgendaStepList,
  BoardContext,
  TemplateList,
  WorkshopDetail,
  WorkshopLinks,
  WorkshopSummaryList,
} from '../../shared/src/schema/workshopApi.ts'
import { methodTemplates, templateIds } from '../../shared/src/templates/index.ts'
import { ApiAgent, linkToken, setUpFirstFacilitator, type SignedInFacilitator } from '../helpers/auth.ts'
import { RawClient } from '../helpers/clients.ts'
import { startTestServer, type TestServer } from '../helpers/server.ts'
import { waitFor } from '../helpers/waitFor.ts'
import {
  addStep,
  createWorkshop,
  expectError,
  expectStatus,
  grueChallengeId,
  invalidFields,
  joined,
  joinThrough,
  setStatus,
} from '../helpers/workshopApi.ts'

let server: TestServer
let facilitator: SignedInFacilitator
let challengeId: string

beforeEach(async () => {
  server = await startTestServer()
  facilitator = await setUpFirstFacilitator(server)
  challengeId = await grueChallengeId(facilitator.agent)
})
afterEach(async () => {
  await server.close()
})

const participant = { displayName: 'Per Hansen', affiliation: 'business' }

async function grueMunicipalityId(): Promise<string> {
  const body = (await facilitator.agent.get('/api/municipalities?q=Grue')).body as { municipalities: { id: string }[] }
  return body.municipalities[0]?.id ?? ''
}

/** An open workshop with one step, a participant and an observer in it. */
async function openWorkshopWithGuests() {
  const detail = await createWorkshop(facilitator.agent, challengeId)
  const step = await addStep(facilitator.agent, detail.workshop.id, { templateId: 'stakeholder-mapping', plannedMinutes: 30 })
  await setStatus(facilitator.agent, detail.workshop.id, 'open')
  const links = detail.links
  if (links === null) throw new Error('A facilitator sees the links.')
  const guest = await joined(server.url, links.participantUrl, participant)
  const observer = await joined(server.url, links.observerUrl)
  return { workshop: detail.workshop, step, links, guest, observer }
}

/** A board socket in the given browser, admitted (its sync answered). */
async function boardSocket(agent: ApiAgent, boardId: string): Promise<RawClient> {
  const client = await RawClient.connect(server.syncUrl, boardId, {
    origin: server.url,
    headers: { cookie: agent.cookieHeader() },
  })
  await client.barrier()
  return client
}

/** Waits at most a second (the bound) for the socket to close with `code`. */
async function closedWith(client: RawClient, code: number): Promise<void> {
  await waitFor(() => client.closeCode === code, { timeoutMs: 1000, message: `close code ${code}` })
}

describe('challenges', () => {
  it('are created and changed by facilitators; a bad field is a 400 naming it', async () => {
    const { agent } = facilitator
    const lead = await grueMunicipalityId()
    const fields = {
      leadMunicipalityId: lead,
      coApplicantIds: [],
      followerMunicipalityIds: [],
      name: 'Grønne Grue',
      title: 'Hvordan kan vi gjøre Grue grønnere?',
      summary: '',
      problemStatements: [],
      themes: ['klima'],
      stakeholderGroups: ['innbyggere'],
      status: 'draft',
    }
    const create = (body: object) => agent.post('/api/challenges', body)
    expect(invalidFields(await create({ ...fields, title: 'Grønnere Grue' }))).toEqual(['title'])
    expect(invalidFields(await create({ ...fields, colour: 'green' }))).toEqual(['colour'])
    expect(invalidFields(await create({ ...fields, leadMunicipalityId: 'no-such-municipality' }))).toEqual(['leadMunicipalityId'])

    const created = ChallengeDetail.parse(expectStatus(await agent.post('/api/challenges', fields), 201))
    expect(created).toMatchObject({ name: 'Grønne Grue', leadMunicipality: { id: lead, name: 'Grue' } })
    const path = `/api/challenges/${created.id}`
    const changed = ChallengeDetail.parse(expectStatus(await agent.patch(path, { status: 'active', themes: ['klima', 'mat'] }), 200))
    expect(changed).toMatchObject({ status: 'active', themes: ['klima', 'mat'], title: fields.title })
    expect(invalidFields(await agent.patch(path, { coApplicantIds: [lead] }))).toEqual(['coApplicantIds.0'])
    expect(invalidFields(await agent.patch(path, { id: 'another-id-1' }))).toEqual(['id'])
    expect(ChallengeDetail.parse((await agent.get(path)).body).status).toBe('active')
  })
})

describe('workshops and steps', () => {
  it('run through a facilitator’s day: create, add steps, reorder, edit, delete, open, close', async () => {
    const { agent } = facilitator
    const times = { startsAt: '2022-03-14T09:00:00Z', endsAt: '2022-03-14T15:00:00Z' }
    const create = (body: object) => agent.post('/api/workshops', { challengeId, title: 'Verksted', ...times, ...body })
    expect(invalidFields(await create({ startsAt: '14.03.2022' }))).toEqual(['startsAt'])
    expect(invalidFields(await create({ challengeId: 'no-such-challenge' }))).toEqual(['challengeId'])
    expect(invalidFields(await create({ facilitatorIds: [] }))).toEqual(['facilitatorIds'])

    const detail = await createWorkshop(agent, challengeId)
    const id = detail.workshop.id
    expect(detail).toMatchObject({ role: 'facilitator', workshop: { status: 'planned', facilitatorIds: [facilitator.id] } })
    expect(detail.links?.participantUrl).toMatch(new RegExp(`^${server.running.publicUrl}/join/[A-Za-z0-9_-]{43}$`))
    expect(detail.links?.observerUrl).not.toBe(detail.links?.participantUrl)
    expect(detail.people).toEqual([expect.objectContaining({ id: facilitator.id, role: 'facilitator', online: false })])

    const framing = await addStep(agent, id, { templateId: 'challenge-framing', plannedMinutes: 20, instructions: 'Les utfordringen.' })
    const mapping = await addStep(agent, id, { templateId: 'stakeholder-mapping', plannedMinutes: 30 })
    const prototyping = await addStep(agent, id, { templateId: 'prototyping', plannedMinutes: 45 })
    expect([framing.position, mapping.position, prototyping.position]).toEqual([0, 1, 2])
    expect(framing).toMatchObject({ templateVersion: methodTemplates.latestVersion('challenge-framing'), instructions: 'Les utfordringen.' })
    expect(framing.templateName).not.toBe('')
    const unknownTemplate = await agent.post(`/api/workshops/${id}/steps`, { templateId: 'no-such-template', plannedMinutes: 5 })
    expect(invalidFields(unknownTemplate)).toEqual(['templateId'])

    const order = [prototyping.id, framing.id, mapping.id]
    const reordered = AgendaStepList.parse(expectStatus(await agent.put(`/api/workshops/${id}/step-order`, { stepIds: order }), 200))
    expect(reordered.steps.map((step) => [step.id, step.position])).toEqual(order.map((stepId, position) => [stepId, position]))
    expect(invalidFields(await agent.put(`/api/workshops/${id}/step-order`, { stepIds: order.slice(1) }))).toEqual(['stepIds'])

    const stepPatch = { instructions: 'Plasser aktørene.', plannedMinutes: 25 }
    const edited = expectStatus(await agent.patch(`/api/steps/${mapping.id}`, stepPatch), 200)
    expect(edited).toMatchObject({ instructions: 'Plasser aktørene.', plannedMinutes: 25, boardId: mapping.boardId })

    expect((await server.store.loadBoard(prototyping.boardId)).updates.length).toBe(1)
    expectStatus(await agent.delete(`/api/steps/${prototyping.id}`), 204)
    expect(await server.store.loadBoard(prototyping.boardId)).toMatchObject({ snapshot: null, updates: [], lastSeq: 0 })
    expect(await server.domain.getStepByBoardId(prototyping.boardId)).toBeNull()
    expectError(await agent.delete(`/api/steps/${prototyping.id}`), 404, 'step_not_found')

    const agenda = WorkshopDetail.parse((await agent.get(`/api/workshops/${id}`)).body).steps
    expect(agenda.map((step) => [step.id, step.position])).toEqual([[framing.id, 0], [mapping.id, 1]])
    const context = BoardContext.parse(expectStatus(await agent.get(`/api/boards/${mapping.boardId}/context`), 200))
    expect(context).toMatchObject({ role: 'facilitator', stepCount: 2, step: { id: mapping.id }, next: null })
    expect(context.previous?.id).toBe(framing.id)
    expect(expectStatus(await agent.get('/api/boards/not-a-step-board/context'), 200)).toBeNull()

    expect((await setStatus(agent, id, 'open')).workshop.status).toBe('open')
    expect((await setStatus(agent, id, 'closed')).workshop.status).toBe('closed')
    expect(invalidFields(await agent.patch(`/api/workshops/${id}`, { endsAt: '2022-03-14T08:00:00Z' }))).toEqual(['endsAt'])
    const anyone = new ApiAgent(server.url)
    const summaries = WorkshopSummaryList.parse(expectStatus(await anyone.get(`/api/challenges/${challengeId}/workshops`), 200))
    expect(summaries.workshops).toEqual([expect.objectContaining({ id, status: 'closed', stepCount: 2 })])

    expectStatus(await agent.delete(`/api/workshops/${id}`), 204)
    expect((await server.store.loadBoard(framing.boardId)).updates).toEqual([])
    expectError(await agent.get(`/api/workshops/${id}`), 404, 'workshop_not_found')
  })

  it('name the method templates in the asked language', async () => {
    const nynorsk = TemplateList.parse(expectStatus(await new ApiAgent(server.url).get('/api/templates?language=nn'), 200))
    expect(nynorsk.templates.map((template) => template.id)).toEqual([...templateIds])
    expect(nynorsk.templates[0]?.name).toBe(methodTemplates.get('challenge-framing').name.nn)
    expect(invalidFields(await new ApiAgent(server.url).get('/api/templates?language=de'))).toEqual(['language'])
  })
})

describe('joining', () => {
  it('[A7] participants give a name and an affiliation, observers nothing; the join code is checked', async () => {
    const { workshop, links, guest, observer } = await openWorkshopWithGuests()
    const info = JoinInfo.parse(expectStatus(await new ApiAgent(server.url).get(`/api/join/${linkToken(links.participantUrl)}`), 200))
    expect(info).toMatchObject({ role: 'participant', workshop: { id: workshop.id, status: 'open' }, joinCodeRequired: false })
    expect(info.challenge.municipality).toBe('Grue')

    expect(guest.session.guest).toMatchObject({ role: 'participant', workshopId: workshop.id, displayName: 'Per Hansen' })
    expect(presenceColors).toContain(guest.session.guest?.color)
    expect(guest.agent.cookie('samskap_guest')).toBeDefined()
    expect(observer.session.guest).toMatchObject({ role: 'observer', participantId: null, displayName: null })
    const noAffiliation = await joinThrough(server.url, links.participantUrl, { displayName: 'Anne' })
    expect(invalidFields(noAffiliation.response)).toEqual(['affiliation'])

    const seen = WorkshopDetail.parse(expectStatus(await guest.agent.get(`/api/workshops/${workshop.id}`), 200))
    expect(seen).toMatchObject({ role: 'participant', links: null })
    const people = seen.people.map((person) => [person.role, person.displayName])
    expect(people).toEqual([['facilitator', 'Kari Nordmann'], ['participant', 'Per Hansen']])
    const watched = WorkshopDetail.parse((await observer.agent.get(`/api/workshops/${workshop.id}`)).body)
    expect(watched).toMatchObject({ role: 'observer', links: null, people: seen.people })

    const codePath = `/api/workshops/${workshop.id}/join-code`
    const withCode = WorkshopLinks.parse(expectStatus(await facilitator.agent.put(codePath, { joinCode: 'Kirke42' }), 200))
    expect(withCode.joinCode).toBe('Kirke42')
    expect(invalidFields((await joinThrough(server.url, links.participantUrl, participant)).response)).toEqual(['joinCode'])
    const wrong = await joinThrough(server.url, links.participantUrl, { ...participant, joinCode: 'Kirke43' })
    expectError(wrong.response, 403, 'join_code_wrong')
    await joined(server.url, links.participantUrl, { ...participant, joinCode: 'KIRKE42' })
  })

  it('[A7] [A7a] wrong join codes are throttled like sign-ins', async () => {
    const { workshop, links } = await openWorkshopWithGuests()
    expectStatus(await facilitator.agent.put(`/api/workshops/${workshop.id}/join-code`, { joinCode: 'Kirke42' }), 200)
    const attempt = (joinCode: string) => joinThrough(server.url, links.participantUrl, { ...participant, joinCode })
    for (let tries = 0; tries < joinCodeRules.address.freeFailures; tries++) {
      expectError((await attempt(`Wrong${tries}`)).response, 403, 'join_code_wrong')
    }
    const refused = (await attempt('Kirke42')).response
    expectError(refused, 429, 'too_many_attempts')
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0)
  })

  it('[A8] a rotated link is refused and its sessions and sockets end within a second', async () => {
    const { workshop, step, links, guest, observer } = await openWorkshopWithGuests()
    const socket = await boardSocket(guest.agent, step.boardId)
    const watching = await boardSocket(observer.agent, step.boardId)
    const rotate = await facilitator.agent.post(`/api/workshops/${workshop.id}/links/participant/rotate`, {})
    const rotated = WorkshopLinks.parse(expectStatus(rotate, 200))
    expect(rotated.participantUrl).not.toBe(links.participantUrl)
    expect(rotated.observerUrl).toBe(links.observerUrl)
    await closedWith(socket, CloseCode.linkRotated.code)
    expect(watching.closeCode).toBeNull()

    expectError(await new ApiAgent(server.url).get(`/api/join/${linkToken(links.participantUrl)}`), 404, 'link_invalid')
    expectError((await joinThrough(server.url, links.participantUrl, participant)).response, 404, 'link_invalid')
    expectError(await guest.agent.get(`/api/workshops/${workshop.id}`), 401, 'not_signed_in')
    await joined(server.url, rotated.participantUrl, participant)
    watching.close()
  })

  it('[A10] closing the workshop drops its guests (4407) and refuses joins (409); deleting a step closes its board (4411)', async () => {
    const { workshop, step, links, guest, observer } = await openWorkshopWithGuests()
    const sockets = await Promise.all([guest.agent, observer.agent].map((agent) => boardSocket(agent, step.boardId)))
    const own = await boardSocket(facilitator.agent, step.boardId)
    const present = WorkshopDetail.parse((await facilitator.agent.get(`/api/workshops/${workshop.id}`)).body).people
    expect(present.map((person) => [person.role, person.online])).toEqual([['facilitator', true], ['participant', true]])
    await setStatus(facilitator.agent, workshop.id, 'closed')
    for (const socket of sockets) await closedWith(socket, CloseCode.workshopNotOpen.code)
    expect(own.closeCode).toBeNull()
    expectError((await joinThrough(server.url, links.participantUrl, participant)).response, 409, 'workshop_closed')

    expectStatus(await facilitator.agent.delete(`/api/steps/${step.id}`), 204)
    await closedWith(own, CloseCode.boardDeleted.code)
  })

  it('[A9] a guest of one workshop is refused on another', async () => {
    const { guest } = await openWorkshopWithGuests()
    const other = await createWorkshop(facilitator.agent, challengeId, 'Another workshop')
    const otherStep = await addStep(facilitator.agent, other.workshop.id, { templateId: 'ideas', plannedMinutes: 10 })
    expectError(await guest.agent.get(`/api/workshops/${other.workshop.id}`), 403, 'wrong_workshop')
    expectError(await guest.agent.get(`/api/boards/${otherStep.boardId}/context`), 403, 'wrong_workshop')
  })
})

describe('authorization', () => {
  /** Every operation of /api/openapi.json that only facilitators may call, with real ids in its path. */
  async function facilitatorRoutes(ids: Record<string, string>): Promise<{ method: string; path: string }[]> {
    const document = (await new ApiAgent(server.url).get('/api/openapi.json')).body as {
      paths: Record<string, Record<string, { security?: Record<string, string[]>[] }>>
    }
    return Object.entries(document.paths).flatMap(([template, item]) =>
      Object.entries(item)
        .filter(([, operation]) => JSON.stringify(operation.security) === JSON.stringify([{ facilitatorSession: [] }]))
        .map(([method, _operation]) => ({
          method: method.toUpperCase(),
          path: template.replace(/\{(\w+)\}/g, (_match, name: string) => ids[name] ?? name),
        })),
    )
  }

  it('[A4] participants and observers get 403 facilitators_only on every facilitator route, strangers 401', async () => {
    const { workshop, step, guest, observer } = await openWorkshopWithGuests()
    const routes = await facilitatorRoutes({ workshopId: workshop.id, stepId: step.id, challengeId, municipalityId: await grueMunicipalityId(), role: 'participant' })
    expect(routes.length).toBeGreaterThanOrEqual(11)
    for (const { method, path } of routes) {
      for (const agent of [guest.agent, observer.agent]) {
        expectError(await agent.request(method, path, method === 'GET' ? undefined : {}), 403, 'facilitators_only')
      }
      expectError(await new ApiAgent(server.url).request(method, path, method === 'GET' ? undefined : {}), 401, 'not_signed_in')
    }
    expect(WorkshopDetail.parse((await facilitator.agent.get(`/api/workshops/${workshop.id}`)).body).steps).toHaveLength(1)
  })

  it('[A6] changing requests without the session’s CSRF token are refused', async () => {
    const { workshop, step } = await openWorkshopWithGuests()
    const routes = await facilitatorRoutes({ workshopId: workshop.id, stepId: step.id, challengeId, municipalityId: await grueMunicipalityId(), role: 'participant' })
    for (const { method, path } of routes.filter((route) => route.method !== 'GET')) {
      expectError(await facilitator.agent.request(method, path, {}, { csrf: false }), 403, 'csrf_token_invalid')
      expectError(await facilitator.agent.request(method, path, {}, { headers: { 'x-csrf-token': 'forged' } }), 403, 'csrf_token_invalid')
    }
    expect(WorkshopDetail.parse((await facilitator.agent.get(`/api/workshops/${workshop.id}`)).body).workshop.status).toBe('open')
  })
})
