import { useEffect, useId, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { FieldIssue } from '../../../shared/src/schema/publicApi.ts'
import { FieldIssues } from '../components/form/FieldIssues.tsx'

/** One column of a table-like field: a text, a longer text, or a choice of labelled values. */
export type RowColumn<Row> =
  | { key: keyof Row & string; label: string; kind: 'text' | 'textarea' }
  | { key: keyof Row & string; label: string; kind: 'select'; options: readonly { value: string; label: string }[] }

export interface RowsEditorProps<Row> {
  /** The field's key, for its issues ('needs', then 'needs.2.need') and test id. */
  path: string
  legend: string
  hint?: string
  columns: readonly RowColumn<Row>[]
  rows: readonly Row[]
  issues: readonly FieldIssue[]
  emptyRow(): Row
  onChange(rows: Row[]): void
}

/**
 * A list of structured items (needs, stakeholders) as a table of form controls:
 * each control is named by its row and column header, problems sit under the
 * control, "Legg til" adds a row and puts the cursor in it, "Fjern" removes one
 * and moves focus to the row that takes its place.
 */
export function RowsEditor<Row extends Record<string, string | null>>({ path, legend, hint, columns, rows, issues, emptyRow, onChange }: RowsEditorProps<Row>) {
  const { t } = useTranslation()
  const id = useId()
  const body = useRef<HTMLTableSectionElement>(null)
  const addButton = useRef<HTMLButtonElement>(null)
  const [focusRow, setFocusRow] = useState<number | null>(null)
  useEffect(() => {
    if (focusRow === null) return
    const row = body.current?.rows[focusRow]
    const control = row?.querySelector<HTMLElement>('input, textarea, select')
    ;(control ?? addButton.current)?.focus()
    setFocusRow(null)
  }, [focusRow])
  const listIssues = issues.filter((issue) => issue.path === path)
  const setCell = (index: number, key: string, value: string | null) =>
    onChange(rows.map((row, rowIndex) => (rowIndex === index ? { ...row, [key]: value } : row)))

  return (
    <fieldset className="rows-editor" data-testid={`field-${path}`} aria-describedby={hint === undefined ? undefined : `${id}-hint`}>
      <legend className="field__label">{legend}</legend>
      {hint !== undefined && (
        <p id={`${id}-hint`} className="hint field__hint">
          {hint}
        </p>
      )}
      <FieldIssues id={listIssues.length > 0 ? `${id}-error` : undefined} issues={listIssues} />
      {rows.length === 0 ? (
        <p className="hint">{t('description.noRows')}</p>
      ) : (
        <div className="rows-editor__scroll">
          <table>
            <thead>
              <tr>
                <th scope="col" className="rows-editor__number">
                  <span className="visually-hidden">{t('description.rowNumber')}</span>
                </th>
                {columns.map((column) => (
                  <th key={column.key} id={`${id}-col-${column.key}`} scope="col">
                    {column.label}
                  </th>
                ))}
                <th scope="col">
                  <span className="visually-hidden">{t('description.rowActions')}</span>
                </th>
              </tr>
            </thead>
            <tbody ref={body}>
              {rows.map((row, index) => {
                const rowId = `${id}-row-${index}`
                return (
                  // Rows are edited in place and have no identity of their own, so their position is their key.
                  <tr key={index}>
                    <th scope="row" id={rowId} className="rows-editor__number">
                      <span className="visually-hidden">{t('description.row')} </span>
                      {index + 1}
                    </th>
                    {columns.map((column) => {
                      const cellIssues = issues.filter((issue) => issue.path === `${path}.${index}.${column.key}`)
                      const errorId = cellIssues.length > 0 ? `${rowId}-${column.key}-error` : undefined
                      const control = {
                        'aria-labelledby': `${rowId} ${id}-col-${column.key}`,
                        'aria-describedby': errorId,
                        'aria-invalid': errorId === undefined ? undefined : (true as const),
                        'data-testid': `${path}-${index}-${column.key}`,
                      }
                      const value = row[column.key] ?? ''
                      return (
                        <td key={column.key}>
                          {column.kind === 'select' ? (
                            <select {...control} value={value} onChange={(event) => setCell(index, column.key, event.target.value === '' ? null : event.target.value)}>
                              <option value="">{t('description.notSet')}</option>
                              {column.options.map((option) => (
                                <option key={option.value} value={option.value}>
                                  {option.label}
                                </option>
                              ))}
                            </select>
                          ) : column.kind === 'textarea' ? (
                            <textarea {...control} rows={2} value={value} onChange={(event) => setCell(index, column.key, event.target.value)} />
                          ) : (
                            <input {...control} value={value} onChange={(event) => setCell(index, column.key, event.target.value)} />
                          )}
                          <FieldIssues id={errorId} issues={cellIssues} />
                        </td>
                      )
                    })}
                    <td>
                      <button
                        type="button"
                        className="button button--quiet"
                        aria-label={t('description.removeRow', { number: index + 1, field: legend })}
                        onClick={() => {
                          onChange(rows.filter((_row, rowIndex) => rowIndex !== index))
                          setFocusRow(Math.min(index, rows.length - 2))
                        }}
                      >
                        {t('form.remove')}
                      </button>
                    </td>
                  </tr>
                )
              })}
            </tbody>
          </table>
        </div>
      )}
      <button
        ref={addButton}
        type="button"
        className="button"
        onClick={() => {
          onChange([...rows, emptyRow()])
          setFocusRow(rows.length)
        }}
      >
        {t('description.addTo', { field: legend })}
      </button>
    </fieldset>
  )
}
