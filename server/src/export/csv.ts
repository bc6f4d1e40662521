import { stringify } from 'csv-stringify/sync'
import { fieldText, type FieldText } from '../../../shared/src/description/fieldText.ts'
import type { LanguageForm } from '../../../shared/src/schema/municipality.ts'
import { exportLabels } from './exportLabels.ts'
import type { DescriptionExport } from './exportInput.ts'

/**
 * The columns of the CSV export: a row's kind (a need or a stakeholder), then the needs'
 * columns and the stakeholders', each kind filling its own. The file is for people opening it
 * in a spreadsheet, so headers and values are worded in the description's language form, as
 * its other exports are; the JSON export keeps the stable codes for machines.
 */
const csvColumns = ['kind', 'need', 'who', 'evidence', 'priority', 'actor', 'sector', 'interest', 'influence'] as const
type CsvColumn = (typeof csvColumns)[number]

/** The header of the kind column; the kinds themselves are the parts' own labels ("Behov", "Aktør"). */
const kindHeader: Readonly<Record<LanguageForm, string>> = { nb: 'Type', nn: 'Type' }

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

/**
 * The header and one row per need and per stakeholder, worded in the description's language
 * form by fieldText (before the formula guard); a cell of the other kind's columns is empty.
 * @example csvTable(nynorsk).header // ['Type', 'Behov', 'Kven', 'Grunnlag', 'Prioritet', 'Aktør', 'Sektor', 'Interesse', 'Innverknad']
 */
export function csvTable(description: DescriptionExport): { header: string[]; rows: string[][] } {
  const language = description.fields.languageForm
  const { parts } = exportLabels(language)
  const header = csvColumns.map((column) => (column === 'kind' ? kindHeader[language] : parts[column]))
  const rows = [
    ...tableRows(fieldText('needs', description.fields.needs, language), parts.need),
    ...tableRows(fieldText('stakeholders', description.fields.stakeholders, language), parts.actor),
  ]
  return { header, rows }
}

/** A field's table as CSV rows of every column, its kind first. */
function tableRows(text: FieldText, kind: string): string[][] {
  if (text.shape !== 'table') return []
  const cellOf = (row: readonly (string | null)[], column: CsvColumn): string => {
    if (column === 'kind') return kind
    const index = text.columns.findIndex((each) => each.key === column)
    return index === -1 ? '' : (row[index] ?? '')
  }
  return text.rows.map((row) => csvColumns.map((column) => cellOf(row, column)))
}

/** `GET …/export/csv`: one row per need and per stakeholder, UTF-8 with a BOM so that Excel reads æ, ø and å. */
export function renderCsv(description: DescriptionExport): string {
  const { header, rows } = csvTable(description)
  return stringify([header, ...rows.map((row) => row.map(guardFormula))], { bom: true, record_delimiter: 'windows' })
}
