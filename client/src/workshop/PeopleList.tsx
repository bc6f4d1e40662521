import { useTranslation } from 'react-i18next'
import type { WorkshopPerson } from '../../../shared/src/schema/workshopApi.ts'
import { affiliationKey, roleKey } from './labels.ts'

/**
 * Who is in the workshop (facilitators and participants; observers are never
 * listed), online first. Online state is said in words, not only by a dot.
 */
export function PeopleList({ people }: { people: readonly WorkshopPerson[] }) {
  const { t, i18n } = useTranslation()
  const collator = new Intl.Collator(i18n.language)
  const sorted = [...people].sort(
    (a, b) => Number(b.online) - Number(a.online) || collator.compare(a.displayName, b.displayName),
  )
  const online = people.filter((person) => person.online).length
  return (
    <>
      <p className="hint">{t('people.summary', { count: people.length, online })}</p>
      <ul className="people-list" data-testid="people-list">
        {sorted.map((person) => (
          <li key={person.id} className="people-list__person" data-online={person.online}>
            <span className="people-list__swatch" aria-hidden="true" style={{ background: person.color }} />
            <span className="people-list__name">{person.displayName}</span>
            <span className="hint">
              {person.affiliation === null ? t(roleKey[person.role]) : `${t(roleKey[person.role])}, ${t(affiliationKey[person.affiliation])}`}
            </span>
            <span className={person.online ? 'online-state online-state--online' : 'online-state'}>
              {person.online ? t('people.online') : t('people.offline')}
            </span>
          </li>
        ))}
      </ul>
    </>
  )
}
