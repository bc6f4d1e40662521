// Template 3: ideas — silent brainwriting, one area per participant group, then clustering.
import { defineTemplate, defineVersion } from './define.ts'
import { areaGrid, header, municipalityName, noteGrid, phoneInstructionWidth, section } from './layout.ts'
import type { Localized } from './types.ts'

interface IdeasTexts {
  step: string
  questions: string
  questionsInstruction: string
  writing: string
  writingInstruction: string
  everyone: string
  clusters: string
  clustersInstruction: string
  clusterArea: string
}

const textsV1: Localized<IdeasTexts> = {
  nb: {
    step: 'Idémyldring',
    questions: 'Hvordan kan vi …?',
    questionsInstruction: 'Velg spørsmålet dere vil svare på.',
    writing: 'Stille idémyldring',
    writingInstruction:
      'Skriv hver for dere, uten å snakke. Én idé per lapp, i feltet til din gruppe. Les de andres lapper og bygg videre på dem. Alle ideer er velkomne.',
    everyone: 'Alle',
    clusters: 'Klynger',
    clustersInstruction: 'Nå kan dere snakke. Flytt lapper som hører sammen hit, i hauger. Gi hver haug et navn på en egen lapp.',
    clusterArea: 'Legg ideer som hører sammen i samme haug',
  },
  nn: {
    step: 'Idémyldring',
    questions: 'Korleis kan vi …?',
    questionsInstruction: 'Vel spørsmålet de vil svare på.',
    writing: 'Stille idémyldring',
    writingInstruction:
      'Skriv kvar for dykk, utan å snakke. Éin idé per lapp, i feltet til gruppa di. Les lappane til dei andre og bygg vidare på dei. Alle idear er velkomne.',
    everyone: 'Alle',
    clusters: 'Klynger',
    clustersInstruction: 'No kan de snakke. Flytt lappar som høyrer saman hit, i haugar. Gi kvar haug eit namn på ein eigen lapp.',
    clusterArea: 'Legg idear som høyrer saman i same haug',
  },
  en: {
    step: 'Ideas',
    questions: 'How might we …?',
    questionsInstruction: 'Choose the question you want to answer.',
    writing: 'Silent brainwriting',
    writingInstruction:
      'Write on your own, without talking. One idea per sticky note, in your group’s area. Read the others’ notes and build on them. Every idea is welcome.',
    everyone: 'Everyone',
    clusters: 'Clusters',
    clustersInstruction: 'Now you can talk. Move notes that belong together here, into piles. Name each pile on a note of its own.',
    clusterArea: 'Put ideas that belong together in the same pile',
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
    const groups = challenge.stakeholderGroups.length > 0 ? challenge.stakeholderGroups : [t.everyone]
    const row2 = top + questionsHeight + 80
    section(
      board,
      { key: 'writing', x: 0, y: row2, w: 1240, title: t.writing, instruction: t.writingInstruction },
      (inside) => areaGrid(inside, { key: 'group', labels: groups, columns: 3, areaHeight: 420, color: 'yellow' }),
    )
    section(
      board,
      { key: 'clusters', x: 1280, y: row2, w: 600, title: t.clusters, instruction: t.clustersInstruction },
      (inside) => areaGrid(inside, { key: 'area', labels: [t.clusterArea], columns: 1, areaHeight: 860, color: 'light-green' }),
    )
  },
})

// Version 2 reads on a phone: the questions come first in a column two notes wide, which a phone
// shows fitted to its width with the notes' text at 12 CSS px or more; writing and clusters follow
// beside it, and no instruction is wider than a phone shows at a legible zoom.
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
    const groups = challenge.stakeholderGroups.length > 0 ? challenge.stakeholderGroups : [t.everyone]
    section(
      board,
      { key: 'writing', x: 560, y: top, w: 1240, title: t.writing, instruction: t.writingInstruction, instructionWidth },
      (inside) => areaGrid(inside, { key: 'group', labels: groups, columns: 3, areaHeight: 420, color: 'yellow' }),
    )
    section(
      board,
      { key: 'clusters', x: 1840, y: top, w: 600, title: t.clusters, instruction: t.clustersInstruction, instructionWidth },
      (inside) => areaGrid(inside, { key: 'area', labels: [t.clusterArea], columns: 1, areaHeight: 860, color: 'light-green' }),
    )
  },
})

export const ideas = defineTemplate({
  id: 'ideas',
  name: { nb: textsV1.nb.step, nn: textsV1.nn.step, en: textsV1.en.step },
  purpose: {
    nb: 'Få fram mange ideer hver for oss, og se hvilke som hører sammen.',
    nn: 'Få fram mange idear kvar for oss, og sjå kva for nokre som høyrer saman.',
    en: 'Come up with many ideas on our own, then see which belong together.',
  },
  versions: [version1, version2],
})
