import { useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { AgendaStep } from '../../../shared/src/schema/workshopApi.ts'
import { anyBody } from '../app/apiClient.ts'
import { useAppServices } from '../app/AppServicesContext.tsx'
import { FormError } from '../components/form/FormError.tsx'
import { useSubmission } from '../hooks/useSubmission.ts'
import { inAgendaOrder, moveStep } from '../workshop/stepOrder.ts'
import { StepEditorItem } from './StepEditorItem.tsx'

export interface StepEditorListProps {
  workshopId: string
  steps: readonly AgendaStep[]
  onChanged(): void
  /** Says what happened in the page's live region ("Steg 2 er flyttet opp"). */
  announce(message: string): void
}

/**
 * The agenda in the editor. Moving a step shows the new order at once, sends it
 * (`PUT step-order`), and keeps focus on the moved step's button so the keyboard
 * user can keep moving it.
 */
export function StepEditorList({ workshopId, steps, onChanged, announce }: StepEditorListProps) {
  const { t } = useTranslation()
  const { api } = useAppServices()
  const ordered = inAgendaOrder(steps)
  // The order the person asked for, shown until the reloaded workshop has it.
  const [pendingOrder, setPendingOrder] = useState<string[] | null>(null)
  const [focusRequest, setFocusRequest] = useState<{ stepId: string; which: 'up' | 'down' } | null>(null)
  const buttons = useRef(new Map<string, HTMLButtonElement>())
  const list = useRef<HTMLOListElement>(null)
  const serverOrder = ordered.map((step) => step.id).join(',')
  useEffect(() => {
    setPendingOrder(null)
  }, [serverOrder])

  const byId = new Map(ordered.map((step) => [step.id, step]))
  const shownIds = pendingOrder?.filter((id) => byId.has(id)) ?? ordered.map((step) => step.id)
  const shown = shownIds.flatMap((id) => byId.get(id) ?? [])

  const move = useSubmission(async (stepId: string, offset: -1 | 1) => {
    const order = moveStep(shownIds, stepId, offset)
    if (order === null) return
    const step = byId.get(stepId)
    const position = order.indexOf(stepId) + 1
    setPendingOrder(order)
    // The button pressed may now be disabled (top or bottom): then the other one keeps focus.
    const which = offset === -1 ? (position === 1 ? 'down' : 'up') : position === order.length ? 'up' : 'down'
    setFocusRequest({ stepId, which })
    try {
      await api.send({ method: 'PUT', path: `/api/workshops/${workshopId}/step-order`, body: { stepIds: order }, as: 'facilitator', response: anyBody })
    } catch (error) {
      setPendingOrder(null)
      throw error
    }
    announce(t('steps.moved', { name: step?.templateName ?? '', position, count: order.length }))
    onChanged()
  })
  const remove = useSubmission(async (step: AgendaStep) => {
    await api.send({ method: 'DELETE', path: `/api/steps/${step.id}`, as: 'facilitator', response: anyBody })
    announce(t('steps.deleted', { name: step.templateName }))
    // The deleted step's buttons are gone; the list keeps focus so the keyboard user stays here.
    list.current?.focus()
    onChanged()
  })

  useEffect(() => {
    if (focusRequest === null) return
    buttons.current.get(`${focusRequest.stepId}:${focusRequest.which}`)?.focus()
    setFocusRequest(null)
  }, [focusRequest])

  if (shown.length === 0) return <p data-testid="agenda-empty">{t('agenda.emptyEditor')}</p>
  return (
    <>
      <FormError error={move.error ?? remove.error} testId="steps-error" />
      <ol ref={list} className="step-editor" data-testid="step-list" tabIndex={-1} aria-label={t('steps.listLabel')}>
        {shown.map((step, index) => (
          <StepEditorItem
            key={step.id}
            step={step}
            number={index + 1}
            count={shown.length}
            busy={remove.pending}
            onMove={(offset) => void move.run(step.id, offset)}
            onDelete={() => void remove.run(step)}
            onSaved={() => {
              announce(t('steps.saved'))
              onChanged()
            }}
            buttonRef={(which, element) => {
              const key = `${step.id}:${which}`
              if (element === null) buttons.current.delete(key)
              else buttons.current.set(key, element)
            }}
          />
        ))}
      </ol>
    </>
  )
}
