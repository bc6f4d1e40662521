import { useTranslation } from 'react-i18next'
import type { ApiRequestError } from '../../app/apiErrors.ts'
import { describeError } from './errorText.ts'

/**
 * Why the last submission failed, announced at once (role="alert"). Field problems
 * are shown next to their fields; this says that there are some.
 */
export function FormError({ error, testId = 'form-error' }: { error: ApiRequestError | null; testId?: string }) {
  const { t } = useTranslation()
  if (error === null) return null
  const shown = describeError(t, error)
  return (
    <p className="error-message" role="alert" data-testid={testId} data-code={error.code}>
      <span lang={shown.lang}>{shown.text}</span>
    </p>
  )
}
