// Template 4: prototyping — a six-panel storyboard and a concept canvas.
import { defineTemplate, defineVersion } from './define.ts'
import { areaGrid, header, municipalityName, noteGrid, section, phoneInstructionWidth } from './layout.ts'
import type { Localized } from './types.ts'

type Six = [string, string, string, string, string, string]

interface PrototypingTexts {
  step: string
  questions: string
  questionsInstruction: string
  storyboard: string
  storyboardInstruction: string
  panels: Six
  canvas: string
  canvasInstruction: string
  fields: Six
}

const textsV1: Localized<PrototypingTexts> = {
  nb: {
    step: 'Lage prototype',
    questions: 'Hvordan kan vi …?',
    questionsInstruction: 'Hvilket spørsmål svarer ideen deres på?',
    storyboard: 'Storyboard',
    storyboardInstruction: 'Fortell ideen som en historie i seks bilder. Tegn eller skriv – enkle strekfigurer holder.',
    panels: [
      '1. Før: hvem er personen, og hva er vanskelig?',
      '2. Personen møter løsningen',
      '3. Slik brukes den',
      '4. Hva kan gå galt?',
      '5. Slik hjelper løsningen',
      '6. Etter: hva er blitt bedre?',
    ],
    canvas: 'Konseptskisse',
    canvasInstruction: 'Beskriv ideen kort. Én tanke per lapp er nok.',
    fields: ['Navn', 'For hvem?', 'Hvilket problem løser den?', 'Hvordan virker den?', 'Hvordan kan vi teste den?', 'Hva trenger den?'],
  },
  nn: {
    step: 'Lage prototype',
    questions: 'Korleis kan vi …?',
    questionsInstruction: 'Kva for eit spørsmål svarar ideen dykkar på?',
    storyboard: 'Storyboard',
    storyboardInstruction: 'Fortel ideen som ei historie i seks bilete. Teikn eller skriv – enkle strekfigurar held.',
    panels: [
      '1. Før: kven er personen, og kva er vanskeleg?',
      '2. Personen møter løysinga',
      '3. Slik vert ho brukt',
      '4. Kva kan gå gale?',
      '5. Slik hjelper løysinga',
      '6. Etter: kva har vorte betre?',
    ],
    canvas: 'Konseptskisse',
    canvasInstruction: 'Fortel kort om ideen. Éin tanke per lapp er nok.',
    fields: ['Namn', 'For kven?', 'Kva problem løyser ho?', 'Korleis verkar ho?', 'Korleis kan vi teste ho?', 'Kva treng ho?'],
  },
  en: {
    step: 'Prototyping',
    questions: 'How might we …?',
    questionsInstruction: 'Which question does your idea answer?',
    storyboard: 'Storyboard',
    storyboardInstruction: 'Tell the idea as a story in six pictures. Draw or write – stick figures are fine.',
    panels: [
      '1. Before: who is the person, and what is hard?',
      '2. The person meets the solution',
      '3. This is how it is used',
      '4. What could go wrong?',
      '5. This is how the solution helps',
      '6. After: what is better now?',
    ],
    canvas: 'Concept canvas',
    canvasInstruction: 'Describe the idea briefly. One thought per sticky note is enough.',
    fields: ['Name', 'For whom?', 'Which problem does it solve?', 'How does it work?', 'How can we test it?', 'What does it need?'],
  },
}

const version1 = defineVersion({
  version: 1,
  build: ({ language, challenge }, board) => {
    const t = textsV1[language]
    const municipality = municipalityName(challenge.municipality, language)
    const top = header(board, challenge, [municipality, t.step].filter(Boolean).join(' · '), 1880)

    const questionsHeight = section(
      board,
      { key: 'questions', x: 0, y: top, w: 1880, title: t.questions, instruction: t.questionsInstruction },
      (inside) => noteGrid(inside, { key: 'note', texts: challenge.problemStatements, color: 'light-blue' }),
    )
    const row2 = top + questionsHeight + 80
    section(
      board,
      { key: 'storyboard', x: 0, y: row2, w: 1100, title: t.storyboard, instruction: t.storyboardInstruction },
      (inside) => areaGrid(inside, { key: 'panel', labels: t.panels, columns: 3, areaHeight: 300, color: 'grey' }),
    )
    section(
      board,
      { key: 'canvas', x: 1140, y: row2, w: 740, title: t.canvas, instruction: t.canvasInstruction },
      (inside) => areaGrid(inside, { key: 'field', labels: t.fields, columns: 2, areaHeight: 300, color: 'light-violet' }),
    )
  },
})

// Version 2 reads on a phone: the questions come first in a column two notes wide, which a phone
// shows fitted to its width with the notes' text at 12 CSS px or more; the storyboard and the
// concept canvas follow beside it, and no instruction is wider than a phone shows at a legible zoom.
const version2 = defineVersion({
  version: 2,
  build: ({ language, challenge }, board) => {
    const t = textsV1[language]
    const municipality = municipalityName(challenge.municipality, language)
    const top = header(board, challenge, [municipality, t.step].filter(Boolean).join(' · '), 1720)
    const instructionWidth = phoneInstructionWidth

    section(
      board,
      { key: 'questions', x: 0, y: top, w: 520, title: t.questions, instruction: t.questionsInstruction, instructionWidth },
      (inside) => noteGrid(inside, { key: 'note', texts: challenge.problemStatements, color: 'light-blue' }),
    )
    section(
      board,
      { key: 'storyboard', x: 560, y: top, w: 1100, title: t.storyboard, instruction: t.storyboardInstruction, instructionWidth },
      (inside) => areaGrid(inside, { key: 'panel', labels: t.panels, columns: 3, areaHeight: 300, color: 'grey' }),
    )
    section(
      board,
      { key: 'canvas', x: 1700, y: top, w: 740, title: t.canvas, instruction: t.canvasInstruction, instructionWidth },
      (inside) => areaGrid(inside, { key: 'field', labels: t.fields, columns: 2, areaHeight: 300, color: 'light-violet' }),
    )
  },
})

export const prototyping = defineTemplate({
  id: 'prototyping',
  name: { nb: textsV1.nb.step, nn: textsV1.nn.step, en: textsV1.en.step },
  purpose: {
    nb: 'Gjør en idé konkret nok til at andre kan forstå den og teste den.',
    nn: 'Gjer ein idé konkret nok til at andre kan forstå han og teste han.',
    en: 'Make an idea concrete enough for others to understand and test.',
  },
  versions: [version1, version2],
})
