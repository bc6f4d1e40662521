import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import type { WorkshopDetail } from '../../../shared/src/schema/workshopApi.ts'
import { formatDate, formatWorkshopTime } from './dateTime.ts'
import { workshopStatusKey } from './labels.ts'

/** A workshop's title, challenge, time and status, at the top of its pages. */
export function WorkshopHeader({ detail, heading }: { detail: WorkshopDetail; heading?: string }) {
  const { t, i18n } = useTranslation()
  const { workshop, challenge } = detail
  return (
    <header className="workshop-header">
      <h1 data-testid="workshop-heading">{heading ?? workshop.title}</h1>
      <p className="challenge__question">
        <Link to={`/challenge/${challenge.id}`}>{challenge.name}</Link> – {challenge.title}
      </p>
      <dl className="facts">
        <dt>{t('workshop.municipality')}</dt>
        <dd>{challenge.municipality}</dd>
        <dt>{t('workshop.time')}</dt>
        <dd>{formatWorkshopTime(workshop.startsAt, workshop.endsAt, i18n.language)}</dd>
        <dt>{t('workshop.status')}</dt>
        <dd data-testid="workshop-status" data-status={workshop.status}>
          <span className={`status-badge status-badge--${workshop.status}`}>{t(workshopStatusKey[workshop.status])}</span>
        </dd>
        {detail.retention !== null && (
          <>
            <dt>{t('retention.fact')}</dt>
            <dd data-testid="workshop-deletes-at">{formatDate(detail.retention.deletesAt, i18n.language)}</dd>
          </>
        )}
      </dl>
    </header>
  )
}
