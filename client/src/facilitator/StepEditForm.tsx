import { useRef, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { UpdateStepBody, type AgendaStep } from '../../../shared/src/schema/workshopApi.ts'
import { anyBody } from '../app/apiClient.ts'
import { checkBody, issuesAt } from '../app/apiErrors.ts'
import { useAppServices } from '../app/AppServicesContext.tsx'
import { Field } from '../components/form/Field.tsx'
import { FormError } from '../components/form/FormError.tsx'
import { useFocusFirstInvalid } from '../components/form/useFocusFirstInvalid.ts'
import { useSubmission } from '../hooks/useSubmission.ts'

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
  const [minutes, setMinutes] = useState(String(step.plannedMinutes))
  const [instructions, setInstructions] = useState(step.instructions)
  const submission = useSubmission(async () => {
    const body = checkBody(UpdateStepBody, { plannedMinutes: Number(minutes), instructions })
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
      <Field label={t('steps.minutes')} issues={issuesAt(submission.error, 'plannedMinutes')}>
        {(control) => (
          <input
            {...control}
            type="number"
            inputMode="numeric"
            min={1}
            max={1440}
            className="input--short"
            data-testid="step-edit-minutes"
            value={minutes}
            onChange={(event) => setMinutes(event.target.value)}
          />
        )}
      </Field>
      <Field label={t('steps.instructions')} optional hint={t('steps.instructionsHint')} issues={issuesAt(submission.error, 'instructions')}>
        {(control) => (
          <textarea {...control} rows={4} data-testid="step-edit-instructions" value={instructions} onChange={(event) => setInstructions(event.target.value)} />
        )}
      </Field>
      <div className="form__actions">
        <button type="submit" className="button button--primary" data-testid="step-edit-save" disabled={submission.pending}>
          {t('form.save')}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          {t('form.cancel')}
        </button>
      </div>
    </form>
  )
}
