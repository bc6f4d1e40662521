import { useTranslation } from 'react-i18next'
import type { WorkshopPerson } from '../../../shared/src/schema/workshopApi.ts'
import { ParticipantDataActions } from '../workshop/ParticipantDataActions.tsx'

export interface ParticipantDataListProps {
  workshopId: string
  people: readonly WorkshopPerson[]
  onErased(): void
}

/**
 * The workshop editor's list of participants for data protection requests: each with "Last ned
 * data" (everything stored about them) and "Slett personen" (erasing them from the workshop).
 */
export function ParticipantDataList({ workshopId, people, onErased }: ParticipantDataListProps) {
  const { t } = useTranslation()
  const participants = people.filter((person) => person.role === 'participant')
  return (
    <>
      <p className="hint">{t('participantData.hint')}</p>
      {participants.length === 0 ? (
        <p className="hint">{t('participantData.none')}</p>
      ) : (
        <ul className="people-list" data-testid="participant-data-list">
          {participants.map((person) => (
            <li key={person.id} className="people-list__person" data-item-id={person.id}>
              <span className="people-list__name">{person.displayName}</span>
              <ParticipantDataActions workshopId={workshopId} participant={person} onErased={onErased} />
            </li>
          ))}
        </ul>
      )}
    </>
  )
}
