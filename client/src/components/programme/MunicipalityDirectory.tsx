import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import type { Challenge } from '../../../../shared/src/schema/challenge.ts'
import type { Municipality } from '../../../../shared/src/schema/municipality.ts'

export interface MunicipalityDirectoryProps {
  municipalities: readonly Municipality[]
  challengeOfMunicipality: ReadonlyMap<string, Challenge>
}

/** Municipalities grouped by county (an h3 each, unknown county last); one with a challenge links to it. */
export function MunicipalityDirectory({ municipalities, challengeOfMunicipality }: MunicipalityDirectoryProps) {
  const { t, i18n } = useTranslation()
  if (municipalities.length === 0) return <p data-testid="municipality-list-empty">{t('start.noMunicipalities')}</p>
  const byCounty = new Map<string | null, Municipality[]>()
  for (const municipality of municipalities) {
    const group = byCounty.get(municipality.county) ?? []
    group.push(municipality)
    byCounty.set(municipality.county, group)
  }
  const collator = new Intl.Collator(i18n.language)
  const counties = [...byCounty.keys()].sort((a, b) =>
    a === null ? 1 : b === null ? -1 : collator.compare(a, b),
  )
  return (
    <div data-testid="municipality-list">
      {counties.map((county) => (
        <section key={county ?? ''} className="county">
          <h3 className="county__heading">{county ?? t('start.countyUnknown')}</h3>
          <ul className="county__list">
            {(byCounty.get(county) ?? []).map((municipality) => {
              const challenge = challengeOfMunicipality.get(municipality.id)
              return (
                <li key={municipality.id} data-testid="municipality-item">
                  {challenge === undefined ? (
                    municipality.name
                  ) : (
                    <>
                      <Link to={`/challenge/${challenge.id}`}>{municipality.name}</Link>
                      <span className="hint"> – {t('start.hasChallenge')}</span>
                    </>
                  )}
                </li>
              )
            })}
          </ul>
        </section>
      ))}
    </div>
  )
}
