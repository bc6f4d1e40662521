import { useTranslation } from 'react-i18next'
import { FacilitatorList } from '../../../shared/src/schema/access.ts'
import { useApiResource } from '../hooks/useApiResource.ts'
import { formatDate } from '../workshop/dateTime.ts'
import { InviteForm } from './InviteForm.tsx'

/** The installation's facilitators, and a form to invite one more. */
export function CoFacilitators() {
  const { t, i18n } = useTranslation()
  const list = useApiResource('/api/facilitators', FacilitatorList)
  return (
    <>
      {list.status === 'loaded' ? (
        <ul className="plain-list" data-testid="facilitator-list">
          {list.value.facilitators.map((facilitator) => (
            <li key={facilitator.id}>
              {facilitator.displayName} <span className="hint">({facilitator.email})</span>
              {facilitator.deactivatedAt !== null && (
                <span className="hint"> – {t('accounts.deactivated', { date: formatDate(facilitator.deactivatedAt, i18n.language) })}</span>
              )}
            </li>
          ))}
        </ul>
      ) : list.status === 'loading' ? (
        <p role="status">{t('facilitator.loadingFacilitators')}</p>
      ) : (
        <p className="error-message">{t('facilitator.facilitatorsFailed')}</p>
      )}
      <h3>{t('invite.heading')}</h3>
      <InviteForm />
    </>
  )
}
