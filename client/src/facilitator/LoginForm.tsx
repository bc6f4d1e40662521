import { useRef, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { LoginBody, SessionInfo } from '../../../shared/src/schema/access.ts'
import { useAppServices } from '../app/AppServicesContext.tsx'
import { checkBody, issuesAt } from '../app/apiErrors.ts'
import { FormError } from '../components/form/FormError.tsx'
import { TextField } from '../components/form/TextField.tsx'
import { useFocusFirstInvalid } from '../components/form/useFocusFirstInvalid.ts'
import { useSubmission } from '../hooks/useSubmission.ts'
import { SignInWait } from './SignInWait.tsx'

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
      {submission.error?.code === 'too_many_attempts' ? (
        <SignInWait error={submission.error} />
      ) : (
        <FormError error={submission.error} testId="login-error" />
      )}
      <TextField
        label={t('login.email')}
        issues={issuesAt(submission.error, 'email')}
        input={{ type: 'email', autoComplete: 'username' }}
        testId="login-email"
        value={email}
        onChange={setEmail}
      />
      <TextField
        label={t('login.password')}
        issues={issuesAt(submission.error, 'password')}
        input={{ type: 'password', autoComplete: 'current-password' }}
        testId="login-password"
        value={password}
        onChange={setPassword}
      />
      <div className="form__actions">
        <button type="submit" className="button button--primary" data-testid="login-submit" aria-disabled={submission.pending}>
          {submission.pending ? t('login.submitting') : t('login.submit')}
        </button>
      </div>
    </form>
  )
}
