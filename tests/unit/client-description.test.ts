// The description editor's logic, without React: field checks at the positions a
// person sees, the Markdown preview that nothing can escape from, the source
// notes per step, and the download addresses.
import { describe, expect, it } from 'vitest'
import type { SourceRef } from '../../shared/src/description/challengeDescription.ts'
import { draftExportUrl, publicPageUrl, versionExportUrl } from '../../client/src/description/descriptionRequests.ts'
import { asFieldValue, fieldIssues, maxLengthOf, normalizeField } from '../../client/src/description/fieldForms.ts'
import { previewBlocks, previewInlines, previewText } from '../../client/src/description/freeTextPreview.ts'
import { sourceGroups } from '../../client/src/description/sourceGroups.ts'

describe('field checks', () => {
  it('drops blank list lines and table rows from what is saved, remembering where the rest are', () => {
    expect(normalizeField('themes', ['Sentrum', '  ', 'Næring', ''])).toEqual({ value: ['Sentrum', 'Næring'], positions: [0, 2] })
    const blankNeed = { need: ' ', who: '', evidence: '', priority: null }
    const need = { need: 'Møteplasser', who: 'Ungdom', evidence: '', priority: 'plan' as const }
    expect(normalizeField('needs', [blankNeed, need]).value).toEqual([need])
    expect(normalizeField('summary', 'Kort').positions).toBeNull()
  })

  it('names problems by the line the person sees, not the saved position', () => {
    const long = 'x'.repeat(201)
    expect(fieldIssues('themes', ['', 'Sentrum', '', long])).toEqual([{ path: 'themes.3', message: 'Must be at most 200 characters.' }])
    const needs = [
      { need: '', who: '', evidence: '', priority: null },
      { need: '', who: 'Ungdom', evidence: '', priority: null },
    ]
    expect(fieldIssues('needs', needs)).toEqual([{ path: 'needs.1.need', message: 'Must not be empty.' }])
  })

  it('checks one-value fields with the contract: an empty title, a summary over 500 characters', () => {
    expect(fieldIssues('title', '  ')).toEqual([{ path: 'title', message: 'Must not be empty.' }])
    expect(fieldIssues('summary', 'a'.repeat(501))).toEqual([{ path: 'summary', message: 'Must be at most 500 characters.' }])
    expect(fieldIssues('summary', `${'a'.repeat(500)}   `)).toEqual([])
    expect(maxLengthOf('summary')).toBe(500)
    expect(maxLengthOf('needs')).toBeNull()
  })

  it('shows a pending drafted value only when it is a valid value of its field', () => {
    expect(asFieldValue('themes', ['Sentrum'])).toEqual(['Sentrum'])
    expect(asFieldValue('themes', 'Sentrum')).toBeNull()
    expect(asFieldValue('desiredOutcome', { kinds: ['pilot', 'rocket'], description: '' })).toBeNull()
  })
})

describe('the preview of Markdown free text', () => {
  it('reads the blocks the drafter writes: bold sub-headings, lists, paragraphs with line breaks', () => {
    const blocks = previewBlocks('**Dette vet vi**\n- Få møteplasser\n- Tomme lokaler\n\n# Spørsmål\nFørste linje\nandre linje\n\n1. en\n2. to')
    expect(blocks.map((block) => block.kind)).toEqual(['paragraph', 'list', 'heading', 'paragraph', 'list'])
    expect(blocks[0]).toEqual({ kind: 'paragraph', inlines: [{ text: 'Dette vet vi', bold: true }] })
    expect(blocks[1]).toMatchObject({ kind: 'list', ordered: false, items: [[{ text: 'Få møteplasser' }], [{ text: 'Tomme lokaler' }]] })
    expect(blocks[3]).toEqual({ kind: 'paragraph', inlines: [{ text: 'Første linje' }, { text: 'andre linje', breakBefore: true }] })
    expect(blocks[4]).toMatchObject({ kind: 'list', ordered: true })
  })

  it('keeps escaped characters as text and leaves snake_case and lone stars alone', () => {
    expect(previewInlines(String.raw`\*ikke kursiv\* og \# ikke overskrift`)).toEqual([{ text: '*ikke kursiv* og # ikke overskrift' }])
    expect(previewInlines('snake_case_name og 2 * 3 * 4')).toEqual([{ text: 'snake_case_name og 2 * 3 * 4' }])
    expect(previewInlines('*kursiv* og ~~borte~~ og `kode`')).toEqual([
      { text: 'kursiv', italic: true },
      { text: ' og ' },
      { text: 'borte', strike: true },
      { text: ' og ' },
      { text: 'kode', code: true },
    ])
  })

  it('turns links and images into their text and a web address, and drops other addresses', () => {
    const text = (markdown: string) => previewText(previewBlocks(markdown))
    expect(text('[Grue](https://grue.kommune.no/a_b)')).toBe('Grue (https://grue.kommune.no/a_b)')
    expect(text('[klikk](javascript:alert(1))')).toBe('[klikk](javascript:alert(1))')
    expect(text('[klikk](javascript:alert)')).toBe('klikk')
    expect(text('![bilde](http://evil.example/x.png)')).toBe('bilde (http://evil.example/x.png)')
    // HTML stays text for React to escape: the preview has no element for it.
    expect(text('<img src=x onerror=alert(1)>')).toBe('<img src=x onerror=alert(1)>')
  })

  it('reads very long text without giving up', () => {
    const long = `${'**'.repeat(5_000)}${'_a'.repeat(20_000)}`
    const started = Date.now()
    expect(previewText(previewBlocks(long)).length).toBeGreaterThan(0)
    expect(Date.now() - started).toBeLessThan(2_000)
  })
})

describe('source notes', () => {
  const ref = (stepTitle: string, frameName: string, notes: [string, string][]): SourceRef => ({
    stepId: 'step-1',
    boardId: 'board-1',
    frameKey: 'grid',
    frameName,
    stepTitle,
    notes: notes.map(([id, text]) => ({ id, text })),
  })

  it('groups by step, counting and listing each note once under its frame', () => {
    const groups = sourceGroups(
      [
        ref('Kartlegge aktører', 'Interesse og innflytelse', [
          ['shape:a', 'Næringsforeningen'],
          ['shape:b', 'Ungdomsrådet'],
        ]),
        ref('Kartlegge aktører', 'Samfunnsringen', [
          ['shape:a', 'Næringsforeningen'],
          ['shape:c', 'Frivilligsentralen'],
        ]),
        ref('Prioritere', 'Effekt og innsats', [['shape:d', 'Møteplass']]),
      ],
      'nb',
    )
    expect(groups.map((group) => group.line)).toEqual(['fra: Kartlegge aktører, 3 lapper', 'fra: Prioritere, 1 lapp'])
    expect(groups[0]?.frames).toEqual([
      {
        frameName: 'Interesse og innflytelse',
        notes: [
          { id: 'shape:a', text: 'Næringsforeningen' },
          { id: 'shape:b', text: 'Ungdomsrådet' },
        ],
      },
      { frameName: 'Samfunnsringen', notes: [{ id: 'shape:c', text: 'Frivilligsentralen' }] },
    ])
    expect(sourceGroups([ref('Kartlegge aktører', 'Ring', [['shape:a', 'x']])], 'nn')[0]?.line).toBe('frå: Kartlegge aktører, 1 lapp')
  })
})

describe('download addresses', () => {
  it('adds names only to the draft, only when asked, and only for formats with an appendix', () => {
    expect(draftExportUrl('c1', 'docx', false)).toBe('/api/challenges/c1/description/export/docx')
    expect(draftExportUrl('c1', 'docx', true)).toBe('/api/challenges/c1/description/export/docx?names=include')
    expect(draftExportUrl('c1', 'csv', true)).toBe('/api/challenges/c1/description/export/csv')
    expect(versionExportUrl('c1', 2, 'json')).toBe('/api/challenges/c1/description/versions/2/export/json')
    expect(publicPageUrl('c1')).toBe('/utfordring/c1')
    expect(publicPageUrl('c1', 3)).toBe('/utfordring/c1/v/3')
  })
})
