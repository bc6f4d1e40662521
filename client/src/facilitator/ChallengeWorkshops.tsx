import { useTranslation } from 'react-i18next'
import { WorkshopSummaryList } from '../../../shared/src/schema/workshopApi.ts'
import { useApiResource, resourceValue } from '../hooks/useApiResource.ts'
import { WorkshopList } from '../workshop/WorkshopList.tsx'

export interface ChallengeWorkshopsProps {
  challengeId: string
  linkTitles: boolean
  editLinks: boolean
  headingLevel: 3 | 5
}

/** The workshops of one challenge (`GET /api/challenges/:id/workshops`), loading and failing politely. */
export function ChallengeWorkshops({ challengeId, linkTitles, editLinks, headingLevel }: ChallengeWorkshopsProps) {
  const { t } = useTranslation()
  const resource = useApiResource(`/api/challenges/${challengeId}/workshops`, WorkshopSummaryList)
  const value = resourceValue(resource)
  if (value !== null) {
    return <WorkshopList workshops={value.workshops} linkTitles={linkTitles} editLinks={editLinks} headingLevel={headingLevel} />
  }
  if (resource.status === 'loading') return <p role="status">{t('workshops.loading')}</p>
  return (
    <p className="error-message" role="alert">
      {t('workshops.failed')}
    </p>
  )
}
