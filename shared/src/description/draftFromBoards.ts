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
import { maxLeftOutGroups } from './descriptionApi.ts'
import { findMapping, type Contribution, type DraftStep, type MappingContext } from './templateMappings/index.ts'
import { bullet, contentItems } from './templateMappings/mapping.ts'
import { untouchedTemplateNotes } from './templateMappings/scaffolding.ts'
import { isVotedField, orderedByVotes } from './voteOrder.ts'

export type { DraftStep } from './templateMappings/index.ts'

/** A municipality as the description names it. */
export interface NamedMunicipality {
  id: string
  name: string
}

/** The challenge (shared/src/schema/challenge.ts) with its municipalities resolved to names. */
export interface DraftChallenge {
  id: string
  /** The challenge's name, e.g. "Kirkenær – et attraktivt sentrum for både næringsliv og innbyggere". */
  name: string
  /** Its main "Hvordan kan vi …?" question. */
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
  /**
   * What people wrote on the boards that no field took (a statement where a question was asked, a
   * note no rule reads, one outside every frame), by step and frame, for the facilitator to place.
   */
  leftOut: SourceRef[]
}

/** Longest summary the description allows (challengeDescription.ts). */
export const summaryMaxLength = 500

/**
 * The description's fields drafted from the challenge and the workshop's boards.
 * @example draftFields({ challenge, languageForm: 'nb', steps: [{ step, reading: readBoard(doc) }] })
 */
export function draftFields(input: DraftInput): DraftedFields {
  const start = challengeFields(input.challenge, input.languageForm, input.steps.map(({ step }) => step))
  const perStep = input.steps.map(({ step, reading }) => contributionsOf(step, reading, input))
  const contributions = perStep.flatMap((drafted) => drafted.contributions)
  const leftOut = perStep.flatMap((drafted) => drafted.leftOut).slice(0, maxLeftOutGroups)
  const fields: DescriptionFields = { ...start }
  const sources: Partial<Record<EditableFieldKey, SourceRef[]>> = {}
  for (const field of editableFieldKeys) {
    const mine = contributions.filter((entry) => entry.field === field)
    if (mine.length === 0) continue
    setField(fields, field, combineField(field, start[field], mine.map((entry) => entry.value as DescriptionFields[typeof field])))
    if (isVotedField(field)) setField(fields, field, orderedByVotes(field, fields[field], mine.flatMap((entry) => entry.notes)))
    sources[field] = mine.flatMap((entry) => entry.sources).slice(0, 100)
  }
  // Parsing trims as the store does, so a stored draft compares equal to what was drafted.
  return { fields: DescriptionFields.parse(fitFields(fields)), sources, leftOut }
}

/**
 * The description as the challenge alone gives it: the draft before any workshop.
 * The summary is cut to 500 characters at a word; the background opens with its whole text, which the
 * framing board's knowledge follows. The challenge's stakeholder groups ("kommune", "næringsliv") are
 * categories, not actors: an actor row with sector, interest and influence all unknown tells a business
 * nothing, so the stakeholders stay empty until a board names actors.
 */
export function challengeFields(challenge: DraftChallenge, languageForm: LanguageForm, steps: readonly DraftStep[] = []): DescriptionFields {
  const summary = truncateAtWord(challenge.summary, summaryMaxLength)
  const fields: DescriptionFields = {
    title: challenge.name,
    summary,
    leadMunicipality: { ...challenge.leadMunicipality },
    coApplicants: challenge.coApplicants.map((entry) => ({ ...entry })),
    followerMunicipalities: challenge.followerMunicipalities.map((entry) => ({ ...entry })),
    themes: [...challenge.themes],
    background: escapeMarkdown(challenge.summary.trim()),
    problemStatement: challenge.problemStatements.map((question) => bullet(escapeMarkdown(question))).join('\n'),
    needs: [],
    targetGroups: [],
    stakeholders: [],
    goals: [],
    ideas: [],
    constraints: [],
    risks: [],
    existingInitiatives: [],
    localAdvantages: [],
    desiredOutcome: { kinds: [], description: '' },
    anchoring: '',
    transferability: '',
    offer: '',
    howToAnswer: '',
    answerDeadline: '',
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

/**
 * What one board adds, rule by rule, in the mapping's order, and what people wrote that no rule took.
 * Template notes nobody moved or edited are scaffolding (scaffolding.ts): no rule sees them as content,
 * no source names them, and they are not left out either.
 */
function contributionsOf(step: DraftStep, reading: BoardReading, input: DraftInput): { contributions: Contribution[]; leftOut: SourceRef[] } {
  const { challenge } = input
  const scaffolding = untouchedTemplateNotes(reading, step.templateId, step.templateVersion, {
    title: challenge.title,
    summary: challenge.summary,
    problemStatements: [...challenge.problemStatements],
    stakeholderGroups: [...challenge.stakeholderGroups],
    municipality: challenge.leadMunicipality.name,
  })
  const everything = contentItems([...reading.frames.flatMap((frame) => frame.items), ...reading.loose], scaffolding)
  const mapping = findMapping(step.templateId, step.templateVersion)
  if (!mapping) return { contributions: [], leftOut: leftOutOf(step, reading, everything) }
  const frameItems = (key: string): BoardItem[] => reading.frames.find((frame) => frame.key === key)?.items ?? []
  const context: MappingContext = {
    reading,
    language: input.languageForm,
    frameItems: (key) => contentItems(frameItems(key), scaffolding),
    untouched: (key) => frameItems(key).filter((item) => scaffolding.has(item.id)),
  }
  const contributions = mapping.rules.flatMap((rule): Contribution[] => {
    const frame = reading.frames.find((candidate) => candidate.key === rule.frame)
    if (!frame) return []
    const result = rule.read(contentItems(frame.items, scaffolding), context)
    if (!result || result.notes.length === 0) return []
    return [{ field: rule.field, value: result.value, sources: sourcesOf(step, reading, result.notes), notes: result.notes } as Contribution]
  })
  const used = new Set(contributions.flatMap((contribution) => contribution.notes.map((item) => item.id)))
  return { contributions, leftOut: leftOutOf(step, reading, everything.filter((item) => !used.has(item.id))) }
}

/** The items no rule took, as sources: one per frame in reading order, then those outside every frame (frame key and name empty). */
function leftOutOf(step: DraftStep, reading: BoardReading, items: readonly BoardItem[]): SourceRef[] {
  const { id: stepId, boardId, title: stepTitle } = step
  const loose = items.filter((item) => item.frameKey === null)
  return [
    ...sourcesOf(step, reading, items.filter((item) => item.frameKey !== null)),
    ...(loose.length > 0 ? [{ stepId, boardId, frameKey: '', frameName: '', stepTitle, notes: sourceNotes(loose) }] : []),
  ]
}

/** One source per frame the notes lie in, in the order the notes were used. */
function sourcesOf(step: DraftStep, reading: BoardReading, notes: readonly BoardItem[]): SourceRef[] {
  const frameKeys = [...new Set(notes.map((item) => item.frameKey))]
  return frameKeys.flatMap((key): SourceRef[] => {
    const frame = reading.frames.find((candidate) => candidate.key === key)
    if (!frame) return []
    const { id: stepId, boardId, title: stepTitle } = step
    return [{ stepId, boardId, frameKey: frame.key, frameName: frame.name, stepTitle, notes: sourceNotes(notes.filter((item) => item.frameKey === key)) }]
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
