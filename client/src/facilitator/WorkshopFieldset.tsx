import { useTranslation } from 'react-i18next'
import type { ApiRequestError } from '../app/apiErrors.ts'
import { issuesAt } from '../app/apiErrors.ts'
import { Field } from '../components/form/Field.tsx'

/** A workshop's title and times as the form holds them (times as datetime-local values). */
export interface WorkshopFieldValues {
  title: string
  startsAt: string
  endsAt: string
}

export interface WorkshopFieldsetProps {
  values: WorkshopFieldValues
  onChange(values: WorkshopFieldValues): void
  error: ApiRequestError | null
}

/** Title, start and end of a workshop: shared by the "Nytt verksted" form and the editor. */
export function WorkshopFieldset({ values, onChange, error }: WorkshopFieldsetProps) {
  const { t } = useTranslation()
  const set = (field: keyof WorkshopFieldValues) => (event: { target: { value: string } }) =>
    onChange({ ...values, [field]: event.target.value })
  return (
    <>
      <Field label={t('workshopForm.title')} hint={t('workshopForm.titleHint')} issues={issuesAt(error, 'title')}>
        {(control) => <input {...control} data-testid="workshop-title" value={values.title} onChange={set('title')} />}
      </Field>
      <div className="field-row">
        <Field label={t('workshopForm.startsAt')} issues={issuesAt(error, 'startsAt')}>
          {(control) => (
            <input {...control} type="datetime-local" data-testid="workshop-starts-at" value={values.startsAt} onChange={set('startsAt')} />
          )}
        </Field>
        <Field label={t('workshopForm.endsAt')} issues={issuesAt(error, 'endsAt')}>
          {(control) => (
            <input {...control} type="datetime-local" data-testid="workshop-ends-at" value={values.endsAt} onChange={set('endsAt')} />
          )}
        </Field>
      </div>
    </>
  )
}
