// Re-drafting a list field a person edited, row by row: the boards' new rows wait as suggestions that
// are taken or dismissed one at a time, rows the person deleted stay deleted, their edits inside a row
// stay; a draft run counts only fields that got content; the sources shown are only the notes still in
// the text. Boards are real method-template boards read by the real reader.
import { describe, expect, it } from 'vitest'
import { DescriptionDraft, type SourceRef } from '../../shared/src/description/challengeDescription.ts'
import { UpdateDraftBody } from '../../shared/src/description/descriptionApi.ts'
import { draftFields } from '../../shared/src/description/draftFromBoards.ts'
import { listFieldKeys, rowKey } from '../../shared/src/description/listRows.ts'
import { applyEdits, mergeDraft } from '../../shared/src/description/mergeDraft.ts'
import { publishedSources } from '../../shared/src/description/publishedSources.ts'
import { BoardFixture, grue } from './description-fixtures.ts'

const meta = { challengeId: grue.id, workshopId: 'workshop-grue-1', now: '2025-03-01T10:00:00.000Z' }
const at = (hour: number) => ({ ...meta, now: `2025-03-01T${String(hour).padStart(2, '0')}:00:00.000Z` })
const kinds = (changes: { field: string; kind: string }[]) => Object.fromEntries(changes.map((change) => [change.field, change.kind]))
const actors = (draft: DescriptionDraft) => draft.fields.stakeholders.map((entry) => entry.actor)

/** The stakeholder board after the first session; each later session adds to it. */
function stakeholderBoard(session: 1 | 2 | 3 | 4): BoardFixture {
  const board = new BoardFixture('stakeholder-mapping', 'nb', grue)
    .inArea('grid.cell.1', 'Grue Næringsforening')
    .inArea('grid.cell.3', 'Ungdomsrådet')
    .inArea('grid.cell.2', 'Grue Handelsstand', 'Kirkenær skole')
  // The second session finds a new actor and gives the association its sector.
  if (session >= 2) board.inArea('grid.cell.0', 'Fylkeskommunen').inArea('ring.sector.1', 'Grue Næringsforening')
  if (session >= 3) board.inArea('ring.sector.3', 'Kirkenær IL')
  // The fourth places the sports club in the grid too: the boards say something new about it.
  if (session >= 4) board.inArea('grid.cell.1', 'Kirkenær IL')
  return board
}
const drafted = (session: 1 | 2 | 3 | 4) => draftFields({ challenge: grue, languageForm: 'nb', steps: [stakeholderBoard(session).entry()] })

/** First run, then the person deletes the trade association and sets the youth council's sector. */
function editedAfterFirstRun(): DescriptionDraft {
  const first = mergeDraft(null, drafted(1), meta).draft
  expect(actors(first)).toEqual(['Grue Næringsforening', 'Grue Handelsstand', 'Kirkenær skole', 'Ungdomsrådet'])
  const stakeholders = first.fields.stakeholders
    .filter((entry) => entry.actor !== 'Grue Handelsstand')
    .map((entry) => (entry.actor === 'Ungdomsrådet' ? { ...entry, sector: 'citizens' as const } : entry))
  const edited = applyEdits(first, { fields: { stakeholders } }, at(11).now)
  expect(edited.provenance.stakeholders).toMatchObject({ edited: true, deletedRows: ['grue handelsstand'], pendingRows: [] })
  return edited
}

describe('re-drafting a list field a person edited', () => {
  it('offers a new actor as a row of its own, keeps the person’s sector and lets untouched rows follow the boards', () => {
    const { draft, changes } = mergeDraft(editedAfterFirstRun(), drafted(2), at(12))
    expect(kinds(changes).stakeholders).toBe('pending')
    expect(draft.fields.stakeholders).toEqual([
      // Untouched by the person: takes the sector the ring now gives.
      { actor: 'Grue Næringsforening', sector: 'business', interest: 'high', influence: 'high' },
      { actor: 'Kirkenær skole', sector: null, interest: 'low', influence: 'low' },
      // The person's sector stays.
      { actor: 'Ungdomsrådet', sector: 'citizens', interest: 'high', influence: 'low' },
    ])
    expect(draft.provenance.stakeholders).toMatchObject({
      edited: true,
      pending: null,
      pendingRows: [{ actor: 'Fylkeskommunen', sector: null, interest: 'low', influence: 'high' }],
      deletedRows: ['grue handelsstand'],
    })
    expect(() => DescriptionDraft.parse(draft)).not.toThrow()
  })

  it('accepting one row adds only that row; a deleted row stays deleted across two further re-drafts', () => {
    const { draft } = mergeDraft(editedAfterFirstRun(), drafted(2), at(12))
    const accepted = applyEdits(draft, { fields: {}, resolve: { stakeholders: { rows: [{ key: 'fylkeskommunen', action: 'accept' }] } } }, at(13).now)
    expect(actors(accepted)).toEqual(['Grue Næringsforening', 'Kirkenær skole', 'Ungdomsrådet', 'Fylkeskommunen'])
    expect(accepted.provenance.stakeholders).toMatchObject({ pendingRows: [], deletedRows: ['grue handelsstand'], edited: true })

    const again = mergeDraft(accepted, drafted(2), at(14))
    expect(kinds(again.changes).stakeholders).toBe('unchanged')
    expect(actors(again.draft)).not.toContain('Grue Handelsstand')
    const third = mergeDraft(again.draft, drafted(3), at(15))
    expect(actors(third.draft)).not.toContain('Grue Handelsstand')
    expect(third.draft.provenance.stakeholders?.pendingRows.map((row) => rowKey('stakeholders', row))).toEqual(['kirkenær il'])
    expect(third.draft.fields.stakeholders.find((entry) => entry.actor === 'Ungdomsrådet')?.sector).toBe('citizens')

    // Accepting the whole suggestion takes every waiting row, and still not the deleted one.
    const all = applyEdits(third.draft, { fields: {}, resolve: { stakeholders: 'accept' } }, at(16).now)
    expect(actors(all)).toEqual(['Grue Næringsforening', 'Kirkenær skole', 'Ungdomsrådet', 'Fylkeskommunen', 'Kirkenær IL'])
  })

  it('a dismissed row is not offered again while the boards say the same of it, and is when they say more', () => {
    const { draft } = mergeDraft(editedAfterFirstRun(), drafted(3), at(12))
    expect(draft.provenance.stakeholders?.pendingRows.map((row) => rowKey('stakeholders', row))).toEqual(['fylkeskommunen', 'kirkenær il'])
    const dismissed = applyEdits(draft, { fields: {}, resolve: { stakeholders: { rows: [{ key: 'kirkenær il', action: 'dismiss' }] } } }, at(13).now)
    expect(dismissed.provenance.stakeholders).toMatchObject({ dismissedRows: ['kirkenær il'] })
    expect(dismissed.provenance.stakeholders?.pendingRows).toHaveLength(1)
    expect(actors(dismissed)).not.toContain('Kirkenær IL')

    const same = mergeDraft(dismissed, drafted(3), at(14))
    expect(kinds(same.changes).stakeholders).toBe('unchanged')
    expect(same.draft.provenance.stakeholders?.pendingRows.map((row) => rowKey('stakeholders', row))).toEqual(['fylkeskommunen'])
    const twice = mergeDraft(same.draft, drafted(3), at(15))
    expect(twice.draft.provenance.stakeholders?.dismissedRows).toEqual(['kirkenær il'])

    const more = mergeDraft(twice.draft, drafted(4), at(16))
    expect(kinds(more.changes).stakeholders).toBe('pending')
    expect(more.draft.provenance.stakeholders?.pendingRows).toContainEqual({ actor: 'Kirkenær IL', sector: 'voluntary', interest: 'high', influence: 'high' })
    expect(more.draft.provenance.stakeholders?.dismissedRows).toEqual([])
  })

  it('re-adding a deleted row by hand clears its deletion; a field not otherwise edited keeps its deletions out', () => {
    const edited = editedAfterFirstRun()
    const back = applyEdits(edited, { fields: { stakeholders: [...edited.fields.stakeholders, { actor: 'Grue handelsstand', sector: null, interest: null, influence: null }] } }, at(12).now)
    expect(back.provenance.stakeholders?.deletedRows).toEqual([])

    const first = mergeDraft(null, drafted(1), meta).draft
    const schoolDeleted = applyEdits(first, { fields: { stakeholders: first.fields.stakeholders.filter((entry) => entry.actor !== 'Kirkenær skole') } }, at(12).now)
    // The boards agree with the person once the note is gone; afterwards a board with it back does not restore it.
    const agreed = mergeDraft(schoolDeleted, { ...drafted(1), fields: { ...drafted(1).fields, stakeholders: schoolDeleted.fields.stakeholders } }, at(13))
    expect(agreed.draft.provenance.stakeholders).toMatchObject({ edited: false, deletedRows: ['kirkenær skole'] })
    const returned = mergeDraft(agreed.draft, drafted(1), at(14))
    expect(actors(returned.draft)).not.toContain('Kirkenær skole')
  })

  it('answers only rows that are still valid, and refuses row answers for free-text fields at the edge', () => {
    const edited = editedAfterFirstRun()
    const entry = edited.provenance.stakeholders
    if (entry === undefined) throw new Error('no provenance')
    const broken = { ...edited, provenance: { ...edited.provenance, stakeholders: { ...entry, pendingRows: [{ actor: '', sector: 'pirates' }] } } }
    const result = applyEdits(broken, { fields: {}, resolve: { stakeholders: { rows: [{ key: '', action: 'accept' }] } } }, at(12).now)
    expect(result.fields.stakeholders).toEqual(edited.fields.stakeholders)
    expect(result.provenance.stakeholders?.pendingRows).toEqual([])

    const rows = { rows: [{ key: 'fylkeskommunen', action: 'accept' }] }
    expect(UpdateDraftBody.safeParse({ fields: {}, resolve: { stakeholders: rows } }).success).toBe(true)
    const refused = UpdateDraftBody.safeParse({ fields: {}, resolve: { summary: rows } })
    expect(refused.error?.issues.map((issue) => issue.path.join('.'))).toEqual(['resolve.summary'])
    expect(UpdateDraftBody.safeParse({ fields: {}, resolve: { goals: { rows: [] } } }).success).toBe(false)
  })

  it('reads a draft stored before rows were tracked, and treats its list fields as lists by their schema', () => {
    const stored = JSON.parse(JSON.stringify(editedAfterFirstRun())) as { provenance: Record<string, Record<string, unknown>> }
    for (const entry of Object.values(stored.provenance)) {
      delete entry.pendingRows
      delete entry.deletedRows
      delete entry.dismissedRows
    }
    const parsed = DescriptionDraft.parse(stored)
    expect(parsed.provenance.stakeholders).toMatchObject({ pendingRows: [], deletedRows: [], dismissedRows: [] })
    // The deletion is learnt from the drafted value on the next run.
    const { draft } = mergeDraft(parsed, drafted(2), at(12))
    expect(actors(draft)).not.toContain('Grue Handelsstand')
    expect(draft.provenance.stakeholders?.deletedRows).toEqual(['grue handelsstand'])
    expect(listFieldKeys).toEqual(expect.arrayContaining(['themes', 'needs', 'targetGroups', 'stakeholders', 'goals', 'constraints', 'risks', 'existingInitiatives', 'localAdvantages']))
    expect(listFieldKeys).not.toContain('desiredOutcome')
    expect(listFieldKeys).not.toContain('summary')
  })
})

describe('what a draft run reports', () => {
  it('counts a field as filled only when it got content, and says when the boards emptied one', () => {
    const first = mergeDraft(null, drafted(1), meta)
    const result = kinds(first.changes)
    expect(result).toMatchObject({ stakeholders: 'filled', title: 'filled', anchoring: 'unchanged', goals: 'unchanged', needs: 'unchanged' })
    const emptied = { ...drafted(1), fields: { ...drafted(1).fields, themes: [] } }
    expect(kinds(mergeDraft(first.draft, emptied, at(11)).changes).themes).toBe('emptied')
  })
})

describe('the sources a description shows', () => {
  const ref = (frameKey: string, texts: string[]): SourceRef => ({
    stepId: 'step-0001-id',
    boardId: 'board-0001-id',
    frameKey,
    frameName: frameKey,
    stepTitle: 'Kartlegge aktører',
    notes: texts.map((text, i) => ({ id: `shape:${frameKey}-${i}`, text })),
  })

  it('keep only the notes still in the field: a deleted row’s notes go, free text keeps notes it still quotes', () => {
    const { draft } = mergeDraft(null, drafted(2), meta)
    const fields = {
      ...draft.fields,
      stakeholders: draft.fields.stakeholders.filter((entry) => entry.actor !== 'Fylkeskommunen'),
      background: '**Dette vet vi**\n\n- Det står fem butikklokaler tomme\\!\n- Torget er *fullt* på lørdager',
      goals: ['Flere møteplasser i sentrum…'],
    }
    const provenance = {
      ...draft.provenance,
      background: { ...draft.provenance.background!, sources: [ref('knowledge', ['det står fem butikklokaler tomme!', 'Torget er fullt på lørdager', 'Kinoen er stengt'])] },
      goals: { ...draft.provenance.goals!, sources: [ref('clusters', ['Flere møteplasser i sentrum og på torget', 'Bedre samarbeid'])] },
      risks: { ...draft.provenance.risks!, sources: [ref('assumptions', ['Folk vil handle lokalt'])] },
    }
    const sources = publishedSources(fields, provenance)
    const notes = (key: keyof typeof sources) => sources[key]?.flatMap((source) => source.notes.map((note) => note.text))
    expect(draft.provenance.stakeholders?.sources.flatMap((source) => source.notes.map((note) => note.text))).toContain('Fylkeskommunen')
    expect(notes('stakeholders')).not.toContain('Fylkeskommunen')
    expect(notes('stakeholders')).toEqual(expect.arrayContaining(['Grue Næringsforening', 'Ungdomsrådet']))
    expect(notes('background')).toEqual(['det står fem butikklokaler tomme!', 'Torget er fullt på lørdager'])
    // A text cut short keeps the note it was cut from.
    expect(notes('goals')).toEqual(['Flere møteplasser i sentrum og på torget'])
    // A field whose notes are all gone has no sources at all.
    expect(sources.risks).toBeUndefined()
  })
})
