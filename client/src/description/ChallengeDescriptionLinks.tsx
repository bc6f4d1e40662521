import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { VersionList } from '../../../shared/src/description/descriptionApi.ts'
import { resourceValue, useApiResource } from '../hooks/useApiResource.ts'
import { useSessionInfo } from '../hooks/useSession.ts'
import { descriptionPath, publicPageUrl } from './descriptionRequests.ts'

/**
 * On a challenge's page: its published description (for everyone, once there is
 * a version) and the editor "Utfordringsbeskrivelse" (for facilitators).
 */
export function ChallengeDescriptionLinks({ challengeId }: { challengeId: string }) {
  const { t } = useTranslation()
  const isFacilitator = useSessionInfo()?.facilitator != null
  const versions = resourceValue(useApiResource(`${descriptionPath(challengeId)}/versions`, VersionList))?.versions ?? []
  if (!isFacilitator && versions.length === 0) return null
  return (
    <p className="button-row" data-testid="challenge-description-links">
      {isFacilitator && (
        <Link to={`/challenge/${challengeId}/description`} className="button" data-testid="description-editor-link">
          {t('description.heading')}
        </Link>
      )}
      {versions.length > 0 && (
        <a href={publicPageUrl(challengeId)} data-testid="description-public-link">
          {t('description.publicPageOf')}
        </a>
      )}
    </p>
  )
}
