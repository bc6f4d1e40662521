// Challenge descriptions as a careful municipal IT department and a hostile participant would try
// them: every facilitator route refused to guests and strangers (a stranger's body not even read),
// a description at the schema's maximum sizes, CSV opened by a spreadsheet that splits on
// semicolons, versions across a change of lead municipality, drafting from awkward workshops, and
// the public pages' 404s, caching and headings. Real server on port 0, real SQLite, real sockets.
import { parse } from 'csv-parse/sync'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { DescriptionDraft, PublishedDescription, type DescriptionFields } from '../../shared/src/description/challengeDescription.ts'
import { DescriptionDiff, DraftResult } from '../../shared/src/description/descriptionApi.ts'
import { ApiAgent, setUpFirstFacilitator, type SignedInFacilitator } from '../helpers/auth.ts'
import { participantUser, putNote, templateShapeId } from '../helpers/boardNotes.ts'
import { createClient, type TestClient } from '../helpers/clients.ts'
import { startTestServer, type TestServer } from '../helpers/server.ts'
import { LoadGate } from '../helpers/storeDecorators.ts'
import { waitFor } from '../helpers/waitFor.ts'
import { addStep, createWorkshop, expectError, expectStatus, grueChallengeId, joined, setStatus } from '../helpers/workshopApi.ts'
import { htmlTags, readDocx } from '../unit/exports-checks.ts'

let server: TestServer
let facilitator: SignedInFacilitator
let challengeId: string
let gate: LoadGate
const clients: TestClient[] = []

beforeEach(async () => {
  gate = new LoadGate()
  server = await startTestServer({ wrapStore: (store) => gate.wrap(store) })
  facilitator = await setUpFirstFacilitator(server)
  challengeId = await grueChallengeId(facilitator.agent)
})
afterEach(async () => {
  gate.open()
  for (const client of clients.splice(0)) client.destroy()
  await server.close()
})

const description = () => `/api/challenges/${challengeId}/description`
const formats = ['md', 'html', 'docx', 'json', 'csv'] as const

/** A download as a browser gets it: status, headers and text (with the agent's cookies, if any). */
async function download(path: string, agent?: ApiAgent, init: RequestInit = {}) {
  const headers = { ...(agent === undefined ? {} : { cookie: agent.cookieHeader() }), ...(init.headers as Record<string, string> | undefined) }
  const response = await fetch(`${server.url}${path}`, { ...init, headers })
  const bytes = Buffer.from(await response.arrayBuffer())
  return { status: response.status, headers: response.headers, bytes, text: bytes.toString('utf8') }
}

async function publish(fields: Partial<DescriptionFields>): Promise<PublishedDescription> {
  expectStatus(await facilitator.agent.put(description(), { fields }), 200)
  return PublishedDescription.parse(expectStatus(await facilitator.agent.post(`${description()}/publish`), 201))
}

/** An open workshop on Grue's challenge with `templates` as its steps. */
async function openWorkshop(templates: readonly string[]) {
  const detail = await createWorkshop(facilitator.agent, challengeId)
  const steps = []
  for (const templateId of templates) steps.push(await addStep(facilitator.agent, detail.workshop.id, { templateId, plannedMinutes: 30 }))
  await setStatus(facilitator.agent, detail.workshop.id, 'open')
  if (detail.links === null) throw new Error('A facilitator sees the links.')
  return { workshopId: detail.workshop.id, steps, links: detail.links }
}

describe('who may reach drafts and the names export', () => {
  it('refuses observers and participants (403) and strangers (401) on every facilitator route and every draft export', async () => {
    const { workshopId, links } = await openWorkshop(['stakeholder-mapping'])
    const participant = await joined(server.url, links.participantUrl, { displayName: 'Per Hansen', affiliation: 'business' })
    const observer = await joined(server.url, links.observerUrl)
    const stranger = new ApiAgent(server.url)
    const routes: [string, string, unknown][] = [
      ['GET', description(), undefined],
      ['POST', `${description()}/draft`, { workshopId }],
      ['PUT', description(), { fields: { summary: 'x' } }],
      ['POST', `${description()}/publish`, {}],
      ...formats.flatMap((format): [string, string, unknown][] => [
        ['GET', `${description()}/export/${format}`, undefined],
        ['GET', `${description()}/export/${format}?names=include`, undefined],
      ]),
    ]
    for (const [method, route, body] of routes) {
      for (const guest of [participant.agent, observer.agent]) expectError(await guest.request(method, route, body), 403, 'facilitators_only')
      expectError(await stranger.request(method, route, body), 401, 'not_signed_in')
    }
    // A HEAD is answered like its GET: no way round the check.
    const head = await download(`${description()}/export/md?names=include`, participant.agent, { method: 'HEAD' })
    expect(head.status).toBe(403)
    // The public exports take no names option.
    expectStatus(await facilitator.agent.put(description(), { fields: { summary: 'Et utkast.' } }), 200)
    expectStatus(await facilitator.agent.post(`${description()}/publish`), 201)
    expect((await download(`${description()}/versions/1/export/md?names=include`)).text).not.toContain('Advarsel')
  })

  it('does not read a body a stranger sends to the draft (401, not a parse of megabytes)', async () => {
    const huge = JSON.stringify({ fields: { background: 'x'.repeat(2_000_000) } })
    const response = await fetch(`${server.url}${description()}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', origin: server.url },
      body: huge,
    })
    expect(response.status).toBe(401)
  })
})

/** Every editable field at the schema's limit, each string made of `char`. */
function maximalFields(char: string): Partial<DescriptionFields> {
  const text = (length: number) => char.repeat(length)
  const list = (count: number, length: number) => Array.from({ length: count }, (_, index) => `${index} ${text(length - String(index).length - 1)}`)
  return {
    title: text(400),
    summary: text(500),
    themes: list(100, 200),
    background: text(10_000),
    problemStatement: text(10_000),
    needs: Array.from({ length: 200 }, (_, index) => ({ need: `${index} ${text(995)}`, who: text(300), evidence: text(2000), priority: 'quick-win' as const })),
    targetGroups: list(100, 300),
    stakeholders: Array.from({ length: 300 }, (_, index) => ({ actor: `${index} ${text(295)}`, sector: 'county-state' as const, interest: 'high' as const, influence: 'low' as const })),
    goals: list(100, 1000),
    constraints: list(100, 1000),
    risks: list(100, 1000),
    existingInitiatives: list(100, 1000),
    localAdvantages: list(100, 1000),
    desiredOutcome: { kinds: ['insight', 'concept', 'prototype', 'pilot'], description: text(4000) },
    anchoring: text(4000),
    transferability: text(4000),
    contactPoint: text(254),
  }
}

describe('what the public can read', () => {
  it('holds no name, email, token or internal id in any public body or header, the schema and the API description included', async () => {
    const { workshopId, steps, links } = await openWorkshop(['stakeholder-mapping'])
    const step = steps[0]
    if (step === undefined) throw new Error('one step')
    const participant = await joined(server.url, links.participantUrl, { displayName: 'Per Hansen', affiliation: 'business' })
    const userId = participant.session.guest?.participantId ?? 'unknown'
    const client = createClient(server.syncUrl, step.boardId, { headers: { cookie: participant.agent.cookieHeader() } })
    clients.push(client)
    await client.waitForSynced()
    const user = participantUser(participant.session)
    client.setRecord(user.id, user)
    const noteId = putNote(client, templateShapeId('stakeholder-mapping', 'grid.cell.1'), 'Kirkenær Næringsforening', userId)
    await client.waitForSaved()
    expectStatus(await facilitator.agent.post(`${description()}/draft`, { workshopId }), 200)
    await publish({ contactPoint: 'postmottak@grue.kommune.no' })
    await publish({ summary: 'Kirkenær sentrum har tomme lokaler.' })

    const secrets = [
      'Per Hansen', userId, participant.session.guest?.participantId ?? 'participant', workshopId, step.id, step.boardId, noteId, 'shape:',
      facilitator.credentials.email, facilitator.id, facilitator.session.facilitator?.csrfToken ?? 'csrf', participant.session.guest?.csrfToken ?? 'csrf',
      ...facilitator.agent.cookieHeader().split('; ').map((cookie) => cookie.split('=')[1] ?? 'cookie'),
      ...participant.agent.cookieHeader().split('; ').map((cookie) => cookie.split('=')[1] ?? 'cookie'),
    ]
    const paths = [
      `/utfordring/${challengeId}`, `/utfordring/${challengeId}/v/1`, `/utfordring/${challengeId}/v/3`, `/utfordring/${challengeId}/v/1/x`,
      ...formats.map((format) => `${description()}/versions/1/export/${format}`),
      `${description()}/versions`, `${description()}/versions/1`, `${description()}/versions/3`, `${description()}/diff?from=1&to=2`,
      `${description()}/diff?from=1&to=9`, '/api/published', '/api/schemas/challenge-description.json', '/api/openapi.json',
    ]
    for (const path of paths) {
      const response = await download(path)
      expect(response.status, path).toBeLessThan(500)
      const body = path.endsWith('/docx') ? (await readDocx(response.bytes)).allXml : response.text
      const headers = JSON.stringify([...response.headers])
      for (const secret of secrets) {
        expect(body, `${path}: ${secret}`).not.toContain(secret)
        expect(headers, `${path} headers: ${secret}`).not.toContain(secret)
      }
    }
    // The contact point is the one address meant to be public.
    expect((await download(`/utfordring/${challengeId}`)).text).toContain('postmottak@grue.kommune.no')
  })
})

describe('a description at the schema’s maximum sizes', () => {
  it('is saved by a facilitator whatever the characters, though the body is megabytes', async () => {
    // "€" is three bytes of UTF-8; a control character is six bytes of JSON ("\u0001"): the largest body the schema allows.
    for (const char of ['€', '\u0001']) {
      const fields = maximalFields(char)
      const response = await facilitator.agent.put(description(), { fields })
      const draft = DescriptionDraft.parse(expectStatus(response, 200))
      expect(draft.fields.needs).toHaveLength(200)
      expect(draft.fields.goals[99]).toBe(fields.goals?.[99])
    }
  })

  // How long these take is for the benchmarks to say; here, that they work at all at the schema's limits.
  it('publishes and exports in every format, and shows its public page, at the schema’s largest', async () => {
    const fields = maximalFields('å')
    await publish(fields)
    for (const path of [...formats.map((format) => `${description()}/versions/1/export/${format}`), `/utfordring/${challengeId}`]) {
      const response = await download(path)
      expect(response.status, path).toBe(200)
    }
  })
})

describe('CSV in a spreadsheet that splits on semicolons (Excel in a Norwegian locale)', () => {
  it('starts no cell with a formula, even where a semicolon inside a cell would start one', async () => {
    const hostile = ['Tall;=1+1', 'a;+cmd', 'b;-2+3', 'c;@SUM(1)', 'd; =ikke', 'e;"=1+1"', 'f\n=1+1', 'g\t=1+1', '\0=1+1', 'h;\0=1']
    await publish({
      needs: hostile.map((need) => ({ need, who: need, evidence: need, priority: null })),
      stakeholders: hostile.map((actor) => ({ actor, sector: null, interest: null, influence: null })),
    })
    const csv = (await download(`${description()}/versions/1/export/csv`)).text
    for (const separator of [',', ';', '\t']) {
      // As a reader that splits on this separator sees it: each cell after a separator starts where the separator ends.
      const rows = parse(csv, { bom: true, delimiter: separator, relax_quotes: true, relax_column_count: true, quote: separator === ',' ? '"' : false }) as string[][]
      // Quotes a reader might take as opening a quoted cell do not hide what follows them.
      for (const cell of rows.flat()) expect(cell, `${JSON.stringify(separator)}: ${JSON.stringify(cell)}`).not.toMatch(/^"*[=+\-@\t\r\n\0]/)
    }
    // A reader that uses the file's own separator gets the text back, guarded only where it had to be.
    const rows = parse(csv, { bom: true, columns: true }) as Record<string, string>[]
    // Grue writes bokmål: the kind column is "Type", a need's kind and column "Behov".
    expect(rows.filter((row) => row['Type'] === 'Behov').map((row) => row['Behov'])).toEqual([
      "Tall;'=1+1", "a;'+cmd", "b;'-2+3", "c;'@SUM(1)", 'd; =ikke', `e;"'=1+1"`, "f\n'=1+1", "g\t'=1+1", "'\0=1+1", "h;'\0=1",
    ])
  })
})

describe('versions over time', () => {
  it('keeps each version in its own language form when the lead municipality changes, and diffs them either way', async () => {
    await publish({ summary: 'Kirkenær sentrum har tomme lokaler.' })
    const { municipalities } = (await facilitator.agent.get('/api/municipalities?q=Vanylven')).body as { municipalities: { id: string; languageForm: string }[] }
    const vanylven = municipalities[0]
    expect(vanylven?.languageForm).toBe('nn')
    expectStatus(await facilitator.agent.patch(`/api/challenges/${challengeId}`, { leadMunicipalityId: vanylven?.id, coApplicantIds: [], followerMunicipalityIds: [] }), 200)
    const second = PublishedDescription.parse(expectStatus(await facilitator.agent.post(`${description()}/publish`), 201))
    expect(second.fields).toMatchObject({ languageForm: 'nn', leadMunicipality: { name: 'Vanylven' } })

    const first = await download(`/utfordring/${challengeId}/v/1`)
    expect(first.text).toMatch(/<html lang="nb">/)
    expect(first.text).toContain('Ansvarlig kommune')
    const newest = await download(`/utfordring/${challengeId}`)
    expect(newest.text).toMatch(/<html lang="nn">/)
    expect(newest.text).toContain('<h2 id="changes-heading">Endringar frå versjon 1</h2>')
    expect(newest.text).toContain('Vanylven')
    expect((await download(`/utfordring/${challengeId}/v/9`)).text).toMatch(/<html lang="nn">[\s\S]*Fann ikkje utfordringa/)

    const visitor = new ApiAgent(server.url)
    const forward = DescriptionDiff.parse(expectStatus(await visitor.get(`${description()}/diff?from=1&to=2`), 200))
    expect(forward.changes.map((change) => change.field)).toEqual(expect.arrayContaining(['leadMunicipality', 'languageForm']))
    const backward = DescriptionDiff.parse(expectStatus(await visitor.get(`${description()}/diff?from=2&to=1`), 200))
    expect(backward).toMatchObject({ from: 2, to: 1 })
    expect(backward.changes.find((change) => change.field === 'leadMunicipality')).toMatchObject({ before: { name: 'Vanylven' }, after: { name: 'Grue' } })
    expect(DescriptionDiff.parse(expectStatus(await visitor.get(`${description()}/diff?from=2&to=2`), 200)).changes).toEqual([])
  })

  // A word diff's cost grows with the texts' length times the edits; the public page diffs on every view.
  // Past a bounded number of edits the diff shows the whole text replaced (diffDescriptions.ts), which is
  // what keeps one anonymous request from holding the server's only thread for many seconds.
  it('shows two long, wholly different versions as replaced text rather than diffing them word by word', async () => {
    const words = (seed: string) => Array.from({ length: 1600 }, (_, index) => `${seed}${index % 7}`).join(' ')
    await publish({ background: words('a') })
    await publish({ background: words('b') })
    const diff = DescriptionDiff.parse(expectStatus(await new ApiAgent(server.url).get(`${description()}/diff?from=1&to=2`), 200))
    const background = diff.changes.find((change) => change.field === 'background')
    expect(background?.parts).toEqual([
      { kind: 'removed', text: words('a') },
      { kind: 'added', text: words('b') },
    ])
    expect((await download(`/utfordring/${challengeId}`)).status).toBe(200)
  })
})

describe('drafting from awkward workshops', () => {
  it('drafts from a workshop nobody wrote on: the template notes nobody touched are scaffolding and add nothing', async () => {
    const { workshopId } = await openWorkshop(['challenge-framing', 'stakeholder-mapping', 'prototyping', 'ideas', 'prioritising'])
    const result = DraftResult.parse(expectStatus(await facilitator.agent.post(`${description()}/draft`, { workshopId }), 200))
    expect(result.draft.fields.sourceBoards).toHaveLength(5)
    const noteIds = Object.values(result.draft.provenance).flatMap((provenance) => provenance?.sources ?? []).flatMap((ref) => ref.notes.map((note) => note.id))
    expect(noteIds).toEqual([])
    expect(result.draft.fields.needs).toEqual([])
    expect(result.draft.fields.stakeholders).toEqual([])
  })

  it('drafts when a step is deleted while its board is being read', async () => {
    const { workshopId, steps } = await openWorkshop(['challenge-framing', 'stakeholder-mapping'])
    const deleted = steps[1]
    if (deleted === undefined) throw new Error('two steps')
    gate.close()
    const drafting = facilitator.agent.post(`${description()}/draft`, { workshopId })
    await waitFor(() => gate.waiting > 0, { message: 'the draft reads the first board' })
    expectStatus(await facilitator.agent.delete(`/api/steps/${deleted.id}`), 204)
    gate.open()
    const result = DraftResult.parse(expectStatus(await drafting, 200))
    expect(result.draft.workshopId).toBe(workshopId)
  })

  it('drafts from a board with thousands of notes, and exports the names of their authors', async () => {
    const { workshopId, steps, links } = await openWorkshop(['stakeholder-mapping'])
    const step = steps[0]
    if (step === undefined) throw new Error('one step')
    const participant = await joined(server.url, links.participantUrl, { displayName: 'Per Hansen', affiliation: 'business' })
    const userId = participant.session.guest?.participantId ?? 'unknown'
    const client = createClient(server.syncUrl, step.boardId, { headers: { cookie: participant.agent.cookieHeader() } })
    clients.push(client)
    await client.waitForSynced()
    client.doc.transact(() => {
      const user = participantUser(participant.session)
      client.setRecord(user.id, user)
      for (let index = 0; index < 3000; index++) {
        putNote(client, templateShapeId('stakeholder-mapping', `grid.cell.${index % 4}`), `Aktør nummer ${index}`, userId)
      }
    })
    await client.waitForSaved({ timeoutMs: 30_000 })

    const result = DraftResult.parse(expectStatus(await facilitator.agent.post(`${description()}/draft`, { workshopId }), 200))
    expect(result.draft.fields.stakeholders).toHaveLength(300)
    const withNames = await download(`${description()}/export/md?names=include`, facilitator.agent)
    expect(withNames.status).toBe(200)
    expect(withNames.text).toContain('Per Hansen')
  })
})

describe('the public pages', () => {
  it('answer every unknown address under /utfordring with the 404 page and its strict policy', async () => {
    await publish({ summary: 'Kirkenær sentrum har tomme lokaler.' })
    for (const path of [`/utfordring/${challengeId}/v/1/mer`, `/utfordring/${challengeId}/x`, '/utfordring', '/utfordring/']) {
      const response = await download(path)
      expect(response.status, path).toBe(404)
      expect(response.headers.get('content-type'), path).toBe('text/html; charset=utf-8')
      expect(response.headers.get('content-security-policy'), path).toContain("script-src 'none'")
      expect(response.text, path).toContain('<h1>Fant ikke utfordringen</h1>')
    }
  })

  it('are revalidated (the newest changes; an old one’s version list does too) and answer 304 when unchanged', async () => {
    await publish({ summary: 'Kirkenær sentrum har tomme lokaler.' })
    // Not the DOCX: docx stamps each file with the time it was made, so no two downloads are the same bytes.
    for (const path of [`/utfordring/${challengeId}`, `/utfordring/${challengeId}/v/1`, `${description()}/versions/1/export/md`, `${description()}/versions/1`]) {
      const first = await download(path)
      expect(first.headers.get('cache-control'), path).toBe('no-cache')
      const etag = first.headers.get('etag')
      expect(etag, path).not.toBeNull()
      // fetch adds "Cache-Control: no-cache" to a conditional request unless one is given, and that forbids a 304.
      const again = await download(path, undefined, { headers: { 'if-none-match': etag ?? '', 'cache-control': 'max-age=0' } })
      expect(again.status, path).toBe(304)
    }
  })

  it('keep headings in order, even when free text under a field named like its section has a heading', async () => {
    await publish({ desiredOutcome: { kinds: ['pilot'], description: '# Første fase\n\nEn pilot i Kirkenær.' }, anchoring: '# Vedtak\n\nI formannskapet.' })
    const page = (await download(`/utfordring/${challengeId}`)).text
    const levels = htmlTags(page).filter((tag) => /^h[1-6]$/.test(tag.name) && !tag.closing).map((tag) => Number(tag.name.slice(1)))
    expect(levels[0]).toBe(1)
    levels.forEach((level, index) => expect(level - (levels[index - 1] ?? 0), `heading ${index}: ${levels.join(',')}`).toBeLessThanOrEqual(1))
  })
})
