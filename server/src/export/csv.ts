import { stringify } from 'csv-stringify/sync'
import type { DescriptionExport } from './exportInput.ts'

/**
 * The columns of the CSV export: `kind` says whether a row is a need or a
 * stakeholder, and each kind fills its own columns. Column names and the
 * enumerated values (priority, sector, interest, influence) are the stable
 * codes of the JSON export, so the file is as machine-readable as that one.
 */
export const csvColumns = ['kind', 'need', 'who', 'evidence', 'priority', 'actor', 'sector', 'interest', 'influence'] as const
export type CsvRow = Record<(typeof csvColumns)[number], string>

/**
 * Spreadsheets run a cell that starts with `=`, `+`, `-` or `@` (and some also
 * after a tab or carriage return) as a formula, e.g. `=HYPERLINK(...)`. A
 * leading apostrophe makes the cell text.
 */
export function guardFormula(cell: string): string {
  return /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell
}

/** The needs and stakeholders as rows (before the formula guard). */
export function csvRows(description: DescriptionExport): CsvRow[] {
  const empty: CsvRow = { kind: '', need: '', who: '', evidence: '', priority: '', actor: '', sector: '', interest: '', influence: '' }
  return [
    ...description.fields.needs.map((need) => ({
      ...empty,
      kind: 'need',
      need: need.need,
      who: need.who,
      evidence: need.evidence,
      priority: need.priority ?? '',
    })),
    ...description.fields.stakeholders.map((stakeholder) => ({
      ...empty,
      kind: 'stakeholder',
      actor: stakeholder.actor,
      sector: stakeholder.sector ?? '',
      interest: stakeholder.interest ?? '',
      influence: stakeholder.influence ?? '',
    })),
  ]
}

/** `GET …/export/csv`: one row per need and per stakeholder, UTF-8 with a BOM so that Excel reads æ, ø and å. */
export function renderCsv(description: DescriptionExport): string {
  const rows = csvRows(description).map((row) => csvColumns.map((column) => guardFormula(row[column])))
  return stringify([[...csvColumns], ...rows], { bom: true, record_delimiter: 'windows' })
}
