import { useTranslation } from 'react-i18next'
import type { FieldIssue } from '../../../../shared/src/schema/publicApi.ts'
import { describeIssue } from './errorText.ts'

/**
 * The problem of one field, under it; the form's own alert announces that there
 * are some. Only the first is shown: an empty field that must also be a question
 * needs "Fyll ut feltet", not both messages.
 */
export function FieldIssues({ id, issues }: { id: string | undefined; issues: readonly FieldIssue[] }) {
  const { t } = useTranslation()
  const first = issues[0]
  if (first === undefined) return null
  const shown = describeIssue(t, first)
  return (
    <p id={id} className="field-error" data-testid="field-error">
      <span lang={shown.lang}>{shown.text}</span>
    </p>
  )
}
