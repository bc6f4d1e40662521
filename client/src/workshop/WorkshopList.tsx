import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import type { WorkshopSummary } from '../../../shared/src/schema/workshopApi.ts'
import { formatWorkshopTime } from './dateTime.ts'
import { workshopStatusKey } from './labels.ts'

export interface WorkshopListProps {
  workshops: readonly WorkshopSummary[]
  /** Link each title to its workshop page (for people who can open it). */
  linkTitles: boolean
  /** Add an "Rediger" link to each workshop's editor (facilitators). */
  editLinks: boolean
  /** The heading level of each workshop's title, to fit the page's outline. */
  headingLevel: 3 | 5
}

/** A challenge's workshops (verksteder): title, time, status and number of steps. */
export function WorkshopList({ workshops, linkTitles, editLinks, headingLevel }: WorkshopListProps) {
  const { t, i18n } = useTranslation()
  const Heading = headingLevel === 3 ? 'h3' : 'h5'
  if (workshops.length === 0) return <p data-testid="workshop-list-empty">{t('workshops.none')}</p>
  const sorted = [...workshops].sort((a, b) => a.startsAt.localeCompare(b.startsAt))
  return (
    <ul className="card-list" data-testid="workshop-list">
      {sorted.map((workshop) => (
        <li key={workshop.id} className="card" data-testid="workshop-item" data-workshop-id={workshop.id}>
          <Heading className="card__heading">
            {linkTitles ? <Link to={`/workshop/${workshop.id}`}>{workshop.title}</Link> : workshop.title}
          </Heading>
          <p className="card__meta">
            <span>{formatWorkshopTime(workshop.startsAt, workshop.endsAt, i18n.language)}</span>
            <span className={`status-badge status-badge--${workshop.status}`}>{t(workshopStatusKey[workshop.status])}</span>
            <span>{t('workshops.stepCount', { count: workshop.stepCount })}</span>
          </p>
          {editLinks && (
            <p className="card__actions">
              <Link
                to={`/workshop/${workshop.id}/edit`}
                data-testid="edit-workshop-link"
                aria-label={t('workshops.editNamed', { title: workshop.title })}
              >
                {t('workshops.edit')}
              </Link>
            </p>
          )}
        </li>
      ))}
    </ul>
  )
}
