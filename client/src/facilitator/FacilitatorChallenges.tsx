import { useTranslation } from 'react-i18next'
import { ChallengeList, MunicipalityList } from '../../../shared/src/schema/publicApi.ts'
import { useApiResource } from '../hooks/useApiResource.ts'
import { FacilitatorChallengeCard } from './FacilitatorChallengeCard.tsx'

/** Every challenge with its workshops, for facilitators (any facilitator may run any of them). */
export function FacilitatorChallenges() {
  const { t } = useTranslation()
  const challenges = useApiResource('/api/challenges', ChallengeList)
  const municipalities = useApiResource('/api/municipalities', MunicipalityList)
  if (challenges.status === 'failed' || challenges.status === 'notFound') {
    return (
      <p className="error-message" role="alert">
        {t('start.failed')}
      </p>
    )
  }
  if (challenges.status === 'loading') return <p role="status">{t('start.loading')}</p>
  const names = new Map(
    municipalities.status === 'loaded' ? municipalities.value.municipalities.map((m) => [m.id, m.name] as const) : [],
  )
  if (challenges.value.challenges.length === 0) return <p>{t('facilitator.noChallenges')}</p>
  return (
    <ul className="card-list" data-testid="facilitator-challenges">
      {challenges.value.challenges.map((challenge) => (
        <FacilitatorChallengeCard
          key={challenge.id}
          challenge={challenge}
          municipality={names.get(challenge.leadMunicipalityId) ?? challenge.leadMunicipalityId}
        />
      ))}
    </ul>
  )
}
