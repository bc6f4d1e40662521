import { useRef, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useNavigate, useParams } from 'react-router'
import { SessionInfo } from '../../../shared/src/schema/access.ts'
import { PasswordResetInfo, ResetPasswordBody } from '../../../shared/src/schema/facilitatorAccounts.ts'
import { checkBody, issuesAt } from '../app/apiErrors.ts'
import { useAppServices } from '../app/AppServicesContext.tsx'
import { FormError } from '../components/form/FormError.tsx'
import { NewPasswordField } from '../components/form/NewPasswordField.tsx'
import { useFocusFirstInvalid } from '../components/form/useFocusFirstInvalid.ts'
import { PageShell } from '../components/PageShell.tsx'
import { useApiResource } from '../hooks/useApiResource.ts'
import { useSubmission } from '../hooks/useSubmission.ts'
import { formatDateTime } from '../workshop/dateTime.ts'

/**
 * `/reset-password/:token`: the link another facilitator made: a new password, once, which signs
 * this browser in and every other one out.
 */
export function ResetPasswordPage() {
  const { t, i18n } = useTranslation()
  const { api, session } = useAppServices()
  const navigate = useNavigate()
  const { token = '' } = useParams()
  const path = `/api/password-reset/${encodeURIComponent(token)}`
  const reset = useApiResource(path, PasswordResetInfo)
  const form = useRef<HTMLFormElement>(null)
  const [password, setPassword] = useState('')
  const submission = useSubmission(async () => {
    const body = checkBody(ResetPasswordBody, { password })
    session.set(await api.send({ method: 'POST', path, body, as: 'nobody', response: SessionInfo }))
    void navigate('/facilitator', { replace: true })
  })
  useFocusFirstInvalid(form, submission.error)

  const submit = (event: FormEvent) => {
    event.preventDefault()
    void submission.run()
  }

  return (
    <PageShell title={`${t('accounts.resetTitle')} – ${t('app.name')}`}>
      <div className="narrow">
        <h1>{t('accounts.resetTitle')}</h1>
        {reset.status === 'loading' && <p role="status">{t('accounts.resetChecking')}</p>}
        {reset.status === 'notFound' && (
          <section data-testid="reset-link-invalid">
            <p>{t('accounts.resetInvalid')}</p>
            <p>
              <Link to="/login">{t('accounts.toLogin')}</Link>
            </p>
          </section>
        )}
        {reset.status === 'failed' && (
          <p className="error-message" role="alert">
            {t('errors.network')}
          </p>
        )}
        {reset.status === 'loaded' && (
          <>
            <p>
              {t('accounts.resetLead', {
                name: reset.value.displayName,
                email: reset.value.email,
                expires: formatDateTime(reset.value.expiresAt, i18n.language),
              })}
            </p>
            <form ref={form} className="form" onSubmit={submit} noValidate aria-busy={submission.pending} data-testid="reset-password-form">
              <FormError error={submission.error} testId="reset-password-error" />
              {/* Read-only, so that a password manager files the new password under the right account. */}
              <input type="email" name="username" autoComplete="username" value={reset.value.email} readOnly hidden />
              <NewPasswordField
                label={t('accounts.newPassword')}
                issues={issuesAt(submission.error, 'password')}
                testId="reset-password"
                value={password}
                onChange={setPassword}
              />
              <div className="form__actions">
                <button type="submit" className="button button--primary" data-testid="reset-password-submit" aria-disabled={submission.pending}>
                  {t('accounts.resetSubmit')}
                </button>
              </div>
            </form>
          </>
        )}
      </div>
    </PageShell>
  )
}
