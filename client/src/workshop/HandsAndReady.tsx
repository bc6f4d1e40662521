import { useId } from 'react'
import { useTranslation } from 'react-i18next'
import type { FacilitationState } from '../../../shared/src/schema/facilitation.ts'
import { useRoomAction } from '../hooks/useRoomAction.ts'
import type { WorkshopRoom } from '../hooks/useWorkshopRoom.ts'
import { readyCount } from './roomView.ts'

/** The raised hands in the order they went up, each to be taken down, and how many are done with the current step. */
export function HandsAndReady({ room, state }: { room: WorkshopRoom; state: FacilitationState }) {
  const { t } = useTranslation()
  const act = useRoomAction(room)
  const ids = useId()
  const nameOf = (participantId: string) =>
    room.people.find((person) => person.id === participantId)?.displayName ?? t('facilitation.unknownPerson')
  const current = state.currentStepId
  const count = current === null ? null : readyCount(state, current, room.people)
  return (
    <>
      <section className="facilitation-controls__section" aria-labelledby={`${ids}-hands`}>
        <h3 id={`${ids}-hands`}>
          {t('facilitation.handsHeading')} <span className="count-badge">{state.hands.length}</span>
        </h3>
        {state.hands.length === 0 ? (
          <p className="hint">{t('facilitation.noHands')}</p>
        ) : (
          <>
            <ol className="hands-list" data-testid="hands-list">
              {state.hands.map((hand) => {
                const name = nameOf(hand.participantId)
                return (
                  <li key={hand.participantId} className="hands-list__hand" data-testid="raised-hand">
                    <span className="hands-list__name">{name}</span>
                    <button
                      type="button"
                      className="button button--small"
                      aria-label={t('facilitation.lowerOneNamed', { person: name })}
                      data-testid="lower-hand"
                      onClick={() => void act({ type: 'lowerHand', participantId: hand.participantId })}
                    >
                      {t('facilitation.lowerOne')}
                    </button>
                  </li>
                )
              })}
            </ol>
            <button type="button" className="button button--small" data-testid="lower-all-hands" onClick={() => void act({ type: 'lowerHand', participantId: null })}>
              {t('facilitation.lowerAll')}
            </button>
          </>
        )}
      </section>
      {current !== null && count !== null && (
        <section className="facilitation-controls__section" aria-labelledby={`${ids}-ready`}>
          <h3 id={`${ids}-ready`}>{t('facilitation.readyHeading')}</h3>
          <div className="facilitation-controls__actions">
            <span data-testid="ready-count" data-ready={count.ready} data-total={count.total}>
              {t('facilitation.readyCount', { count: count.ready, total: count.total })}
            </span>
            <button
              type="button"
              className="button button--small"
              aria-label={t('facilitation.resetReadyLabel')}
              disabled={count.ready === 0}
              data-testid="reset-ready"
              onClick={() => void act({ type: 'resetReady', stepId: current })}
            >
              {t('facilitation.resetReady')}
            </button>
          </div>
        </section>
      )}
    </>
  )
}
