// How the editor shows and checks each editable field of a challenge description:
// which control it gets, how a typed value becomes the value that is saved (blank
// list lines dropped), and the field's problems under the same schema the server
// checks with, at the positions the person sees them.
import {
  DescriptionFields,
  type EditableFieldKey,
  type Need,
  type Stakeholder,
} from '../../../shared/src/description/challengeDescription.ts'
import type { FieldIssue } from '../../../shared/src/schema/publicApi.ts'

/** The control a field gets. */
export type FieldForm =
  /** one line: title, contact point */
  | 'line'
  /** Markdown text in a text area */
  | 'text'
  /** a list of short texts, one per line */
  | 'list'
  /** a list of longer texts, one text area per item */
  | 'longList'
  | 'needs'
  | 'stakeholders'
  | 'outcome'
  /** a calendar day */
  | 'date'

export const fieldForms: Readonly<Record<EditableFieldKey, FieldForm>> = {
  title: 'line',
  summary: 'text',
  themes: 'list',
  background: 'text',
  problemStatement: 'text',
  needs: 'needs',
  targetGroups: 'list',
  stakeholders: 'stakeholders',
  goals: 'longList',
  ideas: 'longList',
  constraints: 'longList',
  risks: 'longList',
  existingInitiatives: 'longList',
  localAdvantages: 'longList',
  desiredOutcome: 'outcome',
  anchoring: 'text',
  transferability: 'text',
  offer: 'text',
  howToAnswer: 'text',
  answerDeadline: 'date',
  contactPoint: 'line',
}

/** The longest text a one-value text field takes, for a character count beside it. */
export function maxLengthOf(key: EditableFieldKey): number | null {
  const schema = DescriptionFields.shape[key]
  return 'maxLength' in schema && typeof schema.maxLength === 'number' ? schema.maxLength : null
}

/** An empty row of a table-like field, as "Legg til" adds it. */
export const emptyNeed = (): Need => ({ need: '', who: '', evidence: '', priority: null })
export const emptyStakeholder = (): Stakeholder => ({ actor: '', sector: null, interest: null, influence: null })

const blankText = (text: string) => text.trim() === ''
const isBlankRow = (row: object) =>
  Object.values(row).every((value) => value === null || (typeof value === 'string' && blankText(value)))

/**
 * A typed value as it is saved: list lines and table rows left blank are dropped
 * (they are where a person was about to write, not content). `positions[i]` is
 * where saved item `i` is on screen, so a problem is shown at the right line.
 */
export function normalizeField<K extends EditableFieldKey>(
  key: K,
  value: DescriptionFields[K],
): { value: DescriptionFields[K]; positions: number[] | null } {
  if (!Array.isArray(value)) return { value, positions: null }
  const positions: number[] = []
  const kept: unknown[] = []
  value.forEach((item: unknown, index: number) => {
    const blank = typeof item === 'string' ? blankText(item) : typeof item === 'object' && item !== null && isBlankRow(item)
    if (blank) return
    positions.push(index)
    kept.push(item)
  })
  return { value: kept as DescriptionFields[K], positions }
}

/**
 * The problems of one field's typed value, with paths as the form names its
 * controls ('summary', 'needs.2.need'), checked with the contract's schema.
 * @example fieldIssues('title', '') // [{ path: 'title', message: 'Must not be empty.' }]
 */
export function fieldIssues<K extends EditableFieldKey>(key: K, value: DescriptionFields[K]): FieldIssue[] {
  const { value: saved, positions } = normalizeField(key, value)
  const parsed = DescriptionFields.shape[key].safeParse(saved)
  if (parsed.success) return []
  return parsed.error.issues.map((issue) => {
    const [first, ...rest] = issue.path.map(String)
    const shown = positions !== null && first !== undefined && /^\d+$/.test(first) ? String(positions[Number(first)] ?? first) : first
    return { path: [key, ...(shown === undefined ? [] : [shown]), ...rest].join('.'), message: issue.message }
  })
}

/** A value checked against the field's schema: a pending drafted value comes as JSON and is shown only if valid. */
export function asFieldValue<K extends EditableFieldKey>(key: K, value: unknown): DescriptionFields[K] | null {
  const parsed = DescriptionFields.shape[key].safeParse(value)
  return parsed.success ? (parsed.data as DescriptionFields[K]) : null
}
