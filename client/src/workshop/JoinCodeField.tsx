import { useTranslation } from 'react-i18next'
import type { ApiRequestError } from '../app/apiErrors.ts'
import { issuesAt } from '../app/apiErrors.ts'
import { issueForCode } from '../components/form/errorText.ts'
import { Field } from '../components/form/Field.tsx'

/** The join code a facilitator may require; a wrong code is shown on the field itself. */
export function JoinCodeField({ value, onChange, error }: { value: string; onChange(value: string): void; error: ApiRequestError | null }) {
  const { t } = useTranslation()
  const wrong = issueForCode('joinCode', error, 'join_code_wrong')
  return (
    <Field label={t('join.code')} hint={t('join.codeHint')} issues={[...issuesAt(error, 'joinCode'), ...wrong]}>
      {(control) => (
        <input
          {...control}
          className="input--short"
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck={false}
          data-testid="join-code"
          value={value}
          onChange={(event) => onChange(event.target.value)}
        />
      )}
    </Field>
  )
}
