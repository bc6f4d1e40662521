import { useTranslation } from 'react-i18next'
import type { StepTimer as StepTimerState } from '../../../shared/src/schema/facilitation.ts'
import { RoomIcon } from './RoomIcon.tsx'
import { formatClock, readTimer } from './roomView.ts'

/**
 * A step's timer as mm:ss in the server's time. Paused, it says so; at zero it turns quietly
 * amber (the announcement and the optional sound come from the room's announcer). A timer role
 * is not read out on every tick; its name says what it is.
 */
export function StepTimer({ timer, now, testId = 'step-timer' }: { timer: StepTimerState; now: number; testId?: string }) {
  const { t } = useTranslation()
  const reading = readTimer(timer, now)
  const time = formatClock(reading.remainingMs)
  const label = reading.ended ? t('timer.endedLabel') : reading.paused ? t('timer.pausedLabel', { time }) : t('timer.remainingLabel', { time })
  const state = reading.ended ? 'ended' : reading.paused ? 'paused' : 'running'
  return (
    <span className={`step-timer step-timer--${state}`} role="timer" aria-label={label} title={label} data-testid={testId} data-state={state}>
      {reading.paused && <RoomIcon name="pause" />}
      <span className="step-timer__time" data-testid={`${testId}-time`}>
        {time}
      </span>
      {reading.paused && <span className="step-timer__note"> {t('timer.paused')}</span>}
    </span>
  )
}
