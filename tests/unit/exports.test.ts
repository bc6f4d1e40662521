// The description exports, renderer by renderer: Markdown, HTML, DOCX, JSON and CSV carry the fields in
// the description's language form, read back with real parsers, and nothing a note held (HTML, Markdown
// links and images, spreadsheet formulas, very long text) is active in any of them; no internal id appears.
import { Ajv2020 } from 'ajv/dist/2020.js'
import addFormats from 'ajv-formats'
import { parse } from 'csv-parse/sync'
import { describe, expect, it } from 'vitest'
import type { DescriptionDraft } from '../../shared/src/description/challengeDescription.ts'
import { csvTable, guardFormula, renderCsv } from '../../server/src/export/csv.ts'
import { renderDocx } from '../../server/src/export/docx.ts'
import { fromDraft, fromPublished, noteKey } from '../../server/src/export/exportInput.ts'
import { parseFreeText, parseInline } from '../../server/src/export/freeText.ts'
import { renderHtml } from '../../server/src/export/html.ts'
import { renderJson } from '../../server/src/export/json.ts'
import { challengeDescriptionJsonSchema } from '../../server/src/export/jsonSchema.ts'
import { renderMarkdown } from '../../server/src/export/markdown.ts'
import { documentContentSecurityPolicy } from '../../server/src/export/printCss.ts'
import { expectInertDocx, expectInertHtml, htmlTags, readDocx, unescapedMarkdown } from './exports-checks.ts'
import { grueFields, hostilePublished, internalIds, longPayload, payloads, publishedGrue, sourceRef } from './exports-fixtures.ts'

const publicUrl = 'https://samskap.example.no'
const grue = fromPublished(publishedGrue())

function validator() {
  const ajv = new Ajv2020({ allErrors: true, strict: true })
  addFormats.default(ajv)
  return ajv.compile(challengeDescriptionJsonSchema(publicUrl))
}

function draftWithSources(): DescriptionDraft {
  const sources = [sourceRef(['Grue kommune', 'Næringsforeningen'])]
  return {
    challengeId: 'challenge_kirkenaer_01',
    fields: grueFields(),
    provenance: { stakeholders: { sources, drafted: null, edited: false, pending: null, pendingRows: [], deletedRows: [], dismissedRows: [] } },
    workshopId: null,
    updatedAt: '2022-03-14T12:00:00.000Z',
  }
}

describe('Markdown export', () => {
  it('has headings, a table each for needs and stakeholders, lists, and the sources', () => {
    const markdown = renderMarkdown(grue)
    expect(markdown).toMatch(/^# Kirkenær – et attraktivt sentrum for både næringsliv og innbyggere\n\n\*\*Grue kommune\*\*\n/)
    expect(markdown).toContain('\n## Behov og mål\n\n### Behov\n\n| Behov | Hvem | Grunnlag | Prioritet |\n| --- | --- | --- | --- |\n| Møteplasser for unge | Ungdom |')
    expect(markdown).toContain('\n## Hvem er involvert\n\n| Aktør | Sektor | Interesse | Innflytelse |\n')
    expect(markdown).toContain('| Grue kommune | Kommune | Stor | Stor |')
    expect(markdown).toContain('\n- Ungdom\n- Pendlere\n')
    expect(markdown).toContain('\n## Kilder\n\n### Kilder til «Aktører»\n\nfra: Kartlegge aktører, Interesse og innflytelse, 2 lapper\n\n- Grue kommune\n')
    expect(unescapedMarkdown(markdown)).toEqual([])
  })

  it('follows nynorsk when the description is in nynorsk', () => {
    const markdown = renderMarkdown(fromPublished(publishedGrue({ fields: grueFields({ languageForm: 'nn' }) })))
    expect(markdown).toContain('## Kjelder')
    expect(markdown).toContain('frå: Kartlegge aktører, Interesse og innflytelse, 2 lappar')
    expect(markdown).toContain('### Kjelder til «Aktørar»')
    expect(markdown).toContain('## Kven er involverte')
    expect(markdown).toContain('**Grue kommune**')
    expect(markdown).toContain('- **Svarfrist:** 1\\. mai 2022')
  })

  it('keeps the drafted structure of free text (lists, bold sub-headings) but no link, not even a bare address', () => {
    const background = '**Dette vet vi**\n\n- Butikker \\*stengt\\*\n- Se [planen](https://grue.kommune.no/plan)\n  for sentrum'
    const markdown = renderMarkdown(fromPublished(publishedGrue({ fields: grueFields({ background }) })))
    expect(markdown).toContain('**Dette vet vi**\n\n- Butikker \\*stengt\\*\n- Se planen \\(https\\://grue.kommune.no/plan\\)\\\n  for sentrum')
  })
})

describe('HTML export', () => {
  it('is a printable page: lang, title, description, headings, tables with scoped headers, its own stylesheet only', () => {
    const html = renderHtml(grue)
    const tags = htmlTags(html)
    expect(html).toMatch(/^<!doctype html>\n<html lang="nb">/)
    expect(html).toContain('<title>Kirkenær – et attraktivt sentrum for både næringsliv og innbyggere | Grue kommune</title>')
    expect(html).toContain('<meta name="description" content="Grue kommune: Kirkenær sentrum har tomme lokaler.')
    expect(tags.filter((tag) => tag.name === 'h1' && !tag.closing)).toHaveLength(1)
    expect(tags.some((tag) => tag.name === 'h2')).toBe(true)
    expect(tags.filter((tag) => tag.name === 'th' && tag.attributes['scope'] === 'col')).toHaveLength(8)
    expect(tags.filter((tag) => tag.name === 'th' && tag.attributes['scope'] === 'row')).toHaveLength(5)
    expect(tags.filter((tag) => tag.name === 'caption' && !tag.closing)).toHaveLength(2)
    expect(html).toContain('@media print')
    expect(documentContentSecurityPolicy).toContain("script-src 'none'")
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'none'; style-src 'sha256-`)
    expect(html).toMatch(/<ul>\n<li>Ungdom<\/li>\n<li>Pendlere<\/li>\n<\/ul>/)
    // The needs' heading names their table already: its caption is for screen readers only, not shown twice.
    expect(html).toContain('<h3>Behov</h3>\n<table>\n<caption class="visually-hidden">Behov</caption>')
    expect(html).toContain('<h2>Hvem er involvert</h2>\n<table>\n<caption>Aktører</caption>')
    expectInertHtml(html)
  })

  it('is in nynorsk for a nynorsk description', () => {
    expect(renderHtml(fromPublished(publishedGrue({ fields: grueFields({ languageForm: 'nn' }) })))).toMatch(/<html lang="nn">/)
  })
})

describe('what a business needs to answer', () => {
  it('ideas, the offer, how to answer and the deadline are in Markdown, HTML, DOCX and JSON', async () => {
    const markdown = renderMarkdown(grue)
    expect(markdown).toContain('\n## Idéer og konsepter\n\n### Idéer og mulige retninger\n\n- Torgdag hver lørdag\n')
    expect(markdown).toContain('\n## Dette tilbyr kommunen\n\nLokaler i sentrum og data om besøk.\n')
    expect(markdown).toContain(
      '\n## Slik svarer dere\n\n- **Svarfrist:** 1\\. mai 2022\n- **Kontaktpunkt:** postmottak@grue.kommune.no\n\nSend en kort beskrivelse av løsningen.\n',
    )
    const html = renderHtml(grue)
    expect(html).toContain('<dt>Svarfrist</dt><dd>1. mai 2022</dd>')
    expect(html).toContain('<h2>Dette tilbyr kommunen</h2>\n<p>Lokaler i sentrum og data om besøk.</p>')
    expect(html).toContain('<li>Torgdag hver lørdag</li>')
    const { text } = await readDocx(await renderDocx(grue))
    for (const expected of ['Torgdag hver lørdag', 'Lokaler i sentrum og data om besøk.', 'Send en kort beskrivelse av løsningen.', 'Svarfrist: 1. mai 2022']) {
      expect(text).toContain(expected)
    }
    const json = JSON.parse(renderJson(grue, publicUrl)) as { fields: Record<string, unknown> }
    expect(json.fields).toMatchObject({ ideas: ['Torgdag hver lørdag'], offer: 'Lokaler i sentrum og data om besøk.', answerDeadline: '2022-05-01' })
    const schema = challengeDescriptionJsonSchema(publicUrl) as { properties: { fields: { properties: Record<string, { title?: string }> } } }
    expect(schema.properties.fields.properties['howToAnswer']?.title).toBe('How to answer')
    expect(schema.properties.fields.properties['answerDeadline']?.title).toBe('Answer by')
    const validate = validator()
    expect(validate({ ...json, fields: { ...json.fields, answerDeadline: '1. mai' } })).toBe(false)
    expect(validate({ ...json, fields: { ...json.fields, answerDeadline: '' } })).toBe(true)
  })

  it('is worded in nynorsk for a nynorsk description', () => {
    const markdown = renderMarkdown(fromPublished(publishedGrue({ fields: grueFields({ languageForm: 'nn' }) })))
    expect(markdown).toContain('## Slik svarar de')
    expect(markdown).toContain('## Idear og konsept\n\n### Idear og moglege retningar')
    expect(markdown).toContain('- **Svarfrist:** 1\\. mai 2022')
  })
})

describe('DOCX export', () => {
  it('opens in a parser with Word headings, bullet lists and tables for needs and stakeholders', async () => {
    const { html, documentXml, allXml } = await readDocx(await renderDocx(grue))
    expect(html).toContain('<h1>Kirkenær – et attraktivt sentrum for både næringsliv og innbyggere</h1><p><strong>Grue kommune</strong></p>')
    expect(html).toContain('<h2>Behov og mål</h2><h3>Behov</h3>')
    expect(html).toContain('<h2>Hvem er involvert</h2><table>')
    expect(html).toMatch(/<table><thead><tr><th><p><strong>Behov<\/strong><\/p><\/th>/)
    expect(html).toMatch(/<table><thead><tr><th><p><strong>Aktør<\/strong><\/p><\/th>/)
    expect(html).toContain('<ul><li>Ungdom</li><li>Pendlere</li></ul>')
    expect(documentXml).toContain('w:val="Heading1"')
    expect(documentXml).toContain('<w:tblHeader')
    expect(documentXml).toContain('<w:numPr>')
    expect(allXml).toMatch(/<w:lang w:val="nb-NO"/)
    expectInertDocx(documentXml)
  })
})

describe('JSON export', () => {
  it('validates against the published schema, points at it, and carries no board, step or note ids', () => {
    const validate = validator()
    const json = JSON.parse(renderJson(grue, publicUrl)) as Record<string, unknown>
    expect(validate(json), JSON.stringify(validate.errors)).toBe(true)
    expect(json['$schema']).toBe(`${publicUrl}/api/schemas/challenge-description.json`)
    expect(Object.keys(json).slice(0, 2)).toEqual(['$schema', 'status'])
    expect(challengeDescriptionJsonSchema(publicUrl)['$id']).toBe(json['$schema'])
    const draft = JSON.parse(renderJson(fromDraft(draftWithSources()), publicUrl)) as Record<string, unknown>
    expect(validate(draft), JSON.stringify(validate.errors)).toBe(true)
    expect(draft).toMatchObject({ status: 'draft', version: null, publishedAt: null })
  })

  it('is refused by the schema when it is not the export’s shape', () => {
    const validate = validator()
    const json = JSON.parse(renderJson(grue, publicUrl)) as Record<string, Record<string, unknown>>
    expect(validate({ ...json, boardId: 'x' })).toBe(false)
    expect(validate({ ...json, fields: { ...json['fields'], stakeholders: [{ actor: 'x', sector: 'nowhere', interest: null, influence: null }] } })).toBe(false)
  })
})

describe('CSV export', () => {
  it('survives a round trip through a CSV parser: one row per need and stakeholder, worded in bokmål', () => {
    const [header, ...rows] = parse(renderCsv(grue), { bom: true }) as string[][]
    expect(header).toEqual(['Type', 'Behov', 'Hvem', 'Grunnlag', 'Prioritet', 'Aktør', 'Sektor', 'Interesse', 'Innflytelse'])
    expect({ header, rows }).toEqual(csvTable(grue))
    expect(rows.map((row) => row[0])).toEqual(['Behov', 'Behov', 'Aktør', 'Aktør', 'Aktør'])
    expect(rows[0]).toEqual(['Behov', 'Møteplasser for unge', 'Ungdom', '12 av 15 i ungdomsrådet', 'Gjør dette først', '', '', '', ''])
    expect(rows[3]).toEqual(['Aktør', '', '', '', '', 'Næringsforeningen', 'Næringsliv', 'Stor', 'Liten'])
    expect(rows[4]).toEqual(['Aktør', '', '', '', '', 'Frivilligsentralen', '', '', ''])
  })

  it('words headers and values in nynorsk for a nynorsk description', () => {
    const nynorsk = fromPublished(publishedGrue({ fields: grueFields({ languageForm: 'nn' }) }))
    const [header, ...rows] = parse(renderCsv(nynorsk), { bom: true }) as string[][]
    expect(header).toEqual(['Type', 'Behov', 'Kven', 'Grunnlag', 'Prioritet', 'Aktør', 'Sektor', 'Interesse', 'Innverknad'])
    expect(rows[0]?.[4]).toBe('Gjer dette først')
    expect(rows[2]?.slice(5)).toEqual(['Grue kommune', 'Kommune', 'Stor', 'Stor'])
    expect(rows[3]?.slice(5)).toEqual(['Næringsforeningen', 'Næringsliv', 'Stor', 'Liten'])
    // No English header or code is left.
    expect(renderCsv(nynorsk)).not.toMatch(/\b(kind|need|stakeholder|business|municipality|high|low|do-first)\b/)
  })

  it('quotes commas, quotes and line breaks, and keeps æøå', () => {
    const need = { need: 'Tak, "tett"\nog tørt', who: 'Åse', evidence: '', priority: null }
    const description = fromPublished(publishedGrue({ fields: grueFields({ needs: [need], stakeholders: [] }) }))
    const [row] = parse(renderCsv(description), { bom: true, columns: true }) as Record<string, string>[]
    expect(row).toMatchObject({ Type: 'Behov', Behov: need.need, Hvem: 'Åse' })
  })

  it('guards every cell a spreadsheet would run as a formula', () => {
    for (const cell of ['=1+1', '+1', '-1', '@SUM(1)', '\t=1', '\r=1']) expect(guardFormula(cell)).toBe(`'${cell}`)
    for (const cell of ['1', 'Grue', ' =1', '', "'=1"]) expect(guardFormula(cell)).toBe(cell)
  })
})

describe('names of note authors', () => {
  const authors = new Map([[noteKey(internalIds.boardId, `${internalIds.noteId}_0`), 'Anna Deltaker']])

  it('appear only in a draft export that asked for them, under a warning', async () => {
    const withNames = fromDraft(draftWithSources(), authors)
    const markdown = renderMarkdown(withNames)
    expect(markdown).toContain('> **Advarsel: Dette dokumentet inneholder navnene')
    expect(markdown).toContain('- Grue kommune \\(skrevet av Anna Deltaker\\)')
    expect(renderHtml(withNames)).toContain('<p class="warning" role="note"><strong>Advarsel:')
    expect((await readDocx(await renderDocx(withNames))).text).toContain('Grue kommune (skrevet av Anna Deltaker)')
    expect(renderJson(withNames, publicUrl)).not.toContain('Anna')
    expect(renderCsv(withNames)).not.toContain('Anna')
  })

  it('never appear otherwise', async () => {
    const plain = fromDraft(draftWithSources())
    for (const text of [renderMarkdown(plain), renderHtml(plain), (await readDocx(await renderDocx(plain))).text]) {
      expect(text).not.toContain('Anna')
      expect(text).not.toContain('Advarsel')
    }
  })
})

describe('free text', () => {
  it('reads lists, emphasis and breaks, and leaves links as text with their address', () => {
    expect(parseFreeText('**a** and _b_\\\nc')).toEqual([
      {
        kind: 'paragraph',
        inlines: [
          { kind: 'text', text: 'a', marks: { bold: true, italic: false, strike: false, code: false } },
          { kind: 'text', text: ' and ', marks: { bold: false, italic: false, strike: false, code: false } },
          { kind: 'text', text: 'b', marks: { bold: false, italic: true, strike: false, code: false } },
          { kind: 'break' },
          { kind: 'text', text: 'c', marks: { bold: false, italic: false, strike: false, code: false } },
        ],
      },
    ])
    const list = parseFreeText('- one\n  more\n- two\n  1. nested')
    expect(list).toMatchObject([{ kind: 'list', ordered: false, items: [[{ kind: 'paragraph' }], [{ kind: 'paragraph' }, { kind: 'list', ordered: true }]] }])
    const text = (source: string) => parseInline(source).map((inline) => (inline.kind === 'text' ? inline.text : '\n')).join('')
    expect(text('[plan](https://grue.kommune.no/plan)')).toBe('plan (https://grue.kommune.no/plan)')
    expect(text('[x](javascript:alert)')).toBe('x')
    // Not even link syntax (the address has brackets): it stays text as it is.
    expect(text('[x](javascript:alert(1))')).toBe('[x](javascript:alert(1))')
    expect(text('![i](http://evil.example/x.png)')).toBe('i (http://evil.example/x.png)')
    expect(text('<script>alert(1)</script> snake_case 2 * 3')).toBe('<script>alert(1)</script> snake_case 2 * 3')
  })
})

describe('injection: every text of the description holds a payload', () => {
  const cases = [...payloads.map((payload) => [JSON.stringify(payload).slice(0, 40), payload, payload] as const), ['10,000 characters', longPayload.slice(0, 300), longPayload] as const]
  const forbidden = [internalIds.stepId, internalIds.boardId, internalIds.noteId, 'note_internal', 'shape:']

  it.each(cases)('%s: none of it is active in any format, and no internal id appears', async (_name, payload, long) => {
    const description = fromPublished(hostilePublished(payload, long))

    const html = renderHtml(description)
    expectInertHtml(html)
    expect(htmlTags(html).some((tag) => tag.name === 'script' || tag.name === 'img')).toBe(false)

    const markdown = renderMarkdown(description)
    expect(unescapedMarkdown(markdown)).toEqual([])
    expect(markdown).not.toMatch(/!\[|\]\(/)
    // Nor a bare web address a GFM viewer would link by itself.
    expect(markdown).not.toMatch(/(?<!\\):\/\//)

    const rows = parse(renderCsv(description), { bom: true, relax_quotes: false }) as string[][]
    for (const cell of rows.slice(1).flat()) expect(cell, JSON.stringify(cell)).not.toMatch(/^[=+\-@\t\r]/)
    if (/^[=+\-@\t\r]/.test(payload)) expect(rows[1]?.[1]).toBe(`'${payload}`)

    const docx = await readDocx(await renderDocx(description))
    expectInertDocx(docx.documentXml)
    const visible = payload.replace(/\r/g, '\n').replace(/\t/g, '').trim()
    expect(docx.text.replace(/\t/g, '')).toContain(visible)

    const json = JSON.parse(renderJson(description, publicUrl)) as { fields: { title: string; background: string } }
    expect(json.fields.title).toBe(payload.slice(0, 400).trim())
    expect(json.fields.background).toBe(long.trim())
    expect(validator()(json)).toBe(true)

    for (const text of [html, markdown, renderCsv(description), renderJson(description, publicUrl), docx.allXml]) {
      for (const id of forbidden) expect(text).not.toContain(id)
    }
  })
})
