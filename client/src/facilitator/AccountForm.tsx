import { useRef, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { issuesAt } from '../app/apiErrors.ts'
import { Field } from '../components/form/Field.tsx'
import { FormError } from '../components/form/FormError.tsx'
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
  const issues = (path: string) => issuesAt(submission.error, path)
  const set = (field: keyof AccountValues) => (event: { target: { value: string } }) =>
    setValues((current) => ({ ...current, [field]: event.target.value }))

  const submit = (event: FormEvent) => {
    event.preventDefault()
    void submission.run()
  }

  return (
    <form ref={form} className="form" onSubmit={submit} noValidate aria-busy={submission.pending}>
      <FormError error={submission.error} testId="account-error" />
      <Field label={t('account.displayName')} hint={t('account.displayNameHint')} issues={issues('displayName')}>
        {(control) => (
          <input {...control} autoComplete="name" data-testid="account-name" value={values.displayName} onChange={set('displayName')} />
        )}
      </Field>
      {fixedEmail === undefined ? (
        <Field label={t('account.email')} issues={issues('email')}>
          {(control) => (
            <input {...control} type="email" autoComplete="username" data-testid="account-email" value={values.email} onChange={set('email')} />
          )}
        </Field>
      ) : (
        <dl className="facts">
          <dt>{t('account.email')}</dt>
          <dd data-testid="account-email">{fixedEmail}</dd>
        </dl>
      )}
      <Field label={t('account.password')} hint={t('account.passwordHint')} issues={issues('password')}>
        {(control) => (
          <input
            {...control}
            type="password"
            autoComplete="new-password"
            data-testid="account-password"
            value={values.password}
            onChange={set('password')}
          />
        )}
      </Field>
      <div className="form__actions">
        <button type="submit" className="button button--primary" data-testid="account-submit" disabled={submission.pending}>
          {submitLabel}
        </button>
      </div>
    </form>
  )
}
