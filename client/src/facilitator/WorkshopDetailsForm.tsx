import { useRef, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type { Workshop } from '../../../shared/src/schema/workshop.ts'
import { CreateWorkshopBody } from '../../../shared/src/schema/workshopApi.ts'
import { anyBody } from '../app/apiClient.ts'
import { checkBody } from '../app/apiErrors.ts'
import { useAppServices } from '../app/AppServicesContext.tsx'
import { FormError } from '../components/form/FormError.tsx'
import { useFocusFirstInvalid } from '../components/form/useFocusFirstInvalid.ts'
import { useSubmission } from '../hooks/useSubmission.ts'
import { fromDateTimeLocal, toDateTimeLocal } from '../workshop/dateTime.ts'
import { WorkshopFieldset, type WorkshopFieldValues } from './WorkshopFieldset.tsx'

/** The workshop's title and times, saved with `PATCH /api/workshops/:id`. */
export function WorkshopDetailsForm({ workshop, onSaved }: { workshop: Workshop; onSaved(): void }) {
  const { t } = useTranslation()
  const { api } = useAppServices()
  const form = useRef<HTMLFormElement>(null)
  const [values, setValues] = useState<WorkshopFieldValues>(() => ({
    title: workshop.title,
    startsAt: toDateTimeLocal(workshop.startsAt),
    endsAt: toDateTimeLocal(workshop.endsAt),
  }))
  const [saved, setSaved] = useState(false)
  const submission = useSubmission(async () => {
    const body = checkBody(CreateWorkshopBody, {
      challengeId: workshop.challengeId,
      title: values.title,
      startsAt: fromDateTimeLocal(values.startsAt),
      endsAt: fromDateTimeLocal(values.endsAt),
    })
    const { title, startsAt, endsAt } = body
    await api.send({ method: 'PATCH', path: `/api/workshops/${workshop.id}`, body: { title, startsAt, endsAt }, as: 'facilitator', response: anyBody })
    setSaved(true)
    onSaved()
  })
  useFocusFirstInvalid(form, submission.error)

  const submit = (event: FormEvent) => {
    event.preventDefault()
    setSaved(false)
    void submission.run()
  }

  return (
    <form ref={form} className="form" onSubmit={submit} noValidate aria-busy={submission.pending} data-testid="workshop-details-form">
      <FormError error={submission.error} testId="workshop-error" />
      <WorkshopFieldset
        values={values}
        onChange={(next) => {
          setSaved(false)
          setValues(next)
        }}
        error={submission.error}
      />
      <div className="form__actions">
        <button type="submit" className="button button--primary" data-testid="workshop-save" aria-disabled={submission.pending}>
          {t('form.save')}
        </button>
        <span role="status" className="hint">
          {saved ? t('form.saved') : ''}
        </span>
      </div>
    </form>
  )
}
