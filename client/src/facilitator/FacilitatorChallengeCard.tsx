import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import type { Challenge } from '../../../shared/src/schema/challenge.ts'
import { challengeStatusKey } from '../components/programme/challengeStatus.ts'
import { ChallengeWorkshops } from './ChallengeWorkshops.tsx'
import { NewWorkshopForm } from './NewWorkshopForm.tsx'

/** One challenge on the facilitator's page: its question, an edit link, its workshops and "Nytt verksted". */
export function FacilitatorChallengeCard({ challenge, municipality }: { challenge: Challenge; municipality: string }) {
  const { t } = useTranslation()
  const headingId = `challenge-${challenge.id}-heading`
  return (
    <li className="card" data-testid="facilitator-challenge" data-challenge-id={challenge.id}>
      <section aria-labelledby={headingId}>
        <h3 id={headingId} className="card__heading">
          <Link to={`/challenge/${challenge.id}`}>{challenge.name}</Link>
        </h3>
        <p className="card__question">{challenge.title}</p>
        <p className="card__meta">
          <span>{t('start.leadMunicipality', { name: municipality })}</span>
          <span>{t('start.status', { status: t(challengeStatusKey[challenge.status]) })}</span>
        </p>
        <p className="card__actions">
          <Link
            to={`/challenge/${challenge.id}/edit`}
            data-testid="edit-challenge-link"
            aria-label={t('facilitator.editChallengeNamed', { name: challenge.name })}
          >
            {t('facilitator.editChallenge')}
          </Link>
        </p>
        <h4 className="card__subheading">{t('workshops.heading')}</h4>
        <ChallengeWorkshops challengeId={challenge.id} linkTitles editLinks headingLevel={5} />
        <NewWorkshopForm challengeId={challenge.id} challengeName={challenge.name} />
      </section>
    </li>
  )
}
