// prototyping v1 → problemStatement, desiredOutcome (concept and prototype), targetGroups, needs.
import type { BoardItem } from '../../board/boardReading.ts'
import type { LanguageForm } from '../../schema/municipality.ts'
import { draftingTexts } from '../labels.ts'
import { entryText, inArea, oneLine, rule, type TemplateMapping } from './mapping.ts'
import { capitalised, label, name, namesInPhrase, sentences } from './prose.ts'
import { answeredQuestions } from './questions.ts'

/** The concept canvas cells in the template's order (two columns, row by row). */
const canvas = { name: 0, forWhom: 1, problem: 2, how: 3, test: 4, needs: 5 } as const
const cell = (index: number): string => `canvas.field.${index}`

export const prototypingV1: TemplateMapping = {
  templateId: 'prototyping',
  version: 1,
  rules: [
    // Problem statements: the question the group's idea answers (questions.ts).
    answeredQuestions,
    // Desired outcome: a filled canvas is a concept, written as a short text: its name and whom it is
    // for, then what problem it solves, how it works and how to test it, each under our label. "What it
    // needs" has a field of its own; "for whom" is also a target group.
    rule({ frame: 'canvas', field: 'desiredOutcome', read: (items, { language }) => concept(items, language) }),
    // A storyboard tells the idea as it would be used: a paper prototype, written as a numbered story
    // with each panel's label.
    rule({ frame: 'storyboard', field: 'desiredOutcome', read: (items, { language }) => story(items, language) }),
    // Target groups: whom the concept is for, one group per note.
    rule({
      frame: 'canvas',
      field: 'targetGroups',
      read: (items) => {
        const forWhom = inArea(items, cell(canvas.forWhom))
        return { value: forWhom.map((item) => oneLine(item.text)), notes: forWhom }
      },
    }),
    // Needs: what the concept needs to work (data, partners, a place) is what the municipality asks
    // businesses to help with; who has the need is left for a person to fill in.
    rule({
      frame: 'canvas',
      field: 'needs',
      read: (items) => {
        const needs = inArea(items, cell(canvas.needs))
        return { value: needs.map((item) => ({ need: entryText(item), who: '', evidence: '', priority: null })), notes: needs }
      },
    }),
  ],
}

/** "**Torgdag** – et konsept for ungdom og pendlere." and a paragraph per filled part. */
function concept(items: readonly BoardItem[], language: LanguageForm) {
  const t = draftingTexts
  const names = inArea(items, cell(canvas.name))
  const forWhom = inArea(items, cell(canvas.forWhom))
  const parts = [
    { label: t.conceptProblem[language], items: inArea(items, cell(canvas.problem)) },
    { label: t.conceptHow[language], items: inArea(items, cell(canvas.how)) },
    { label: t.conceptTest[language], items: inArea(items, cell(canvas.test)) },
  ].filter((part) => part.items.length > 0)
  if (names.length === 0 && parts.length === 0) return null
  const kind = forWhom.length > 0 ? `${t.conceptFor[language]} ${namesInPhrase(forWhom, t.and[language])}` : t.conceptFromWorkshop[language]
  const title = names.map(name).filter(Boolean).join(' / ')
  const lead = title === '' ? `${capitalised(kind)}.` : `**${title}** – ${kind}.`
  const paragraphs = parts.map((part) => `${label(part.label)} ${part.items.map(sentences).join(' ')}`)
  return {
    value: { kinds: ['concept' as const], description: [lead, ...paragraphs].join('\n\n') },
    notes: [...names, ...forWhom, ...parts.flatMap((part) => part.items)],
  }
}

/** The filled panels as a numbered story: "1. *Før:* Ola kjeder seg." */
function story(items: readonly BoardItem[], language: LanguageForm) {
  const panels = draftingTexts.storyboardPanels[language]
    .map((panelLabel, i) => ({ panelLabel, items: inArea(items, `storyboard.panel.${i}`) }))
    .filter((panel) => panel.items.length > 0)
  if (panels.length === 0) return null
  const lines = panels.map((panel, i) => `${i + 1}. ${label(panel.panelLabel)} ${panel.items.map(sentences).join(' ')}`)
  return {
    value: { kinds: ['prototype' as const], description: `${label(draftingTexts.storyboard[language])}\n\n${lines.join('\n')}` },
    notes: panels.flatMap((panel) => panel.items),
  }
}

/** Version 2 moves the frames for phones and keeps every key: it maps as version 1 does. */
export const prototypingV2: TemplateMapping = { ...prototypingV1, version: 2 }
