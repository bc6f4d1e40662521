import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import type { AgendaStep } from '../../../shared/src/schema/workshopApi.ts'
import { inAgendaOrder } from './stepOrder.ts'

/** The workshop's steps in order, each with its planned time, instructions and a link to its board. */
export function Agenda({ steps }: { steps: readonly AgendaStep[] }) {
  const { t } = useTranslation()
  if (steps.length === 0) return <p data-testid="agenda-empty">{t('agenda.empty')}</p>
  return (
    <ol className="agenda" data-testid="agenda">
      {inAgendaOrder(steps).map((step, index) => {
        const headingId = `step-${step.id}-heading`
        return (
          <li key={step.id} className="agenda__step card" data-testid="step-item" data-step-id={step.id}>
            <h3 id={headingId} className="card__heading">
              {t('agenda.stepHeading', { number: index + 1, name: step.templateName })}
            </h3>
            <p className="card__meta">{t('agenda.minutes', { count: step.plannedMinutes })}</p>
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
