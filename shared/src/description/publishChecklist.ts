// What a business needs in a challenge description before it can answer, checked before publishing:
// the editor shows each as done or as a warning. A warning does not stop publishing: the facilitator
// decides (a municipality may publish early and add the deadline in a later version).
import type { DescriptionFields, EditableFieldKey } from './challengeDescription.ts'

/** `missing`: the field is empty; `past`: the answer deadline is before today. */
export type ChecklistStatus = 'done' | 'missing' | 'past'

export interface ChecklistItem {
  field: EditableFieldKey
  status: ChecklistStatus
}

/** The essentials, in the order a business reads for them. */
export const checklistFields = [
  'summary',
  'problemStatement',
  'needs',
  'offer',
  'howToAnswer',
  'answerDeadline',
  'contactPoint',
] as const satisfies readonly EditableFieldKey[]

const filled = (text: string) => text.trim() !== ''

/**
 * Each essential field and whether it is ready. `today` is the facilitator's calendar day
 * (YYYY-MM-DD): a deadline on that day is still open, one before it has passed.
 * @example publishChecklist(fields, '2027-01-15') // [{ field: 'summary', status: 'done' }, …, { field: 'answerDeadline', status: 'past' }, …]
 */
export function publishChecklist(fields: DescriptionFields, today: string): ChecklistItem[] {
  const statusOf = (field: (typeof checklistFields)[number]): ChecklistStatus => {
    switch (field) {
      case 'needs':
        return fields.needs.length > 0 ? 'done' : 'missing'
      case 'answerDeadline':
        if (fields.answerDeadline === '') return 'missing'
        // ISO dates compare as text.
        return fields.answerDeadline < today ? 'past' : 'done'
      default:
        return filled(fields[field]) ? 'done' : 'missing'
    }
  }
  return checklistFields.map((field) => ({ field, status: statusOf(field) }))
}

/**
 * A local calendar day as YYYY-MM-DD, the form `publishChecklist` compares deadlines with.
 * @example calendarDay(new Date(2027, 0, 15, 23, 30)) // '2027-01-15'
 */
export function calendarDay(date: Date): string {
  const pad = (value: number) => String(value).padStart(2, '0')
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`
}
