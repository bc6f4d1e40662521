import { useTranslation } from 'react-i18next'
import { Link, useLocation } from 'react-router'
import type { ApiResource } from '../hooks/useApiResource.ts'
import type { WorkshopDetail } from '../../../shared/src/schema/workshopApi.ts'

/**
 * Why a workshop page cannot show the workshop, and what to do: join from the
 * facilitator's link or sign in (401), the link belongs to another workshop (403),
 * it does not exist (404), or the server cannot be reached.
 */
export function WorkshopUnavailable({ resource }: { resource: Exclude<ApiResource<WorkshopDetail>, { status: 'loaded' }> }) {
  const { t } = useTranslation()
  const location = useLocation()
  if (resource.status === 'loading') return <p role="status">{t('workshop.loading')}</p>
  const signIn = (
    <p>
      <Link to={`/login?next=${encodeURIComponent(location.pathname)}`}>{t('gate.signIn')}</Link>
    </p>
  )
  if (resource.status === 'notFound') {
    return (
      <section className="message-page" data-testid="workshop-not-found">
        <h1>{t('workshop.notFoundTitle')}</h1>
        <p>{t('workshop.notFoundBody')}</p>
      </section>
    )
  }
  const status = resource.error?.status ?? 0
  const code = resource.error?.code
  return (
    <section className="message-page" data-testid="workshop-unavailable" data-code={code}>
      <h1>{status === 401 || status === 403 ? t('workshop.noAccessTitle') : t('workshop.failedTitle')}</h1>
      <p>
        {status === 401
          ? t('workshop.notJoined')
          : code === 'wrong_workshop'
            ? t('workshop.wrongWorkshop')
            : status === 403
              ? t('errors.facilitatorsOnly')
              : t('workshop.failed')}
      </p>
      {(status === 401 || status === 403) && signIn}
    </section>
  )
}
