import { useTranslation } from 'react-i18next'
import type { WorkshopPerson } from '../../../shared/src/schema/workshopApi.ts'
import { affiliationKey, roleKey } from './labels.ts'
import { RemoveParticipantButton } from './RemoveParticipantButton.tsx'

export interface PeopleListProps {
  people: readonly WorkshopPerson[]
  /** For facilitators: removing participants from the workshop. */
  removal?: { workshopId: string; startsAt: string; onRemoved(): void } | null
}

/**
 * Who is in the workshop (facilitators and participants; observers are never
 * listed), online first. Online state is said in words, not only by a dot.
 * Facilitators can remove a participant (and undo what they changed).
 */
export function PeopleList({ people, removal = null }: PeopleListProps) {
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
            {person.removed ? (
              <span className="online-state" data-testid="person-removed">
                {t('removal.removedTag')}
              </span>
            ) : (
              <span className={person.online ? 'online-state online-state--online' : 'online-state'}>
                {person.online ? t('people.online') : t('people.offline')}
              </span>
            )}
            {removal !== null && person.role === 'participant' && !person.removed && (
              <RemoveParticipantButton
                workshopId={removal.workshopId}
                participant={person}
                startsAt={removal.startsAt}
                onRemoved={removal.onRemoved}
              />
            )}
          </li>
        ))}
      </ul>
    </>
  )
}
