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
 * after a tab, carriage return, line feed or NUL) as a formula, e.g. `=HYPERLINK(...)`.
 * A leading apostrophe makes the cell text. As OWASP warns, that is not enough
 * on its own: Excel in a Norwegian locale opens a .csv splitting on `;`, where
 * our quotes (placed for `,`) no longer hold a cell together, so a `;` or line
 * break inside a cell starts a new cell there. A formula character right after
 * one (past any quotes) gets the apostrophe too. A leading space is left alone:
 * no spreadsheet runs " =1" (and the description's texts are trimmed anyway).
 * @example guardFormula('Tall;=1+1') // "Tall;'=1+1"
 */
export function guardFormula(cell: string): string {
  const inner = cell.replace(/(?<!^)([;\t\r\n]"*)(?=[=+\-@\0])/g, "$1'")
  return /^[=+\-@\t\r\n\0]/.test(inner) ? `'${inner}` : inner
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
