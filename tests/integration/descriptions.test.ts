// The challenge description from a real workshop: a participant puts notes on
// three boards through real y-websocket clients, a facilitator drafts from the
// workshop, edits, drafts again, publishes twice; anyone reads the versions and
// the diff, without names or internal ids. Real server on port 0, real SQLite.
// What the description store itself keeps, on both databases, is descriptionStore.test.ts'.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { DescriptionDraft, PublishedDescription } from '../../shared/src/description/challengeDescription.ts'
import { DescriptionDiff, DraftResult, PublishedList, VersionList } from '../../shared/src/description/descriptionApi.ts'
import { newEntityId } from '../../shared/src/schema/entityId.ts'
import { PublicDescription } from '../../server/src/description/publicDescription.ts'
import { ApiAgent, type SignedInFacilitator } from '../helpers/auth.ts'
import { putNote, templateShapeId } from '../helpers/boardNotes.ts'
import type { TestServer } from '../helpers/server.ts'
import { expectError, expectStatus, invalidFields } from '../helpers/workshopApi.ts'
import { startWorkshopScene, type WorkshopScene } from '../helpers/workshopScene.ts'

let scene: WorkshopScene
let server: TestServer
let facilitator: SignedInFacilitator
let challengeId: string

beforeEach(async () => {
  scene = await startWorkshopScene()
  ;({ server, facilitator, challengeId } = scene)
})
afterEach(() => scene.close())

const description = () => `/api/challenges/${challengeId}/description`
const participantName = 'Per Hansen'

/** An open workshop on Grue's challenge with framing, stakeholder-mapping and prototyping steps, and a participant in it. */
async function workshopWithParticipant() {
  const { workshopId, steps, participant } = await scene.openWorkshop(
    [
      { templateId: 'challenge-framing', plannedMinutes: 30 },
      { templateId: 'stakeholder-mapping', plannedMinutes: 30 },
      { templateId: 'prototyping', plannedMinutes: 45 },
    ],
    { displayName: participantName, affiliation: 'business' },
  )
  const [framing, stakeholders, prototyping] = steps
  return { workshopId, steps: { framing, stakeholders, prototyping }, participant }
}

const shapeId = (templateId: string, key: string) => templateShapeId(templateId, key)

async function draftFrom(workshopId: string): Promise<DraftResult> {
  return DraftResult.parse(expectStatus(await facilitator.agent.post(`${description()}/draft`, { workshopId }), 200))
}

const kinds = (result: DraftResult) => Object.fromEntries(result.changes.map((change) => [change.field, change.kind]))

describe('drafting, editing and publishing a challenge description', () => {
  it('[A16] drafts from the boards with provenance, keeps edits on re-drafting, publishes two versions and diffs them', async () => {
    const { workshopId, steps, participant } = await workshopWithParticipant()
    const before = DescriptionDraft.parse(expectStatus(await facilitator.agent.get(description()), 200))
    expect(before).toMatchObject({ challengeId, workshopId: null, fields: { leadMunicipality: { name: 'Grue' }, languageForm: 'nb' } })

    const framing = await scene.openBoard(steps.framing.boardId, participant)
    const question = 'Hvordan kan vi få flere til å handle i Kirkenær?'
    const questionNote = putNote(framing, shapeId('challenge-framing', 'questions'), question, participant.userId)
    const grid = await scene.openBoard(steps.stakeholders.boardId, participant)
    const gridNote = putNote(grid, shapeId('stakeholder-mapping', 'grid.cell.1'), 'Kirkenær Næringsforening', participant.userId)
    const canvas = await scene.openBoard(steps.prototyping.boardId, participant)
    putNote(canvas, shapeId('prototyping', 'canvas.field.0'), 'Torgdag hver lørdag', participant.userId)
    putNote(canvas, shapeId('prototyping', 'canvas.field.1'), 'Barnefamilier', participant.userId)
    await Promise.all([framing, grid, canvas].map((client) => client.waitForSaved()))

    const first = await draftFrom(workshopId)
    expect(first.draft.workshopId).toBe(workshopId)
    // The title is the challenge's name; the new question leads the problem statements.
    expect(first.draft.fields.title).toBe(before.fields.title)
    expect(first.draft.fields.problemStatement.split('\n')[0]).toBe(`- ${question}`)
    // The challenge's stakeholder groups the template put on the board, untouched, name no actor.
    expect(first.draft.fields.stakeholders).toEqual([{ actor: 'Kirkenær Næringsforening', sector: null, interest: 'high', influence: 'high' }])
    expect(first.draft.fields.desiredOutcome.description).toBe('**Torgdag hver lørdag** – et konsept for Barnefamilier.')
    expect(first.draft.fields.targetGroups).toEqual(['Barnefamilier'])
    expect(first.draft.fields.desiredOutcome.kinds).toContain('concept')
    expect(first.draft.fields.sourceBoards.map((board) => board.title)).toEqual(['Ramme inn utfordringen', 'Kartlegge aktører', 'Lage prototype'])
    expect(first.draft.fields.sourceBoards.map((board) => board.boardId)).toEqual([steps.framing.boardId, steps.stakeholders.boardId, steps.prototyping.boardId])
    expect(kinds(first)).toMatchObject({ problemStatement: 'filled', stakeholders: 'filled', targetGroups: 'filled', desiredOutcome: 'filled' })
    expect(first.draft.provenance.stakeholders?.sources).toContainEqual(
      expect.objectContaining({
        stepId: steps.stakeholders.id,
        frameKey: 'grid',
        frameName: 'Interesse og innflytelse',
        stepTitle: 'Kartlegge aktører',
        notes: [{ id: gridNote, text: 'Kirkenær Næringsforening' }],
      }),
    )
    expect(first.draft.provenance.problemStatement?.sources[0]?.notes).toEqual([{ id: questionNote, text: question }])
    // Drafts keep no participant names: authors are looked up from the boards only for a names export.
    expect(JSON.stringify(first)).not.toContain(participantName)

    const summary = 'Kirkenær skal bli et levende sentrum for næringsliv og innbyggere.'
    const edited = DescriptionDraft.parse(
      expectStatus(await facilitator.agent.put(description(), { fields: { summary, targetGroups: ['Ungdom'] } }), 200),
    )
    expect(edited.fields.summary).toBe(summary)
    expect(edited.provenance.summary?.edited).toBe(true)
    expect(edited.provenance.targetGroups?.edited).toBe(true)

    putNote(canvas, shapeId('prototyping', 'canvas.field.1'), 'Pensjonister', participant.userId)
    putNote(grid, shapeId('stakeholder-mapping', 'grid.cell.3'), 'Grue Frivilligsentral', participant.userId)
    await Promise.all([grid, canvas].map((client) => client.waitForSaved()))

    const second = await draftFrom(workshopId)
    expect(second.draft.fields.summary).toBe(summary)
    expect(second.draft.fields.targetGroups).toEqual(['Ungdom'])
    // The person replaced "Barnefamilier" with their own group: only the new group is suggested, as a row of its own.
    expect(second.draft.provenance.targetGroups).toMatchObject({ edited: true, pending: null, pendingRows: ['Pensjonister'], deletedRows: ['barnefamilier'] })
    expect(second.draft.fields.stakeholders).toContainEqual({ actor: 'Grue Frivilligsentral', sector: null, interest: 'high', influence: 'low' })
    expect(kinds(second)).toMatchObject({ summary: 'unchanged', targetGroups: 'pending', stakeholders: 'filled', title: 'unchanged' })

    const accepted = DescriptionDraft.parse(
      expectStatus(await facilitator.agent.put(description(), { fields: {}, resolve: { targetGroups: 'accept' } }), 200),
    )
    expect(accepted.fields.targetGroups).toEqual(['Ungdom', 'Pensjonister'])
    expect(accepted.provenance.targetGroups).toMatchObject({ edited: true, pending: null, pendingRows: [] })

    const v1 = await facilitator.agent.post(`${description()}/publish`)
    const published1 = PublishedDescription.parse(expectStatus(v1, 201))
    expect(published1).toMatchObject({ challengeId, version: 1, publishedBy: 'Kari Nordmann', fields: { summary } })
    expect(v1.headers.get('location')).toBe(`${description()}/versions/1`)
    expect(published1.sources.stakeholders?.length).toBeGreaterThan(0)

    const newSummary = 'Kirkenær skal bli et levende sentrum for alle som bor og driver næring der.'
    expectStatus(await facilitator.agent.put(description(), { fields: { summary: newSummary } }), 200)
    const published2 = PublishedDescription.parse(expectStatus(await facilitator.agent.post(`${description()}/publish`), 201))
    expect(published2.version).toBe(2)

    // Anyone, without a session, reads the versions and the diff: no names, no internal ids.
    const visitor = new ApiAgent(server.url)
    const diff = DescriptionDiff.parse(expectStatus(await visitor.get(`${description()}/diff?from=1&to=2`), 200))
    expect(diff).toMatchObject({ from: 1, to: 2 })
    expect(diff.changes.map((change) => change.field)).toEqual(['summary'])
    expect(diff.changes[0]).toMatchObject({ before: summary, after: newSummary })
    expect(diff.changes[0]?.parts).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'added' }), expect.objectContaining({ kind: 'removed' })]))

    const versions = VersionList.parse(expectStatus(await visitor.get(`${description()}/versions`), 200))
    expect(versions.versions.map((version) => [version.version, version.publishedBy])).toEqual([[2, 'Kari Nordmann'], [1, 'Kari Nordmann']])
    const list = PublishedList.parse(expectStatus(await visitor.get('/api/published'), 200))
    expect(list.published).toEqual([expect.objectContaining({ challengeId, version: 2, title: before.fields.title, summary: newSummary, municipality: 'Grue' })])

    const publicV1 = await visitor.get(`${description()}/versions/1`)
    const body = PublicDescription.parse(expectStatus(publicV1, 200))
    expect(body.sources.stakeholders).toContainEqual(
      expect.objectContaining({
        frameName: 'Interesse og innflytelse',
        stepTitle: 'Kartlegge aktører',
        notes: [{ text: 'Kirkenær Næringsforening' }, { text: 'Grue Frivilligsentral' }],
      }),
    )
    const internal = [participantName, participant.userId, workshopId, 'shape:', 'boardId', 'stepId', 'frameKey']
    internal.push(...Object.values(steps).flatMap((step) => [step.id, step.boardId]))
    for (const response of [publicV1, await visitor.get(`${description()}/diff?from=1&to=2`), await visitor.get('/api/published')]) {
      const text = JSON.stringify(response.body)
      for (const secret of internal) expect(text, secret).not.toContain(secret)
    }
  })

  it('suggests a new actor row by row after an edit, and publishes only the sources still in the text', async () => {
    const { workshopId, steps, participant } = await workshopWithParticipant()
    const grid = await scene.openBoard(steps.stakeholders.boardId, participant)
    const cell = (index: number) => shapeId('stakeholder-mapping', `grid.cell.${index}`)
    putNote(grid, cell(1), 'Kirkenær Næringsforening', participant.userId)
    putNote(grid, cell(3), 'Grue Frivilligsentral', participant.userId)
    await grid.waitForSaved()
    const first = await draftFrom(workshopId)
    const notesOf = (sources: { notes: { text: string }[] }[] | undefined) => (sources ?? []).flatMap((ref) => ref.notes.map((note) => note.text))
    expect(notesOf(first.draft.provenance.stakeholders?.sources)).toEqual(expect.arrayContaining(['Kirkenær Næringsforening', 'Grue Frivilligsentral']))

    // The person removes the volunteer centre and gives the business association its sector.
    const stakeholders = first.draft.fields.stakeholders
      .filter((entry) => entry.actor !== 'Grue Frivilligsentral')
      .map((entry) => (entry.actor === 'Kirkenær Næringsforening' ? { ...entry, sector: 'business' as const } : entry))
    expectStatus(await facilitator.agent.put(description(), { fields: { stakeholders } }), 200)

    putNote(grid, cell(0), 'Innlandet fylkeskommune', participant.userId)
    await grid.waitForSaved()
    const second = await draftFrom(workshopId)
    expect(kinds(second).stakeholders).toBe('pending')
    expect(second.draft.fields.stakeholders).toEqual(stakeholders)
    expect(second.draft.provenance.stakeholders).toMatchObject({
      pendingRows: [{ actor: 'Innlandet fylkeskommune', sector: null, interest: 'low', influence: 'high' }],
      deletedRows: ['grue frivilligsentral'],
    })

    // Row answers are for list fields only, and name a row by its key.
    expect(invalidFields(await facilitator.agent.put(description(), { fields: {}, resolve: { summary: { rows: [{ key: 'x', action: 'accept' }] } } }))).toEqual(['resolve.summary'])
    expect(invalidFields(await facilitator.agent.put(description(), { fields: {}, resolve: { stakeholders: { rows: [{ key: 'x', action: 'maybe' }] } } }))).toEqual([
      'resolve.stakeholders',
    ])
    const accepted = DescriptionDraft.parse(
      expectStatus(
        await facilitator.agent.put(description(), { fields: {}, resolve: { stakeholders: { rows: [{ key: 'innlandet fylkeskommune', action: 'accept' }] } } }),
        200,
      ),
    )
    expect(accepted.fields.stakeholders.map((entry) => entry.actor)).toEqual([...stakeholders.map((entry) => entry.actor), 'Innlandet fylkeskommune'])
    expect(accepted.fields.stakeholders.find((entry) => entry.actor === 'Kirkenær Næringsforening')?.sector).toBe('business')
    expect(accepted.provenance.stakeholders?.pendingRows).toEqual([])

    // The draft's export and the published version name only the notes still in the text.
    const exported = expectStatus(await facilitator.agent.get(`${description()}/export/json`), 200)
    expect(JSON.stringify(exported)).not.toContain('Grue Frivilligsentral')
    expect(JSON.stringify(exported)).toContain('Innlandet fylkeskommune')
    const published = PublishedDescription.parse(expectStatus(await facilitator.agent.post(`${description()}/publish`), 201))
    expect(notesOf(published.sources.stakeholders)).toEqual(expect.arrayContaining(['Kirkenær Næringsforening', 'Innlandet fylkeskommune']))
    expect(notesOf(published.sources.stakeholders)).not.toContain('Grue Frivilligsentral')
    const publicVersion = PublicDescription.parse(expectStatus(await new ApiAgent(server.url).get(`${description()}/versions/1`), 200))
    expect(notesOf(publicVersion.sources.stakeholders)).not.toContain('Grue Frivilligsentral')
    expect(notesOf(publicVersion.sources.stakeholders)).toContain('Innlandet fylkeskommune')
  })

  it('gives two racing publishes consecutive versions, and refuses to publish without a draft', async () => {
    expectError(await facilitator.agent.post(`${description()}/publish`), 409, 'nothing_to_publish')
    expectStatus(await facilitator.agent.put(description(), { fields: { summary: 'Et utkast.' } }), 200)
    const racing = await Promise.all([1, 2].map(() => facilitator.agent.post(`${description()}/publish`)))
    const numbers = racing.map((response) => PublishedDescription.parse(expectStatus(response, 201)).version)
    expect(numbers.sort()).toEqual([1, 2])
  })

  it('answers unknown challenges, versions and other challenges’ workshops with their codes; municipalities follow the challenge', async () => {
    const { workshopId } = await workshopWithParticipant()
    const grue = ((await facilitator.agent.get(`/api/challenges/${challengeId}`)).body as { leadMunicipalityId: string }).leadMunicipalityId
    const other = expectStatus(
      await facilitator.agent.post('/api/challenges', {
        leadMunicipalityId: grue, coApplicantIds: [], followerMunicipalityIds: [], name: 'Grue bibliotek',
        title: 'Hvordan kan vi bruke biblioteket mer?', summary: '', problemStatements: [], themes: [], stakeholderGroups: [], status: 'active',
      }),
      201,
    ) as { id: string }
    const otherDescription = `/api/challenges/${other.id}/description`
    expectError(await facilitator.agent.post(`${otherDescription}/draft`, { workshopId }), 400, 'workshop_not_in_challenge')
    expect(invalidFields(await facilitator.agent.post(`${otherDescription}/draft`, { workshopId: newEntityId() }))).toEqual(['workshopId'])

    const visitor = new ApiAgent(server.url)
    expect(VersionList.parse(expectStatus(await visitor.get(`${otherDescription}/versions`), 200)).versions).toEqual([])
    expectError(await visitor.get(`${otherDescription}/versions/1`), 404, 'version_not_found')
    expectError(await visitor.get(`${otherDescription}/diff?from=1&to=2`), 404, 'version_not_found')
    const unknown = `/api/challenges/${newEntityId()}/description`
    expectError(await visitor.get(`${unknown}/versions`), 404, 'challenge_not_found')
    expectError(await visitor.get(`${unknown}/versions/1`), 404, 'challenge_not_found')
    expectError(await facilitator.agent.get(unknown), 404, 'challenge_not_found')
    expect(invalidFields(await visitor.get(`${otherDescription}/versions/0`))).toEqual(['version'])
    expect(invalidFields(await visitor.get(`${otherDescription}/versions/01`))).toEqual(['version'])
    expect(invalidFields(await visitor.get(`${otherDescription}/diff?from=1`))).toEqual(['to'])

    // Municipalities follow the challenge as it is now, in the draft and in what is published.
    expectStatus(await facilitator.agent.put(otherDescription, { fields: { summary: 'Biblioteket som møteplass.' } }), 200)
    const averoy = ((await facilitator.agent.get('/api/municipalities?q=Averøy')).body as { municipalities: { id: string }[] }).municipalities[0]
    expectStatus(await facilitator.agent.patch(`/api/challenges/${other.id}`, { coApplicantIds: [averoy?.id] }), 200)
    const coApplicants = [{ id: averoy?.id, name: 'Averøy' }]
    expect(DescriptionDraft.parse((await facilitator.agent.get(otherDescription)).body).fields.coApplicants).toEqual(coApplicants)
    const published = PublishedDescription.parse(expectStatus(await facilitator.agent.post(`${otherDescription}/publish`), 201))
    expect(published.fields).toMatchObject({ coApplicants, summary: 'Biblioteket som møteplass.' })
  })
})

describe('who may draft and publish', () => {
  it('[A4] refuses participants (403), strangers (401) and requests without the CSRF token (403)', async () => {
    const { workshopId, participant } = await workshopWithParticipant()
    const stranger = new ApiAgent(server.url)
    const changes: [string, string, unknown][] = [
      ['POST', `${description()}/draft`, { workshopId }],
      ['PUT', description(), { fields: { summary: 'x' } }],
      ['POST', `${description()}/publish`, {}],
    ]
    for (const [method, route, body] of [['GET', description(), undefined] as const, ...changes]) {
      expectError(await participant.agent.request(method, route, body), 403, 'facilitators_only')
      expectError(await stranger.request(method, route, body), 401, 'not_signed_in')
    }
    for (const [method, route, body] of changes) {
      expectError(await facilitator.agent.request(method, route, body, { csrf: false }), 403, 'csrf_token_invalid')
    }
    expect(VersionList.parse((await stranger.get(`${description()}/versions`)).body).versions).toEqual([])
    expect(DescriptionDraft.parse((await facilitator.agent.get(description())).body).workshopId).toBeNull()
  })

  it('answers invalid bodies with 400 naming each field', async () => {
    const put = (body: unknown) => facilitator.agent.put(description(), body)
    expect(invalidFields(await put({ fields: { summary: 'x'.repeat(501) } }))).toEqual(['fields.summary'])
    expect(invalidFields(await put({ fields: { leadMunicipality: { id: 'grue-kommune', name: 'Grue' } } }))).toEqual(['fields.leadMunicipality'])
    expect(invalidFields(await put({ fields: { stakeholders: [{ actor: '', sector: 'pirates', interest: null, influence: null }] } }))).toEqual([
      'fields.stakeholders.0.actor',
      'fields.stakeholders.0.sector',
    ])
    expect(invalidFields(await put({ fields: {}, resolve: { summary: 'maybe' } }))).toEqual(['resolve.summary'])
    expect(invalidFields(await put({}))).toEqual(['fields'])
    expect(invalidFields(await facilitator.agent.post(`${description()}/draft`, {}))).toEqual(['workshopId'])
    expect(invalidFields(await facilitator.agent.post(`${description()}/publish`, { version: 3 }))).toEqual(['version'])
  })
})
