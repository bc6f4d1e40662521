import { useRef, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { UpdateStepBody, type AgendaStep } from '../../../shared/src/schema/workshopApi.ts'
import { anyBody } from '../app/apiClient.ts'
import { checkBody } from '../app/apiErrors.ts'
import { useAppServices } from '../app/AppServicesContext.tsx'
import { FormError } from '../components/form/FormError.tsx'
import { useFocusFirstInvalid } from '../components/form/useFocusFirstInvalid.ts'
import { useSubmission } from '../hooks/useSubmission.ts'
import { StepDetailsFields, type StepDetails } from './StepDetailsFields.tsx'

export interface StepEditFormProps {
  step: AgendaStep
  onSaved(): void
  onCancel(): void
}

/** A step's planned minutes and instructions, edited in place (`PATCH /api/steps/:id`). */
export function StepEditForm({ step, onSaved, onCancel }: StepEditFormProps) {
  const { t } = useTranslation()
  const { api } = useAppServices()
  const form = useRef<HTMLFormElement>(null)
  const [details, setDetails] = useState<StepDetails>({ minutes: String(step.plannedMinutes), instructions: step.instructions })
  const submission = useSubmission(async () => {
    const body = checkBody(UpdateStepBody, { plannedMinutes: Number(details.minutes), instructions: details.instructions })
    await api.send({ method: 'PATCH', path: `/api/steps/${step.id}`, body, as: 'facilitator', response: anyBody })
    onSaved()
  })
  useFocusFirstInvalid(form, submission.error)

  const submit = (event: FormEvent) => {
    event.preventDefault()
    void submission.run()
  }

  return (
    <form ref={form} className="form form--panel" onSubmit={submit} noValidate aria-busy={submission.pending} data-testid="step-edit-form">
      <FormError error={submission.error} testId="step-error" />
      <StepDetailsFields value={details} onChange={setDetails} error={submission.error} testIdPrefix="step-edit" instructionRows={4} />
      <div className="form__actions">
        <button type="submit" className="button button--primary" data-testid="step-edit-save" aria-disabled={submission.pending}>
          {t('form.save')}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          {t('form.cancel')}
        </button>
      </div>
    </form>
  )
}
