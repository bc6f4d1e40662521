import { useEffect, useRef, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { useNavigate } from 'react-router'
import { CreateWorkshopBody, WorkshopDetail } from '../../../shared/src/schema/workshopApi.ts'
import { checkBody } from '../app/apiErrors.ts'
import { useAppServices } from '../app/AppServicesContext.tsx'
import { FormError } from '../components/form/FormError.tsx'
import { useFocusFirstInvalid } from '../components/form/useFocusFirstInvalid.ts'
import { useSubmission } from '../hooks/useSubmission.ts'
import { defaultWorkshopTimes, fromDateTimeLocal } from '../workshop/dateTime.ts'
import { WorkshopFieldset, type WorkshopFieldValues } from './WorkshopFieldset.tsx'

/**
 * "Nytt verksted" on a challenge: a button that unfolds a short form (title, start,
 * end). Creating the workshop leads to its editor, where steps are added.
 */
export function NewWorkshopForm({ challengeId, challengeName }: { challengeId: string; challengeName: string }) {
  const { t } = useTranslation()
  const { api } = useAppServices()
  const navigate = useNavigate()
  const [open, setOpen] = useState(false)
  const [values, setValues] = useState<WorkshopFieldValues>(() => ({ title: '', ...defaultWorkshopTimes(new Date()) }))
  const form = useRef<HTMLFormElement>(null)
  const toggle = useRef<HTMLButtonElement>(null)
  const formId = `new-workshop-${challengeId}`

  const submission = useSubmission(async () => {
    const body = checkBody(CreateWorkshopBody, {
      challengeId,
      title: values.title,
      startsAt: fromDateTimeLocal(values.startsAt),
      endsAt: fromDateTimeLocal(values.endsAt),
    })
    const created = await api.send({ method: 'POST', path: '/api/workshops', body, as: 'facilitator', response: WorkshopDetail })
    void navigate(`/workshop/${created.workshop.id}/edit`)
  })
  useFocusFirstInvalid(form, submission.error)
  useEffect(() => {
    if (open) form.current?.querySelector<HTMLInputElement>('input')?.focus()
  }, [open])

  const submit = (event: FormEvent) => {
    event.preventDefault()
    void submission.run()
  }

  return (
    <div className="new-workshop">
      <button
        ref={toggle}
        type="button"
        className="button"
        aria-expanded={open}
        aria-controls={formId}
        data-testid="new-workshop"
        onClick={() => setOpen((current) => !current)}
      >
        {t('newWorkshop.button')}
      </button>
      {open && (
        <form
          ref={form}
          id={formId}
          className="form form--panel"
          onSubmit={submit}
          noValidate
          aria-busy={submission.pending}
          aria-label={t('newWorkshop.formLabel', { challenge: challengeName })}
        >
          <FormError error={submission.error} testId="workshop-error" />
          <WorkshopFieldset values={values} onChange={setValues} error={submission.error} />
          <div className="form__actions">
            <button type="submit" className="button button--primary" data-testid="workshop-create" aria-disabled={submission.pending}>
              {t('newWorkshop.create')}
            </button>
            <button
              type="button"
              className="button"
              onClick={() => {
                setOpen(false)
                submission.reset()
                toggle.current?.focus()
              }}
            >
              {t('form.cancel')}
            </button>
          </div>
        </form>
      )}
    </div>
  )
}
