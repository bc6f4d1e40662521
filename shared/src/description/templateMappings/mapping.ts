// What a template mapping is: for one released template version, rules that read one frame of its
// board each and give a value for one description field, with the notes used. The drafter turns
// each rule's result into a contribution with a SourceRef; how contributions of several boards
// combine per field is the drafter's business (draftFromBoards.ts).
import type { BoardItem, BoardReading } from '../../board/boardReading.ts'
import type { LanguageForm } from '../../schema/municipality.ts'
import type { DescriptionFields, EditableFieldKey, SourceRef } from '../challengeDescription.ts'

/** A workshop step as the drafter sees it. */
export interface DraftStep {
  id: string
  boardId: string
  templateId: string
  templateVersion: number
  /** The step's name as the agenda shows it, e.g. "Kartlegge aktører". */
  title: string
}

/** What a rule may look at besides its frame's items. */
export interface MappingContext {
  reading: BoardReading
  /** The challenge's own questions, to tell a card people wrote or reworded from one the template put there. */
  challengeQuestions: readonly string[]
  language: LanguageForm
}

/** A rule's result: the field value and the items it was made from. */
export interface RuleResult<K extends EditableFieldKey> {
  value: DescriptionFields[K]
  notes: readonly BoardItem[]
}

export interface FrameRule<K extends EditableFieldKey> {
  /** The frame's template key, e.g. 'grid'. */
  frame: string
  field: K
  /** Reads the frame's content items (see `contentItems`); null or no notes means nothing to add. */
  read: (items: readonly BoardItem[], context: MappingContext) => RuleResult<K> | null
}

export type AnyFrameRule = { [K in EditableFieldKey]: FrameRule<K> }[EditableFieldKey]

/** Declares a rule; the field key types its value. */
export function rule<K extends EditableFieldKey>(frameRule: FrameRule<K>): AnyFrameRule {
  return frameRule as unknown as AnyFrameRule
}

/** How one released template version maps to the description. */
export interface TemplateMapping {
  templateId: string
  version: number
  rules: readonly AnyFrameRule[]
}

/** One board's addition to one field. */
export type Contribution = {
  [K in EditableFieldKey]: { field: K; value: DescriptionFields[K]; source: SourceRef }
}[EditableFieldKey]

/**
 * What people put in a frame: notes (template notes too, since people move and edit them), and their
 * own texts and labelled shapes. Arrows and unknown shapes are connectors and drawings, not statements.
 */
export function contentItems(items: readonly BoardItem[]): BoardItem[] {
  return items.filter((item) => ['note', 'text', 'geo'].includes(item.kind) && item.text.trim() !== '')
}

/** Items lying in the template area `key` (an area may lie inside another, so any depth counts). */
export function inArea(items: readonly BoardItem[], key: string): BoardItem[] {
  return items.filter((item) => item.areaKeys.includes(key))
}

/** The index `i` of the first area key `<prefix>i` an item lies in, or null. */
export function areaIndex(item: BoardItem, prefix: string): number | null {
  const key = item.areaKeys.find((candidate) => candidate.startsWith(prefix))
  if (key === undefined) return null
  const index = Number(key.slice(prefix.length))
  return Number.isInteger(index) ? index : null
}

/** For comparing texts people wrote: case, spacing and closing punctuation do not make two actors different. */
export function normalizeText(text: string): string {
  return text
    .normalize('NFC')
    .toLocaleLowerCase('nb')
    .replace(/\s+/g, ' ')
    .replace(/[\s.,;:!?]+$/u, '')
    .trim()
}

/** A name on one line (actors, groups, titles): line breaks in a small note are layout, not meaning. */
export function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim()
}

/** A list entry: the note's lines, trimmed, without blank ones. */
export function entryText(item: BoardItem): string {
  return item.text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .join('\n')
}

/** A Markdown bullet list of the items' Markdown; an item's further lines are indented under it. */
export function markdownList(items: readonly BoardItem[]): string {
  return items.map((item) => bullet(item.markdown)).join('\n')
}

export function bullet(markdown: string, marker = '- '): string {
  const indent = ' '.repeat(marker.length)
  return `${marker}${markdown.trim().split('\n').join(`\n${indent}`)}`.replace(/[ \t]+$/gm, '')
}

/** A bold sub-heading and a block under it; the labels are ours (labels.ts), never people's text. */
export function headed(heading: string, body: string): string {
  return `**${heading}**\n\n${body}`
}
