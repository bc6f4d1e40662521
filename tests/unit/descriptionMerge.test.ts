// Re-drafting keeps what people wrote: a hand-edited field is never overwritten, a newer drafted value
// waits as pending until accepted or dismissed. Also: the diff between two descriptions, the draft
// before any workshop, word-boundary truncation, and the label catalogue's completeness.
import { describe, expect, it } from 'vitest'
import { DescriptionDraft, DescriptionFields, editableFieldKeys, type FieldKey } from '../../shared/src/description/challengeDescription.ts'
import { truncateAtWord } from '../../shared/src/description/combineFields.ts'
import { diffDescriptions } from '../../shared/src/description/diffDescriptions.ts'
import { draftFields } from '../../shared/src/description/draftFromBoards.ts'
import { fieldText, isEmptyText } from '../../shared/src/description/fieldText.ts'
import { descriptionSections, fieldLabels } from '../../shared/src/description/labels.ts'
import { applyEdits, initialDraft, isEdited, mergeDraft } from '../../shared/src/description/mergeDraft.ts'
import { BoardFixture, grue } from './description-fixtures.ts'

const meta = { challengeId: grue.id, workshopId: 'workshop-grue-1', now: '2025-03-01T10:00:00.000Z' }
const later = { ...meta, now: '2025-03-01T11:00:00.000Z' }

/** A framing board with one fact and one assumption; `more` adds what a second session wrote. */
function framing(more = false): BoardFixture {
  const board = new BoardFixture('challenge-framing', 'nb', grue)
    .inArea('knowledge.area.0', 'Det står fem butikklokaler tomme')
    .inArea('assumptions.area.0', 'Folk vil handle lokalt')
  if (more) board.inArea('knowledge.area.0', 'Torget brukes mest på lørdager').inArea('assumptions.area.0', 'Ungdom vil ha et sted å være')
  return board
}

const drafted = (board: BoardFixture) => draftFields({ challenge: grue, languageForm: 'nb', steps: [board.entry()] })
const kinds = (changes: { field: string; kind: string }[]) => Object.fromEntries(changes.map((change) => [change.field, change.kind]))

describe('merging draft runs', () => {
  it('fills every field on the first run, with provenance that records the drafted value; only fields with content count as filled', () => {
    const { draft, changes } = mergeDraft(null, drafted(framing()), meta)
    expect(() => DescriptionDraft.parse(draft)).not.toThrow()
    expect(changes.map((change) => change.field)).toEqual([...editableFieldKeys])
    const empty = (key: (typeof editableFieldKeys)[number]) => isEmptyText(fieldText(key, draft.fields[key], 'nb'))
    expect(changes.filter((change) => change.kind === 'filled').map((change) => change.field)).toEqual(editableFieldKeys.filter((key) => !empty(key)))
    expect(changes.filter((change) => change.kind !== 'filled').every((change) => change.kind === 'unchanged' && empty(change.field))).toBe(true)
    expect(kinds(changes)).toMatchObject({ risks: 'filled', anchoring: 'unchanged', needs: 'unchanged' })
    expect(draft.provenance.risks).toMatchObject({ drafted: ['Folk vil handle lokalt'], edited: false, pending: null })
    expect(draft.provenance.risks?.sources[0]).toMatchObject({ frameKey: 'assumptions', notes: [{ text: 'Folk vil handle lokalt' }] })
    expect(draft.workshopId).toBe(meta.workshopId)
  })

  it('from the draft before any workshop, reports board fields as filled and the challenge facts as unchanged', () => {
    const before = initialDraft(grue, 'nb', meta.now)
    expect(before.workshopId).toBeNull()
    expect(before.fields.problemStatement).toBe(grue.problemStatements.map((q) => `- ${q}`).join('\n'))
    const result = kinds(mergeDraft(before, drafted(framing()), meta).changes)
    expect(result).toMatchObject({ risks: 'filled', background: 'filled', summary: 'unchanged', title: 'unchanged', themes: 'unchanged' })
  })

  it('re-drafting after more notes keeps hand-edited fields and reports the new drafted value as pending', () => {
    const first = mergeDraft(null, drafted(framing()), meta).draft
    const edited = applyEdits(first, { fields: { background: 'Vår egen tekst om Kirkenær.', summary: 'Kort og godt.' } }, later.now)
    expect(isEdited(edited, 'background')).toBe(true)
    expect(edited.provenance.background?.edited).toBe(true)

    const { draft, changes } = mergeDraft(edited, drafted(framing(true)), later)
    expect(kinds(changes)).toMatchObject({ background: 'pending', risks: 'filled', summary: 'unchanged', title: 'unchanged' })
    expect(draft.fields.background).toBe('Vår egen tekst om Kirkenær.')
    expect(draft.fields.summary).toBe('Kort og godt.')
    expect(draft.provenance.background?.pending).toContain('Torget brukes mest på lørdager')
    expect(draft.provenance.background?.edited).toBe(true)
    // Not edited: takes the new value.
    expect(draft.fields.risks).toEqual(['Folk vil handle lokalt', 'Ungdom vil ha et sted å være'])
    expect(() => DescriptionDraft.parse(draft)).not.toThrow()

    // Running again with the same boards changes nothing and keeps the pending value waiting.
    const again = mergeDraft(draft, drafted(framing(true)), later)
    expect(kinds(again.changes).background).toBe('unchanged')
    expect(again.draft.provenance.background?.pending).toEqual(draft.provenance.background?.pending)
    expect(again.draft.fields.background).toBe('Vår egen tekst om Kirkenær.')
  })

  it('accept takes the pending value and the field is no longer edited; dismiss keeps the person’s text for good', () => {
    const first = mergeDraft(null, drafted(framing()), meta).draft
    const edited = applyEdits(first, { fields: { background: 'Vår egen tekst.' } }, later.now)
    const { draft } = mergeDraft(edited, drafted(framing(true)), later)
    const pending = draft.provenance.background?.pending

    const accepted = applyEdits(draft, { fields: {}, resolve: { background: 'accept' } }, later.now)
    expect(accepted.fields.background).toBe(pending)
    expect(accepted.provenance.background).toMatchObject({ edited: false, pending: null })
    expect(isEdited(accepted, 'background')).toBe(false)

    const dismissed = applyEdits(draft, { fields: {}, resolve: { background: 'dismiss' } }, later.now)
    expect(dismissed.fields.background).toBe('Vår egen tekst.')
    expect(dismissed.provenance.background).toMatchObject({ edited: true, pending: null })
    const rerun = mergeDraft(dismissed, drafted(framing(true)), later)
    expect(kinds(rerun.changes).background).toBe('unchanged')
    expect(rerun.draft.provenance.background?.pending).toBeNull()
  })

  it('an edit back to the drafted value is not an edit, and a re-draft equal to the person’s text is unchanged', () => {
    const first = mergeDraft(null, drafted(framing()), meta).draft
    const same = applyEdits(first, { fields: { risks: ['Folk vil handle lokalt'] } }, later.now)
    expect(same.provenance.risks?.edited).toBe(false)

    const next = drafted(framing(true))
    const anticipated = applyEdits(first, { fields: { risks: next.fields.risks } }, later.now)
    expect(anticipated.provenance.risks?.edited).toBe(true)
    const merged = mergeDraft(anticipated, next, later)
    expect(kinds(merged.changes).risks).toBe('unchanged')
    expect(merged.draft.provenance.risks).toMatchObject({ edited: false, pending: null })
  })

  it('municipalities and language form follow the challenge even when other fields were edited', () => {
    const first = mergeDraft(null, drafted(framing()), meta).draft
    const edited = applyEdits(first, { fields: { title: 'Hvordan kan vi lage et levende Kirkenær?' } }, later.now)
    const moved = { ...grue, coApplicants: [{ id: 'municipality-vaaler', name: 'Våler' }] }
    const result = mergeDraft(edited, draftFields({ challenge: moved, languageForm: 'nn', steps: [framing().entry()] }), later)
    expect(result.draft.fields.coApplicants).toEqual([{ id: 'municipality-vaaler', name: 'Våler' }])
    expect(result.draft.fields.languageForm).toBe('nn')
    expect(result.draft.fields.title).toBe('Hvordan kan vi lage et levende Kirkenær?')
  })

  it('a stored pending value that is no longer valid is dropped on accept, not written into the field', () => {
    const first = mergeDraft(null, drafted(framing()), meta).draft
    const broken = {
      ...first,
      provenance: { ...first.provenance, risks: { sources: [], drafted: [], edited: true, pending: [42], pendingRows: [], deletedRows: [], dismissedRows: [] } },
    }
    const result = applyEdits(broken, { fields: {}, resolve: { risks: 'accept' } }, later.now)
    expect(result.fields.risks).toEqual(first.fields.risks)
    expect(result.provenance.risks?.pending).toBeNull()
  })
})

describe('diffing two descriptions', () => {
  const v1 = draftFields({ challenge: grue, languageForm: 'nb', steps: [framing().entry()] }).fields
  const v2: DescriptionFields = {
    ...v1,
    summary: `${v1.summary} Nå med ungdommen.`,
    risks: [...v1.risks, 'Ungdom vil ha et sted å være'],
    stakeholders: [{ actor: 'Grue Næringsforening', sector: 'business', interest: 'high', influence: 'high' }],
    sourceBoards: [],
  }

  it('lists only the changed fields, with word parts for text and line parts for lists', () => {
    const changes = diffDescriptions(v1, v2)
    expect(changes.map((change) => change.field)).toEqual(['summary', 'stakeholders', 'risks'])
    const summary = changes[0]
    expect(summary?.parts.filter((p) => p.kind !== 'added').map((p) => p.text).join('')).toBe(v1.summary)
    expect(summary?.parts.filter((p) => p.kind !== 'removed').map((p) => p.text).join('')).toBe(v2.summary)
    expect(summary?.parts.filter((p) => p.kind === 'added').map((p) => p.text.trim())).toEqual(['Nå med ungdommen.'])
    expect(changes[2]?.parts).toEqual([
      { kind: 'same', text: 'Folk vil handle lokalt\n' },
      { kind: 'added', text: 'Ungdom vil ha et sted å være\n' },
    ])
    expect(changes[1]?.parts.find((p) => p.kind === 'added')?.text).toBe('Grue Næringsforening · Sektor: Næringsliv · Interesse: Stor · Innflytelse: Stor\n')
    expect(changes[1]?.before).toEqual(v1.stakeholders)
  })

  it('finds nothing between equal descriptions', () => {
    expect(diffDescriptions(v1, structuredClone(v1))).toEqual([])
  })
})

describe('truncating at a word', () => {
  it('keeps short text, cuts at the last whole word, and cuts inside a word only when it is the whole text', () => {
    expect(truncateAtWord('  kort tekst ', 20)).toBe('kort tekst')
    expect(truncateAtWord('Grue kommune vil utvikle Kirkenær', 20)).toBe('Grue kommune vil…')
    expect(truncateAtWord('Grue kommune vil utvikle', 17)).toBe('Grue kommune vil…')
    expect(truncateAtWord('x'.repeat(30), 10)).toBe(`${'x'.repeat(9)}…`)
    expect(truncateAtWord('a'.repeat(600), 500)).toHaveLength(500)
  })
})

describe('labels', () => {
  it('name and explain every field in bokmål, nynorsk and English, and place each in one section', () => {
    const keys = Object.keys(DescriptionFields.shape) as FieldKey[]
    for (const key of keys) {
      for (const language of ['nb', 'nn', 'en'] as const) {
        expect(fieldLabels[key].label[language], `${key} ${language}`).not.toBe('')
        expect(fieldLabels[key].hint[language], `${key} ${language}`).not.toBe('')
      }
    }
    expect(descriptionSections.flatMap((section) => section.fields).sort()).toEqual([...keys].sort())
  })
})
