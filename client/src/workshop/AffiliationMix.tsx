import { useId } from 'react'
import { useTranslation } from 'react-i18next'
import type { WorkshopPerson } from '../../../shared/src/schema/workshopApi.ts'
import { affiliationGroupKey } from './labels.ts'
import { affiliationMix } from './peopleView.ts'

/**
 * For facilitators: where the participants on a board now come from ("Næringsliv 4 · Innbyggere 6"),
 * in words, with a bar of the same shares beside it for a glance (the words carry it all).
 */
export function AffiliationMix({ people }: { people: readonly WorkshopPerson[] }) {
  const { t } = useTranslation()
  const headingId = useId()
  const mix = affiliationMix(people)
  const total = mix.reduce((sum, each) => sum + each.count, 0)
  return (
    <section className="people-mix" aria-labelledby={headingId} data-testid="people-mix-panel">
      <h3 id={headingId}>{t('peoplePanel.mixHeading')}</h3>
      {total === 0 ? (
        <p className="hint" data-testid="people-mix-none">
          {t('peoplePanel.mixNone')}
        </p>
      ) : (
        <>
          <p className="people-mix__lead">{t('peoplePanel.mixLead', { count: total })}</p>
          <div className="people-mix__bar" aria-hidden="true">
            {mix.map(({ affiliation, count }) => (
              <span key={affiliation} className={`people-mix__share people-mix__share--${affiliation}`} style={{ flexGrow: count }} />
            ))}
          </div>
          <ul className="people-mix__list" data-testid="people-mix">
            {mix.map(({ affiliation, count }) => (
              <li key={affiliation} data-affiliation={affiliation} data-count={count}>
                <span className={`people-mix__key people-mix__share--${affiliation}`} aria-hidden="true" />
                {t('peoplePanel.mixItem', { group: t(affiliationGroupKey[affiliation]), count })}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  )
}
