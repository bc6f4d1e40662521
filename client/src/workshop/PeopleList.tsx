import { useId, useRef, useState, type FocusEvent, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import type { FacilitationState } from '../../../shared/src/schema/facilitation.ts'
import type { AgendaStep, WorkshopPerson } from '../../../shared/src/schema/workshopApi.ts'
import { useKeptFocus } from '../hooks/useKeptFocus.ts'
import { AffiliationMix } from './AffiliationMix.tsx'
import { affiliationKey, roleKey } from './labels.ts'
import { groupPeople, openSteps, personInRoom } from './peopleView.ts'
import { RemoveParticipantButton } from './RemoveParticipantButton.tsx'
import { ParticipantDataActions } from './ParticipantDataActions.tsx'

/** What facilitators see besides the names: where each person is, their hand and "done", from the agenda and the live room. */
export interface PeopleRoom {
  /** The agenda, in order. */
  steps: readonly AgendaStep[]
  /** The live room; null until its first snapshot. */
  state: FacilitationState | null
}

/** For facilitators: removing participants from the workshop, and erasing or exporting what is stored about them. */
export interface PeopleRemoval {
  workshopId: string
  /** When the workshop started (ISO), for undoing what someone did since. */
  startsAt: string
  onRemoved(): void
}

export interface PeopleListProps {
  people: readonly WorkshopPerson[]
  /** For facilitators: the steps people are on, their hands, "done", and the mix of affiliations. Null shows the names only. */
  room?: PeopleRoom | null
  removal?: PeopleRemoval | null
}

/**
 * Who is in the workshop (facilitators and participants; observers are never listed): who is on
 * a board now, who has been here, and who was removed, each under its own heading, with online
 * state said in words, not only by a dot. Facilitators also see on which steps each person is,
 * raised hands, who is done with the current step and the mix of affiliations, and can remove a
 * participant (and undo what they changed). Loaded again while it is shown, it keeps focus where
 * it was, and holds still while a dialog of it is open.
 */
export function PeopleList({ people, room = null, removal = null }: PeopleListProps) {
  const { t, i18n } = useTranslation()
  const ids = useId()
  const container = useRef<HTMLDivElement>(null)
  // While a participant's removal is asked about, their row must not move away under the dialog.
  const [held, setHeld] = useState<readonly WorkshopPerson[] | null>(null)
  const shown = held ?? people
  const keepFocus = useKeptFocus(container, shown)
  const onFocus = (event: FocusEvent<HTMLElement>) => {
    keepFocus(event)
    const inDialog = event.target.closest('dialog') !== null
    if (inDialog && held === null) setHeld(people)
    else if (!inDialog && held !== null) setHeld(null)
  }
  const groups = groupPeople(shown, new Intl.Collator(i18n.language).compare)
  const online = shown.filter((person) => person.online).length
  const row = (person: WorkshopPerson) => <PersonRow key={person.id} person={person} room={room} removal={removal} />
  const group = (key: string, heading: string, members: readonly WorkshopPerson[], testId: string, before: ReactNode = null) => (
    <section className="people-group" aria-labelledby={`${ids}-${key}`}>
      <h3 id={`${ids}-${key}`} tabIndex={-1} data-focus-fallback="">
        {heading} <span className="count-badge">{members.length}</span>
      </h3>
      {before}
      {members.length > 0 && (
        <ul className="people-list" data-testid={testId}>
          {members.map(row)}
        </ul>
      )}
    </section>
  )
  return (
    <>
      <p className="hint">{t('people.summary', { count: shown.length, online })}</p>
      {room !== null && <AffiliationMix people={shown} />}
      <div ref={container} className="people-groups" data-testid="people-list" onFocus={onFocus}>
        {group(
          'online',
          t('peoplePanel.onlineHeading'),
          groups.online,
          'people-online',
          groups.online.length === 0 ? <p className="hint">{t('peoplePanel.noneOnline')}</p> : null,
        )}
        {groups.away.length > 0 && group('away', t('peoplePanel.awayHeading'), groups.away, 'people-away', <p className="hint">{t('peoplePanel.awayHint')}</p>)}
        {groups.removed.length > 0 && group('removed', t('peoplePanel.removedHeading'), groups.removed, 'people-removed')}
      </div>
    </>
  )
}

/** A pause for a screen reader between the parts of a row, which the eye gets from the layout. */
const pause = <span className="visually-hidden">, </span>

function PersonRow({ person, room, removal }: { person: WorkshopPerson; room: PeopleRoom | null; removal: PeopleRemoval | null }) {
  const { t, i18n } = useTranslation()
  const role = t(roleKey[person.role])
  const steps = room === null ? [] : openSteps(person, room.steps)
  const live = room === null ? null : personInRoom(room.state, person.id)
  const currentNumber = room === null ? null : room.steps.findIndex((step) => step.id === room.state?.currentStepId) + 1
  const place = person.removed ? (
    <span className="online-state" data-testid="person-removed">
      {t('removal.removedTag')}
    </span>
  ) : steps.length > 0 ? (
    <span className="online-state online-state--online" data-testid="person-steps" data-step-numbers={steps.map((step) => step.number).join(',')}>
      {t('peoplePanel.onSteps', {
        steps: new Intl.ListFormat(i18n.language, { type: 'conjunction' }).format(
          steps.map((step) => t('peoplePanel.onStep', { number: step.number, name: step.name })),
        ),
      })}
    </span>
  ) : (
    <span className={person.online ? 'online-state online-state--online' : 'online-state'}>{person.online ? t('people.online') : t('people.offline')}</span>
  )
  return (
    <li className="people-list__person" data-item-id={person.id} data-testid="person" data-online={person.online}>
      <span className="people-list__swatch" aria-hidden="true" style={{ background: person.color }} />
      <span className="people-list__name">{person.displayName}</span>
      {pause}
      <span className="hint">{person.affiliation === null ? role : `${role}, ${t(affiliationKey[person.affiliation])}`}</span>
      {pause}
      {place}
      {live?.handNumber != null && (
        <>
          {pause}
          <span className="person-badge person-badge--hand" data-testid="person-hand" data-hand-number={live.handNumber}>
            <span aria-hidden="true">✋ </span>
            {t('peoplePanel.hand', { number: live.handNumber })}
          </span>
        </>
      )}
      {live?.readyWithCurrent === true && currentNumber !== null && currentNumber > 0 && (
        <>
          {pause}
          <span className="person-badge" data-testid="person-ready">
            <span aria-hidden="true">✓ </span>
            {t('peoplePanel.ready', { number: currentNumber })}
          </span>
        </>
      )}
      {removal !== null && person.role === 'participant' && !person.removed && (
        <RemoveParticipantButton workshopId={removal.workshopId} participant={person} startsAt={removal.startsAt} onRemoved={removal.onRemoved} />
      )}
      {removal !== null && person.role === 'participant' && (
        <ParticipantDataActions workshopId={removal.workshopId} participant={person} onErased={removal.onRemoved} />
      )}
    </li>
  )
}
