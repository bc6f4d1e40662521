// Template 1: frame the challenge — its context, its "How might we …?" questions, and what we
// need, assume, know and do not know.
import { header, municipalityName, noteGrid, areaGrid, section, gap, textHeight, pad, phoneInstructionWidth } from './layout.ts'
import { defineTemplate, defineVersion } from './define.ts'
import type { Localized, TemplateVersion } from './types.ts'

interface FramingTexts {
  step: string
  context: string
  contextInstruction: string
  municipalityLabel: string
  questions: string
  questionsInstruction: string
  needs: string
  needsInstruction: string
  assumptions: string
  assumptionsInstruction: string
  assumptionsArea: string
  knowledge: string
  knowledgeInstruction: string
  known: string
  unknown: string
}

const textsV1: Localized<FramingTexts> = {
  nb: {
    step: 'Ramme inn utfordringen',
    context: 'Utfordringen',
    contextInstruction: 'Les utfordringen sammen. Er noe uklart? Skriv spørsmålet på en lapp.',
    municipalityLabel: 'Kommune',
    questions: 'Hvordan kan vi …?',
    questionsInstruction: 'Dette er spørsmålene vi skal jobbe med. Skriv om et spørsmål eller lag et nytt på en ny lapp.',
    needs: 'Behov',
    needsInstruction: 'Hva trenger hver gruppe? Skriv ett behov per lapp i feltet til gruppen.',
    assumptions: 'Antakelser',
    assumptionsInstruction: 'Hva tror vi er sant, men har ikke sjekket? Skriv én antakelse per lapp.',
    assumptionsArea: 'Antakelser vi bør sjekke',
    knowledge: 'Det vi vet og ikke vet',
    knowledgeInstruction: 'Skriv fakta vi er sikre på til venstre, og spørsmål vi ikke har svar på til høyre.',
    known: 'Dette vet vi',
    unknown: 'Dette vet vi ikke',
  },
  nn: {
    step: 'Ramme inn utfordringa',
    context: 'Utfordringa',
    contextInstruction: 'Les utfordringa saman. Er noko uklart? Skriv spørsmålet på ein lapp.',
    municipalityLabel: 'Kommune',
    questions: 'Korleis kan vi …?',
    questionsInstruction: 'Dette er spørsmåla vi skal arbeide med. Skriv om eit spørsmål eller lag eit nytt på ein ny lapp.',
    needs: 'Behov',
    needsInstruction: 'Kva treng kvar gruppe? Skriv eitt behov per lapp i feltet til gruppa.',
    assumptions: 'Antakingar',
    assumptionsInstruction: 'Kva trur vi er sant, men har ikkje sjekka? Skriv éi antaking per lapp.',
    assumptionsArea: 'Antakingar vi bør sjekke',
    knowledge: 'Det vi veit og ikkje veit',
    knowledgeInstruction: 'Skriv fakta vi er sikre på til venstre, og spørsmål vi ikkje har svar på til høgre.',
    known: 'Dette veit vi',
    unknown: 'Dette veit vi ikkje',
  },
  en: {
    step: 'Frame the challenge',
    context: 'The challenge',
    contextInstruction: 'Read the challenge together. Is anything unclear? Write your question on a sticky note.',
    municipalityLabel: 'Municipality',
    questions: 'How might we …?',
    questionsInstruction: 'These are the questions we will work on. Rewrite one, or add a new one on a new sticky note.',
    needs: 'Needs',
    needsInstruction: 'What does each group need? Write one need per sticky note in that group’s area.',
    assumptions: 'Assumptions',
    assumptionsInstruction: 'What do we believe is true but have not checked? One assumption per sticky note.',
    assumptionsArea: 'Assumptions to check',
    knowledge: 'What we know and do not know',
    knowledgeInstruction: 'Put facts we are sure of on the left, and questions we cannot answer yet on the right.',
    known: 'What we know',
    unknown: 'What we do not know',
  },
}

/** The board of versions 1 and 2: version 2 only keeps each instruction as narrow as a phone reads it. */
function buildBoard(instructionWidth?: number): TemplateVersion['build'] {
  return ({ language, challenge }, board) => {
    const t = textsV1[language]
    const municipality = municipalityName(challenge.municipality, language)
    const top = header(board, challenge, [municipality, t.step].filter(Boolean).join(' · '), 1640)

    const contextHeight = section(
      board,
      { key: 'context', x: 0, y: top, w: 560, title: t.context, instruction: t.contextInstruction, instructionWidth },
      (inside) => {
        const lines = [
          { key: 'title', text: challenge.title, size: 'm' as const },
          { key: 'municipality', text: `${t.municipalityLabel}: ${challenge.municipality}`, size: 's' as const },
          { key: 'summary', text: challenge.summary, size: 's' as const },
        ]
        let y = inside.top
        for (const line of lines) {
          board.text({ key: `context.${line.key}`, parent: inside.frame, x: pad, y, w: inside.width, text: line.text, size: line.size })
          y += textHeight(line.text, line.size, inside.width) + gap
        }
        return y - gap
      },
    )
    const questionsHeight = section(
      board,
      { key: 'questions', x: 600, y: top, w: 1040, title: t.questions, instruction: t.questionsInstruction, instructionWidth },
      (inside) => noteGrid(inside, { key: 'note', texts: challenge.problemStatements, color: 'light-blue' }),
    )

    const row2 = top + Math.max(contextHeight, questionsHeight) + 80
    const groups = challenge.stakeholderGroups.length > 0 ? challenge.stakeholderGroups : [t.needs]
    const needsHeight = section(
      board,
      { key: 'needs', x: 0, y: row2, w: 1640, title: t.needs, instruction: t.needsInstruction, instructionWidth },
      (inside) => areaGrid(inside, { key: 'group', labels: groups, columns: Math.min(groups.length, 5), areaHeight: 360, color: 'yellow' }),
    )

    const row3 = row2 + needsHeight + 80
    section(
      board,
      { key: 'assumptions', x: 0, y: row3, w: 560, title: t.assumptions, instruction: t.assumptionsInstruction, instructionWidth },
      (inside) => areaGrid(inside, { key: 'area', labels: [t.assumptionsArea], columns: 1, areaHeight: 420, color: 'light-violet' }),
    )
    section(
      board,
      { key: 'knowledge', x: 600, y: row3, w: 1040, title: t.knowledge, instruction: t.knowledgeInstruction, instructionWidth },
      (inside) => areaGrid(inside, { key: 'area', labels: [t.known, t.unknown], columns: 2, areaHeight: 420, color: 'light-green' }),
    )
  }
}

const version1 = defineVersion({ version: 1, build: buildBoard() })

// Version 2 keeps every instruction narrow enough for a phone that shows a wide frame at a legible zoom.
const version2 = defineVersion({ version: 2, build: buildBoard(phoneInstructionWidth) })

export const challengeFraming = defineTemplate({
  id: 'challenge-framing',
  name: { nb: textsV1.nb.step, nn: textsV1.nn.step, en: textsV1.en.step },
  purpose: {
    nb: 'Bli enige om hva utfordringen er, hvem den gjelder, og hva vi vet og ikke vet.',
    nn: 'Bli samde om kva utfordringa er, kven ho gjeld, og kva vi veit og ikkje veit.',
    en: 'Agree on what the challenge is, whom it concerns, and what we know and do not know.',
  },
  versions: [version1, version2],
})
