import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import type { Challenge } from '../../../../shared/src/schema/challenge.ts'
import { challengeStatusKey } from './challengeStatus.ts'

export interface ChallengeListProps {
  challenges: readonly Challenge[]
  municipalityNames: ReadonlyMap<string, string>
}

/** Challenges (utfordringer) as cards under an h2: name linking to the challenge, its question, municipality, status. */
export function ChallengeList({ challenges, municipalityNames }: ChallengeListProps) {
  const { t } = useTranslation()
  if (challenges.length === 0) return <p data-testid="challenge-list-empty">{t('start.noChallenges')}</p>
  return (
    <ul className="card-list" data-testid="challenge-list">
      {challenges.map((challenge) => (
        <li key={challenge.id} className="card" data-testid="challenge-item">
          <h3 className="card__heading">
            <Link to={`/challenge/${challenge.id}`}>{challenge.name}</Link>
          </h3>
          <p className="card__question">{challenge.title}</p>
          <p className="card__meta">
            <span>
              {t('start.leadMunicipality', {
                name: municipalityNames.get(challenge.leadMunicipalityId) ?? challenge.leadMunicipalityId,
              })}
            </span>
            <span>{t('start.status', { status: t(challengeStatusKey[challenge.status]) })}</span>
          </p>
        </li>
      ))}
    </ul>
  )
}
