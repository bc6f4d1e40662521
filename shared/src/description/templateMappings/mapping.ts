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
  language: LanguageForm
  /** The content items of another frame of the same board (scaffolding left out), e.g. to gather all open questions in one place. */
  frameItems: (frameKey: string) => BoardItem[]
  /** The template notes of a frame nobody moved or edited (scaffolding.ts): what the board still holds of the challenge's own. */
  untouched: (frameKey: string) => BoardItem[]
}

/** A rule's result: the field value and the items it was made from (of any frame of the board: each frame gets its own source). */
export interface RuleResult<K extends EditableFieldKey> {
  value: DescriptionFields[K]
  notes: readonly BoardItem[]
}

export interface FrameRule<K extends EditableFieldKey> {
  /** The frame's template key, e.g. 'grid'. */
  frame: string
  field: K
  /**
   * Reads the frame's content items (see `contentItems`; empty when people put nothing there, so a rule
   * may still gather from other frames); null or no notes means nothing to add.
   */
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

/** One board's addition to one field, with a source per frame its notes lie in and the notes themselves. */
export type Contribution = {
  [K in EditableFieldKey]: { field: K; value: DescriptionFields[K]; sources: SourceRef[]; notes: readonly BoardItem[] }
}[EditableFieldKey]

/**
 * What people put in a frame: notes, their own texts and labelled shapes. A template note counts once
 * someone moved or edited it; left where the template put it, it is scaffolding (`scaffolding`, the ids
 * from scaffolding.ts). Arrows and unknown shapes are connectors and drawings, not statements.
 */
export function contentItems(items: readonly BoardItem[], scaffolding: ReadonlySet<string>): BoardItem[] {
  return items.filter((item) => ['note', 'text', 'geo'].includes(item.kind) && item.text.trim() !== '' && !scaffolding.has(item.id))
}

/** The items with the most dots of a kept dot vote first; equals (and boards without a kept vote) keep reading order. */
export function byVotes<T extends Pick<BoardItem, 'keptVotes'>>(items: readonly T[]): T[] {
  return [...items].sort((a, b) => (b.keptVotes ?? 0) - (a.keptVotes ?? 0))
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

/** The entries of a Markdown bullet list made by `bullet` (an entry's further lines are indented under it). */
export function bulletEntries(list: string): string[] {
  return list.split(/\n(?=- )/).filter((entry) => entry.trim() !== '')
}

/** A bold sub-heading and a block under it; the labels are ours (labels.ts), never people's text. */
export function headed(heading: string, body: string): string {
  return `**${heading}**\n\n${body}`
}
