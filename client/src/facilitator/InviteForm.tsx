import { useRef, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { InvitationBody, InvitationCreated } from '../../../shared/src/schema/access.ts'
import { checkBody, issuesAt } from '../app/apiErrors.ts'
import { useAppServices } from '../app/AppServicesContext.tsx'
import { CopyableLink } from '../components/CopyableLink.tsx'
import { FormError } from '../components/form/FormError.tsx'
import { TextField } from '../components/form/TextField.tsx'
import { useFocusFirstInvalid } from '../components/form/useFocusFirstInvalid.ts'
import { useSubmission } from '../hooks/useSubmission.ts'
import { formatDateTime } from '../workshop/dateTime.ts'

/**
 * Invites a co-facilitator by email. Samskap sends no email: the invitation link is
 * shown here to copy and send by whatever channel the facilitators use.
 */
export function InviteForm() {
  const { t, i18n } = useTranslation()
  const { api } = useAppServices()
  const form = useRef<HTMLFormElement>(null)
  const [email, setEmail] = useState('')
  const [created, setCreated] = useState<InvitationCreated | null>(null)
  const submission = useSubmission(async () => {
    const body = checkBody(InvitationBody, { email })
    setCreated(await api.send({ method: 'POST', path: '/api/invitations', body, as: 'facilitator', response: InvitationCreated }))
    setEmail('')
  })
  useFocusFirstInvalid(form, submission.error)

  const submit = (event: FormEvent) => {
    event.preventDefault()
    setCreated(null)
    void submission.run()
  }

  return (
    <>
      <form ref={form} className="form" onSubmit={submit} noValidate aria-busy={submission.pending}>
        <FormError error={submission.error} testId="invite-error" />
        <TextField
          label={t('invite.emailLabel')}
          hint={t('invite.emailHint')}
          issues={issuesAt(submission.error, 'email')}
          input={{ type: 'email', autoComplete: 'off' }}
          testId="invite-email"
          value={email}
          onChange={setEmail}
        />
        <div className="form__actions">
          <button type="submit" className="button button--primary" data-testid="invite-submit" aria-disabled={submission.pending}>
            {t('invite.create')}
          </button>
        </div>
      </form>
      <div role="status" className="invite-result">
        {created !== null && (
          <div className="notice" data-testid="invitation-created">
            <p>{t('invite.created', { email: created.email, expires: formatDateTime(created.expiresAt, i18n.language) })}</p>
            <CopyableLink
              label={t('invite.linkLabel')}
              url={created.invitationUrl}
              testId="invitation-link"
              copyTestId="copy-invitation-link"
              copyLabel={t('invite.copyLink')}
            />
          </div>
        )}
      </div>
    </>
  )
}
