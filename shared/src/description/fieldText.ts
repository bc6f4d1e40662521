// A field's value in words for people: coded values (sector, interest, influence, priority, outcome kind,
// language form) as their labels, municipalities and boards by name, needs and stakeholders as tables.
// The editor's preview, the exports and the version diff all start from this, so a value reads the same
// in each; they differ only in how they lay it out and in what they say for an empty field or cell.
import type { DescriptionFields, FieldKey, Need, Stakeholder } from './challengeDescription.ts'
import type { Localized } from '../templates/types.ts'
import {
  documentTexts,
  influenceLabels,
  interestLabels,
  languageFormLabels,
  outcomeKindLabels,
  partLabels,
  priorityLabels,
  sectorLabels,
  type LabelLanguage,
} from './labels.ts'

/** A table column: its label key, and whether its cells are the person's Markdown (else a label or a name). */
export interface TextColumn {
  key: keyof typeof partLabels
  markdown: boolean
}

/**
 * A field's value in words. `markdown` says the text is the person's Markdown (to render or escape as
 * such); otherwise it is plain text. A table cell is null where a coded value is not set.
 */
export type FieldText =
  | { shape: 'text'; text: string; markdown: boolean }
  | { shape: 'list'; items: string[]; markdown: boolean }
  | { shape: 'table'; columns: readonly TextColumn[]; rows: (string | null)[][] }
  | { shape: 'outcome'; /** The kinds' labels, comma-separated; '' when none. */ kinds: string; description: string }

const needColumns: readonly TextColumn[] = [
  { key: 'need', markdown: true },
  { key: 'who', markdown: true },
  { key: 'evidence', markdown: true },
  { key: 'priority', markdown: false },
]
const stakeholderColumns: readonly TextColumn[] = [
  { key: 'actor', markdown: true },
  { key: 'sector', markdown: false },
  { key: 'interest', markdown: false },
  { key: 'influence', markdown: false },
]

type FieldEntry = { [K in FieldKey]: { key: K; value: DescriptionFields[K] } }[FieldKey]

/**
 * One field's value in words, labels in `language`.
 * @example fieldText('stakeholders', fields.stakeholders, 'nn') // { shape: 'table', rows: [['Ungdomsrådet', null, 'Lita', 'Stor']] }
 */
export function fieldText<K extends FieldKey>(key: K, value: DescriptionFields[K], language: LabelLanguage): FieldText {
  const field = { key, value } as FieldEntry
  switch (field.key) {
    case 'title':
    case 'contactPoint':
      return { shape: 'text', text: field.value, markdown: false }
    case 'summary':
    case 'background':
    case 'problemStatement':
    case 'anchoring':
    case 'transferability':
    case 'offer':
    case 'howToAnswer':
      return { shape: 'text', text: field.value, markdown: true }
    case 'answerDeadline':
      return { shape: 'text', text: field.value === '' ? '' : dateText(field.value, language), markdown: false }
    case 'leadMunicipality':
      return { shape: 'text', text: field.value.name, markdown: false }
    case 'languageForm':
      return { shape: 'text', text: languageFormLabels[field.value][language], markdown: false }
    case 'coApplicants':
    case 'followerMunicipalities':
      return { shape: 'list', items: field.value.map((municipality) => municipality.name), markdown: false }
    // Only the steps' names: the board and step ids behind them are internal.
    case 'sourceBoards':
      return { shape: 'list', items: field.value.map((board) => board.title), markdown: false }
    case 'themes':
    case 'targetGroups':
    case 'goals':
    case 'ideas':
    case 'constraints':
    case 'risks':
    case 'existingInitiatives':
    case 'localAdvantages':
      return { shape: 'list', items: [...field.value], markdown: true }
    case 'needs':
      return { shape: 'table', columns: needColumns, rows: field.value.map((need) => needRow(need, language)) }
    case 'stakeholders':
      return { shape: 'table', columns: stakeholderColumns, rows: field.value.map((entry) => stakeholderRow(entry, language)) }
    case 'desiredOutcome':
      return {
        shape: 'outcome',
        kinds: field.value.kinds.map((kind) => outcomeKindLabels[kind][language]).join(', '),
        description: field.value.description,
      }
  }
}

/** True when the field says nothing: no text, no entries, neither outcome kinds nor a description. */
export function isEmptyText(text: FieldText): boolean {
  switch (text.shape) {
    case 'text':
      return text.text.trim() === ''
    case 'list':
      return text.items.length === 0
    case 'table':
      return text.rows.length === 0
    case 'outcome':
      return text.kinds === '' && text.description.trim() === ''
  }
}

/** What a description says for a field or a coded value that is not given ("Ikke oppgitt"). */
export function notGivenText(language: LabelLanguage): string {
  return documentTexts.notGiven[language]
}

/**
 * A table row as one line: the first cell, then each other non-empty cell after its column's label.
 * @example rowLine(columns, ['Møteplasser', '', null, 'Planlegg godt'], 'nb') // 'Møteplasser · Prioritet: Planlegg godt'
 */
export function rowLine(columns: readonly TextColumn[], row: readonly (string | null)[], language: LabelLanguage): string {
  const [first = '', ...rest] = row
  const details = rest.flatMap((cell, index) => {
    const column = columns[index + 1]
    return cell && column ? [`${partLabels[column.key][language]}: ${cell}`] : []
  })
  return [first, ...details].join(' · ')
}

function needRow(need: Need, language: LabelLanguage): (string | null)[] {
  return [need.need, need.who, need.evidence, labelOf(priorityLabels, need.priority, language)]
}

function stakeholderRow(entry: Stakeholder, language: LabelLanguage): (string | null)[] {
  return [
    entry.actor,
    labelOf(sectorLabels, entry.sector, language),
    labelOf(interestLabels, entry.interest, language),
    labelOf(influenceLabels, entry.influence, language),
  ]
}

const dateLocales: Readonly<Record<LabelLanguage, string>> = { nb: 'nb-NO', nn: 'nn-NO', en: 'en-GB' }

/**
 * A calendar date (YYYY-MM-DD) as people write it, e.g. "15. januar 2027"; the day itself, wherever the reader is.
 * @example dateText('2027-01-15', 'nb') // '15. januar 2027'
 */
export function dateText(date: string, language: LabelLanguage): string {
  const time = Date.parse(`${date}T00:00:00Z`)
  if (!Number.isFinite(time)) return date
  return new Intl.DateTimeFormat(dateLocales[language], { dateStyle: 'long', timeZone: 'UTC' }).format(time)
}

function labelOf<C extends string>(labels: Readonly<Record<C, Localized>>, code: C | null, language: LabelLanguage): string | null {
  return code === null ? null : labels[code][language]
}
