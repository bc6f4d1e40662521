import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { newEntityId } from '../../shared/src/schema/entityId.ts'
import type { Challenge } from '../../shared/src/schema/challenge.ts'
import type { Municipality } from '../../shared/src/schema/municipality.ts'
import { ApiError, ChallengeDetail, ChallengeList, MunicipalityList } from '../../shared/src/schema/publicApi.ts'
import { startTestServer, type TestServer } from '../helpers/server.ts'

// The public, read-only REST API over the seeded Gnist domain, and its OpenAPI document.

const grueStatements = [
  'Hvordan kan investeringer som er gjort i lokalmiljøet justeres for å gi mer tilbake til de som bor der?',
  'Hvordan kan man få til positive synergier og redusere konfliktnivået ved å se på både industriens og lokalbefolkningens ulike behov?',
  'Hvordan får vi til samarbeid om innovativ utvikling av sentrum der beboernes behov står i fokus når de viktigste beslutningstakerne sitter rundt bordet?',
]

// One server for the file: the tests only read, except one that adds a challenge no other test looks for.
let server: TestServer
beforeAll(async () => {
  server = await startTestServer()
})
afterAll(async () => {
  await server.close()
})

async function getJson(path: string): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${server.url}${path}`)
  expect(response.headers.get('content-type')).toMatch(/^application\/json/)
  return { status: response.status, body: await response.json() }
}

async function municipalities(query = ''): Promise<Municipality[]> {
  const { status, body } = await getJson(`/api/municipalities${query}`)
  expect(status).toBe(200)
  return MunicipalityList.parse(body).municipalities
}

async function challenges(query = ''): Promise<Challenge[]> {
  const { status, body } = await getJson(`/api/challenges${query}`)
  expect(status).toBe(200)
  return ChallengeList.parse(body).challenges
}

async function grue(): Promise<{ municipality: Municipality; challenge: Challenge }> {
  const municipality = (await municipalities('?q=Grue'))[0]
  const challenge = (await challenges('?q=Kirken%C3%A6r'))[0]
  if (municipality === undefined || challenge === undefined) throw new Error('The seed has no Grue or no Kirkenær challenge.')
  return { municipality, challenge }
}

/** Expects a 400 invalid_request whose fields name exactly `paths`. */
async function expectInvalid(path: string, paths: string[]): Promise<void> {
  const { status, body } = await getJson(path)
  expect(status).toBe(400)
  const { error } = ApiError.parse(body)
  expect(error.code).toBe('invalid_request')
  expect(error.fields?.map((field) => field.path)).toEqual(paths)
  for (const field of paths) expect(error.message).toContain(field)
}

describe('GET /api/municipalities', () => {
  it('lists the seeded municipalities by name, Grue among them', async () => {
    const all = await municipalities()
    expect(all).toHaveLength(25)
    expect(all.map((municipality) => municipality.name)).toContain('Grue')
    const names = all.map((municipality) => municipality.name)
    expect(names).toEqual([...names].sort())
  })

  it('searches by name without regard to case or diacritics, and filters by county', async () => {
    for (const query of ['grue', 'Grue', 'GRU', 'rue']) {
      expect((await municipalities(`?q=${query}`)).map((municipality) => municipality.name)).toEqual(['Grue'])
    }
    expect((await municipalities('?q=aseral')).map((municipality) => municipality.name)).toEqual(['Åseral'])
    expect((await municipalities('?q=ostre')).map((municipality) => municipality.name)).toEqual(['Østre Toten'])
    expect(await municipalities('?q=no-such-place')).toEqual([])
    const innlandet = await municipalities('?county=innlandet')
    expect(innlandet.map((municipality) => municipality.name)).toContain('Grue')
    expect(innlandet.every((municipality) => municipality.county === 'Innlandet')).toBe(true)
    expect((await municipalities('?county=Innlandet&q=grue')).map((municipality) => municipality.name)).toEqual(['Grue'])
  })

  it('answers 400 naming the field for an overlong q, an unknown or repeated parameter', async () => {
    await expectInvalid(`/api/municipalities?q=${'x'.repeat(101)}`, ['q'])
    await expectInvalid('/api/municipalities?county=', ['county'])
    await expectInvalid('/api/municipalities?name=Grue', ['name'])
    await expectInvalid('/api/municipalities?q=a&q=b', ['q'])
  })
})

describe('GET /api/challenges', () => {
  it('lists Grue’s challenge, found by its municipality’s name, its id, its text and its status', async () => {
    const { municipality, challenge } = await grue()
    expect(challenge.leadMunicipalityId).toBe(municipality.id)
    expect((await challenges()).map((listed) => listed.id)).toContain(challenge.id)
    for (const query of ['?q=grue', '?q=kirkenaer', '?q=SENTRUMSUTVIKLING', `?municipalityId=${municipality.id}`, '?status=active']) {
      expect((await challenges(query)).map((listed) => listed.id)).toContain(challenge.id)
    }
    expect((await challenges('?status=draft')).map((listed) => listed.id)).not.toContain(challenge.id)
    expect(await challenges(`?municipalityId=${newEntityId()}`)).toEqual([])
  })

  it('finds a challenge by a co-applicant or follower municipality', async () => {
    const { municipality } = await grue()
    const all = await municipalities()
    const [coApplicant, follower] = all.filter((other) => other.id !== municipality.id)
    if (coApplicant === undefined || follower === undefined) throw new Error('The seed has too few municipalities.')
    const created = await server.domain.createChallenge({
      id: newEntityId(),
      leadMunicipalityId: municipality.id,
      coApplicantIds: [coApplicant.id],
      followerMunicipalityIds: [follower.id],
      name: 'Felles utfordring',
      title: 'Hvordan kan vi dele erfaringer?',
      summary: '',
      problemStatements: [],
      themes: [],
      stakeholderGroups: [],
      status: 'draft',
    })
    expect((await challenges(`?municipalityId=${coApplicant.id}`)).map((listed) => listed.id)).toEqual([created.id])
    expect((await challenges(`?municipalityId=${follower.id}&status=draft`)).map((listed) => listed.id)).toEqual([
      created.id,
    ])
    expect(await challenges(`?municipalityId=${follower.id}&status=active`)).toEqual([])

    const { status, body } = await getJson(`/api/challenges/${created.id}`)
    expect(status).toBe(200)
    const detail = ChallengeDetail.parse(body)
    expect(detail.leadMunicipality).toEqual({ id: municipality.id, name: 'Grue' })
    expect(detail.coApplicants).toEqual([{ id: coApplicant.id, name: coApplicant.name }])
    expect(detail.followerMunicipalities).toEqual([{ id: follower.id, name: follower.name }])
  })

  it('answers 400 naming the field for a bad status, an overlong q or a bad municipality id', async () => {
    await expectInvalid('/api/challenges?status=open', ['status'])
    await expectInvalid(`/api/challenges?q=${'å'.repeat(101)}`, ['q'])
    await expectInvalid('/api/challenges?municipalityId=no', ['municipalityId'])
    await expectInvalid('/api/challenges?status=open&municipalityId=x%2Fy', ['municipalityId', 'status'])
  })
})

describe('GET /api/challenges/:challengeId', () => {
  it('gives the challenge with its problem statements and municipalities by name', async () => {
    const { municipality, challenge } = await grue()
    const { status, body } = await getJson(`/api/challenges/${challenge.id}`)
    expect(status).toBe(200)
    const detail = ChallengeDetail.parse(body)
    expect(detail).toMatchObject({ ...challenge, leadMunicipality: { id: municipality.id, name: 'Grue' } })
    expect(detail.problemStatements).toEqual(grueStatements)
    expect(detail.name).toBe('Kirkenær – et attraktivt sentrum for både næringsliv og innbyggere')
    expect(detail.coApplicants).toEqual([])
    expect(detail.followerMunicipalities).toEqual([])
  })

  it('answers 404 challenge_not_found for an unknown id and 400 naming challengeId for a bad one', async () => {
    const unknown = newEntityId()
    const { status, body } = await getJson(`/api/challenges/${unknown}`)
    expect(status).toBe(404)
    const { error } = ApiError.parse(body)
    expect(error.code).toBe('challenge_not_found')
    expect(error.message).toContain(unknown)
    await expectInvalid('/api/challenges/short', ['challengeId'])
    await expectInvalid(`/api/challenges/${'a'.repeat(65)}`, ['challengeId'])
    await expectInvalid('/api/challenges/bad%20id%21', ['challengeId'])
  })
})

describe('GET /api/openapi.json', () => {
  it('is an OpenAPI 3.1 document of these routes whose schemas list the fields', async () => {
    const { status, body } = await getJson('/api/openapi.json')
    expect(status).toBe(200)
    const document = body as {
      openapi: string
      paths: Record<string, Record<string, { summary: string; parameters?: { name: string; in: string }[] }>>
      components: { schemas: Record<string, { properties?: Record<string, unknown>; required?: string[] }> }
    }
    expect(document.openapi).toMatch(/^3\.1\.\d+$/)
    for (const path of [
      '/api/municipalities',
      '/api/challenges',
      '/api/challenges/{challengeId}',
      '/api/openapi.json',
      '/api/config',
      '/api/boards/{boardId}/assets',
      '/api/assets/{assetId}',
    ]) {
      expect(Object.keys(document.paths)).toContain(path)
      const operations = Object.values(document.paths[path] ?? {})
      expect(operations.length).toBeGreaterThan(0)
      for (const operation of operations) expect(operation.summary).not.toBe('')
    }
    const parameterNames = (path: string) =>
      (document.paths[path]?.['get']?.parameters ?? []).map((parameter) => `${parameter.in}:${parameter.name}`)
    expect(parameterNames('/api/municipalities')).toEqual(['query:q', 'query:county'])
    expect(parameterNames('/api/challenges')).toEqual(['query:q', 'query:municipalityId', 'query:status'])
    expect(parameterNames('/api/challenges/{challengeId}')).toEqual(['path:challengeId'])

    const detail = document.components.schemas['ChallengeDetail']
    const fields = ['id', 'name', 'title', 'summary', 'problemStatements', 'stakeholderGroups', 'status', 'leadMunicipality']
    for (const field of fields) expect(Object.keys(detail?.properties ?? {})).toContain(field)
    expect(detail?.required).toEqual(expect.arrayContaining(fields))
    const errorSchema = document.components.schemas['ApiError']
    expect(Object.keys(errorSchema?.properties ?? {})).toEqual(['error'])
  })
})
