import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { type FacilitationState } from '../../../shared/src/schema/facilitation.ts'
import { stepActiveMs } from '../../../shared/src/schema/facilitationRules.ts'
import type { AgendaStep } from '../../../shared/src/schema/workshopApi.ts'
import { inAgendaOrder } from './stepOrder.ts'

export interface AgendaProps {
  steps: readonly AgendaStep[]
  /** The room as it is live, with the server's time: marks the current step and how long each step took. */
  live?: { state: FacilitationState; now: number } | null
}

/**
 * The workshop's steps in order, each with its planned time (and, once the workshop has run it,
 * the time it actually took), instructions and a link to its board; the current step is marked.
 */
export function Agenda({ steps, live = null }: AgendaProps) {
  const { t } = useTranslation()
  if (steps.length === 0) return <p data-testid="agenda-empty">{t('agenda.empty')}</p>
  return (
    <ol className="agenda" data-testid="agenda">
      {inAgendaOrder(steps).map((step, index) => {
        const headingId = `step-${step.id}-heading`
        const current = live?.state.currentStepId === step.id
        const time = live?.state.stepTimes[step.id]
        const usedMinutes = live === null || time === undefined ? null : Math.round(stepActiveMs(time, live.now) / 60_000)
        return (
          <li
            key={step.id}
            className={current ? 'agenda__step agenda__step--current card' : 'agenda__step card'}
            data-testid="step-item"
            data-step-id={step.id}
            data-current={current}
          >
            <h3 id={headingId} className="card__heading">
              {current && (
                <>
                  <span className="now-badge">{t('room.now')}</span>{' '}
                </>
              )}
              {t('agenda.stepHeading', { number: index + 1, name: step.templateName })}
            </h3>
            <p className="card__meta" data-testid="step-minutes">
              {usedMinutes === null
                ? t('agenda.minutes', { count: step.plannedMinutes })
                : t('agendaTime.plannedActual', { planned: step.plannedMinutes, actual: usedMinutes })}
            </p>
            {step.instructions !== '' && <p className="agenda__instructions">{step.instructions}</p>}
            <p>
              <Link
                to={`/board/${step.boardId}`}
                className="button button--primary"
                data-testid="board-link"
                aria-label={t('agenda.openBoardNamed', { number: index + 1, name: step.templateName })}
              >
                {t('agenda.openBoard')}
              </Link>
            </p>
          </li>
        )
      })}
    </ol>
  )
}
