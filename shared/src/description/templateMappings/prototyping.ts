// prototyping v1 → desiredOutcome (concept and prototype), targetGroups, needs.
import type { LanguageForm } from '../../schema/municipality.ts'
import type { Localized } from '../../templates/types.ts'
import { draftingTexts } from '../labels.ts'
import { entryText, headed, inArea, markdownList, oneLine, rule, type TemplateMapping } from './mapping.ts'

/** The concept canvas cells in the template's order (two columns, row by row). */
const canvas = { name: 0, forWhom: 1, problem: 2, how: 3, test: 4, needs: 5 } as const
const cell = (index: number): string => `canvas.field.${index}`

export const prototypingV1: TemplateMapping = {
  templateId: 'prototyping',
  version: 1,
  rules: [
    // Desired outcome: a filled canvas is a concept. Its name, problem, workings and test plan say
    // what the municipality hopes for; "for whom" and "what it needs" have fields of their own.
    rule({
      frame: 'canvas',
      field: 'desiredOutcome',
      read: (items, { language }) => {
        const cells = [canvas.name, canvas.problem, canvas.how, canvas.test].map((index) => ({ index, items: inArea(items, cell(index)) }))
        const used = cells.filter((entry) => entry.items.length > 0)
        if (used.length === 0) return null
        const description = used.map((entry) => headed(canvasLabel(entry.index, language), markdownList(entry.items))).join('\n\n')
        return { value: { kinds: ['concept'], description }, notes: used.flatMap((entry) => entry.items) }
      },
    }),
    // A storyboard tells the idea as it would be used: a paper prototype.
    rule({
      frame: 'storyboard',
      field: 'desiredOutcome',
      read: (items, { language }) => {
        const panels = draftingTexts.storyboardPanels[language].map((label, i) => ({ label, i, items: inArea(items, `storyboard.panel.${i}`) }))
        const used = panels.filter((panel) => panel.items.length > 0)
        if (used.length === 0) return null
        const list = used.map((panel) => `- **${panel.i + 1}. ${panel.label}**\n${indent(markdownList(panel.items))}`).join('\n')
        return { value: { kinds: ['prototype'], description: headed(draftingTexts.storyboard[language], list) }, notes: used.flatMap((panel) => panel.items) }
      },
    }),
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

function canvasLabel(index: number, language: LanguageForm): string {
  const labels: Partial<Record<number, Localized>> = {
    [canvas.name]: draftingTexts.conceptName,
    [canvas.problem]: draftingTexts.conceptProblem,
    [canvas.how]: draftingTexts.conceptHow,
    [canvas.test]: draftingTexts.conceptTest,
  }
  return labels[index]?.[language] ?? ''
}

function indent(markdown: string): string {
  return markdown
    .split('\n')
    .map((line) => (line === '' ? line : `  ${line}`))
    .join('\n')
}

/** Version 2 moves the frames for phones and keeps every key: it maps as version 1 does. */
export const prototypingV2: TemplateMapping = { ...prototypingV1, version: 2 }
