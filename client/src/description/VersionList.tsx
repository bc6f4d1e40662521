import { useTranslation } from 'react-i18next'
import { VersionList as VersionListBody } from '../../../shared/src/description/descriptionApi.ts'
import { useApiResource, resourceValue } from '../hooks/useApiResource.ts'
import { formatDateTime } from '../workshop/dateTime.ts'
import { descriptionPath, exportFormats, publicPageUrl, versionExportUrl } from './descriptionRequests.ts'
import { ExportFormatName } from './ExportFormatName.tsx'

/**
 * The published versions, newest first, each with its public page and its
 * downloads (which never carry names). `revision` reloads the list after publishing.
 */
export function VersionList({ challengeId, revision }: { challengeId: string; revision: number }) {
  const { t, i18n } = useTranslation()
  const resource = useApiResource(`${descriptionPath(challengeId)}/versions`, VersionListBody, revision)
  const value = resourceValue(resource)
  let content
  if (value === null) {
    content =
      resource.status === 'loading' ? (
        <p role="status">{t('description.versionsLoading')}</p>
      ) : (
        <p className="error-message" role="alert">
          {t('description.versionsFailed')}
        </p>
      )
  } else if (value.versions.length === 0) {
    content = <p data-testid="versions-empty">{t('description.noVersions')}</p>
  } else {
    const versions = [...value.versions].sort((a, b) => b.version - a.version)
    content = (
      <ol className="version-list" reversed>
        {versions.map((version) => (
          <li key={version.version} className="version-list__item" data-testid="version-item" data-version={version.version}>
            <p className="version-list__heading">
              <a href={publicPageUrl(challengeId, version.version)}>{t('description.versionNumber', { version: version.version })}</a>
            </p>
            <p className="card__meta">
              {t('description.versionMeta', { time: formatDateTime(version.publishedAt, i18n.language), name: version.publishedBy })}
            </p>
            <p className="version-list__downloads">
              <span>{t('description.download')}</span>{' '}
              {exportFormats.map((format) => (
                <a
                  key={format}
                  href={versionExportUrl(challengeId, version.version, format)}
                  download
                  className="download-link"
                  data-testid={`version-export-${format}`}
                >
                  <ExportFormatName format={format} />
                  <span className="visually-hidden"> {t('description.ofVersion', { version: version.version })}</span>
                </a>
              ))}
            </p>
          </li>
        ))}
      </ol>
    )
  }
  return (
    <section className="version-section" aria-labelledby="versions-heading">
      <h2 id="versions-heading">{t('description.versionsHeading')}</h2>
      {value !== null && value.versions.length > 0 && (
        <p>
          <a href={publicPageUrl(challengeId)} data-testid="public-page-link">
            {t('description.publicPage')}
          </a>
        </p>
      )}
      {content}
    </section>
  )
}
