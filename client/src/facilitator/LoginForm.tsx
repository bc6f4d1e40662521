import { useRef, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { LoginBody, SessionInfo } from '../../../shared/src/schema/access.ts'
import { useAppServices } from '../app/AppServicesContext.tsx'
import { checkBody, issuesAt } from '../app/apiErrors.ts'
import { Field } from '../components/form/Field.tsx'
import { FormError } from '../components/form/FormError.tsx'
import { useFocusFirstInvalid } from '../components/form/useFocusFirstInvalid.ts'
import { useSubmission } from '../hooks/useSubmission.ts'

/** Email and password; on success the session is updated and `onSignedIn` runs. */
export function LoginForm({ onSignedIn }: { onSignedIn(): void }) {
  const { t } = useTranslation()
  const { api, session } = useAppServices()
  const form = useRef<HTMLFormElement>(null)
  const [email, setEmail] = useState('')
  const [password, setPassword] = useState('')
  const submission = useSubmission(async () => {
    const body = checkBody(LoginBody, { email, password })
    session.set(await api.send({ method: 'POST', path: '/api/auth/login', body, as: 'nobody', response: SessionInfo }))
    onSignedIn()
  })
  useFocusFirstInvalid(form, submission.error)

  const submit = (event: FormEvent) => {
    event.preventDefault()
    void submission.run()
  }

  return (
    <form ref={form} className="form" onSubmit={submit} noValidate aria-busy={submission.pending}>
      <FormError error={submission.error} testId="login-error" />
      <Field label={t('login.email')} issues={issuesAt(submission.error, 'email')}>
        {(control) => (
          <input
            {...control}
            type="email"
            autoComplete="username"
            data-testid="login-email"
            value={email}
            onChange={(event) => setEmail(event.target.value)}
          />
        )}
      </Field>
      <Field label={t('login.password')} issues={issuesAt(submission.error, 'password')}>
        {(control) => (
          <input
            {...control}
            type="password"
            autoComplete="current-password"
            data-testid="login-password"
            value={password}
            onChange={(event) => setPassword(event.target.value)}
          />
        )}
      </Field>
      <div className="form__actions">
        <button type="submit" className="button button--primary" data-testid="login-submit" disabled={submission.pending}>
          {submission.pending ? t('login.submitting') : t('login.submit')}
        </button>
      </div>
    </form>
  )
}
