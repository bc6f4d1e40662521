import { useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { maxTimerStepMinutes, type FacilitationState } from '../../../shared/src/schema/facilitation.ts'
import { mayTake } from '../../../shared/src/schema/facilitationRules.ts'
import { useRoomAction } from '../hooks/useRoomAction.ts'
import { useServerNow } from '../hooks/useServerNow.ts'
import type { WorkshopRoom } from '../hooks/useWorkshopRoom.ts'
import { HandsAndReady } from './HandsAndReady.tsx'
import { PrivateWritingControls } from './PrivateWritingControls.tsx'
import type { RoomPlace } from './RoomGuide.ts'
import { agendaStep } from './roomView.ts'
import { StepTimer } from './StepTimer.tsx'
import { VoteControls } from './VoteControls.tsx'

export interface FacilitationControlsProps {
  room: WorkshopRoom
  state: FacilitationState
  /** A board page (its step is "this step") or the workshop page. */
  place: RoomPlace
}

/**
 * What a facilitator leads the room with: which step is current and its timer, bringing everyone
 * to it, keeping them there, presenting, raised hands and who is done. Only for those who may
 * take these actions (see mayTake).
 */
export function FacilitationControls({ room, state, place }: FacilitationControlsProps) {
  const { t } = useTranslation()
  if (!mayTake(room.role, 'startStep')) return null
  const current = agendaStep(room.steps, state.currentStepId)
  return (
    <div className="facilitation-controls" data-testid="facilitation-controls">
      <StepSection room={room} state={state} place={place} />
      {current !== null && <TimerSection room={room} state={state} stepId={current.step.id} plannedMinutes={current.step.plannedMinutes} />}
      <RoomSection room={room} state={state} place={place} />
      {place.kind === 'board' && <VoteControls room={room} state={state} stepId={place.stepId} />}
      <PrivateWritingControls room={room} state={state} place={place} />
      <HandsAndReady room={room} state={state} />
      {current === null && <p className="hint">{t('room.noCurrentStep')}</p>}
    </div>
  )
}

function StepSection({ room, state, place }: FacilitationControlsProps) {
  const { t } = useTranslation()
  const act = useRoomAction(room)
  const ids = useId()
  const initial = place.kind === 'board' ? place.stepId : (state.currentStepId ?? room.steps[0]?.id ?? '')
  const [stepId, setStepId] = useState(initial)
  const chosen = agendaStep(room.steps, stepId)
  const [minutes, setMinutes] = useState(String(Math.min(chosen?.step.plannedMinutes ?? 15, maxTimerStepMinutes)))
  const [withTimer, setWithTimer] = useState(true)
  const minutesValue = Number(minutes)
  const minutesValid = Number.isInteger(minutesValue) && minutesValue >= 1 && minutesValue <= maxTimerStepMinutes
  const choose = (id: string) => {
    setStepId(id)
    const planned = agendaStep(room.steps, id)?.step.plannedMinutes
    if (planned !== undefined) setMinutes(String(Math.min(planned, maxTimerStepMinutes)))
  }
  return (
    <section className="facilitation-controls__section" aria-labelledby={`${ids}-heading`}>
      <h3 id={`${ids}-heading`}>{t('facilitation.step')}</h3>
      <div className="facilitation-controls__fields">
        <label>
          <span className="visually-hidden">{t('facilitation.step')}</span>
          <select value={stepId} data-testid="start-step-select" onChange={(event) => choose(event.target.value)}>
            {room.steps.map((step, index) => (
              <option key={step.id} value={step.id}>
                {t('facilitation.stepOption', { number: index + 1, name: step.templateName })}
              </option>
            ))}
          </select>
        </label>
        <label className="checkbox">
          <input type="checkbox" checked={withTimer} data-testid="start-step-with-timer" onChange={(event) => setWithTimer(event.target.checked)} />{' '}
          {t('facilitation.withTimer')}
        </label>
        <label className="facilitation-controls__minutes">
          {t('facilitation.minutes')}{' '}
          <input
            type="number"
            inputMode="numeric"
            min={1}
            max={maxTimerStepMinutes}
            value={minutes}
            disabled={!withTimer}
            aria-invalid={withTimer && !minutesValid}
            data-testid="start-step-minutes"
            onChange={(event) => setMinutes(event.target.value)}
          />
        </label>
      </div>
      <div className="facilitation-controls__actions">
        <button
          type="button"
          className="button button--primary button--small"
          disabled={chosen === null || (withTimer && !minutesValid)}
          data-testid="start-step"
          onClick={() => void act({ type: 'startStep', stepId, timerMinutes: withTimer ? minutesValue : null })}
        >
          {t('facilitation.startStep')}
        </button>
        {state.currentStepId !== null && (
          <button type="button" className="button button--small" data-testid="end-step" onClick={() => void act({ type: 'endStep' })}>
            {t('facilitation.endStep')}
          </button>
        )}
      </div>
    </section>
  )
}

function TimerSection({ room, state, stepId, plannedMinutes }: { room: WorkshopRoom; state: FacilitationState; stepId: string; plannedMinutes: number }) {
  const { t } = useTranslation()
  const act = useRoomAction(room)
  const now = useServerNow(room.live)
  const ids = useId()
  const timer = state.timers[stepId]
  return (
    <section className="facilitation-controls__section" aria-labelledby={`${ids}-heading`}>
      <h3 id={`${ids}-heading`}>{t('facilitation.timerHeading')}</h3>
      {timer === undefined ? (
        <div className="facilitation-controls__actions">
          <span className="hint">{t('facilitation.noTimer')}</span>
          <button
            type="button"
            className="button button--small"
            data-testid="timer-start"
            onClick={() => void act({ type: 'startTimer', stepId, minutes: Math.min(plannedMinutes, maxTimerStepMinutes) })}
          >
            {t('facilitation.startTimer')}
          </button>
        </div>
      ) : (
        <div className="facilitation-controls__actions">
          {now !== null && <StepTimer timer={timer} now={now} testId="panel-timer" />}
          {timer.endsAt !== null ? (
            <button type="button" className="button button--small" data-testid="timer-pause" onClick={() => void act({ type: 'pauseTimer', stepId })}>
              {t('facilitation.pause')}
            </button>
          ) : (
            <button type="button" className="button button--small" data-testid="timer-resume" onClick={() => void act({ type: 'resumeTimer', stepId })}>
              {t('facilitation.resume')}
            </button>
          )}
          {[1, 5].map((count) => (
            <button
              key={count}
              type="button"
              className="button button--small"
              aria-label={t('facilitation.extendLabel', { count })}
              data-testid={`timer-extend-${count}`}
              onClick={() => void act({ type: 'extendTimer', stepId, minutes: count })}
            >
              {t('facilitation.extend', { count })}
            </button>
          ))}
          <button type="button" className="button button--small" data-testid="timer-stop" onClick={() => void act({ type: 'stopTimer', stepId })}>
            {t('facilitation.stopTimer')}
          </button>
        </div>
      )}
    </section>
  )
}

function RoomSection({ room, state, place }: FacilitationControlsProps) {
  const { t } = useTranslation()
  const act = useRoomAction(room)
  const ids = useId()
  const [toWhereILook, setToWhereILook] = useState(false)
  const current = state.currentStepId
  const onCurrent = place.kind === 'board' && place.stepId === current
  const presenting = state.presenter !== null && state.presenter.facilitatorId === room.actor.facilitatorId
  const otherPresenter = state.presenter !== null && !presenting ? room.people.find((person) => person.id === state.presenter?.facilitatorId) : undefined
  const summon = () => void act({ type: 'summon', camera: onCurrent && toWhereILook ? room.guide.camera() : null })
  return (
    <section className="facilitation-controls__section" aria-labelledby={`${ids}-heading`}>
      <h3 id={`${ids}-heading`}>{t('facilitation.roomHeading')}</h3>
      <div className="facilitation-controls__actions">
        <button type="button" className="button button--small" disabled={current === null} data-testid="summon" onClick={summon}>
          {onCurrent ? t('facilitation.summonHere') : t('facilitation.summonToCurrent')}
        </button>
        {onCurrent && (
          <label className="checkbox">
            <input type="checkbox" checked={toWhereILook} data-testid="summon-camera" onChange={(event) => setToWhereILook(event.target.checked)} />{' '}
            {t('facilitation.summonCamera')}
          </label>
        )}
      </div>
      <label className="checkbox">
        <input
          type="checkbox"
          checked={state.keepOnStep}
          disabled={current === null}
          data-testid="keep-on-step"
          onChange={(event) => void act({ type: 'keepOnStep', keep: event.target.checked })}
        />{' '}
        {t('facilitation.keepOnStep')}
      </label>
      <div className="facilitation-controls__actions">
        {presenting ? (
          <>
            <span className="hint">{t('facilitation.presentingYou')}</span>
            <button type="button" className="button button--small" data-testid="stop-presenting" onClick={() => void act({ type: 'stopPresenting' })}>
              {t('facilitation.stopPresenting')}
            </button>
          </>
        ) : (
          <>
            {state.presenter !== null && (
              <span className="hint">{t('facilitation.presentingOther', { person: otherPresenter?.displayName ?? t('room.facilitator') })}</span>
            )}
            {place.kind === 'board' ? (
              <button
                type="button"
                className="button button--small"
                data-testid="present"
                onClick={() => void act({ type: 'present', stepId: place.stepId })}
              >
                {t('facilitation.present')}
              </button>
            ) : (
              <span className="hint">{t('facilitation.presentOnBoard')}</span>
            )}
          </>
        )}
      </div>
    </section>
  )
}
