import { useId, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import type { FieldIssue } from '../../../../shared/src/schema/publicApi.ts'
import { FieldIssues } from './FieldIssues.tsx'

/** The attributes a field's control needs to be named, described and marked invalid. */
export interface ControlProps {
  id: string
  'aria-describedby': string | undefined
  'aria-invalid': true | undefined
}

export interface FieldProps {
  label: ReactNode
  /** A short help text under the label, read with the control. */
  hint?: ReactNode
  /** Problems with this field from the last submission. */
  issues?: readonly FieldIssue[]
  /** Marks the label "(valgfritt)": every other field is required. */
  optional?: boolean
  className?: string
  /** Renders the control with the attributes that tie it to the label, hint and errors. */
  children(control: ControlProps): ReactNode
}

/**
 * One labelled form control with its hint and its errors, tied together by ids so a
 * screen reader reads the label, the hint and the problem when the control gets focus.
 */
export function Field({ label, hint, issues = [], optional = false, className, children }: FieldProps) {
  const { t } = useTranslation()
  const id = useId()
  const hintId = hint === undefined ? undefined : `${id}-hint`
  const errorId = issues.length === 0 ? undefined : `${id}-error`
  const describedBy = [hintId, errorId].filter((part) => part !== undefined).join(' ')
  return (
    <div className={className === undefined ? 'field' : `field ${className}`}>
      <label htmlFor={id} className="field__label">
        {label}
        {optional && <span className="field__optional"> {t('form.optional')}</span>}
      </label>
      {hint !== undefined && (
        <p id={hintId} className="hint field__hint">
          {hint}
        </p>
      )}
      {children({ id, 'aria-describedby': describedBy === '' ? undefined : describedBy, 'aria-invalid': errorId === undefined ? undefined : true })}
      <FieldIssues id={errorId} issues={issues} />
    </div>
  )
}
