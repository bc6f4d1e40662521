// "Draft from workshop": the challenge gives the starting values, and each step's board adds to or
// replaces them through its template version's mapping (templateMappings/). Pure and deterministic:
// the same challenge and boards always give the same draft.
import type { BoardItem, BoardReading } from '../board/boardReading.ts'
import { escapeMarkdown } from '../board/richText.ts'
import type { LanguageForm } from '../schema/municipality.ts'
import {
  DescriptionFields,
  editableFieldKeys,
  type EditableFieldKey,
  type SourceRef,
} from './challengeDescription.ts'
import { combineField, fitFields, truncateAtWord } from './combineFields.ts'
import { findMapping, type Contribution, type DraftStep } from './templateMappings/index.ts'
import { bullet, contentItems } from './templateMappings/mapping.ts'

export type { DraftStep } from './templateMappings/index.ts'

/** A municipality as the description names it. */
export interface NamedMunicipality {
  id: string
  name: string
}

/** The challenge (shared/src/schema/challenge.ts) with its municipalities resolved to names. */
export interface DraftChallenge {
  id: string
  title: string
  summary: string
  themes: readonly string[]
  problemStatements: readonly string[]
  stakeholderGroups: readonly string[]
  leadMunicipality: NamedMunicipality
  coApplicants: readonly NamedMunicipality[]
  followerMunicipalities: readonly NamedMunicipality[]
}

export interface DraftInput {
  challenge: DraftChallenge
  /** The lead municipality's language form. */
  languageForm: LanguageForm
  /** The workshop's steps in agenda order, each with its board read by `readBoard`. */
  steps: readonly { step: DraftStep; reading: BoardReading }[]
}

export interface DraftedFields {
  fields: DescriptionFields
  /** Where each field's drafted value came from; fields only the challenge filled have none. */
  sources: Partial<Record<EditableFieldKey, SourceRef[]>>
}

/** Longest summary the description allows (challengeDescription.ts). */
export const summaryMaxLength = 500

/**
 * The description's fields drafted from the challenge and the workshop's boards.
 * @example draftFields({ challenge, languageForm: 'nb', steps: [{ step, reading: readBoard(doc) }] })
 */
export function draftFields(input: DraftInput): DraftedFields {
  const start = challengeFields(input.challenge, input.languageForm, input.steps.map(({ step }) => step))
  const contributions = input.steps.flatMap(({ step, reading }) => contributionsOf(step, reading, input))
  const fields: DescriptionFields = { ...start }
  const sources: Partial<Record<EditableFieldKey, SourceRef[]>> = {}
  for (const field of editableFieldKeys) {
    const mine = contributions.filter((entry) => entry.field === field)
    if (mine.length === 0) continue
    setField(fields, field, combineField(field, start[field], mine.map((entry) => entry.value as DescriptionFields[typeof field])))
    sources[field] = mine.map((entry) => entry.source).slice(0, 100)
  }
  // Parsing trims as the store does, so a stored draft compares equal to what was drafted.
  return { fields: DescriptionFields.parse(fitFields(fields)), sources }
}

/**
 * The description as the challenge alone gives it: the draft before any workshop.
 * The summary is cut to 500 characters at a word; when that cuts it, the whole text opens the background.
 */
export function challengeFields(challenge: DraftChallenge, languageForm: LanguageForm, steps: readonly DraftStep[] = []): DescriptionFields {
  const summary = truncateAtWord(challenge.summary, summaryMaxLength)
  const fields: DescriptionFields = {
    title: challenge.title,
    summary,
    leadMunicipality: { ...challenge.leadMunicipality },
    coApplicants: challenge.coApplicants.map((entry) => ({ ...entry })),
    followerMunicipalities: challenge.followerMunicipalities.map((entry) => ({ ...entry })),
    themes: [...challenge.themes],
    background: summary === challenge.summary.trim() ? '' : escapeMarkdown(challenge.summary.trim()),
    problemStatement: challenge.problemStatements.map((question) => bullet(escapeMarkdown(question))).join('\n'),
    needs: [],
    targetGroups: [],
    stakeholders: challenge.stakeholderGroups.map((actor) => ({ actor, sector: null, interest: null, influence: null })),
    goals: [],
    constraints: [],
    risks: [],
    existingInitiatives: [],
    localAdvantages: [],
    desiredOutcome: { kinds: [], description: '' },
    anchoring: '',
    transferability: '',
    contactPoint: '',
    languageForm,
    sourceBoards: steps.map((step) => ({
      stepId: step.id,
      boardId: step.boardId,
      templateId: step.templateId,
      templateVersion: step.templateVersion,
      title: step.title,
    })),
  }
  return DescriptionFields.parse(fitFields(fields))
}

/** What one board adds, rule by rule, in the mapping's order. */
function contributionsOf(step: DraftStep, reading: BoardReading, input: DraftInput): Contribution[] {
  const mapping = findMapping(step.templateId, step.templateVersion)
  if (!mapping) return []
  const context = {
    reading,
    challengeQuestions: [input.challenge.title, ...input.challenge.problemStatements],
    language: input.languageForm,
  }
  return mapping.rules.flatMap((rule): Contribution[] => {
    const frame = reading.frames.find((candidate) => candidate.key === rule.frame)
    const items = frame ? contentItems(frame.items) : []
    if (!frame || items.length === 0) return []
    const result = rule.read(items, context)
    if (!result || result.notes.length === 0) return []
    const source: SourceRef = {
      stepId: step.id,
      boardId: step.boardId,
      frameKey: frame.key,
      frameName: frame.name,
      stepTitle: step.title,
      notes: sourceNotes(result.notes),
    }
    return [{ field: rule.field, value: result.value, source } as Contribution]
  })
}

/** The notes behind a value, each once, with their text as it is now (cut to SourceRef's limits). */
function sourceNotes(items: readonly BoardItem[]): SourceRef['notes'] {
  const unique = new Map(items.map((item) => [item.id, item]))
  return [...unique.values()].slice(0, 1000).map((item) => ({ id: item.id, text: item.text.slice(0, 10_000) }))
}

function setField<K extends EditableFieldKey>(fields: DescriptionFields, field: K, value: DescriptionFields[K]): void {
  fields[field] = value
}
