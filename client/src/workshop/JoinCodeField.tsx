import { useTranslation } from 'react-i18next'
import type { ApiRequestError } from '../app/apiErrors.ts'
import { issuesAt } from '../app/apiErrors.ts'
import { issueForCode } from '../components/form/errorText.ts'
import { TextField } from '../components/form/TextField.tsx'

export interface JoinCodeFieldProps {
  value: string
  onChange(value: string): void
  /** The last submission's error: problems with `joinCode`, and a wrong code, show on the field. */
  error: ApiRequestError | null
  /** Default: the join page's "Kode" with its hint; the facilitator's form names it otherwise. */
  label?: string
  hint?: string
  testId?: string
}

/**
 * A workshop's join code, typed by a participant or set by a facilitator: short,
 * compared without regard to case, and never autocorrected.
 */
export function JoinCodeField({ value, onChange, error, label, hint, testId = 'join-code' }: JoinCodeFieldProps) {
  const { t } = useTranslation()
  const wrong = issueForCode('joinCode', error, 'join_code_wrong')
  return (
    <TextField
      label={label ?? t('join.code')}
      hint={hint ?? t('join.codeHint')}
      issues={[...issuesAt(error, 'joinCode'), ...wrong]}
      input={{ className: 'input--short', autoComplete: 'off', autoCapitalize: 'characters', spellCheck: false }}
      testId={testId}
      value={value}
      onChange={onChange}
    />
  )
}
