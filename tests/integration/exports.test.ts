// Exports and public pages of a challenge description over HTTP: a facilitator publishes (through the real
// API, after drafting from a board a participant wrote on through a real y-websocket client), and anyone
// downloads every format and reads the public pages: right headers, DOCX read back, JSON valid against the
// served schema, CSV round trip, no names or internal ids, nothing active, and pages that allow no script.
import { Ajv2020 } from 'ajv/dist/2020.js'
import addFormats from 'ajv-formats'
import { parse } from 'csv-parse/sync'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { editableFieldKeys, PublishedDescription, type DescriptionFields } from '../../shared/src/description/challengeDescription.ts'
import { DraftResult } from '../../shared/src/description/descriptionApi.ts'
import { newEntityId } from '../../shared/src/schema/entityId.ts'
import { csvTable } from '../../server/src/export/csv.ts'
import { fromPublished } from '../../server/src/export/exportInput.ts'
import { ApiAgent, type SignedInFacilitator } from '../helpers/auth.ts'
import { putNote, templateShapeId } from '../helpers/boardNotes.ts'
import type { TestServer } from '../helpers/server.ts'
import { expectError, expectStatus } from '../helpers/workshopApi.ts'
import { startWorkshopScene, type WorkshopScene } from '../helpers/workshopScene.ts'
import { expectInertDocx, expectInertHtml, htmlTags, readDocx, unescapedMarkdown } from '../unit/exports-checks.ts'
import { grueFields, longPayload, payloads } from '../unit/exports-fixtures.ts'

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
const versionExport = (version: number, format: string) => `${description()}/versions/${version}/export/${format}`
const formats = ['md', 'html', 'docx', 'json', 'csv'] as const
const participantName = 'Per Hansen'

/** A download as a browser gets it: status, headers and the raw bytes (with the agent's cookies, if any). */
async function download(path: string, agent?: ApiAgent) {
  const response = await fetch(`${server.url}${path}`, { headers: agent === undefined ? {} : { cookie: agent.cookieHeader() } })
  const bytes = Buffer.from(await response.arrayBuffer())
  return { status: response.status, headers: response.headers, bytes, text: bytes.toString('utf8') }
}

/** The editable fields of a description, as a PUT body sends them. */
function editable(fields: DescriptionFields): Partial<DescriptionFields> {
  return Object.fromEntries(editableFieldKeys.map((key) => [key, fields[key]]))
}

async function publish(fields: Partial<DescriptionFields>): Promise<PublishedDescription> {
  expectStatus(await facilitator.agent.put(description(), { fields }), 200)
  return PublishedDescription.parse(expectStatus(await facilitator.agent.post(`${description()}/publish`), 201))
}

async function servedSchemaValidator() {
  const response = await download('/api/schemas/challenge-description.json')
  expect(response.status).toBe(200)
  expect(response.headers.get('content-type')).toMatch(/^application\/schema\+json/)
  const ajv = new Ajv2020({ allErrors: true, strict: true })
  addFormats.default(ajv)
  return ajv.compile(JSON.parse(response.text) as object)
}

/** An open workshop with a stakeholder-mapping step; a participant writes `texts` as notes in the grid's top-right cell. */
async function boardWithNotes(texts: readonly string[]) {
  const { workshopId, steps: [step], participant } = await scene.openWorkshop([{ templateId: 'stakeholder-mapping', plannedMinutes: 30 }], {
    displayName: participantName,
    affiliation: 'business',
  })
  const client = await scene.openBoard(step.boardId, participant)
  const noteIds = texts.map((text) => putNote(client, templateShapeId('stakeholder-mapping', 'grid.cell.1'), text, participant.userId))
  await client.waitForSaved()
  const drafted = DraftResult.parse(expectStatus(await facilitator.agent.post(`${description()}/draft`, { workshopId }), 200))
  return { step, noteIds, participant, drafted }
}

describe('downloads of a published version', () => {
  it('serves every format as an attachment with its type, nosniff and a script-free policy; each reads back', async () => {
    const published = await publish(editable(grueFields()))
    const visitor = new ApiAgent(server.url)
    const types = { md: 'text/markdown', html: 'text/html', docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', json: 'application/json', csv: 'text/csv' }
    for (const format of formats) {
      const response = await download(versionExport(1, format), visitor)
      expect(response.status, response.text.slice(0, 200)).toBe(200)
      expect(response.headers.get('content-type')).toContain(types[format])
      // The municipality and the challenge's name in whole words, ASCII only.
      expect(response.headers.get('content-disposition')).toBe(`attachment; filename="grue-kirkenaer-attraktivt-sentrum-naeringsliv-v1.${format}"`)
      expect(response.headers.get('x-content-type-options')).toBe('nosniff')
      expect(response.headers.get('content-security-policy')).toContain("script-src 'none'")
    }

    const docx = await readDocx((await download(versionExport(1, 'docx'))).bytes)
    expect(docx.html).toContain('<h1>Kirkenær – et attraktivt sentrum for både næringsliv og innbyggere</h1><p><strong>Grue kommune</strong></p>')
    expect(docx.html).toContain('<h2>Behov og mål</h2><h3>Behov</h3>')
    expect(docx.html.match(/<table>/g)).toHaveLength(2)
    expect(docx.html).toContain('<td><p>Næringsforeningen</p></td>')

    const validate = await servedSchemaValidator()
    const json = JSON.parse((await download(versionExport(1, 'json'))).text) as Record<string, unknown>
    expect(validate(json), JSON.stringify(validate.errors)).toBe(true)
    expect(json).toMatchObject({ $schema: `${server.running.publicUrl}/api/schemas/challenge-description.json`, status: 'published', version: 1 })

    const [header, ...rows] = parse((await download(versionExport(1, 'csv'))).text, { bom: true }) as string[][]
    expect({ header, rows }).toEqual(csvTable(fromPublished(published)))
    expect(rows).toHaveLength(5)
  })

  it('answers 404 for a version or challenge that does not exist and 400 for an unknown format', async () => {
    await publish(editable(grueFields()))
    expectError(await facilitator.agent.get(versionExport(2, 'md')), 404, 'version_not_found')
    expectError(await facilitator.agent.get(`/api/challenges/${newEntityId()}/description/versions/1/export/md`), 404, 'challenge_not_found')
    const fields = expectError(await facilitator.agent.get(versionExport(1, 'pdf')), 400, 'invalid_request')
    expect(fields).toEqual(['format'])
  })
})

describe('the public pages', () => {
  it('show the newest version and each earlier one with downloads, versions and the changes, and allow no script', async () => {
    await publish(editable(grueFields()))
    await publish({ summary: 'Kirkenær sentrum har tomme lokaler og få besøkende.' })
    const newest = await download(`/utfordring/${challengeId}`)
    expect(newest.status).toBe(200)
    expect(newest.headers.get('content-type')).toBe('text/html; charset=utf-8')
    const policy = newest.headers.get('content-security-policy') ?? ''
    expect(policy).toContain("script-src 'none'")
    expect(policy).toContain("default-src 'none'")
    expect(policy).not.toContain('unsafe-inline')
    const page = newest.text
    expectInertHtml(page)
    expect(page).toMatch(/<html lang="nb">/)
    expect(page).toContain('<title>Kirkenær – et attraktivt sentrum for både næringsliv og innbyggere | Grue kommune</title>')
    expect(page).toContain('<meta name="description" content="Grue kommune: Kirkenær sentrum har tomme lokaler og få besøkende.">')
    expect(page).toContain('<h1>Kirkenær – et attraktivt sentrum for både næringsliv og innbyggere</h1>\n<p class="municipality">Grue kommune</p>')
    expect(page).toContain('<p class="lead">Kirkenær sentrum har tomme lokaler og få besøkende.</p>')
    // No heading twice: the needs' table is named by its heading, and no field repeats its section's heading.
    const headings = [...page.matchAll(/<h[1-6][^>]*>([^<]*)<\/h[1-6]>/g)].map(([, text]) => text)
    expect(headings.filter((heading, index) => headings.indexOf(heading) !== index)).toEqual([])
    expect(page).toContain('<caption class="visually-hidden">Behov</caption>')
    const landmarks = new Set(htmlTags(page).map((tag) => tag.name))
    for (const landmark of ['header', 'nav', 'main', 'aside', 'footer', 'h1']) expect(landmarks).toContain(landmark)
    expect(page).toContain('<a href="/">Til forsiden</a>')
    expect(page).toContain(`href="${versionExport(2, 'docx')}" download>Word (DOCX)</a>`)
    expect(page).toContain(`<a href="/utfordring/${challengeId}/v/1">Versjon 1,`)
    expect(page).toContain(`<a href="/utfordring/${challengeId}/v/2" aria-current="page">Versjon 2,`)
    expect(page).toContain('<h2 id="changes-heading">Endringer fra versjon 1</h2>')
    expect(page).toContain('<ins><span class="visually-hidden">[lagt til] </span>besøkende</ins>')
    expect(page).not.toContain(participantName)

    // Every download link on the page works.
    for (const { attributes } of htmlTags(page).filter((tag) => tag.name === 'a' && 'download' in tag.attributes)) {
      expect((await download(attributes['href'] ?? '')).status).toBe(200)
    }

    const first = await download(`/utfordring/${challengeId}/v/1`)
    expect(first.status).toBe(200)
    expect(first.text).toContain('Dette er ikke nyeste versjon. Nyeste er')
    expect(first.text).toContain('Dette er første versjon.')
    expect(first.text).toContain('<title>Kirkenær – et attraktivt sentrum for både næringsliv og innbyggere | Grue kommune (Versjon 1)</title>')
  })

  it('answer a 404 page, with the same policy, for what is not published', async () => {
    for (const path of [`/utfordring/${challengeId}`, `/utfordring/${newEntityId()}`, '/utfordring/x', `/utfordring/${challengeId}/v/0`]) {
      const response = await download(path)
      expect(response.status, path).toBe(404)
      expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8')
      expect(response.headers.get('content-security-policy')).toContain("script-src 'none'")
      expect(response.text).toContain('<h1>Fant ikke utfordringen</h1>')
    }
    await publish(editable(grueFields()))
    expect((await download(`/utfordring/${challengeId}/v/2`)).status).toBe(404)
  })

  it('say so when a version was published again with the same text', async () => {
    await publish(editable(grueFields()))
    await publish({})
    const page = (await download(`/utfordring/${challengeId}`)).text
    expect(page).toContain('<h2 id="changes-heading">Endringer fra versjon 1</h2>\n<p>Teksten er den samme som i versjon 1.</p>')
    expect(page).not.toContain('<dl>\n\n</dl>')
  })
})

describe('names of note authors', () => {
  it('[A16] are in a facilitator’s draft export only with names=include, under a warning; never in a public one', async () => {
    const { step, noteIds, participant } = await boardWithNotes(['Kirkenær Næringsforening'])
    const draftExport = (format: string, names = false) => `${description()}/export/${format}${names ? '?names=include' : ''}`

    const withNames = await download(draftExport('md', true), facilitator.agent)
    expect(withNames.status, withNames.text).toBe(200)
    expect(withNames.headers.get('cache-control')).toBe('no-store')
    expect(withNames.headers.get('content-disposition')).toMatch(/^attachment; filename="grue-kirkenaer-[a-z0-9-]+-utkast\.md"$/)
    expect(withNames.text).toContain('> **Advarsel: Dette dokumentet inneholder navnene')
    expect(withNames.text).toContain(`Kirkenær Næringsforening \\(skrevet av ${participantName}\\)`)
    expect((await readDocx((await download(draftExport('docx', true), facilitator.agent)).bytes)).text).toContain(participantName)
    for (const format of ['json', 'csv']) expect((await download(draftExport(format, true), facilitator.agent)).text).not.toContain(participantName)
    expect((await download(draftExport('html'), facilitator.agent)).text).not.toContain(participantName)

    expectError(await participant.agent.get(draftExport('md', true)), 403, 'facilitators_only')
    expectError(await new ApiAgent(server.url).get(draftExport('md')), 401, 'not_signed_in')
    expect(expectError(await facilitator.agent.get(`${draftExport('md')}?names=yes`), 400, 'invalid_request')).toEqual(['names'])

    await publish({})
    const internal = [step.id, step.boardId, ...noteIds, 'shape:']
    for (const format of formats) {
      const response = await download(versionExport(1, format))
      const text = format === 'docx' ? (await readDocx(response.bytes)).allXml : response.text
      expect(text).toContain('Kirkenær Næringsforening')
      expect(text).not.toContain(participantName)
      for (const id of internal) expect(text).not.toContain(id)
    }
  })
})

describe('injection', () => {
  it('[A16] a board and a description full of HTML, Markdown, formula and very long payloads export with none of it active', async () => {
    const { drafted } = await boardWithNotes([...payloads, longPayload])
    expect(drafted.draft.fields.stakeholders.length).toBeGreaterThan(5)
    const mixed = payloads.join(' ')
    const texts = { summary: mixed.slice(0, 500), background: longPayload, problemStatement: mixed, anchoring: mixed, transferability: mixed }
    const needs = payloads.map((payload) => ({ need: payload, who: payload, evidence: payload, priority: null }))
    await publish({ ...texts, title: mixed, needs, goals: [...payloads], themes: payloads.map((payload) => payload.trim()), contactPoint: payloads[4] })

    const page = (await download(`/utfordring/${challengeId}`)).text
    const html = (await download(versionExport(1, 'html'))).text
    for (const document of [page, html]) {
      expectInertHtml(document)
      expect(document).toContain('&#60;script&#62;alert(1)&#60;/script&#62;')
    }

    const markdown = (await download(versionExport(1, 'md'))).text
    expect(unescapedMarkdown(markdown)).toEqual([])
    expect(markdown).toContain('\\<script\\>alert\\(1\\)\\</script\\>')

    const rows = parse((await download(versionExport(1, 'csv'))).text, { bom: true }) as string[][]
    const cells = rows.slice(1).flat()
    for (const cell of cells) expect(cell).not.toMatch(/^[=+\-@\t\r]/)
    expect(cells).toContain(`'=HYPERLINK("http://evil")`)
    expect(cells).toContain("'@SUM(1)")

    const docx = await readDocx((await download(versionExport(1, 'docx'))).bytes)
    expectInertDocx(docx.documentXml)
    expect(docx.text).toContain('<script>alert(1)</script>')
    expect(docx.text).toContain('=HYPERLINK("http://evil")')

    const validate = await servedSchemaValidator()
    const json = JSON.parse((await download(versionExport(1, 'json'))).text) as { fields: { background: string; title: string } }
    expect(validate(json), JSON.stringify(validate.errors)).toBe(true)
    expect(json.fields.background).toBe(longPayload)
    expect(json.fields.title).toBe(mixed)
  })
})
