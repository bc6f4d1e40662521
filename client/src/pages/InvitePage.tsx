import { useTranslation } from 'react-i18next'
import { Link, useNavigate, useParams } from 'react-router'
import { AcceptInvitationBody, InvitationInfo, SessionInfo } from '../../../shared/src/schema/access.ts'
import { checkBody } from '../app/apiErrors.ts'
import { useAppServices } from '../app/AppServicesContext.tsx'
import { PageShell } from '../components/PageShell.tsx'
import { AccountForm, type AccountValues } from '../facilitator/AccountForm.tsx'
import { useApiResource } from '../hooks/useApiResource.ts'
import { formatDateTime } from '../workshop/dateTime.ts'

/** `/invite/:token`: a co-facilitator accepts an invitation by choosing a name and a password. */
export function InvitePage() {
  const { t, i18n } = useTranslation()
  const { api, session } = useAppServices()
  const navigate = useNavigate()
  const { token = '' } = useParams()
  const path = `/api/invitations/${encodeURIComponent(token)}`
  const invitation = useApiResource(path, InvitationInfo)

  const accept = async ({ displayName, password }: AccountValues) => {
    const body = checkBody(AcceptInvitationBody, { displayName, password })
    session.set(await api.send({ method: 'POST', path: `${path}/accept`, body, as: 'nobody', response: SessionInfo }))
    void navigate('/facilitator', { replace: true })
  }

  return (
    <PageShell title={`${t('invite.title')} – ${t('app.name')}`}>
      <div className="narrow">
        <h1>{t('invite.title')}</h1>
        {invitation.status === 'loading' && <p role="status">{t('invite.checking')}</p>}
        {invitation.status === 'notFound' && (
          <section data-testid="invitation-invalid">
            <p>{t('invite.invalid')}</p>
            <p>
              <Link to="/login">{t('setup.toLogin')}</Link>
            </p>
          </section>
        )}
        {invitation.status === 'failed' && (
          <p className="error-message" role="alert">
            {t('errors.network')}
          </p>
        )}
        {invitation.status === 'loaded' && (
          <>
            <p>
              {t('invite.lead', {
                invitedBy: invitation.value.invitedBy,
                expires: formatDateTime(invitation.value.expiresAt, i18n.language),
              })}
            </p>
            <AccountForm fixedEmail={invitation.value.email} submitLabel={t('invite.submit')} onSubmit={accept} />
          </>
        )}
      </div>
    </PageShell>
  )
}
