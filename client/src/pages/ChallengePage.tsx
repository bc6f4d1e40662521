import { useTranslation } from 'react-i18next'
import { Link, useParams } from 'react-router'
import type { ChallengeDetail, MunicipalityRef } from '../../../shared/src/schema/publicApi.ts'
import { PageShell } from '../components/PageShell.tsx'
import { challengeStatusKey } from '../components/programme/challengeStatus.ts'
import { ChallengeDescriptionLinks } from '../description/ChallengeDescriptionLinks.tsx'
import { ChallengeWorkshops } from '../facilitator/ChallengeWorkshops.tsx'
import { NewWorkshopForm } from '../facilitator/NewWorkshopForm.tsx'
import { useChallenge } from '../hooks/useChallenge.ts'
import { useSessionInfo } from '../hooks/useSession.ts'

/**
 * One challenge (utfordring): its question, description, problem statements,
 * municipalities and workshops; facilitators also get "Rediger" and "Nytt verksted".
 */
export function ChallengePage() {
  const { t } = useTranslation()
  const { challengeId = '' } = useParams()
  const challenge = useChallenge(challengeId)
  const backLink = (
    <p>
      <Link to="/">{t('challenge.allChallenges')}</Link>
    </p>
  )
  if (challenge.status === 'loaded') {
    return (
      <PageShell title={`${challenge.value.name} – ${t('app.name')}`}>
        <ChallengeDescription challenge={challenge.value} />
        <ChallengeWorkshopSection challenge={challenge.value} />
        {backLink}
      </PageShell>
    )
  }
  if (challenge.status === 'notFound') {
    return (
      <PageShell title={`${t('challenge.notFoundTitle')} – ${t('app.name')}`}>
        <section className="message-page" data-testid="challenge-not-found">
          <h1>{t('challenge.notFoundTitle')}</h1>
          <p>{t('challenge.notFoundBody')}</p>
          {backLink}
        </section>
      </PageShell>
    )
  }
  return (
    <PageShell title={t('app.name')}>
      {challenge.status === 'failed' ? (
        <p className="error-message" role="alert">
          {t('challenge.failed')}
        </p>
      ) : (
        <p role="status">{t('challenge.loading')}</p>
      )}
      {backLink}
    </PageShell>
  )
}

function ChallengeDescription({ challenge }: { challenge: ChallengeDetail }) {
  const { t } = useTranslation()
  const isFacilitator = useSessionInfo()?.facilitator != null
  return (
    <article className="challenge" data-testid="challenge">
      <h1>{challenge.name}</h1>
      {isFacilitator && (
        <p>
          <Link to={`/challenge/${challenge.id}/edit`} className="button" data-testid="edit-challenge-link">
            {t('facilitator.editChallenge')}
          </Link>
        </p>
      )}
      <p className="challenge__question">{challenge.title}</p>
      {challenge.summary !== '' && <p>{challenge.summary}</p>}
      <ChallengeDescriptionLinks challengeId={challenge.id} />
      <dl className="facts">
        <dt>{t('challenge.status')}</dt>
        <dd>{t(challengeStatusKey[challenge.status])}</dd>
      </dl>
      <h2>{t('challenge.problemStatements')}</h2>
      <TextList items={challenge.problemStatements} testId="problem-statements" />
      <h2>{t('challenge.themes')}</h2>
      <TextList items={challenge.themes} />
      <h2>{t('challenge.stakeholderGroups')}</h2>
      <TextList items={challenge.stakeholderGroups} />
      <h2>{t('challenge.municipalities')}</h2>
      <dl className="facts">
        <dt>{t('challenge.lead')}</dt>
        <dd>{challenge.leadMunicipality.name}</dd>
        <dt>{t('challenge.coApplicants')}</dt>
        <dd>
          <MunicipalityNames municipalities={challenge.coApplicants} />
        </dd>
        <dt>{t('challenge.followers')}</dt>
        <dd data-testid="follower-municipalities">
          <MunicipalityNames municipalities={challenge.followerMunicipalities} />
        </dd>
      </dl>
    </article>
  )
}

function TextList({ items, testId }: { items: readonly string[]; testId?: string }) {
  const { t } = useTranslation()
  if (items.length === 0) return <p>{t('challenge.none')}</p>
  return (
    <ul data-testid={testId}>
      {items.map((item, index) => (
        // Problem statements need not be distinct, so the position is part of the key.
        <li key={`${index}:${item}`}>{item}</li>
      ))}
    </ul>
  )
}

function MunicipalityNames({ municipalities }: { municipalities: readonly MunicipalityRef[] }) {
  const { t, i18n } = useTranslation()
  if (municipalities.length === 0) return <>{t('challenge.none')}</>
  const list = new Intl.ListFormat(i18n.language, { type: 'conjunction' })
  return <>{list.format(municipalities.map((municipality) => municipality.name))}</>
}

/** The challenge's workshops: everyone sees them listed; role holders can open them; facilitators add new ones. */
function ChallengeWorkshopSection({ challenge }: { challenge: ChallengeDetail }) {
  const { t } = useTranslation()
  const session = useSessionInfo()
  const isFacilitator = session?.facilitator != null
  return (
    <section className="challenge" aria-labelledby="challenge-workshops-heading">
      <h2 id="challenge-workshops-heading">{t('workshops.heading')}</h2>
      <ChallengeWorkshops
        challengeId={challenge.id}
        // Only facilitators (and guests, through their own link in the top bar) can open a workshop page.
        linkTitles={isFacilitator}
        editLinks={isFacilitator}
        headingLevel={3}
      />
      {isFacilitator && <NewWorkshopForm challengeId={challenge.id} challengeName={challenge.name} />}
    </section>
  )
}
