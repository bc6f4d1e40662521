// A municipality's official language form and county, as facilitators correct them through the
// REST API, and the written form its workshops speak: on the join page's info, the workshop view,
// a board's context and the challenge description's exports. Real server on port 0, real SQLite.
import { parse } from 'csv-parse/sync'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { JoinInfo } from '../../shared/src/schema/access.ts'
import { Municipality } from '../../shared/src/schema/municipality.ts'
import { ChallengeDetail, MunicipalityList } from '../../shared/src/schema/publicApi.ts'
import { BoardContext, WorkshopDetail } from '../../shared/src/schema/workshopApi.ts'
import { ApiAgent, linkToken, setUpFirstFacilitator, type SignedInFacilitator } from '../helpers/auth.ts'
import { startTestServer, type TestServer } from '../helpers/server.ts'
import { addStep, createWorkshop, expectError, expectStatus, invalidFields, joined, setStatus } from '../helpers/workshopApi.ts'

let server: TestServer
let facilitator: SignedInFacilitator

beforeEach(async () => {
  server = await startTestServer()
  facilitator = await setUpFirstFacilitator(server)
})
afterEach(async () => {
  await server.close()
})

async function municipalityNamed(name: string): Promise<Municipality> {
  const { municipalities } = MunicipalityList.parse((await new ApiAgent(server.url).get(`/api/municipalities?q=${encodeURIComponent(name)}`)).body)
  const found = municipalities.find((municipality) => municipality.name === name)
  if (found === undefined) throw new Error(`The seed has no ${name}.`)
  return found
}

/** An open workshop with one step on a new challenge led by `lead`, with a participant in it. */
async function workshopLedBy(lead: Municipality) {
  const challenge = ChallengeDetail.parse(
    expectStatus(
      await facilitator.agent.post('/api/challenges', {
        leadMunicipalityId: lead.id,
        coApplicantIds: [],
        followerMunicipalityIds: [],
        name: 'Fiskå sentrum',
        title: 'Korleis kan vi få fleire til å bu i sentrum?',
        summary: '',
        problemStatements: ['Korleis kan vi få fleire til å bu i sentrum?'],
        themes: [],
        stakeholderGroups: [],
        status: 'active',
      }),
      201,
    ),
  )
  const detail = await createWorkshop(facilitator.agent, challenge.id, 'Verkstad i Fiskå')
  const step = await addStep(facilitator.agent, detail.workshop.id, { templateId: 'stakeholder-mapping', plannedMinutes: 30 })
  await setStatus(facilitator.agent, detail.workshop.id, 'open')
  if (detail.links === null) throw new Error('A facilitator sees the links.')
  const guest = await joined(server.url, detail.links.participantUrl, { displayName: 'Per Hansen', affiliation: 'citizen' })
  return { challengeId: challenge.id, workshopId: detail.workshop.id, step, participantUrl: detail.links.participantUrl, guest }
}

describe('PATCH /api/municipalities/:municipalityId', () => {
  it('lets a facilitator change a municipality’s language form and county, as the list shows after', async () => {
    const nome = await municipalityNamed('Nome')
    expect(nome).toMatchObject({ languageForm: 'neutral', county: 'Telemark' })
    const changed = Municipality.parse(expectStatus(await facilitator.agent.patch(`/api/municipalities/${nome.id}`, { languageForm: 'nn', county: 'Vestfold' }), 200))
    expect(changed).toEqual({ ...nome, languageForm: 'nn', county: 'Vestfold' })
    expect(await municipalityNamed('Nome')).toEqual(changed)
    expect(Municipality.parse(expectStatus(await facilitator.agent.patch(`/api/municipalities/${nome.id}`, { county: null }), 200))).toEqual({ ...changed, county: null })
  })

  it('[A4] refuses participants and observers (403), strangers (401) and a request without the CSRF token', async () => {
    const vanylven = await municipalityNamed('Vanylven')
    const { guest } = await workshopLedBy(vanylven)
    const path = `/api/municipalities/${vanylven.id}`
    expectError(await guest.agent.patch(path, { languageForm: 'nb' }), 403, 'facilitators_only')
    expectError(await new ApiAgent(server.url).patch(path, { languageForm: 'nb' }), 401, 'not_signed_in')
    expectError(await facilitator.agent.patch(path, { languageForm: 'nb' }, { csrf: false }), 403, 'csrf_token_invalid')
    expect(await municipalityNamed('Vanylven')).toEqual(vanylven)
  })

  it('answers a bad body with 400 naming each field, and an unknown municipality with 404', async () => {
    const grue = await municipalityNamed('Grue')
    const path = `/api/municipalities/${grue.id}`
    expect(invalidFields(await facilitator.agent.patch(path, { languageForm: 'sv' }))).toEqual(['languageForm'])
    expect(invalidFields(await facilitator.agent.patch(path, { county: '  ' }))).toEqual(['county'])
    expect(invalidFields(await facilitator.agent.patch(path, { name: 'Kirkenær', languageForm: 'nn' }))).toEqual(['name'])
    expect(invalidFields(await facilitator.agent.patch('/api/municipalities/not%20an%20id', { languageForm: 'nn' }))).toEqual(['municipalityId'])
    expectError(await facilitator.agent.patch('/api/municipalities/no-such-municipality', { languageForm: 'nn' }), 404, 'municipality_not_found')
    expect(await municipalityNamed('Grue')).toEqual(grue)
  })
})

describe('the language form a workshop speaks', () => {
  it('is its lead municipality’s, on the join info, the workshop view and the board’s context, and follows a change', async () => {
    const vanylven = await municipalityNamed('Vanylven')
    const { workshopId, step, participantUrl, guest } = await workshopLedBy(vanylven)
    const stranger = new ApiAgent(server.url)
    const languages = async () => ({
      join: JoinInfo.parse((await stranger.get(`/api/join/${linkToken(participantUrl)}`)).body).language,
      workshop: WorkshopDetail.parse((await guest.agent.get(`/api/workshops/${workshopId}`)).body).language,
      board: BoardContext.parse((await guest.agent.get(`/api/boards/${step.boardId}/context`)).body).language,
    })
    expect(await languages()).toEqual({ join: 'nn', workshop: 'nn', board: 'nn' })
    // The step's board was built in nynorsk too.
    expect(step.templateName).toBe('Kartleggje aktørar')

    // A neutral municipality's workshops write bokmål.
    expectStatus(await facilitator.agent.patch(`/api/municipalities/${vanylven.id}`, { languageForm: 'neutral' }), 200)
    expect(await languages()).toEqual({ join: 'nb', workshop: 'nb', board: 'nb' })
    const bokmålStep = await addStep(facilitator.agent, workshopId, { templateId: 'stakeholder-mapping', plannedMinutes: 20 })
    expect(bokmålStep.templateName).toBe('Kartlegge aktører')
  })

  it('words the challenge description’s CSV export', async () => {
    const vanylven = await municipalityNamed('Vanylven')
    const { challengeId } = await workshopLedBy(vanylven)
    const csvHeader = async () => {
      const response = await fetch(`${server.url}/api/challenges/${challengeId}/description/export/csv`, {
        headers: { cookie: facilitator.agent.cookieHeader() },
      })
      expect(response.status).toBe(200)
      const [header] = parse(await response.text(), { bom: true }) as string[][]
      return header
    }
    expect(await csvHeader()).toEqual(['Type', 'Behov', 'Kven', 'Grunnlag', 'Prioritet', 'Aktør', 'Sektor', 'Interesse', 'Innverknad'])
    expectStatus(await facilitator.agent.patch(`/api/municipalities/${vanylven.id}`, { languageForm: 'nb' }), 200)
    expect(await csvHeader()).toEqual(['Type', 'Behov', 'Hvem', 'Grunnlag', 'Prioritet', 'Aktør', 'Sektor', 'Interesse', 'Innflytelse'])
  })
})
