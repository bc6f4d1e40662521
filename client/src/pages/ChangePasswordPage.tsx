import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { PageShell } from '../components/PageShell.tsx'
import { PasswordChangeForm } from '../facilitator/PasswordChangeForm.tsx'
import { RequireFacilitator } from '../facilitator/RequireFacilitator.tsx'

/** `/facilitator/password`: the signed-in facilitator changes their own password. */
export function ChangePasswordPage() {
  const { t } = useTranslation()
  return (
    <RequireFacilitator>
      {() => (
        <PageShell title={`${t('accounts.changeTitle')} – ${t('app.name')}`}>
          <div className="narrow">
            <p>
              <Link to="/facilitator">{t('accounts.back')}</Link>
            </p>
            <h1>{t('accounts.changeTitle')}</h1>
            <p>{t('accounts.changeLead')}</p>
            <PasswordChangeForm />
          </div>
        </PageShell>
      )}
    </RequireFacilitator>
  )
}
