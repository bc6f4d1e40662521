import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import type { AgendaStep } from '../../../shared/src/schema/workshopApi.ts'
import { ConfirmButton } from '../components/ConfirmButton.tsx'
import { StepEditForm } from './StepEditForm.tsx'

export interface StepEditorItemProps {
  step: AgendaStep
  number: number
  count: number
  /** A deletion is under way: no other deletion meanwhile. */
  busy: boolean
  onMove(offset: -1 | 1): void
  onDelete(): void
  onSaved(): void
  /** Registers the move buttons, so focus can follow a step that moved. */
  buttonRef(which: 'up' | 'down', element: HTMLButtonElement | null): void
}

/** One step in the editor: its name, time and instructions; move up/down, edit and delete. */
export function StepEditorItem({ step, number, count, busy, onMove, onDelete, onSaved, buttonRef }: StepEditorItemProps) {
  const { t } = useTranslation()
  const [editing, setEditing] = useState(false)
  const name = t('agenda.stepHeading', { number, name: step.templateName })
  return (
    <li className="card step-editor__item" data-testid="step-item" data-step-id={step.id}>
      <h3 className="card__heading">{name}</h3>
      <p className="card__meta">
        <span>{t('agenda.minutes', { count: step.plannedMinutes })}</span>
        <Link to={`/board/${step.boardId}`} data-testid="editor-board-link" aria-label={t('agenda.openBoardNamed', { number, name: step.templateName })}>
          {t('agenda.openBoard')}
        </Link>
      </p>
      {step.instructions !== '' && <p className="agenda__instructions">{step.instructions}</p>}
      {editing ? (
        <StepEditForm
          step={step}
          onCancel={() => setEditing(false)}
          onSaved={() => {
            setEditing(false)
            onSaved()
          }}
        />
      ) : (
        <div className="step-editor__actions">
          <button
            ref={(element) => buttonRef('up', element)}
            type="button"
            className="button"
            data-testid="step-move-up"
            aria-label={t('steps.moveUpNamed', { name })}
            disabled={number === 1}
            onClick={() => onMove(-1)}
          >
            <span aria-hidden="true">↑</span>
            {t('steps.moveUp')}
          </button>
          <button
            ref={(element) => buttonRef('down', element)}
            type="button"
            className="button"
            data-testid="step-move-down"
            aria-label={t('steps.moveDownNamed', { name })}
            disabled={number === count}
            onClick={() => onMove(1)}
          >
            <span aria-hidden="true">↓</span>
            {t('steps.moveDown')}
          </button>
          <button
            type="button"
            className="button"
            data-testid="step-edit"
            aria-label={t('steps.editNamed', { name })}
            onClick={() => setEditing(true)}
          >
            {t('steps.edit')}
          </button>
          <ConfirmButton
            className="button button--danger-quiet"
            testId="step-delete"
            confirmTestId="step-delete-confirm"
            ariaLabel={t('steps.deleteNamed', { name })}
            title={t('steps.deleteTitle', { name })}
            body={<p>{t('steps.deleteBody')}</p>}
            confirmLabel={t('steps.delete')}
            disabled={busy}
            onConfirm={onDelete}
          >
            {t('steps.delete')}
          </ConfirmButton>
        </div>
      )}
    </li>
  )
}
