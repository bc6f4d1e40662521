// Method templates: versioned data that builds the first board of a workshop step.
import type { TLRecord } from '@tldraw/tlschema'
import type { BoardRecords } from './boardRecords.ts'

/** The challenge facts a template puts on a board; the domain model maps its Challenge onto this. */
export interface TemplateChallenge {
  title: string
  summary: string
  problemStatements: string[]
  stakeholderGroups: string[]
  municipality: string
}

/** Language forms a board can be built in: bokmål, nynorsk and English. */
export const templateLanguages = Object.freeze(['nb', 'nn', 'en'] as const)
export type TemplateLanguage = (typeof templateLanguages)[number]

/** One text in every language form. */
export type Localized<T = string> = Readonly<Record<TemplateLanguage, T>>

export const templateIds = Object.freeze([
  'challenge-framing',
  'stakeholder-mapping',
  'ideas',
  'prototyping',
  'prioritising',
] as const)
export type TemplateId = (typeof templateIds)[number]

/** What a version's build function receives. */
export interface TemplateBuildInput {
  language: TemplateLanguage
  challenge: TemplateChallenge
}

/** The initial board of a step: a page and its shapes, all document-scoped tldraw records. */
export interface TemplateBoard {
  records: TLRecord[]
}

/**
 * One released version of a template. Released versions are never edited: a change to layout or text
 * is a new version appended to the template's list, so a step that recorded its version rebuilds exactly.
 */
export interface TemplateVersion {
  readonly version: number
  /** Builds the shapes; the record factory already knows the template id and version for stable ids. */
  readonly build: (input: TemplateBuildInput, board: BoardRecords) => void
}

export interface MethodTemplate {
  readonly id: TemplateId
  /** Name shown when a facilitator picks a template for a step. */
  readonly name: Localized
  /** One line on what the step is for. */
  readonly purpose: Localized
  /** Oldest first; append-only. */
  readonly versions: readonly TemplateVersion[]
}
