import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { PageShell } from '../components/PageShell.tsx'
import { CoFacilitators } from '../facilitator/CoFacilitators.tsx'
import { FacilitatorChallenges } from '../facilitator/FacilitatorChallenges.tsx'
import { RequireFacilitator } from '../facilitator/RequireFacilitator.tsx'

/** `/facilitator`: a facilitator's starting point: challenges and their workshops, new ones, the municipalities' facts, co-facilitators. */
export function FacilitatorHomePage() {
  const { t } = useTranslation()
  return (
    <RequireFacilitator>
      {(facilitator) => (
        <PageShell title={`${t('facilitator.title')} – ${t('app.name')}`}>
          <div className="facilitator-home">
            <h1>{t('facilitator.heading', { name: facilitator.displayName })}</h1>
            <p>{t('facilitator.lead')}</p>
            <section aria-labelledby="facilitator-challenges-heading">
              <div className="section-heading">
                <h2 id="facilitator-challenges-heading">{t('facilitator.challengesHeading')}</h2>
                <Link to="/challenge/new" className="button" data-testid="new-challenge">
                  {t('facilitator.newChallenge')}
                </Link>
              </div>
              <FacilitatorChallenges />
            </section>
            <section aria-labelledby="facilitator-municipalities-heading">
              <h2 id="facilitator-municipalities-heading">{t('municipalities.title')}</h2>
              <p>{t('municipalities.homeLead')}</p>
              <p>
                <Link to="/facilitator/municipalities" data-testid="municipalities-link">
                  {t('municipalities.homeLink')}
                </Link>
              </p>
            </section>
            <section aria-labelledby="facilitator-log-heading">
              <h2 id="facilitator-log-heading">{t('audit.title')}</h2>
              <p>{t('audit.homeLead')}</p>
              <p>
                <Link to="/facilitator/log" data-testid="audit-log-link">
                  {t('audit.homeLink')}
                </Link>
              </p>
            </section>
            <section aria-labelledby="facilitator-team-heading">
              <h2 id="facilitator-team-heading">{t('facilitator.teamHeading')}</h2>
              <ul className="plain-list">
                <li>
                  <Link to="/facilitator/accounts" data-testid="facilitator-accounts-link">
                    {t('accounts.homeLink')}
                  </Link>
                </li>
                <li>
                  <Link to="/facilitator/password" data-testid="change-password-home-link">
                    {t('accounts.changeTitle')}
                  </Link>
                </li>
              </ul>
              <CoFacilitators />
            </section>
          </div>
        </PageShell>
      )}
    </RequireFacilitator>
  )
}
