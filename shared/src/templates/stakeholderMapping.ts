// Template 2: map the stakeholders — an interest × influence grid and a ring of society's sectors
// around the challenge, with the challenge's stakeholder groups ready to be placed.
import { defineTemplate, defineVersion } from './define.ts'
import { header, matrix, municipalityName, noteGrid, pad, phoneInstructionWidth, section, type FrameContent } from './layout.ts'
import type { Localized } from './types.ts'

interface StakeholderTexts {
  step: string
  groups: string
  groupsInstruction: string
  grid: string
  gridInstruction: string
  /** Top-left, top-right, bottom-left, bottom-right. */
  quadrants: [string, string, string, string]
  moreInfluence: string
  moreInterest: string
  ring: string
  ringInstruction: string
  sectors: [string, string, string, string, string, string]
}

const textsV1: Localized<StakeholderTexts> = {
  nb: {
    step: 'Kartlegge aktører',
    groups: 'Aktører i utfordringen',
    groupsInstruction: 'Flytt hver lapp til riktig sted i rutenettet og i ringen. Legg til flere aktører, gjerne med navn.',
    grid: 'Interesse og innflytelse',
    gridInstruction: 'Hvor mye bryr aktøren seg om saken, og hvor mye kan den påvirke den?',
    quadrants: [
      'Stor innflytelse, liten interesse:\nHold dem fornøyd',
      'Stor innflytelse, stor interesse:\nSamarbeid tett',
      'Liten innflytelse, liten interesse:\nFølg med',
      'Liten innflytelse, stor interesse:\nHold dem informert',
    ],
    moreInfluence: '↑ Mer innflytelse',
    moreInterest: 'Mer interesse →',
    ring: 'Sektorer',
    ringInstruction: 'Hvem finnes i hver sektor? Skriv én aktør per lapp. Jo nærmere midten, jo tettere på utfordringen.',
    sectors: ['Kommune', 'Næringsliv', 'Innbyggere', 'Frivillige organisasjoner', 'Skoler og kunnskapsinstitusjoner', 'Fylke og stat'],
  },
  nn: {
    step: 'Kartleggje aktørar',
    groups: 'Aktørar i utfordringa',
    groupsInstruction: 'Flytt kvar lapp til rett stad i rutenettet og i ringen. Legg til fleire aktørar, gjerne med namn.',
    grid: 'Interesse og innverknad',
    gridInstruction: 'Kor mykje bryr aktøren seg om saka, og kor mykje kan han påverke ho?',
    quadrants: [
      'Stor innverknad, lita interesse:\nHald dei nøgde',
      'Stor innverknad, stor interesse:\nSamarbeid tett',
      'Liten innverknad, lita interesse:\nFølg med',
      'Liten innverknad, stor interesse:\nHald dei informerte',
    ],
    moreInfluence: '↑ Meir innverknad',
    moreInterest: 'Meir interesse →',
    ring: 'Sektorar',
    ringInstruction: 'Kven finst i kvar sektor? Skriv éin aktør per lapp. Di nærare midten, di tettare på utfordringa.',
    sectors: ['Kommune', 'Næringsliv', 'Innbyggjarar', 'Frivillige organisasjonar', 'Skular og kunnskapsinstitusjonar', 'Fylke og stat'],
  },
  en: {
    step: 'Map the stakeholders',
    groups: 'Stakeholders in the challenge',
    groupsInstruction: 'Move each sticky note to its place in the grid and in the ring. Add more stakeholders, by name if you can.',
    grid: 'Interest and influence',
    gridInstruction: 'How much does this stakeholder care about the issue, and how much can they change it?',
    quadrants: [
      'High influence, low interest:\nKeep them satisfied',
      'High influence, high interest:\nWork closely together',
      'Low influence, low interest:\nKeep an eye on them',
      'Low influence, high interest:\nKeep them informed',
    ],
    moreInfluence: '↑ More influence',
    moreInterest: 'More interest →',
    ring: 'Sectors',
    ringInstruction: 'Who is there in each sector? One stakeholder per sticky note. The closer to the centre, the closer to the challenge.',
    sectors: ['Municipality', 'Business', 'Citizens', 'Voluntary organisations', 'Schools and knowledge institutions', 'County and state'],
  },
}

const version1 = defineVersion({
  version: 1,
  build: ({ language, challenge }, board) => {
    const t = textsV1[language]
    const municipality = municipalityName(challenge.municipality, language)
    const top = header(board, challenge, [municipality, t.step].filter(Boolean).join(' · '), 2280)

    section(
      board,
      { key: 'groups', x: 0, y: top, w: 496, title: t.groups, instruction: t.groupsInstruction },
      (inside) => noteGrid(inside, { key: 'note', texts: challenge.stakeholderGroups, color: 'yellow' }),
    )
    section(
      board,
      { key: 'grid', x: 536, y: top, w: 800, title: t.grid, instruction: t.gridInstruction },
      (inside) =>
        matrix(inside, { key: 'cell', quadrants: t.quadrants, upAxis: t.moreInfluence, rightAxis: t.moreInterest, cellHeight: 340 }),
    )
    section(board, { key: 'ring', x: 1376, y: top, w: 904, title: t.ring, instruction: t.ringInstruction }, (inside) =>
      sectorRing(inside, t.sectors, challenge.title),
    )
  },
})

/** Six sector areas on a circle around the challenge, clockwise from the top. Returns the y below it. */
function sectorRing(inside: FrameContent, sectors: readonly string[], challengeTitle: string): number {
  const { board } = inside
  const diameter = inside.width
  const cx = pad + diameter / 2
  const cy = inside.top + diameter / 2
  board.area({
    key: 'ring.circle', parent: inside.frame, x: pad, y: inside.top, w: diameter, h: diameter,
    text: '', geo: 'ellipse', fill: 'none', dash: 'dotted',
  })
  const sectorW = 240
  const sectorH = 150
  const radius = diameter / 2 - sectorH / 2 - 24
  sectors.forEach((sector, i) => {
    const angle = -Math.PI / 2 + (i * Math.PI) / 3
    board.area({
      key: `ring.sector.${i}`, parent: inside.frame,
      x: Math.round(cx + radius * Math.cos(angle) - sectorW / 2),
      y: Math.round(cy + radius * Math.sin(angle) - sectorH / 2),
      w: sectorW, h: sectorH, text: sector, color: 'light-blue', fill: 'semi', dash: 'solid',
      align: 'middle', verticalAlign: 'start',
    })
  })
  const centre = 300
  board.area({
    key: 'ring.centre', parent: inside.frame, x: cx - centre / 2, y: cy - centre / 2, w: centre, h: centre,
    text: challengeTitle, geo: 'ellipse', color: 'orange', fill: 'semi', dash: 'solid', align: 'middle', verticalAlign: 'middle',
  })
  return inside.top + diameter
}

// Version 2 reads on a phone: the challenge's stakeholders come first, in a column one note wide
// that a phone shows at 100 %, each note's text small enough for its longest word to fit on a line
// (a long compound such as "utdanningsinstitusjoner" is not broken in two); the grid and the ring
// follow beside it, and no instruction is wider than a phone shows at a legible zoom.
const version2 = defineVersion({
  version: 2,
  build: ({ language, challenge }, board) => {
    const t = textsV1[language]
    const municipality = municipalityName(challenge.municipality, language)
    const top = header(board, challenge, [municipality, t.step].filter(Boolean).join(' · '), 2032)
    const instructionWidth = phoneInstructionWidth

    section(
      board,
      { key: 'groups', x: 0, y: top, w: 248, title: t.groups, instruction: t.groupsInstruction },
      (inside) => noteGrid(inside, { key: 'note', texts: challenge.stakeholderGroups, color: 'yellow', fitWords: true }),
    )
    section(
      board,
      { key: 'grid', x: 288, y: top, w: 800, title: t.grid, instruction: t.gridInstruction, instructionWidth },
      (inside) =>
        matrix(inside, { key: 'cell', quadrants: t.quadrants, upAxis: t.moreInfluence, rightAxis: t.moreInterest, cellHeight: 340 }),
    )
    section(board, { key: 'ring', x: 1128, y: top, w: 904, title: t.ring, instruction: t.ringInstruction, instructionWidth }, (inside) =>
      sectorRing(inside, t.sectors, challenge.title),
    )
  },
})

export const stakeholderMapping = defineTemplate({
  id: 'stakeholder-mapping',
  name: { nb: textsV1.nb.step, nn: textsV1.nn.step, en: textsV1.en.step },
  purpose: {
    nb: 'Se hvem som berøres av utfordringen, og hvem som kan påvirke den.',
    nn: 'Sjå kven som vert påverka av utfordringa, og kven som kan påverke ho.',
    en: 'See who is affected by the challenge, and who can influence it.',
  },
  versions: [version1, version2],
})
