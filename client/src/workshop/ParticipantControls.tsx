import { useTranslation } from 'react-i18next'
import { type FacilitationState } from '../../../shared/src/schema/facilitation.ts'
import { mayTake } from '../../../shared/src/schema/facilitationRules.ts'
import { useRoomAction } from '../hooks/useRoomAction.ts'
import type { WorkshopRoom } from '../hooks/useWorkshopRoom.ts'
import { RoomIcon } from './RoomIcon.tsx'

export interface ParticipantControlsProps {
  room: WorkshopRoom
  state: FacilitationState
  /** The step "done" is said of: the current step, where the person is on it; null hides the button. */
  readyStepId: string | null
}

/**
 * A participant's own signals to the facilitator: a raised hand, and "done" with the step.
 * Facilitators and observers take neither (see mayTake). On a phone the buttons show their
 * icons; their names stay for screen readers.
 */
export function ParticipantControls({ room, state, readyStepId }: ParticipantControlsProps) {
  const { t } = useTranslation()
  const act = useRoomAction(room)
  const me = room.actor.participantId
  if (me === null || !mayTake(room.role, 'raiseHand')) return null
  const raised = state.hands.some((hand) => hand.participantId === me)
  const ready = readyStepId !== null && (state.ready[readyStepId] ?? []).includes(me)
  return (
    <>
      <button
        type="button"
        className={raised ? 'top-bar__button room-button room-button--on' : 'top-bar__button room-button'}
        data-testid="hand-toggle"
        data-raised={raised}
        onClick={() => void act(raised ? { type: 'lowerHand' } : { type: 'raiseHand' })}
      >
        <RoomIcon name="hand" />
        <span className="room-button__text">{raised ? t('hand.lower') : t('hand.raise')}</span>
      </button>
      {readyStepId !== null && mayTake(room.role, 'setReady') && (
        <button
          type="button"
          className={ready ? 'top-bar__button room-button room-button--on' : 'top-bar__button room-button'}
          aria-pressed={ready}
          data-testid="ready-toggle"
          onClick={() => void act({ type: 'setReady', stepId: readyStepId, ready: !ready })}
        >
          <RoomIcon name={ready ? 'check' : 'circle'} />
          <span className="room-button__text">{t('ready.done')}</span>
        </button>
      )}
    </>
  )
}
