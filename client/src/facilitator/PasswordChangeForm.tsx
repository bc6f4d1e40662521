import { useRef, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { ChangePasswordBody } from '../../../shared/src/schema/facilitatorAccounts.ts'
import { noContent } from '../app/apiClient.ts'
import { checkBody, issuesAt } from '../app/apiErrors.ts'
import { useAppServices } from '../app/AppServicesContext.tsx'
import { issueForCode } from '../components/form/errorText.ts'
import { FormError } from '../components/form/FormError.tsx'
import { NewPasswordField } from '../components/form/NewPasswordField.tsx'
import { TextField } from '../components/form/TextField.tsx'
import { useFocusFirstInvalid } from '../components/form/useFocusFirstInvalid.ts'
import { useSubmission } from '../hooks/useSubmission.ts'

/**
 * A signed-in facilitator changes their own password: the current one and a new one. The other
 * devices they are signed in on are signed out; this one stays.
 */
export function PasswordChangeForm() {
  const { t } = useTranslation()
  const { api } = useAppServices()
  const form = useRef<HTMLFormElement>(null)
  const [currentPassword, setCurrentPassword] = useState('')
  const [newPassword, setNewPassword] = useState('')
  const [changed, setChanged] = useState(false)
  const submission = useSubmission(async () => {
    const body = checkBody(ChangePasswordBody, { currentPassword, newPassword })
    await api.send({ method: 'POST', path: '/api/auth/password', body, as: 'facilitator', response: noContent })
    setCurrentPassword('')
    setNewPassword('')
    setChanged(true)
  })
  useFocusFirstInvalid(form, submission.error)
  const error = submission.error
  const currentIssues =
    error?.code === 'current_password_wrong' ? issueForCode('currentPassword', error, 'current_password_wrong') : issuesAt(error, 'currentPassword')

  const submit = (event: FormEvent) => {
    event.preventDefault()
    setChanged(false)
    void submission.run()
  }

  return (
    <>
      <form ref={form} className="form" onSubmit={submit} noValidate aria-busy={submission.pending} data-testid="password-change-form">
        <FormError error={error} testId="password-change-error" />
        <TextField
          label={t('accounts.currentPassword')}
          issues={currentIssues}
          input={{ type: 'password', autoComplete: 'current-password' }}
          testId="current-password"
          value={currentPassword}
          onChange={setCurrentPassword}
        />
        <NewPasswordField
          label={t('accounts.newPassword')}
          issues={issuesAt(error, 'newPassword')}
          testId="new-password"
          value={newPassword}
          onChange={setNewPassword}
        />
        <div className="form__actions">
          <button type="submit" className="button button--primary" data-testid="password-change-submit" aria-disabled={submission.pending}>
            {t('accounts.changeSubmit')}
          </button>
        </div>
      </form>
      <p role="status" data-testid="password-changed">
        {changed ? t('accounts.changed') : ''}
      </p>
    </>
  )
}
