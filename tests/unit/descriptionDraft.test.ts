// Drafting a challenge description from a workshop's boards: each method template's board, built in
// bokmål and nynorsk with notes placed, moved, edited and voted on the way people would and read by
// the real reader, gives the expected text, and every drafted field names the frame and notes it came
// from. Template notes nobody touched (scaffolding) add nothing: descriptionScaffolding.test.ts.
import { describe, expect, it } from 'vitest'
import { DescriptionFields } from '../../shared/src/description/challengeDescription.ts'
import { draftFields, type DraftChallenge } from '../../shared/src/description/draftFromBoards.ts'
import { sourceLines } from '../../shared/src/description/labels.ts'
import { findMapping } from '../../shared/src/description/templateMappings/index.ts'
import { methodTemplates } from '../../shared/src/templates/index.ts'
import { author, BoardFixture, fjordby, grue } from './description-fixtures.ts'

/** What people write, and the words the drafter writes around it, per language form. */
const words = {
  nb: {
    challenge: grue,
    newQuestion: 'Hvordan kan vi gjøre torget til et sted folk vil være?',
    openQuestion: 'Hvem eier torget?',
    needs: ['Oversikt over tomme lokaler', 'Møteplasser'],
    assumption: 'Folk vil handle lokalt',
    known: 'Det står fem butikklokaler tomme',
    unknown: 'Hvor mange pendler ut?',
    actors: { grid: 'Grue Næringsforening', ring: 'grue næringsforening.', county: 'Fylkeskommunen', youth: 'Ungdomsrådet', club: 'Kirkenær IL', renamed: 'Kirkenær Velforening' },
    clusters: ['Møteplass for ungdom', 'Flere møteplasser i sentrum'],
    ideas: { voted: 'Torgdag', reacted: 'Kafé på torget', unnoticed: 'Benker' },
    canvas: ['Torgdag', 'ungdom', 'for få møteplasser', 'Torget stenges for biler hver lørdag', 'Prøv tre lørdager i sommer', 'Avtale med gårdeierne'],
    forWhom2: 'pendlere',
    panels: ['Ola kjeder seg', 'Det regner', 'Ola har funnet venner'],
    ranked: ['Møteplasser', 'Nytt kulturhus', 'Benker', 'Tunnel'],
    text: {
      known: 'Dette vet vi i dag',
      open: 'Dette vet vi ikke ennå',
      concept: [
        '**Torgdag** – et konsept for ungdom og pendlere.',
        '*Problemet det løser:* For få møteplasser.',
        '*Slik virker det:* Torget stenges for biler hver lørdag.',
        '*Slik kan det testes:* Prøv tre lørdager i sommer.',
      ],
      nameless: 'Et konsept fra verkstedet.\n\n*Problemet det løser:* For få møteplasser.',
      story: '*Historien, bilde for bilde:*\n\n1. *Før:* Ola kjeder seg.\n2. *Hva kan gå galt?* Det regner.\n3. *Etter:* Ola har funnet venner.',
    },
  },
  nn: {
    challenge: fjordby,
    newQuestion: 'Korleis kan vi få unge til å flytte heim att?',
    openQuestion: 'Kven eig dei tomme husa?',
    needs: ['Utleigebustader', 'Fleksible arbeidsplassar'],
    assumption: 'Unge vil bu i sentrum',
    known: 'Det står tjue hus tomme',
    unknown: 'Kor mange vil flytte heim?',
    actors: { grid: 'Fjordby Næringsråd', ring: 'fjordby næringsråd', county: 'Fylkeskommunen', youth: 'Ungdomsrådet', club: 'Fjordby IL', renamed: 'Fjordby Ungdomslag' },
    clusters: ['Fleire bustader for unge', 'Betre kollektivtilbod'],
    ideas: { voted: 'Gratis buss', reacted: 'Kafé i sentrum', unnoticed: 'Benkar' },
    canvas: ['Heimflyttar', 'unge vaksne', 'for få bustader', 'Kommunen leiger ut tomme hus', 'Prøv med fem hus', 'Tomme hus'],
    forWhom2: 'pendlarar',
    panels: ['Kari flyttar ut', 'Huset er for dyrt', 'Kari har flytta heim'],
    ranked: ['Utleigebustader', 'Ny skule', 'Benkar', 'Tunnel'],
    text: {
      known: 'Dette veit vi i dag',
      open: 'Dette veit vi ikkje enno',
      concept: [
        '**Heimflyttar** – eit konsept for unge vaksne og pendlarar.',
        '*Problemet det løyser:* For få bustader.',
        '*Slik verkar det:* Kommunen leiger ut tomme hus.',
        '*Slik kan det testast:* Prøv med fem hus.',
      ],
      nameless: 'Eit konsept frå verkstaden.\n\n*Problemet det løyser:* For få bustader.',
      story: '*Historia, bilete for bilete:*\n\n1. *Før:* Kari flyttar ut.\n2. *Kva kan gå gale?* Huset er for dyrt.\n3. *Etter:* Kari har flytta heim.',
    },
  },
} as const

function draft(challenge: DraftChallenge, language: 'nb' | 'nn', ...boards: BoardFixture[]) {
  return draftFields({ challenge, languageForm: language, steps: boards.map((board) => board.entry()) })
}

const bullets = (lines: readonly string[]): string => lines.map((line) => `- ${line}`).join('\n')
const noteTexts = (refs: readonly { notes: { text: string }[] }[] | undefined): string[] => (refs ?? []).flatMap((ref) => ref.notes.map((note) => note.text))

describe('template mappings', () => {
  it('map every released template version', () => {
    for (const template of methodTemplates.templates) {
      for (const { version } of template.versions) expect(findMapping(template.id, version), `${template.id} v${version}`).not.toBeNull()
    }
  })

  it('leave a board of an unmapped template version out of the fields, but list it as a source board', () => {
    const board = new BoardFixture('ideas', 'nb', grue).inArea('clusters.area.0', 'Flere møteplasser')
    const result = draftFields({ challenge: grue, languageForm: 'nb', steps: [{ step: { ...board.step, templateVersion: 99 }, reading: board.read() }] })
    expect(result.fields.ideas).toEqual([])
    expect(result.sources).toEqual({})
    expect(result.fields.sourceBoards.map((entry) => entry.templateVersion)).toEqual([99])
  })
})

for (const language of ['nb', 'nn'] as const) {
  const w = words[language]
  const own = w.challenge.problemStatements
  describe(`drafting from boards (${language})`, () => {
    it('challenge framing: new questions lead the problem statements, the summary and knowledge make the background, needs by group, assumptions → risks', () => {
      const board = new BoardFixture('challenge-framing', language, w.challenge)
        .inFrame('questions', w.newQuestion)
        .inFrame('context', w.openQuestion)
        .inArea('needs.group.0', w.needs[0])
        .inArea('needs.group.2', w.needs[1])
        .inArea('assumptions.area.0', w.assumption)
        .inArea('knowledge.area.0', w.known)
        .inArea('knowledge.area.1', w.unknown)
      const { fields, sources, leftOut } = draft(w.challenge, language, board)

      // Every note people wrote went into a field.
      expect(leftOut).toEqual([])
      expect(fields.title).toBe(w.challenge.name)
      expect(fields.problemStatement).toBe(bullets([w.newQuestion, ...own]))
      expect(fields.background).toBe(
        `${w.challenge.summary}\n\n**${w.text.known}**\n\n${w.known}.\n\n**${w.text.open}**\n\n- ${w.unknown}\n- ${w.openQuestion}`,
      )
      expect(fields.needs).toEqual([
        { need: w.needs[0], who: w.challenge.stakeholderGroups[0], evidence: '', priority: null },
        { need: w.needs[1], who: w.challenge.stakeholderGroups[2], evidence: '', priority: null },
      ])
      expect(fields.risks).toEqual([w.assumption])
      expect(fields.goals).toEqual([])

      const step = board.step.title
      expect(sources.title).toBeUndefined()
      // The challenge's own questions are scaffolding: only the new question is a source.
      expect(sources.problemStatement).toEqual([
        { stepId: board.step.id, boardId: board.step.boardId, frameKey: 'questions', frameName: language === 'nb' ? 'Hvordan kan vi …?' : 'Korleis kan vi …?', stepTitle: step, notes: [{ id: expect.any(String), text: w.newQuestion }] },
      ])
      expect(sources.background?.map((ref) => [ref.frameKey, ref.notes.map((note) => note.text)])).toEqual([
        ['knowledge', [w.known, w.unknown]],
        ['context', [w.openQuestion]],
      ])
      expect(sourceLines(sources.background ?? [], language)).toEqual([language === 'nb' ? `fra: ${step}, 3 lapper` : `frå: ${step}, 3 lappar`])
      expect(sourceLines(sources.needs ?? [], 'en')).toEqual([`from: ${step}, 2 notes`])
    })

    it('challenge framing: a reworded or moved question is chosen, a nudged one is not, a deleted one is dropped, kept votes order them', () => {
      const nudged = new BoardFixture('challenge-framing', language, w.challenge).move('questions.note.1', 12, -8)
      expect(draft(w.challenge, language, nudged).fields.problemStatement).toBe(bullets(own))
      expect(draft(w.challenge, language, nudged).sources.problemStatement).toBeUndefined()

      const reworded = new BoardFixture('challenge-framing', language, w.challenge).reword('questions.note.1', w.newQuestion).remove('questions.note.0')
      expect(draft(w.challenge, language, reworded).fields.problemStatement).toBe(bullets([w.newQuestion]))
      expect(noteTexts(draft(w.challenge, language, reworded).sources.problemStatement)).toEqual([w.newQuestion])

      const [first, second] = own as readonly [string, string]
      const moved = new BoardFixture('challenge-framing', language, w.challenge).move('questions.note.1', 500, 0)
      expect(draft(w.challenge, language, moved).fields.problemStatement).toBe(bullets([second, first]))
      expect(noteTexts(draft(w.challenge, language, moved).sources.problemStatement)).toEqual([second])

      const voted = new BoardFixture('challenge-framing', language, w.challenge).inFrame('questions', w.newQuestion).votes(second, 3).votes(w.newQuestion, 1)
      expect(draft(w.challenge, language, voted).fields.problemStatement).toBe(bullets([second, w.newQuestion, first]))
    })

    it('stakeholder mapping: people’s notes and moved or renamed groups are actors; the untouched groups are not', () => {
      const board = new BoardFixture('stakeholder-mapping', language, w.challenge)
        .inArea('grid.cell.0', w.actors.county)
        .inArea('grid.cell.1', w.actors.grid)
        .inArea('grid.cell.3', w.actors.youth)
        .inArea('ring.sector.1', w.actors.ring)
        .inArea('ring.sector.5', w.actors.county)
        .inArea('ring.sector.3', w.actors.club)
        .inArea('ring.centre', 'Torget')
        .moveInto('groups.note.1', 'grid.cell.2')
        .reword('groups.note.2', w.actors.renamed)
        .move('groups.note.0', 6, 6)
      const { fields, sources } = draft(w.challenge, language, board)

      const group = w.challenge.stakeholderGroups[1] as string
      expect(fields.stakeholders).toEqual([
        { actor: w.actors.county, sector: 'county-state', interest: 'low', influence: 'high' },
        { actor: w.actors.grid, sector: 'business', interest: 'high', influence: 'high' },
        { actor: group, sector: null, interest: 'low', influence: 'low' },
        { actor: w.actors.youth, sector: null, interest: 'high', influence: 'low' },
        { actor: 'Torget', sector: null, interest: null, influence: null },
        { actor: w.actors.club, sector: 'voluntary', interest: null, influence: null },
        { actor: w.actors.renamed, sector: null, interest: null, influence: null },
      ])
      expect(sources.stakeholders?.map((ref) => [ref.frameKey, ref.notes.length])).toEqual([['grid', 4], ['ring', 4], ['groups', 1]])
      expect(noteTexts(sources.stakeholders)).not.toContain(w.challenge.stakeholderGroups[0])
      const step = board.step.title
      expect(sourceLines(sources.stakeholders ?? [], language)).toEqual([language === 'nb' ? `fra: ${step}, 9 lapper` : `frå: ${step}, 9 lappar`])
    })

    it('ideas: the clusters and the brainwriting ideas people voted or reacted on → ideas, most votes first, the same idea once; no goals', () => {
      const board = new BoardFixture('ideas', language, w.challenge)
        .inArea('writing.group.0', w.ideas.reacted, w.ideas.voted, w.ideas.unnoticed)
        .inArea('clusters.area.0', w.clusters[0], w.ideas.voted.toLocaleLowerCase('nb'), w.clusters[1])
        .votes(w.ideas.voted, 4)
        .votes(w.ideas.voted.toLocaleLowerCase('nb'), 1)
        .votes(w.clusters[0], 2)
        .react(w.ideas.reacted, 'like', ['p1', 'p2'])
      const { fields, sources } = draft(w.challenge, language, board)

      expect(fields.ideas).toEqual([w.ideas.voted, w.clusters[0], w.clusters[1], w.ideas.reacted])
      expect(fields.goals).toEqual([])
      expect(sources.ideas?.map((ref) => [ref.frameKey, ref.notes.map((note) => note.text)])).toEqual([
        ['writing', [w.ideas.voted, w.ideas.reacted]],
        ['clusters', [w.clusters[0], w.ideas.voted.toLocaleLowerCase('nb'), w.clusters[1]]],
      ])
      expect(JSON.stringify(fields)).not.toContain(w.ideas.unnoticed)
      // …and is listed as left out, under its frame, for the facilitator to place.
      expect(draft(w.challenge, language, board).leftOut.map((ref) => [ref.frameKey, noteTexts([ref])])).toEqual([['writing', [w.ideas.unnoticed]]])
    })

    it('lists what no field takes as left out, by frame: a statement where a question was asked, a note outside every frame; never scaffolding', () => {
      const statement = language === 'nb' ? 'Flere benker på torget' : 'Fleire benkar på torget'
      const stray = language === 'nb' ? 'Husk å spørre skolen' : 'Hugs å spørje skulen'
      const board = new BoardFixture('challenge-framing', language, w.challenge)
        .inFrame('questions', w.newQuestion, statement)
        .outsideFrames(stray)
        .move('questions.note.1', 12, -8)
      const { fields, leftOut } = draft(w.challenge, language, board)

      expect(fields.problemStatement).toBe(bullets([w.newQuestion, ...own]))
      expect(JSON.stringify(fields)).not.toContain(statement)
      expect(leftOut).toEqual([
        { stepId: board.step.id, boardId: board.step.boardId, frameKey: 'questions', frameName: language === 'nb' ? 'Hvordan kan vi …?' : 'Korleis kan vi …?', stepTitle: board.step.title, notes: [{ id: expect.any(String), text: statement }] },
        { stepId: board.step.id, boardId: board.step.boardId, frameKey: '', frameName: '', stepTitle: board.step.title, notes: [{ id: expect.any(String), text: stray }] },
      ])
    })

    it('prototyping: the concept canvas as a labelled text, the storyboard as a numbered story; "for whom" → target groups, "what it needs" → needs', () => {
      const board = new BoardFixture('prototyping', language, w.challenge)
      w.canvas.forEach((text, i) => board.inArea(`canvas.field.${i}`, text))
      board.inArea('canvas.field.1', w.forWhom2)
      board.inArea('storyboard.panel.0', w.panels[0]).inArea('storyboard.panel.3', w.panels[1]).inArea('storyboard.panel.5', w.panels[2])
      const { fields, sources } = draft(w.challenge, language, board)

      expect(fields.desiredOutcome).toEqual({ kinds: ['concept', 'prototype'], description: [...w.text.concept, w.text.story].join('\n\n') })
      expect(fields.targetGroups).toEqual([w.canvas[1], w.forWhom2])
      expect(fields.needs).toEqual([{ need: w.canvas[5], who: '', evidence: '', priority: null }])
      expect(sources.desiredOutcome?.map((ref) => [ref.frameKey, ref.notes.length])).toEqual([['canvas', 6], ['storyboard', 3]])

      const nameless = new BoardFixture('prototyping', language, w.challenge).inArea('canvas.field.2', w.canvas[2])
      expect(draft(w.challenge, language, nameless).fields.desiredOutcome).toEqual({ kinds: ['concept'], description: w.text.nameless })
    })

    it('ideas and prototyping: the question people chose to answer (written, or one of the challenge’s given a dot or a reaction) leads the problem statements', () => {
      const [first, second] = own as readonly [string, string]
      const untouched = new BoardFixture('ideas', language, w.challenge, 2)
      expect(draft(w.challenge, language, untouched).fields.problemStatement).toBe(bullets(own))
      expect(draft(w.challenge, language, untouched).sources.problemStatement).toBeUndefined()

      const ideas = new BoardFixture('ideas', language, w.challenge, 2).inFrame('questions', w.newQuestion).votes(second, 2)
      const fromIdeas = draft(w.challenge, language, ideas)
      expect(fromIdeas.fields.problemStatement).toBe(bullets([second, w.newQuestion, first]))
      expect(noteTexts(fromIdeas.sources.problemStatement)).toEqual([second, w.newQuestion])
      expect(fromIdeas.sources.problemStatement?.map((ref) => ref.stepId)).toEqual([ideas.step.id])

      const prototyping = new BoardFixture('prototyping', language, w.challenge, 3).react(second, 'like', ['p1'])
      expect(draft(w.challenge, language, prototyping).fields.problemStatement).toBe(bullets([second, first]))
      expect(noteTexts(draft(w.challenge, language, prototyping).sources.problemStatement)).toEqual([second])

      // After the framing board each question is listed once, where it first came.
      const framing = new BoardFixture('challenge-framing', language, w.challenge, 1).inFrame('questions', w.newQuestion)
      const whole = draft(w.challenge, language, framing, ideas, prototyping)
      expect(whole.fields.problemStatement).toBe(bullets([w.newQuestion, ...own]))
      expect(whole.sources.problemStatement?.map((ref) => ref.stepId)).toEqual([framing.step.id, ideas.step.id, prototyping.step.id])
    })

    it('prioritising: the impact × effort cell → the need’s priority; the parking area is not ranked', () => {
      const board = new BoardFixture('prioritising', language, w.challenge).inArea('parking.area.0', w.ideas.unnoticed)
      w.ranked.forEach((text, i) => board.inArea(`matrix.cell.${i}`, text))
      const { fields } = draft(w.challenge, language, board)
      expect(fields.needs).toEqual(
        (['do-first', 'plan', 'quick-win', 'later'] as const).map((priority, i) => ({ need: w.ranked[i], who: '', evidence: '', priority })),
      )
    })

    it('without votes, the matrix orders the needs: do first, plan, quick win, not now, then the unranked', () => {
      const [first, second, third] = w.ranked
      const framing = new BoardFixture('challenge-framing', language, w.challenge, 1)
        .inArea('needs.group.0', first)
        .inArea('needs.group.1', second)
        .inArea('needs.group.2', third)
      const prioritising = new BoardFixture('prioritising', language, w.challenge, 2).inArea('matrix.cell.3', first).inArea('matrix.cell.0', third)
      const groups = w.challenge.stakeholderGroups
      expect(draft(w.challenge, language, framing, prioritising).fields.needs).toEqual([
        { need: third, who: groups[2], evidence: '', priority: 'do-first' },
        { need: first, who: groups[0], evidence: '', priority: 'later' },
        { need: second, who: groups[1], evidence: '', priority: null },
      ])
    })

    it('a whole workshop: kept votes order the needs, the matrix gives their priority; names and ids of people never appear', () => {
      const [first, second, third] = w.ranked
      const framing = new BoardFixture('challenge-framing', language, w.challenge, 1)
        .inArea('needs.group.0', first)
        .inArea('needs.group.1', second)
        .inArea('needs.group.2', third)
        .votes(third, 3)
        .votes(second, 1)
      const prioritising = new BoardFixture('prioritising', language, w.challenge, 2)
        .inArea('matrix.cell.0', first.toLocaleLowerCase('nb'))
        .inArea('matrix.cell.1', third)
      const result = draft(w.challenge, language, framing, prioritising)
      const groups = w.challenge.stakeholderGroups
      expect(result.fields.needs).toEqual([
        { need: third, who: groups[2], evidence: '', priority: 'plan' },
        { need: second, who: groups[1], evidence: '', priority: null },
        { need: first, who: groups[0], evidence: '', priority: 'do-first' },
      ])
      expect(result.sources.needs?.map((ref) => ref.stepId)).toEqual([framing.step.id, prioritising.step.id])
      expect(result.fields.sourceBoards.map((entry) => entry.title)).toEqual([framing.step.title, prioritising.step.title])
      expect(result.fields.languageForm).toBe(language)
      expect(result.leftOut).toEqual([])
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

  it('opens the background with the short summary too; the challenge’s questions are the problem statements; no actors, title is the name', () => {
    const { fields, sources } = draftFields({ challenge: grue, languageForm: 'nb', steps: [] })
    expect(fields.title).toBe(grue.name)
    expect(fields.summary).toBe(grue.summary)
    expect(fields.background).toBe(grue.summary)
    expect(fields.problemStatement).toBe(bullets(grue.problemStatements))
    expect(fields.stakeholders).toEqual([])
    expect(sources).toEqual({})
  })

  it('keeps very long notes and markup inside the schema: text cut, Markdown in notes escaped', () => {
    const huge = `${'x'.repeat(12_000)} [klikk](javascript:alert(1))`
    const board = new BoardFixture('challenge-framing', 'nb', grue).inArea('knowledge.area.0', '![i](http://evil.example) <script>', huge)
    const { fields, sources } = draftFields({ challenge: grue, languageForm: 'nb', steps: [board.entry()] })
    expect(() => DescriptionFields.parse(fields)).not.toThrow()
    expect(fields.background.length).toBeLessThanOrEqual(10_000)
    expect(fields.background.includes('- \\!\\[i\\]\\(http://evil.example\\) \\<script\\>.\n- Xxx')).toBe(true)
    expect(fields.background.endsWith('x…')).toBe(true)
    expect(sources.background?.[0]?.notes.every((note) => note.text.length <= 10_000)).toBe(true)
  })
})
