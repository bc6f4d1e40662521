// How a printed challenge description is laid out, in every format and on the public page: the challenge's
// name as the title with its municipality, the summary once as the ingress, no heading printed twice, and
// download names of whole words that name the municipality.
import { describe, expect, it } from 'vitest'
import type { DescriptionFields } from '../../shared/src/description/challengeDescription.ts'
import { diffDescriptions } from '../../shared/src/description/diffDescriptions.ts'
import { leadAndBackground, municipalityLine, namesItsFields } from '../../shared/src/description/documentLayout.ts'
import { descriptionSections } from '../../shared/src/description/labels.ts'
import { renderDocx } from '../../server/src/export/docx.ts'
import { fromDraft, fromPublished, type DescriptionExport } from '../../server/src/export/exportInput.ts'
import { asciiWords, exportFileName, fileSlug } from '../../server/src/export/fileName.ts'
import { renderHtml } from '../../server/src/export/html.ts'
import { renderMarkdown } from '../../server/src/export/markdown.ts'
import { renderPublicPage } from '../../server/src/export/publicPage.ts'
import { readDocx } from './exports-checks.ts'
import { grueFields, publishedGrue, sourceRef } from './exports-fixtures.ts'

const summary = 'Grue kommune vil utvikle Kirkenær slik at stedet blir attraktivt for alle.'

/** A published Grue description with sources for two fields, in `fields`' language form. */
function grue(fields: Partial<DescriptionFields> = {}): DescriptionExport {
  const sources = { stakeholders: [sourceRef(['Grue kommune'])], needs: [sourceRef(['Møteplasser'])] }
  return fromPublished(publishedGrue({ fields: grueFields(fields), sources }))
}

const headingKey = (text: string) => text.replace(/<[^>]*>/g, '').replace(/&#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code))).trim().toLowerCase()
const markdownHeadings = (markdown: string) => [...markdown.matchAll(/^#{1,6} (.*)$/gm)].map(([, text = '']) => headingKey(text.replace(/\\/g, '')))
const htmlHeadings = (html: string) => [...html.matchAll(/<h([1-6])[^>]*>([\s\S]*?)<\/h\1>/g)].map(([, , text = '']) => headingKey(text))
const repeated = (headings: string[]) => headings.filter((heading, index) => headings.indexOf(heading) !== index)

describe('title and municipality', () => {
  it('name the challenge and its municipality at the top of every format, the summary as the ingress', async () => {
    const description = grue()
    const markdown = renderMarkdown(description)
    expect(markdown).toMatch(/^# Kirkenær – et attraktivt sentrum for både næringsliv og innbyggere\n\n\*\*Grue kommune\*\*\n\n\*Versjon 2\. .*\*\n\nKirkenær sentrum har tomme lokaler\./)
    const html = renderHtml(description)
    expect(html).toContain('<title>Kirkenær – et attraktivt sentrum for både næringsliv og innbyggere | Grue kommune</title>')
    expect(html).toContain('<h1>Kirkenær – et attraktivt sentrum for både næringsliv og innbyggere</h1>\n<p class="municipality">Grue kommune</p>')
    expect(html).toContain('<p class="lead">Kirkenær sentrum har tomme lokaler.')
    expect(html).toContain('<meta name="description" content="Grue kommune: Kirkenær sentrum har tomme lokaler.')
    const docx = await readDocx(await renderDocx(description))
    expect(docx.html).toMatch(/^<h1>Kirkenær – et attraktivt sentrum for både næringsliv og innbyggere<\/h1><p><strong>Grue kommune<\/strong><\/p>/)
    expect(docx.allXml).toContain('<dc:title>Kirkenær – et attraktivt sentrum for både næringsliv og innbyggere | Grue kommune</dc:title>')
  })

  it('never write "kommune kommune", and name a group of municipalities in the plural', () => {
    expect(municipalityLine('Grue', 'nb')).toBe('Grue kommune')
    expect(municipalityLine('Grue kommune', 'nb')).toBe('Grue kommune')
    expect(municipalityLine('Sogndal, Luster og Aurland', 'nn')).toBe('Sogndal, Luster og Aurland kommunar')
    expect(municipalityLine('Sogndal, Luster og Aurland', 'nb')).toBe('Sogndal, Luster og Aurland kommuner')
    expect(municipalityLine('Grue', 'en')).toBe('Grue Municipality')
    expect(municipalityLine('', 'nb')).toBe('')
    const named = grue({ leadMunicipality: { id: 'municipality_grue_01', name: 'Grue kommune' } })
    for (const text of [renderMarkdown(named), renderHtml(named)]) expect(text).not.toMatch(/kommune kommune/i)
  })

  it('leave the municipality out of the search snippet when the summary names it', () => {
    expect(renderHtml(grue({ summary }))).toContain(`<meta name="description" content="${summary}">`)
  })
})

describe('the summary printed once', () => {
  it('is the ingress, and the background goes on after it where it opens with the summary', () => {
    const background = `${summary}\n\nKommunen eier flere bygg.`
    expect(leadAndBackground({ summary, background })).toEqual({ lead: summary, background: 'Kommunen eier flere bygg.' })
    const markdown = renderMarkdown(grue({ summary, background }))
    expect(markdown.split(summary)).toHaveLength(2)
    expect(markdown).toContain('## Bakgrunn og kontekst\n\nKommunen eier flere bygg.')
  })

  it('opens with the full text where the summary was cut from it, and is the summary otherwise', () => {
    const full = `${summary} Det skal skje sammen med næringslivet.`
    const cut = `${summary.slice(0, 40).trimEnd()}…`
    expect(leadAndBackground({ summary: cut, background: `${full}\n\nMer.` })).toEqual({ lead: full, background: 'Mer.' })
    // Escaped as the drafter escapes note text: it still reads as the summary.
    expect(leadAndBackground({ summary: 'Sentrum (nord) er tomt.', background: 'Sentrum \\(nord\\) er tomt.' })).toEqual({ lead: 'Sentrum \\(nord\\) er tomt.', background: '' })
    expect(leadAndBackground({ summary: 'Sentrum er tomt.', background: 'Noe annet.' })).toEqual({ lead: 'Sentrum er tomt.', background: 'Noe annet.' })
    expect(leadAndBackground({ summary: '', background: 'Noe annet.' })).toEqual({ lead: '', background: 'Noe annet.' })
  })
})

describe('headings', () => {
  it('a section of one field shows no sub-heading for it', () => {
    const single = descriptionSections.filter((section) => !namesItsFields(section, new Set(['contactPoint', 'answerDeadline', 'languageForm', 'sourceBoards'])))
    expect(single.map((section) => section.key)).toEqual(expect.arrayContaining(['problem', 'people', 'answer']))
    const markdown = renderMarkdown(grue())
    expect(markdown).toContain('## Hvem er involvert\n\n| Aktør |')
    expect(markdown).toContain('## Problemstillinger\n\nFolk har ingen grunn')
  })

  const descriptions: [string, DescriptionExport][] = [
    ['bokmål', grue()],
    ['nynorsk', grue({ languageForm: 'nn' })],
    // Someone wrote headings into free text that the document prints already.
    ['headings in free text', grue({ background: '# Behov\n\nTekst.\n\n## Bakgrunn og kontekst\n\nMer.', anchoring: '# Behov\n\nVedtatt.' })],
    ['a draft with the summary opening the background', fromDraft({ challengeId: 'c', fields: grueFields({ summary, background: `${summary}\n\nMer.` }), provenance: {}, workshopId: null, updatedAt: '' })],
  ]

  it.each(descriptions)('%s: no heading is printed twice in Markdown, HTML, DOCX or on the public page', async (_name, description) => {
    const markdown = markdownHeadings(renderMarkdown(description))
    expect(markdown.length).toBeGreaterThan(8)
    expect(repeated(markdown)).toEqual([])
    expect(repeated(htmlHeadings(renderHtml(description)))).toEqual([])
    const docx = htmlHeadings((await readDocx(await renderDocx(description))).html)
    expect(docx).toEqual(markdown)
    if (description.version === null) return
    const published = publishedGrue({ fields: description.fields, sources: { stakeholders: [sourceRef(['Grue kommune'])], needs: [sourceRef(['x'])] } })
    const before = grueFields({ languageForm: description.fields.languageForm, summary: 'Før.' })
    const page = renderPublicPage({ published, versions: [published, { version: 1, publishedAt: published.publishedAt }], diff: { from: 1, to: 2, changes: diffDescriptions(before, description.fields) } })
    const headings = htmlHeadings(page)
    expect(headings).toContain(description.fields.languageForm === 'nn' ? 'kven er involverte' : 'hvem er involvert')
    expect(repeated(headings)).toEqual([])
  })

  it('keeps a heading someone wrote into free text where it repeats nothing, and prints a repeat as bold text', () => {
    const markdown = renderMarkdown(grue({ background: '# Dette vet vi\n\nTekst.\n\n# Behov\n\nMer.' }))
    expect(markdown).toContain('#### Dette vet vi')
    expect(markdown).toContain('**Behov**\n\nMer.')
  })
})

describe('file names', () => {
  it('are the municipality and the challenge name in whole ASCII words, with the version or "utkast"', () => {
    const description = grue()
    expect(exportFileName(description, 'docx')).toBe('grue-kirkenaer-attraktivt-sentrum-naeringsliv-v2.docx')
    const draft = fromDraft({ challengeId: 'c', fields: grueFields(), provenance: {}, workshopId: null, updatedAt: '' })
    expect(exportFileName(draft, 'md')).toBe('grue-kirkenaer-attraktivt-sentrum-naeringsliv-utkast.md')
    expect(exportFileName(grue({ title: '"; rm -rf' }), 'csv')).toBe('grue-rm-rf-v2.csv')
  })

  it('fold æ, ø, å and other marks, drop filler words, and never cut a word', () => {
    expect(asciiWords('Ørsta – Åndalsnes på Sunnmøre: café og Ærø')).toEqual(['orsta', 'andalsnes', 'pa', 'sunnmore', 'cafe', 'og', 'aero'])
    expect(fileSlug('Grue', 'Grue – et levende sentrum')).toBe('grue-levende-sentrum')
    expect(fileSlug('Nore og Uvdal', 'Hvordan kan vi få flere til å bli boende i bygda?')).toBe('nore-og-uvdal-fa-flere-bli-boende-bygda')
    expect(fileSlug('', '')).toBe('utfordring')
    expect(fileSlug('Grue', 'i og på')).toBe('grue-i-og-pa')
    const long = fileSlug('Sogndal, Luster og Aurland', 'Samarbeid om berekraftig reiseliv gjennom heile året i fjordane')
    expect(long.length).toBeLessThanOrEqual(48)
    const words = asciiWords('Sogndal Luster og Aurland Samarbeid berekraftig reiseliv gjennom heile aret fjordane')
    for (const word of long.split('-')) expect(words).toContain(word)
    expect(fileSlug('Grue', 'x'.repeat(80))).toBe(`grue`)
  })
})
