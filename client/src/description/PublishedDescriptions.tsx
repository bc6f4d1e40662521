import { useTranslation } from 'react-i18next'
import { PublishedList } from '../../../shared/src/description/descriptionApi.ts'
import { municipalityLine } from '../../../shared/src/description/documentLayout.ts'
import { resourceValue, useApiResource } from '../hooks/useApiResource.ts'
import { formatDateTime } from '../workshop/dateTime.ts'
import { publicPageUrl } from './descriptionRequests.ts'
import { useLabelLanguage } from './useLabelLanguage.ts'

/**
 * The programme's published challenge descriptions (`GET /api/published`), each
 * linking to its public page (server-rendered, readable without signing in).
 */
export function PublishedDescriptions() {
  const { t, i18n } = useTranslation()
  const language = useLabelLanguage()
  const resource = useApiResource('/api/published', PublishedList)
  const value = resourceValue(resource)
  let content
  if (value === null) {
    content =
      resource.status === 'loading' ? (
        <p role="status">{t('published.loading')}</p>
      ) : (
        <p className="error-message" role="alert">
          {t('published.failed')}
        </p>
      )
  } else if (value.published.length === 0) {
    content = <p data-testid="published-empty">{t('published.none')}</p>
  } else {
    const items = [...value.published].sort((a, b) => b.publishedAt.localeCompare(a.publishedAt))
    content = (
      <ul className="card-list" data-testid="published-list">
        {items.map((item) => (
          <li key={item.challengeId} className="card" data-testid="published-item">
            <h3 className="card__heading">
              {/* A server page, not a route of this app: a plain link loads it. */}
              <a href={publicPageUrl(item.challengeId)}>{item.title}</a>
            </h3>
            {/* The challenge's name with its municipality, as the description's title reads. */}
            <p className="card__municipality" data-testid="published-municipality">
              {municipalityLine(item.municipality, language)}
            </p>
            {item.summary !== '' && <p className="card__question">{item.summary}</p>}
            <p className="card__meta">
              <span>{t('published.version', { version: item.version, time: formatDateTime(item.publishedAt, i18n.language) })}</span>
            </p>
          </li>
        ))}
      </ul>
    )
  }
  return (
    <section aria-labelledby="published-heading" className="published-descriptions">
      <h2 id="published-heading">{t('published.heading')}</h2>
      <p>{t('published.lead')}</p>
      {content}
    </section>
  )
}
