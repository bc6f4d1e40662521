import { useTranslation } from 'react-i18next'
import { Link, useNavigate, useParams } from 'react-router'
import { SessionInfo, SetupBody } from '../../../shared/src/schema/access.ts'
import { noContent } from '../app/apiClient.ts'
import { checkBody } from '../app/apiErrors.ts'
import { useAppServices } from '../app/AppServicesContext.tsx'
import { PageShell } from '../components/PageShell.tsx'
import { AccountForm, type AccountValues } from '../facilitator/AccountForm.tsx'
import { useApiResource } from '../hooks/useApiResource.ts'

/** `/setup/:token`: the one-time link the server printed at its first start makes the first facilitator. */
export function SetupPage() {
  const { t } = useTranslation()
  const { api, session } = useAppServices()
  const navigate = useNavigate()
  const { token = '' } = useParams()
  const link = useApiResource(`/api/setup/${encodeURIComponent(token)}`, noContent)

  const create = async (values: AccountValues) => {
    const body = checkBody(SetupBody, { token, ...values })
    session.set(await api.send({ method: 'POST', path: '/api/setup', body, as: 'nobody', response: SessionInfo }))
    void navigate('/facilitator', { replace: true })
  }

  return (
    <PageShell title={`${t('setup.title')} – ${t('app.name')}`}>
      <div className="narrow">
        <h1>{t('setup.title')}</h1>
        {link.status === 'loading' && <p role="status">{t('setup.checking')}</p>}
        {link.status === 'notFound' && (
          <section data-testid="setup-link-invalid">
            <p>{t('setup.invalid')}</p>
            <p>
              <Link to="/login">{t('setup.toLogin')}</Link>
            </p>
          </section>
        )}
        {link.status === 'failed' && (
          <p className="error-message" role="alert">
            {t('errors.network')}
          </p>
        )}
        {link.status === 'loaded' && (
          <>
            <p>{t('setup.lead')}</p>
            <AccountForm submitLabel={t('setup.submit')} onSubmit={create} />
          </>
        )}
      </div>
    </PageShell>
  )
}
