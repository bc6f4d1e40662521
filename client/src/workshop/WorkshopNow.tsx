import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import type { FacilitationState } from '../../../shared/src/schema/facilitation.ts'
import { useServerNow } from '../hooks/useServerNow.ts'
import type { WorkshopRoom } from '../hooks/useWorkshopRoom.ts'
import { ParticipantControls } from './ParticipantControls.tsx'
import { agendaStep } from './roomView.ts'
import { StepTimer } from './StepTimer.tsx'
import { TimerSoundToggle } from './TimerSoundToggle.tsx'

/**
 * The workshop page's "now": the step we are on with its timer and the way to its board, and a
 * participant's hand and "done" for it.
 */
export function WorkshopNow({ room, state }: { room: WorkshopRoom; state: FacilitationState }) {
  const { t } = useTranslation()
  const now = useServerNow(room.live)
  const current = agendaStep(room.steps, state.currentStepId)
  const timer = current === null ? undefined : state.timers[current.step.id]
  return (
    <div className="workshop-now card" data-testid="workshop-now">
      {current === null ? (
        <p className="workshop-now__step" data-testid="workshop-now-step">
          {t('room.noCurrentStep')}
        </p>
      ) : (
        <>
          <p className="workshop-now__step" data-testid="workshop-now-step" data-step-number={current.number}>
            <span className="now-badge">{t('room.now')}</span>{' '}
            {t('agenda.stepHeading', { number: current.number, name: current.step.templateName })}
          </p>
          <div className="workshop-now__actions">
            {timer !== undefined && now !== null && (
              <>
                <StepTimer timer={timer} now={now} />
                <TimerSoundToggle sound={room.sound} />
              </>
            )}
            <Link
              to={`/board/${current.step.boardId}`}
              className="button button--primary"
              data-testid="go-to-current"
              aria-label={t('room.goToCurrentNamed', { number: current.number, name: current.step.templateName })}
            >
              {t('room.goToCurrent')}
            </Link>
          </div>
        </>
      )}
      <div className="workshop-now__actions">
        <ParticipantControls room={room} state={state} readyStepId={current?.step.id ?? null} />
      </div>
    </div>
  )
}
