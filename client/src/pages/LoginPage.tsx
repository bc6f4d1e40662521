import { useTranslation } from 'react-i18next'
import { Navigate, useNavigate, useSearchParams } from 'react-router'
import { safeNextPath } from '../app/nextPath.ts'
import { PageShell } from '../components/PageShell.tsx'
import { LoginForm } from '../facilitator/LoginForm.tsx'
import { useSession } from '../hooks/useSession.ts'

/** `/login`: facilitators sign in with email and password; then on to `?next=` or their page. */
export function LoginPage() {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const [params] = useSearchParams()
  const state = useSession()
  const next = safeNextPath(params.get('next'))
  if (state.status === 'loaded' && state.session.facilitator !== null) return <Navigate to={next} replace />
  return (
    <PageShell title={`${t('login.title')} – ${t('app.name')}`}>
      <div className="narrow">
        <h1>{t('login.title')}</h1>
        <p>{t('login.lead')}</p>
        {state.status === 'loaded' && state.session.setupRequired && (
          <p className="notice" data-testid="setup-required">
            {t('login.setupRequired')}
          </p>
        )}
        <LoginForm onSignedIn={() => void navigate(next, { replace: true })} />
        <p className="hint">{t('login.participantsHint')}</p>
      </div>
    </PageShell>
  )
}
