import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { PageShell } from '../components/PageShell.tsx'
import { FacilitatorAccountList } from '../facilitator/FacilitatorAccountList.tsx'
import { RequireFacilitator } from '../facilitator/RequireFacilitator.tsx'
import '../styles/accounts.css'

/** `/facilitator/accounts`: the installation's facilitators, with links for a new password and deactivation. */
export function FacilitatorAccountsPage() {
  const { t } = useTranslation()
  return (
    <RequireFacilitator>
      {(facilitator) => (
        <PageShell title={`${t('accounts.title')} – ${t('app.name')}`}>
          <div className="accounts">
            <p>
              <Link to="/facilitator">{t('accounts.back')}</Link>
            </p>
            <h1>{t('accounts.title')}</h1>
            <p className="lead">{t('accounts.lead')}</p>
            <p>{t('accounts.noEmail')}</p>
            <p>
              <Link to="/facilitator/password" data-testid="change-password-link">
                {t('accounts.changeTitle')}
              </Link>
            </p>
            <FacilitatorAccountList ownId={facilitator.facilitatorId} />
          </div>
        </PageShell>
      )}
    </RequireFacilitator>
  )
}
