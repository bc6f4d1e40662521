// Template 5: prioritising — an impact × effort matrix.
import { defineTemplate, defineVersion } from './define.ts'
import { areaGrid, header, matrix, municipalityName, section, phoneInstructionWidth } from './layout.ts'
import type { Localized, TemplateVersion } from './types.ts'

interface PrioritisingTexts {
  step: string
  parking: string
  parkingInstruction: string
  parkingArea: string
  matrix: string
  matrixInstruction: string
  /** Top-left, top-right, bottom-left, bottom-right. */
  quadrants: [string, string, string, string]
  moreImpact: string
  moreEffort: string
}

const textsV1: Localized<PrioritisingTexts> = {
  nb: {
    step: 'Prioritere',
    parking: 'Ideer',
    parkingInstruction: 'Legg alle ideene her først, én per lapp.',
    parkingArea: 'Ideer som skal plasseres',
    matrix: 'Effekt og innsats',
    matrixInstruction:
      'Flytt én idé om gangen inn i matrisen. Hvor mye vil den hjelpe, og hvor mye arbeid krever den? Snakk sammen til dere er enige.',
    quadrants: [
      'Stor effekt, lite arbeid:\nGjør dette først',
      'Stor effekt, mye arbeid:\nPlanlegg godt',
      'Liten effekt, lite arbeid:\nGjør hvis det er tid',
      'Liten effekt, mye arbeid:\nDropp',
    ],
    moreImpact: '↑ Større effekt',
    moreEffort: 'Mer arbeid →',
  },
  nn: {
    step: 'Prioritere',
    parking: 'Idear',
    parkingInstruction: 'Legg alle ideane her først, éin per lapp.',
    parkingArea: 'Idear som skal plasserast',
    matrix: 'Effekt og innsats',
    matrixInstruction:
      'Flytt éin idé om gongen inn i matrisa. Kor mykje vil ho hjelpe, og kor mykje arbeid krev ho? Snakk saman til de er samde.',
    quadrants: [
      'Stor effekt, lite arbeid:\nGjer dette først',
      'Stor effekt, mykje arbeid:\nPlanlegg godt',
      'Liten effekt, lite arbeid:\nGjer det om det er tid',
      'Liten effekt, mykje arbeid:\nDropp',
    ],
    moreImpact: '↑ Større effekt',
    moreEffort: 'Meir arbeid →',
  },
  en: {
    step: 'Prioritise',
    parking: 'Ideas',
    parkingInstruction: 'Put all the ideas here first, one per sticky note.',
    parkingArea: 'Ideas to place',
    matrix: 'Impact and effort',
    matrixInstruction:
      'Move one idea at a time into the matrix. How much will it help, and how much work does it take? Talk until you agree.',
    quadrants: [
      'High impact, little work:\nDo this first',
      'High impact, a lot of work:\nPlan it well',
      'Low impact, little work:\nDo it if there is time',
      'Low impact, a lot of work:\nDrop it',
    ],
    moreImpact: '↑ More impact',
    moreEffort: 'More work →',
  },
}

/** The board of versions 1 and 2: version 2 only keeps each instruction as narrow as a phone reads it. */
function buildBoard(instructionWidth?: number): TemplateVersion['build'] {
  return ({ language, challenge }, board) => {
    const t = textsV1[language]
    const municipality = municipalityName(challenge.municipality, language)
    const top = header(board, challenge, [municipality, t.step].filter(Boolean).join(' · '), 1600)

    section(
      board,
      { key: 'parking', x: 0, y: top, w: 520, title: t.parking, instruction: t.parkingInstruction, instructionWidth },
      (inside) => areaGrid(inside, { key: 'area', labels: [t.parkingArea], columns: 1, areaHeight: 860, color: 'yellow' }),
    )
    section(
      board,
      { key: 'matrix', x: 560, y: top, w: 1040, title: t.matrix, instruction: t.matrixInstruction, instructionWidth },
      (inside) => matrix(inside, { key: 'cell', quadrants: t.quadrants, upAxis: t.moreImpact, rightAxis: t.moreEffort, cellHeight: 400 }),
    )
  }
}

const version1 = defineVersion({ version: 1, build: buildBoard() })

// Version 2 keeps every instruction narrow enough for a phone that shows a wide frame at a legible zoom.
const version2 = defineVersion({ version: 2, build: buildBoard(phoneInstructionWidth) })

export const prioritising = defineTemplate({
  id: 'prioritising',
  name: { nb: textsV1.nb.step, nn: textsV1.nn.step, en: textsV1.en.step },
  purpose: {
    nb: 'Velg hvilke ideer vi går videre med, ut fra effekt og arbeid.',
    nn: 'Vel kva for idear vi går vidare med, ut frå effekt og arbeid.',
    en: 'Choose which ideas to take further, by impact and effort.',
  },
  versions: [version1, version2],
})
