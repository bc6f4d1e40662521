import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useLocation } from 'react-router'
import type { FacilitatorSession } from '../../../shared/src/schema/access.ts'
import { PageShell } from '../components/PageShell.tsx'
import { useSession } from '../hooks/useSession.ts'

/**
 * Shows `children` to a signed-in facilitator; anyone else gets a page saying why
 * not and how to sign in. The server enforces the same rule; this only spares a
 * person a form they cannot send.
 */
export function RequireFacilitator({ children }: { children(facilitator: FacilitatorSession): ReactNode }) {
  const { t } = useTranslation()
  const state = useSession()
  const location = useLocation()
  if (state.status === 'loaded' && state.session.facilitator !== null) return children(state.session.facilitator)
  const next = encodeURIComponent(`${location.pathname}${location.search}`)
  return (
    <PageShell title={`${t('gate.title')} – ${t('app.name')}`}>
      {state.status === 'loading' ? (
        <p role="status">{t('gate.loading')}</p>
      ) : (
        <section className="message-page" data-testid="facilitators-only">
          <h1>{t('gate.title')}</h1>
          <p>{state.status === 'failed' ? t('errors.network') : t('gate.body')}</p>
          <p>
            <Link to={`/login?next=${next}`} className="button button--primary">
              {t('gate.signIn')}
            </Link>
          </p>
        </section>
      )}
    </PageShell>
  )
}
