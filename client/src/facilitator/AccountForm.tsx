import { useRef, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { issuesAt } from '../app/apiErrors.ts'
import { FormError } from '../components/form/FormError.tsx'
import { NewPasswordField } from '../components/form/NewPasswordField.tsx'
import { TextField } from '../components/form/TextField.tsx'
import { useFocusFirstInvalid } from '../components/form/useFocusFirstInvalid.ts'
import { useSubmission } from '../hooks/useSubmission.ts'

/** What a new facilitator account is made of. */
export interface AccountValues {
  displayName: string
  email: string
  password: string
}

export interface AccountFormProps {
  /** The email the account gets, when an invitation fixed it (shown, not editable). */
  fixedEmail?: string
  submitLabel: string
  /** Sends the account; throws an ApiRequestError to show. */
  onSubmit(values: AccountValues): Promise<void>
}

/**
 * Name, email and a new password for a facilitator account: the first one (setup
 * link) and invited co-facilitators use the same form.
 */
export function AccountForm({ fixedEmail, submitLabel, onSubmit }: AccountFormProps) {
  const { t } = useTranslation()
  const form = useRef<HTMLFormElement>(null)
  const [values, setValues] = useState<AccountValues>({ displayName: '', email: fixedEmail ?? '', password: '' })
  const submission = useSubmission(() => onSubmit(values))
  useFocusFirstInvalid(form, submission.error)
  /** What ties a field to its value and to its problems from the last submission. */
  const bind = (field: keyof AccountValues) => ({
    issues: issuesAt(submission.error, field),
    value: values[field],
    onChange: (value: string) => setValues((current) => ({ ...current, [field]: value })),
  })

  const submit = (event: FormEvent) => {
    event.preventDefault()
    void submission.run()
  }

  return (
    <form ref={form} className="form" onSubmit={submit} noValidate aria-busy={submission.pending}>
      <FormError error={submission.error} testId="account-error" />
      <TextField
        label={t('account.displayName')}
        hint={t('account.displayNameHint')}
        input={{ autoComplete: 'name' }}
        testId="account-name"
        {...bind('displayName')}
      />
      {fixedEmail === undefined ? (
        <TextField label={t('account.email')} input={{ type: 'email', autoComplete: 'username' }} testId="account-email" {...bind('email')} />
      ) : (
        <dl className="facts">
          <dt>{t('account.email')}</dt>
          <dd data-testid="account-email">{fixedEmail}</dd>
        </dl>
      )}
      <NewPasswordField label={t('account.password')} testId="account-password" {...bind('password')} />
      <div className="form__actions">
        <button type="submit" className="button button--primary" data-testid="account-submit" aria-disabled={submission.pending}>
          {submitLabel}
        </button>
      </div>
    </form>
  )
}
