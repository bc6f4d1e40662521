import { useId, useRef, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { BoardLanguage, CreateStepBody, TemplateList } from '../../../shared/src/schema/workshopApi.ts'
import { anyBody } from '../app/apiClient.ts'
import { checkBody, issuesAt } from '../app/apiErrors.ts'
import { useAppServices } from '../app/AppServicesContext.tsx'
import { Field } from '../components/form/Field.tsx'
import { FormError } from '../components/form/FormError.tsx'
import { useFocusFirstInvalid } from '../components/form/useFocusFirstInvalid.ts'
import { useApiResource } from '../hooks/useApiResource.ts'
import { useSubmission } from '../hooks/useSubmission.ts'
import { languageNames } from '../i18n/index.ts'
import { StepDetailsFields, type StepDetails } from './StepDetailsFields.tsx'

export interface AddStepFormProps {
  workshopId: string
  onAdded(templateName: string): void
}

/** A step takes about this long unless the facilitator says otherwise. */
const defaultMinutes = '30'

/**
 * Adds a step from a method template (`POST /api/workshops/:id/steps`): the
 * template (its purpose shown under the list), planned minutes, instructions and
 * the board's language (by default the lead municipality's language form).
 */
export function AddStepForm({ workshopId, onAdded }: AddStepFormProps) {
  const { t, i18n } = useTranslation()
  const { api } = useAppServices()
  const form = useRef<HTMLFormElement>(null)
  const purposeId = useId()
  const templates = useApiResource(`/api/templates?language=${encodeURIComponent(i18n.language)}`, TemplateList)
  const list = templates.status === 'loaded' ? templates.value.templates : []
  const [templateId, setTemplateId] = useState('')
  const [details, setDetails] = useState<StepDetails>({ minutes: defaultMinutes, instructions: '' })
  const [language, setLanguage] = useState('')
  const chosen = list.find((template) => template.id === templateId) ?? list[0]

  const submission = useSubmission(async () => {
    const body = checkBody(CreateStepBody, {
      templateId: chosen?.id ?? '',
      plannedMinutes: Number(details.minutes),
      ...(details.instructions.trim() === '' ? {} : { instructions: details.instructions }),
      ...(language === '' ? {} : { language }),
    })
    await api.send({ method: 'POST', path: `/api/workshops/${workshopId}/steps`, body, as: 'facilitator', response: anyBody })
    setDetails((current) => ({ ...current, instructions: '' }))
    onAdded(chosen?.name ?? body.templateId)
  })
  useFocusFirstInvalid(form, submission.error)

  const submit = (event: FormEvent) => {
    event.preventDefault()
    void submission.run()
  }

  if (templates.status === 'failed' || templates.status === 'notFound') {
    return (
      <p className="error-message" role="alert">
        {t('steps.templatesFailed')}
      </p>
    )
  }
  return (
    <form ref={form} className="form" onSubmit={submit} noValidate aria-busy={submission.pending || templates.status === 'loading'} data-testid="add-step-form">
      <FormError error={submission.error} testId="add-step-error" />
      <Field label={t('steps.template')} issues={issuesAt(submission.error, 'templateId')}>
        {(control) => (
          <>
            <select
              {...control}
              aria-describedby={[control['aria-describedby'], purposeId].filter(Boolean).join(' ')}
              data-testid="add-step-template"
              value={chosen?.id ?? ''}
              onChange={(event) => setTemplateId(event.target.value)}
            >
              {list.map((template) => (
                <option key={template.id} value={template.id}>
                  {template.name}
                </option>
              ))}
            </select>
            <p id={purposeId} className="hint field__hint" data-testid="add-step-purpose">
              {chosen?.purpose ?? (templates.status === 'loading' ? t('steps.templatesLoading') : '')}
            </p>
          </>
        )}
      </Field>
      <StepDetailsFields value={details} onChange={setDetails} error={submission.error} testIdPrefix="add-step" instructionRows={3} />
      <Field label={t('steps.language')} issues={issuesAt(submission.error, 'language')}>
        {(control) => (
          <select {...control} data-testid="add-step-language" value={language} onChange={(event) => setLanguage(event.target.value)}>
            <option value="">{t('steps.languageDefault')}</option>
            {BoardLanguage.options.map((code) => (
              <option key={code} value={code} lang={code}>
                {languageNames[code]}
              </option>
            ))}
          </select>
        )}
      </Field>
      <div className="form__actions">
        <button type="submit" className="button button--primary" data-testid="add-step-submit" disabled={chosen === undefined} aria-disabled={submission.pending}>
          {t('steps.add')}
        </button>
      </div>
    </form>
  )
}
