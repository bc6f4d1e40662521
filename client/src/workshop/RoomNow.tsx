import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import type { FacilitationState } from '../../../shared/src/schema/facilitation.ts'
import { useServerNow } from '../hooks/useServerNow.ts'
import type { WorkshopRoom } from '../hooks/useWorkshopRoom.ts'
import { agendaStep } from './roomView.ts'
import { StepTimer } from './StepTimer.tsx'
import { TimerSoundToggle } from './TimerSoundToggle.tsx'

export interface RoomNowProps {
  room: WorkshopRoom
  state: FacilitationState
  /** The step of the board this bar is on. */
  stepId: string
  plannedMinutes: number
  /** A phone: the way to the current step in short, the sound switch left to the bar's "Mer". */
  narrow: boolean
}

/**
 * Where the workshop is, in the step bar: "Nå" on the current step's board, or the way to it
 * from any other; the current step's timer (the planned minutes while it has none).
 */
export function RoomNow({ room, state, stepId, plannedMinutes, narrow }: RoomNowProps) {
  const { t } = useTranslation()
  const now = useServerNow(room.live)
  const current = agendaStep(room.steps, state.currentStepId)
  const timer = current === null ? undefined : state.timers[current.step.id]
  const here = current?.step.id === stepId
  return (
    <>
      {current === null ? null : here ? (
        <span className="now-badge" title={t('room.isCurrent')} data-testid="step-bar-current" data-step-number={current.number}>
          {t('room.now')}
        </span>
      ) : (
        <>
          <span className="step-bar__now-elsewhere" data-testid="step-bar-current" data-step-number={current.number}>
            {t('room.nowStep', { number: current.number })}
          </span>
          {narrow ? (
            // Short on a phone; the name read out still begins with what is seen, for voice control.
            <Link to={`/board/${current.step.boardId}`} className="top-bar__button now-link" data-testid="go-to-current">
              <span className="now-link__text">{t('room.goToStep', { number: current.number })}</span>
              <span className="visually-hidden">{t('room.goToStepRest', { name: current.step.templateName })}</span>
            </Link>
          ) : (
            <Link
              to={`/board/${current.step.boardId}`}
              className="top-bar__button now-link"
              data-testid="go-to-current"
              aria-label={t('room.goToCurrentNamed', { number: current.number, name: current.step.templateName })}
            >
              {t('room.goToCurrent')}
            </Link>
          )}
        </>
      )}
      {timer !== undefined && now !== null ? (
        <>
          <StepTimer timer={timer} now={now} />
          {!narrow && <TimerSoundToggle sound={room.sound} />}
        </>
      ) : (
        (current === null || here) && <span className="step-bar__minutes">{t('agenda.minutes', { count: plannedMinutes })}</span>
      )}
    </>
  )
}
