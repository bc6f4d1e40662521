// Drafting a challenge description from a workshop's boards: each method template's board, built in
// bokmål and nynorsk with notes placed in each area and read by the real reader, gives the expected
// fields, and every drafted field names the frame and notes it came from.
import { describe, expect, it } from 'vitest'
import { DescriptionFields } from '../../shared/src/description/challengeDescription.ts'
import { draftFields, type DraftChallenge } from '../../shared/src/description/draftFromBoards.ts'
import { sourceLines } from '../../shared/src/description/labels.ts'
import { findMapping } from '../../shared/src/description/templateMappings/index.ts'
import { methodTemplates } from '../../shared/src/templates/index.ts'
import { author, BoardFixture, fjordby, grue } from './description-fixtures.ts'

/** What people write, per language form. */
const words = {
  nb: {
    challenge: grue,
    newQuestion: 'Hvordan kan vi gjøre torget til et sted folk vil være?',
    openQuestion: 'Hvem eier torget?',
    needs: ['Oversikt over tomme lokaler', 'Møteplasser'],
    assumption: 'Folk vil handle lokalt',
    known: 'Det står fem butikklokaler tomme',
    unknown: 'Hvor mange pendler ut?',
    actors: { grid: 'Grue Næringsforening', ring: 'grue næringsforening.', county: 'Fylkeskommunen', youth: 'Ungdomsrådet', club: 'Kirkenær IL' },
    clusters: ['Flere møteplasser i sentrum', 'Bedre samarbeid med industrien'],
    idea: 'Kafé på torget',
    canvas: ['Torgappen', 'Ungdom i Kirkenær', 'For få møteplasser', 'Viser hva som skjer', 'Test med ti ungdommer', 'Data om arrangementer'],
    panels: ['Ola kjeder seg', 'Ola finner en konsert'],
    ranked: ['Møteplasser', 'Nytt kulturhus', 'Benker', 'Tunnel'],
    headings: { known: 'Dette vet vi', unknown: 'Dette vet vi ikke', open: 'Spørsmål om utfordringen', name: 'Navn', panel: 'Før' },
  },
  nn: {
    challenge: fjordby,
    newQuestion: 'Korleis kan vi få unge til å flytte heim att?',
    openQuestion: 'Kven eig dei tomme husa?',
    needs: ['Utleigebustader', 'Fleksible arbeidsplassar'],
    assumption: 'Unge vil bu i sentrum',
    known: 'Det står tjue hus tomme',
    unknown: 'Kor mange vil flytte heim?',
    actors: { grid: 'Fjordby Næringsråd', ring: 'fjordby næringsråd', county: 'Fylkeskommunen', youth: 'Ungdomsrådet', club: 'Fjordby IL' },
    clusters: ['Fleire bustader for unge', 'Betre kollektivtilbod'],
    idea: 'Gratis buss',
    canvas: ['Heimflyttar', 'Unge vaksne', 'For få bustader', 'Kommunen leiger ut', 'Prøv med fem hus', 'Tomme hus'],
    panels: ['Kari flyttar ut', 'Kari finn ein bustad'],
    ranked: ['Utleigebustader', 'Ny skule', 'Benkar', 'Tunnel'],
    headings: { known: 'Dette veit vi', unknown: 'Dette veit vi ikkje', open: 'Spørsmål om utfordringa', name: 'Namn', panel: 'Før' },
  },
} as const

function draft(challenge: DraftChallenge, language: 'nb' | 'nn', ...boards: BoardFixture[]) {
  return draftFields({ challenge, languageForm: language, steps: boards.map((board) => board.entry()) })
}

describe('template mappings', () => {
  it('map every released template version', () => {
    for (const template of methodTemplates.templates) {
      for (const { version } of template.versions) expect(findMapping(template.id, version), `${template.id} v${version}`).not.toBeNull()
    }
  })

  it('leave a board of an unmapped template version out of the fields, but list it as a source board', () => {
    const board = new BoardFixture('ideas', 'nb', grue).inArea('clusters.area.0', 'Flere møteplasser')
    const result = draftFields({ challenge: grue, languageForm: 'nb', steps: [{ step: { ...board.step, templateVersion: 99 }, reading: board.read() }] })
    expect(result.fields.goals).toEqual([])
    expect(result.sources).toEqual({})
    expect(result.fields.sourceBoards.map((entry) => entry.templateVersion)).toEqual([99])
  })
})

for (const language of ['nb', 'nn'] as const) {
  const w = words[language]
  describe(`drafting from boards (${language})`, () => {
    it('challenge framing: chosen question → title, questions → problem statement, needs by group, knowledge → background, assumptions → risks', () => {
      const board = new BoardFixture('challenge-framing', language, w.challenge)
        .inFrame('questions', w.newQuestion)
        .inFrame('context', w.openQuestion)
        .inArea('needs.group.0', w.needs[0])
        .inArea('needs.group.2', w.needs[1])
        .inArea('assumptions.area.0', w.assumption)
        .inArea('knowledge.area.0', w.known)
        .inArea('knowledge.area.1', w.unknown)
      const { fields, sources } = draft(w.challenge, language, board)

      expect(fields.title).toBe(w.newQuestion)
      expect(fields.problemStatement.split('\n')).toEqual([...w.challenge.problemStatements, w.newQuestion].map((q) => `- ${q}`))
      expect(fields.needs).toEqual([
        { need: w.needs[0], who: w.challenge.stakeholderGroups[0], evidence: '', priority: null },
        { need: w.needs[1], who: w.challenge.stakeholderGroups[2], evidence: '', priority: null },
      ])
      expect(fields.background).toBe(
        `**${w.headings.known}**\n\n- ${w.known}\n\n**${w.headings.unknown}**\n\n- ${w.unknown}\n\n**${w.headings.open}**\n\n- ${w.openQuestion}`,
      )
      expect(fields.risks).toEqual([w.assumption])

      const step = board.step.title
      expect(sources.title).toEqual([
        { stepId: board.step.id, boardId: board.step.boardId, frameKey: 'questions', frameName: language === 'nb' ? 'Hvordan kan vi …?' : 'Korleis kan vi …?', stepTitle: step, notes: [{ id: expect.any(String), text: w.newQuestion }] },
      ])
      expect(sources.problemStatement?.[0]?.notes.map((note) => note.text)).toEqual([...w.challenge.problemStatements, w.newQuestion])
      expect(sources.background?.map((ref) => ref.frameKey)).toEqual(['knowledge', 'context'])
      expect(sourceLines(sources.background ?? [], language)).toEqual([language === 'nb' ? `fra: ${step}, 3 lapper` : `frå: ${step}, 3 lappar`])
      expect(sourceLines(sources.needs ?? [], 'en')).toEqual([`from: ${step}, 2 notes`])
    })

    it('challenge framing: without a new or reworded question the title stays; a reworded card is the choice', () => {
      const untouched = new BoardFixture('challenge-framing', language, w.challenge)
      expect(draft(w.challenge, language, untouched).fields.title).toBe(w.challenge.title)
      expect(draft(w.challenge, language, untouched).sources.title).toBeUndefined()

      const reworded = new BoardFixture('challenge-framing', language, w.challenge).reword('questions.note.1', w.newQuestion).remove('questions.note.0')
      const { fields } = draft(w.challenge, language, reworded)
      expect(fields.title).toBe(w.newQuestion)
      expect(fields.problemStatement).toBe(`- ${w.newQuestion}`)
    })

    it('stakeholder mapping: quadrant → interest and influence, ring sector → sector, same actor merged', () => {
      const board = new BoardFixture('stakeholder-mapping', language, w.challenge)
        .inArea('grid.cell.0', w.actors.county)
        .inArea('grid.cell.1', w.actors.grid)
        .inArea('grid.cell.3', w.actors.youth)
        .inArea('ring.sector.1', w.actors.ring)
        .inArea('ring.sector.5', w.actors.county)
        .inArea('ring.sector.3', w.actors.club)
        .inArea('ring.centre', 'Torget')
      const { fields, sources } = draft(w.challenge, language, board)

      expect(fields.stakeholders).toHaveLength(8)
      expect(fields.stakeholders).toEqual(
        expect.arrayContaining([
          { actor: w.actors.county, sector: 'county-state', interest: 'low', influence: 'high' },
          { actor: w.actors.grid, sector: 'business', interest: 'high', influence: 'high' },
          { actor: w.actors.youth, sector: null, interest: 'high', influence: 'low' },
          { actor: w.actors.club, sector: 'voluntary', interest: null, influence: null },
          { actor: 'Torget', sector: null, interest: null, influence: null },
          ...w.challenge.stakeholderGroups.map((actor) => ({ actor, sector: null, interest: null, influence: null })),
        ]),
      )
      // The grid comes first, read top-left to bottom-right.
      expect(fields.stakeholders.slice(0, 3).map((entry) => entry.actor)).toEqual([w.actors.county, w.actors.grid, w.actors.youth])
      expect(sources.stakeholders?.map((ref) => [ref.frameKey, ref.notes.length])).toEqual([['grid', 3], ['ring', 4], ['groups', 3]])
      const step = board.step.title
      expect(sourceLines(sources.stakeholders ?? [], language)).toEqual([language === 'nb' ? `fra: ${step}, 10 lapper` : `frå: ${step}, 10 lappar`])
    })

    it('ideas: the clusters → goals; the unfiltered brainwriting is left out', () => {
      const board = new BoardFixture('ideas', language, w.challenge).inArea('writing.group.0', w.idea).inArea('clusters.area.0', ...w.clusters)
      const { fields, sources } = draft(w.challenge, language, board)
      expect(fields.goals).toEqual(w.clusters)
      expect(sources.goals?.map((ref) => ref.frameKey)).toEqual(['clusters'])
      expect(JSON.stringify(fields)).not.toContain(w.idea)
    })

    it('prototyping: concept canvas and storyboard → desired outcome, "for whom" → target groups, "what it needs" → needs', () => {
      const board = new BoardFixture('prototyping', language, w.challenge)
      w.canvas.forEach((text, i) => board.inArea(`canvas.field.${i}`, text))
      board.inArea('storyboard.panel.0', w.panels[0]).inArea('storyboard.panel.4', w.panels[1])
      const { fields, sources } = draft(w.challenge, language, board)

      expect(fields.desiredOutcome.kinds).toEqual(['concept', 'prototype'])
      const description = fields.desiredOutcome.description
      expect(description).toContain(`**${w.headings.name}**\n\n- ${w.canvas[0]}`)
      for (const i of [2, 3, 4]) expect(description).toContain(`- ${w.canvas[i]}`)
      expect(description).toContain(`- **1. ${w.headings.panel}**\n  - ${w.panels[0]}`)
      expect(description).toContain(`- ${w.panels[1]}`)
      expect(description).not.toContain(w.canvas[1])
      expect(fields.targetGroups).toEqual([w.canvas[1]])
      expect(fields.needs).toEqual([{ need: w.canvas[5], who: '', evidence: '', priority: null }])
      expect(sources.desiredOutcome?.map((ref) => [ref.frameKey, ref.notes.length])).toEqual([['canvas', 4], ['storyboard', 2]])
    })

    it('prioritising: the impact × effort cell → the need’s priority; the parking area is not ranked', () => {
      const board = new BoardFixture('prioritising', language, w.challenge).inArea('parking.area.0', w.idea)
      w.ranked.forEach((text, i) => board.inArea(`matrix.cell.${i}`, text))
      const { fields } = draft(w.challenge, language, board)
      expect(fields.needs).toEqual(
        (['do-first', 'plan', 'quick-win', 'later'] as const).map((priority, i) => ({ need: w.ranked[i], who: '', evidence: '', priority })),
      )
    })

    it('a whole workshop: needs from framing get their priority from the matrix; names and ids of people never appear', () => {
      const framing = new BoardFixture('challenge-framing', language, w.challenge, 1).inArea('needs.group.0', w.ranked[0])
      const prioritising = new BoardFixture('prioritising', language, w.challenge, 2).inArea('matrix.cell.0', w.ranked[0].toLocaleLowerCase('nb'))
      const result = draft(w.challenge, language, framing, prioritising)
      expect(result.fields.needs).toHaveLength(1)
      expect(result.fields.needs[0]).toEqual({ need: w.ranked[0], who: w.challenge.stakeholderGroups[0], evidence: '', priority: 'do-first' })
      expect(result.sources.needs?.map((ref) => ref.stepId)).toEqual([framing.step.id, prioritising.step.id])
      expect(result.fields.sourceBoards.map((entry) => entry.title)).toEqual([framing.step.title, prioritising.step.title])
      expect(result.fields.languageForm).toBe(language)
      const text = JSON.stringify(result)
      expect(text).not.toContain(author.name)
      expect(text).not.toContain(author.id)
    })
  })
}

describe('drafting limits', () => {
  it('cuts the summary to 500 characters at a word with "…", and keeps the whole text in the background', () => {
    const long = `${'Kirkenær trenger et levende sentrum. '.repeat(20)}Slutt.`
    const { fields } = draftFields({ challenge: { ...grue, summary: long }, languageForm: 'nb', steps: [] })
    expect(fields.summary.length).toBeLessThanOrEqual(500)
    expect(fields.summary.endsWith('…')).toBe(true)
    const kept = fields.summary.slice(0, -1)
    expect(long.startsWith(kept)).toBe(true)
    // Cut where a word ends, not inside one.
    expect(long.charAt(kept.length)).toMatch(/[\s.]/)
    expect(fields.background).toBe(long)
  })

  it('keeps a short summary whole and the background empty', () => {
    const { fields } = draftFields({ challenge: grue, languageForm: 'nb', steps: [] })
    expect(fields.summary).toBe(grue.summary)
    expect(fields.background).toBe('')
  })

  it('keeps very long notes and markup inside the schema: text cut, Markdown in notes escaped', () => {
    const huge = `${'x'.repeat(12_000)} [klikk](javascript:alert(1))`
    const board = new BoardFixture('challenge-framing', 'nb', grue).inArea('knowledge.area.0', '![i](http://evil.example) <script>', huge)
    const { fields, sources } = draftFields({ challenge: grue, languageForm: 'nb', steps: [board.entry()] })
    expect(() => DescriptionFields.parse(fields)).not.toThrow()
    expect(fields.background.length).toBeLessThanOrEqual(10_000)
    expect(fields.background.includes('- \\!\\[i\\]\\(http://evil.example\\) \\<script\\>\n- xxx')).toBe(true)
    expect(fields.background.endsWith('x…')).toBe(true)
    expect(sources.background?.[0]?.notes.every((note) => note.text.length <= 10_000)).toBe(true)
  })
})
