import { useEffect, useId, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { DescriptionFields } from '../../../shared/src/description/challengeDescription.ts'
import { fieldText, rowLine } from '../../../shared/src/description/fieldText.ts'
import type { LabelLanguage } from '../../../shared/src/description/labels.ts'
import { rowKey, validRow, type ListFieldKey } from '../../../shared/src/description/listRows.ts'
import type { RowAction } from '../../../shared/src/description/rowSuggestions.ts'
import { InlineMarkdown } from './FreeText.tsx'

export interface PendingRowsProps {
  fieldKey: ListFieldKey
  fieldLabel: string
  /** The new rows from the boards (JSON from the server, checked by the editor). */
  rows: readonly unknown[]
  /** The description's language form, for labels inside a row. */
  language: LabelLanguage
  disabled: boolean
  onResolve(row: string, action: RowAction): void
}

/**
 * New rows from the boards for a list field the person had edited, each with its own "Legg til" and
 * "Avvis", so one new actor can be taken without the rest of the boards' list. After an answer, focus
 * moves to the next suggestion's button, or to the field when none is left.
 */
export function PendingRows({ fieldKey, fieldLabel, rows, language, disabled, onResolve }: PendingRowsProps) {
  const { t } = useTranslation()
  const id = useId()
  const list = useRef<HTMLUListElement>(null)
  const [focusAfter, setFocusAfter] = useState<number | null>(null)
  useEffect(() => {
    if (focusAfter === null) return
    const buttons = list.current?.querySelectorAll<HTMLButtonElement>('button[data-action="accept"]') ?? []
    buttons[Math.min(focusAfter, buttons.length - 1)]?.focus()
    setFocusAfter(null)
  }, [focusAfter, rows])
  const shown = rows.flatMap((row) => {
    const line = rowText(fieldKey, row, language)
    return line === null ? [] : [{ key: rowKey(fieldKey, row), ...line }]
  })
  if (shown.length === 0) return null
  const answer = (index: number, key: string, action: RowAction) => {
    // The last answer removes this group: focus goes to its field before the buttons go.
    if (shown.length === 1) document.getElementById(`field-${fieldKey}`)?.focus()
    else setFocusAfter(index)
    onResolve(key, action)
  }

  return (
    <div className="pending-suggestion pending-rows" role="group" aria-labelledby={`${id}-heading`} data-testid={`pending-rows-${fieldKey}`}>
      <p id={`${id}-heading`} className="pending-suggestion__heading">
        {t('descriptionRows.heading', { field: fieldLabel })}
      </p>
      <p className="hint">{t('descriptionRows.hint')}</p>
      <ul ref={list} className="pending-rows__list">
        {shown.map((row, index) => (
          <li key={row.key} className="pending-rows__row" data-testid={`pending-row-${fieldKey}`}>
            <span className="pending-rows__text" lang={language}>
              {row.markdown ? <InlineMarkdown markdown={row.text} /> : row.text}
            </span>
            <span className="button-row">
              <button
                type="button"
                className="button button--primary"
                data-action="accept"
                disabled={disabled}
                aria-label={t('descriptionRows.acceptNamed', { row: row.name, field: fieldLabel })}
                onClick={() => answer(index, row.key, 'accept')}
              >
                {t('descriptionRows.accept')}
              </button>
              <button
                type="button"
                className="button"
                disabled={disabled}
                aria-label={t('descriptionRows.dismissNamed', { row: row.name, field: fieldLabel })}
                onClick={() => answer(index, row.key, 'dismiss')}
              >
                {t('descriptionRows.dismiss')}
              </button>
            </span>
          </li>
        ))}
      </ul>
    </div>
  )
}

/**
 * A suggested row as one line, as the description would show it (a table row as "Aktør · Sektor: …"),
 * and its name for the buttons (its main text); null if not a valid row.
 */
function rowText(key: ListFieldKey, row: unknown, language: LabelLanguage): { text: string; name: string; markdown: boolean } | null {
  const valid = validRow(key, row)
  if (valid === null) return null
  const text = fieldText(key, [valid] as DescriptionFields[ListFieldKey], language)
  if (text.shape === 'list') return { text: text.items[0] ?? '', name: text.items[0] ?? '', markdown: text.markdown }
  if (text.shape === 'table') return { text: rowLine(text.columns, text.rows[0] ?? [], language), name: text.rows[0]?.[0] ?? '', markdown: false }
  return null
}
