import { useId, useState, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import type { BoardContext } from '../../../shared/src/schema/workshopApi.ts'
import { stepNumber } from './stepOrder.ts'
import { templatePurpose } from './templatePurpose.ts'

/**
 * The bar over a step's board: which workshop and step this is ("Steg 2 av 3:
 * Interessentkartlegging"), the step's instructions (can be folded away to give the
 * board room) or, when the facilitator wrote none, one line on what the method is
 * for, the board's own tools (its mode, its history) and links to the previous and
 * next step's boards.
 */
export function StepBar({ context, tools }: { context: BoardContext; tools?: ReactNode }) {
  const { t, i18n } = useTranslation()
  const [showInstructions, setShowInstructions] = useState(true)
  const instructionsId = useId()
  const { workshop, step, previous, next, stepCount } = context
  const number = stepNumber(step, stepCount)
  const hasInstructions = step.instructions !== ''
  const purpose = hasInstructions ? null : templatePurpose(step.templateId, i18n.language)
  return (
    <nav className="step-bar" aria-label={t('stepBar.label')} data-testid="step-bar">
      <div className="step-bar__row">
        <Link to={`/workshop/${workshop.id}`} className="step-bar__workshop" data-testid="step-bar-workshop">
          {workshop.title}
        </Link>
        <span className="step-bar__step" data-testid="step-bar-position">
          {t('stepBar.position', { number, count: stepCount, name: step.templateName })}
        </span>
        <span className="step-bar__minutes">{t('agenda.minutes', { count: step.plannedMinutes })}</span>
        <span className="step-bar__spacer" />
        {tools}
        {previous !== null && (
          <Link
            to={`/board/${previous.boardId}`}
            className="top-bar__button"
            data-testid="step-previous"
            aria-label={t('stepBar.previousNamed', { name: previous.templateName })}
          >
            <span aria-hidden="true">←</span>
            {t('stepBar.previous')}
          </Link>
        )}
        {next !== null && (
          <Link
            to={`/board/${next.boardId}`}
            className="top-bar__button"
            data-testid="step-next"
            aria-label={t('stepBar.nextNamed', { name: next.templateName })}
          >
            {t('stepBar.next')}
            <span aria-hidden="true">→</span>
          </Link>
        )}
      </div>
      {hasInstructions && (
        // The toggle sits with the text it folds, so on a phone it does not take a row of its own.
        <div className="step-bar__details">
          <div id={instructionsId} className="step-bar__instructions" hidden={!showInstructions} data-testid="step-instructions">
            {step.instructions}
          </div>
          <button
            type="button"
            className="top-bar__button"
            aria-expanded={showInstructions}
            aria-controls={instructionsId}
            data-testid="step-instructions-toggle"
            onClick={() => setShowInstructions((shown) => !shown)}
          >
            {showInstructions ? t('stepBar.hideInstructions') : t('stepBar.showInstructions')}
          </button>
        </div>
      )}
      {purpose !== null && (
        <p className="step-bar__purpose" data-testid="step-purpose">
          {purpose}
        </p>
      )}
    </nav>
  )
}
