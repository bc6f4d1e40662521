import { z } from 'zod'
import { EntityId } from '../schema/entityId.ts'
import { LanguageForm } from '../schema/municipality.ts'

// The contract for the challenge description (utfordringsbeskrivelse) as
// structured fields, the provenance that ties each drafted field to the board
// notes it came from, and the draft/published envelopes. The server stores and
// validates with these; exports render them; the client edits them.

const text = (max: number) => z.string().trim().max(max, `Must be at most ${max} characters.`)
const list = <T extends z.ZodType>(item: T, max = 100) => z.array(item).max(max)

/** A municipality named in the description. */
export const NamedMunicipality = z.strictObject({ id: EntityId, name: text(200) })

/** A need: what is needed, who has it, and what shows it (quotes, numbers, observations). */
export const Need = z.strictObject({
  need: text(1000).min(1, 'Must not be empty.'),
  who: text(300),
  evidence: text(2000),
  /** Set when a prioritising board ranked it: its cell of the impact × effort matrix. */
  priority: z.enum(['do-first', 'plan', 'quick-win', 'later']).nullable(),
})
export type Need = z.infer<typeof Need>

/** Society's sectors, as the stakeholder ring names them. */
export const Sector = z.enum(['municipality', 'business', 'citizens', 'voluntary', 'schools', 'county-state', 'other'])
export type Sector = z.infer<typeof Sector>

export const Level = z.enum(['high', 'low'])

/** An actor with their sector and where the stakeholder grid placed them. */
export const Stakeholder = z.strictObject({
  actor: text(300).min(1, 'Must not be empty.'),
  sector: Sector.nullable(),
  interest: Level.nullable(),
  influence: Level.nullable(),
})
export type Stakeholder = z.infer<typeof Stakeholder>

export const OutcomeKind = z.enum(['insight', 'concept', 'prototype', 'pilot'])
export type OutcomeKind = z.infer<typeof OutcomeKind>

/** A board the description was drafted from. */
export const SourceBoard = z.strictObject({
  stepId: EntityId,
  boardId: EntityId,
  templateId: z.string(),
  templateVersion: z.int(),
  /** The step's name as the agenda shows it. */
  title: text(200),
})
export type SourceBoard = z.infer<typeof SourceBoard>

/**
 * The fields of a challenge description. Free text is Markdown (the exports
 * escape it for their format); lists are one entry per item.
 */
export const DescriptionFields = z.strictObject({
  title: text(400).min(1, 'Must not be empty.'),
  summary: text(500),
  leadMunicipality: NamedMunicipality,
  coApplicants: list(NamedMunicipality),
  followerMunicipalities: list(NamedMunicipality),
  themes: list(text(200)),
  background: text(10_000),
  /** What the problem is, not how to solve it. */
  problemStatement: text(10_000),
  needs: list(Need, 200),
  targetGroups: list(text(300)),
  stakeholders: list(Stakeholder, 300),
  goals: list(text(1000)),
  /** Ideas and possible directions the workshop found: what a solution might look like, not what is wanted. */
  ideas: list(text(1000)),
  constraints: list(text(1000)),
  risks: list(text(1000)),
  existingInitiatives: list(text(1000)),
  localAdvantages: list(text(1000)),
  desiredOutcome: z.strictObject({ kinds: list(OutcomeKind, 4), description: text(4000) }),
  anchoring: text(4000),
  transferability: text(4000),
  /** What the municipality brings to a collaboration: data, a place to test, people, money. */
  offer: text(4000),
  /** How a business answers the challenge: what to send, where, what happens next. */
  howToAnswer: text(4000),
  /** The last day to answer (YYYY-MM-DD), or '' when none is set. */
  answerDeadline: z.union([z.literal(''), z.iso.date('Must be a date, YYYY-MM-DD.')]),
  /** A role address (postmottak@…, not a person's own address). */
  contactPoint: text(254),
  languageForm: LanguageForm,
  sourceBoards: list(SourceBoard, 100),
})
export type DescriptionFields = z.infer<typeof DescriptionFields>
export type FieldKey = keyof DescriptionFields

/** The fields a person edits; the rest follow the challenge (municipalities, language form) or the draft run (source boards). */
export const editableFieldKeys = [
  'title',
  'summary',
  'themes',
  'background',
  'problemStatement',
  'needs',
  'targetGroups',
  'stakeholders',
  'goals',
  'ideas',
  'constraints',
  'risks',
  'existingInitiatives',
  'localAdvantages',
  'desiredOutcome',
  'anchoring',
  'transferability',
  'offer',
  'howToAnswer',
  'answerDeadline',
  'contactPoint',
] as const satisfies readonly FieldKey[]
export type EditableFieldKey = (typeof editableFieldKeys)[number]

/**
 * Fields the description gained after descriptions were first stored, with the value a stored
 * description without them has: drafts and versions written before read as if left empty.
 */
function laterFields(): Pick<DescriptionFields, 'ideas' | 'offer' | 'howToAnswer' | 'answerDeadline'> {
  return { ideas: [], offer: '', howToAnswer: '', answerDeadline: '' }
}

/** A stored draft or version body (JSON) with the fields added since it was written, for parsing. */
export function withLaterFields(stored: unknown): unknown {
  if (!isObject(stored) || !isObject(stored.fields)) return stored
  return { ...stored, fields: { ...laterFields(), ...stored.fields } }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** Where a drafted value came from: a frame of a step's board and the notes in it. */
export const SourceRef = z.strictObject({
  stepId: EntityId,
  boardId: EntityId,
  /** The frame's template key, e.g. 'grid'. */
  frameKey: z.string(),
  /** The frame's name as shown on the board, e.g. "Interesse og innflytelse". */
  frameName: z.string(),
  /** The step's name, e.g. "Kartlegge aktører". */
  stepTitle: z.string(),
  /**
   * The notes used, with their text as it was when drafted. `id` is the shape
   * id (internal: exports never show it). No author: names are personal data,
   * looked up from the board only when a facilitator exports with names.
   */
  notes: z.array(z.strictObject({ id: z.string(), text: z.string().max(10_000) })).max(1000),
})
export type SourceRef = z.infer<typeof SourceRef>

/**
 * What the draft knows about one field: where its drafted value came from,
 * what the last "draft from workshop" produced (to tell a person's edit from
 * the drafted text), and a newer drafted value waiting for the person to accept
 * when they had edited the field.
 */
export const FieldProvenance = z.strictObject({
  sources: z.array(SourceRef).max(100),
  /** The value the last draft run produced for this field (JSON of the field's type), or null. */
  drafted: z.unknown().nullable(),
  /** A person changed the field after it was drafted; re-drafting will not overwrite it. */
  edited: z.boolean(),
  /** A re-draft produced something else for an edited free-text field: shown for the person to accept or dismiss. */
  pending: z.unknown().nullable(),
  // The three below are for list fields (listRows.ts), row by row, each row known by its key
  // (its normalised main text). Drafts stored before they existed parse with them empty.
  /** Rows a re-draft found new for an edited list field, each waiting to be added or dismissed on its own (JSON rows). */
  pendingRows: z.array(z.unknown()).max(1000).default([]),
  /** Keys of drafted rows the person removed: no re-draft brings them back. */
  deletedRows: z.array(z.string().max(10_000)).max(1000).default([]),
  /** Keys of suggested rows the person dismissed: not offered again while the boards say the same of them. */
  dismissedRows: z.array(z.string().max(10_000)).max(1000).default([]),
})
export type FieldProvenance = z.infer<typeof FieldProvenance>

/** The working copy facilitators and the municipality's editors change. */
export const DescriptionDraft = z.strictObject({
  challengeId: EntityId,
  fields: DescriptionFields,
  provenance: z.partialRecord(z.enum(editableFieldKeys), FieldProvenance),
  /** The workshop last drafted from, or null before any draft run. */
  workshopId: EntityId.nullable(),
  updatedAt: z.string(),
})
export type DescriptionDraft = z.infer<typeof DescriptionDraft>

/** An immutable published version. */
export const PublishedDescription = z.strictObject({
  challengeId: EntityId,
  version: z.int().min(1),
  publishedAt: z.string(),
  /** The publishing facilitator's display name (a person acting in office, shown on the public page). */
  publishedBy: z.string(),
  fields: DescriptionFields,
  /** Where each drafted field came from, as it was at publishing. */
  sources: z.partialRecord(z.enum(editableFieldKeys), z.array(SourceRef).max(100)),
})
export type PublishedDescription = z.infer<typeof PublishedDescription>
