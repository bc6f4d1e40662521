import { useEffect, useId, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { FieldIssue } from '../../../shared/src/schema/publicApi.ts'
import type { ApiRequestError } from '../app/apiErrors.ts'
import { issuesAt } from '../app/apiErrors.ts'
import { FieldIssues } from '../components/form/FieldIssues.tsx'
import { removeLine, replaceLine } from './challengeForm.ts'

export interface TextListFieldProps {
  legend: string
  hint?: string
  /** The field's path in the request body, for its errors ('problemStatements', then 'problemStatements.2'). */
  path: string
  lines: readonly string[]
  onChange(lines: string[]): void
  error: ApiRequestError | null
  /** "Problemstilling 2": names each line for screen readers. */
  lineLabel(number: number): string
  addLabel: string
  /** The remove button's full name (its text is "Fjern"), e.g. "Fjern problemstilling 2". */
  removeLabel(number: number): string
  multiline?: boolean
  testId?: string
}

/**
 * A list of short texts edited line by line (problem statements, themes,
 * stakeholder groups): each line its own labelled field with a remove button, and
 * "Legg til" that adds a line and puts the cursor in it.
 */
export function TextListField({ legend, hint, path, lines, onChange, error, lineLabel, addLabel, removeLabel, multiline, testId }: TextListFieldProps) {
  const { t } = useTranslation()
  const id = useId()
  const list = useRef<HTMLOListElement>(null)
  const [focusLine, setFocusLine] = useState<number | null>(null)
  useEffect(() => {
    if (focusLine === null) return
    list.current?.querySelectorAll<HTMLElement>('input, textarea')[focusLine]?.focus()
    setFocusLine(null)
  }, [focusLine])
  const listIssues: FieldIssue[] = issuesAt(error, path)

  return (
    <fieldset className="text-list" data-testid={testId} aria-describedby={hint === undefined ? undefined : `${id}-hint`}>
      <legend className="field__label">{legend}</legend>
      {hint !== undefined && (
        <p id={`${id}-hint`} className="hint field__hint">
          {hint}
        </p>
      )}
      <FieldIssues id={listIssues.length > 0 ? `${id}-error` : undefined} issues={listIssues} />
      <ol ref={list} className="text-list__lines">
        {lines.map((line, index) => {
          const lineId = `${id}-${index}`
          const issues = issuesAt(error, `${path}.${index}`)
          const control = {
            id: lineId,
            value: line,
            'aria-invalid': issues.length > 0 ? (true as const) : undefined,
            'aria-describedby': issues.length > 0 ? `${lineId}-error` : undefined,
            onChange: (event: { target: { value: string } }) => onChange(replaceLine(lines, index, event.target.value)),
          }
          return (
            // Lines are edited in place and have no identity of their own, so their position is their key.
            <li key={index} className="text-list__line">
              <label htmlFor={lineId} className="visually-hidden">
                {lineLabel(index + 1)}
              </label>
              <div className="text-list__row">
                {multiline ? <textarea {...control} rows={2} /> : <input {...control} />}
                <button
                  type="button"
                  className="button button--quiet"
                  aria-label={removeLabel(index + 1)}
                  onClick={() => {
                    onChange(removeLine(lines, index))
                    setFocusLine(Math.min(index, lines.length - 2))
                  }}
                >
                  {t('form.remove')}
                </button>
              </div>
              <FieldIssues id={issues.length > 0 ? `${lineId}-error` : undefined} issues={issues} />
            </li>
          )
        })}
      </ol>
      <button
        type="button"
        className="button"
        onClick={() => {
          onChange([...lines, ''])
          setFocusLine(lines.length)
        }}
      >
        {addLabel}
      </button>
    </fieldset>
  )
}
