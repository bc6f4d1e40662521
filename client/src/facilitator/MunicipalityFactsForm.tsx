import { useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { currentCounties, Municipality, MunicipalityLanguageForm } from '../../../shared/src/schema/municipality.ts'
import { UpdateMunicipalityBody } from '../../../shared/src/schema/workshopApi.ts'
import { checkBody, issuesAt } from '../app/apiErrors.ts'
import { useAppServices } from '../app/AppServicesContext.tsx'
import { Field } from '../components/form/Field.tsx'
import { FieldIssues } from '../components/form/FieldIssues.tsx'
import { FormError } from '../components/form/FormError.tsx'
import { useFocusFirstInvalid } from '../components/form/useFocusFirstInvalid.ts'
import { useSubmission } from '../hooks/useSubmission.ts'
import { languageFormKey } from './municipalityFacts.ts'

export interface MunicipalityFactsFormProps {
  id: string
  municipality: Municipality
  onSaved(municipality: Municipality): void
  onCancel(): void
}

/**
 * A municipality's official language form (bokmål, nynorsk, neutral) and county, saved with
 * `PATCH /api/municipalities/:id`. Opens with focus on the chosen form; Escape cancels.
 */
export function MunicipalityFactsForm({ id, municipality, onSaved, onCancel }: MunicipalityFactsFormProps) {
  const { t } = useTranslation()
  const { api } = useAppServices()
  const form = useRef<HTMLFormElement>(null)
  const chosen = useRef<HTMLInputElement>(null)
  const hintId = useId()
  const [languageForm, setLanguageForm] = useState(municipality.languageForm)
  const [county, setCounty] = useState(municipality.county ?? '')
  const submission = useSubmission(async () => {
    const body = checkBody(UpdateMunicipalityBody, { languageForm, county: county === '' ? null : county })
    onSaved(await api.send({ method: 'PATCH', path: `/api/municipalities/${municipality.id}`, body, as: 'facilitator', response: Municipality }))
  })
  useFocusFirstInvalid(form, submission.error)
  useEffect(() => chosen.current?.focus(), [])
  // A county stored under another name (before 2024's division, say) stays choosable.
  const counties = county === '' || (currentCounties as readonly string[]).includes(county) ? currentCounties : [county, ...currentCounties]
  const formIssues = issuesAt(submission.error, 'languageForm')

  const submit = (event: FormEvent) => {
    event.preventDefault()
    void submission.run()
  }
  const escape = (event: KeyboardEvent) => {
    if (event.key !== 'Escape') return
    event.preventDefault()
    onCancel()
  }

  return (
    <form
      ref={form}
      id={id}
      className="form form--panel municipalities__form"
      onSubmit={submit}
      onKeyDown={escape}
      noValidate
      aria-busy={submission.pending}
      aria-label={municipality.name}
      data-testid="municipality-form"
    >
      <FormError error={submission.error} testId="municipality-error" />
      <fieldset className="radio-group" aria-describedby={hintId} aria-invalid={formIssues.length > 0 ? true : undefined}>
        <legend className="field__label">{t('municipalities.languageForm', { name: municipality.name })}</legend>
        <p id={hintId} className="hint field__hint">
          {t('municipalities.formNeutralHint')}
        </p>
        <FieldIssues id={undefined} issues={formIssues} />
        {MunicipalityLanguageForm.options.map((option) => (
          <div key={option} className="radio-group__option">
            <input
              ref={option === municipality.languageForm ? chosen : undefined}
              id={`${id}-${option}`}
              type="radio"
              name={`${id}-language-form`}
              value={option}
              checked={languageForm === option}
              data-testid={`municipality-form-${option}`}
              onChange={() => setLanguageForm(option)}
            />
            <label htmlFor={`${id}-${option}`}>{t(languageFormKey[option])}</label>
          </div>
        ))}
      </fieldset>
      <Field label={t('municipalities.county')} issues={issuesAt(submission.error, 'county')}>
        {(control) => (
          <select {...control} value={county} data-testid="municipality-county" onChange={(event) => setCounty(event.target.value)}>
            <option value="">{t('municipalities.countyNone')}</option>
            {counties.map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </select>
        )}
      </Field>
      <div className="form__actions">
        <button type="submit" className="button button--primary" data-testid="municipality-save" aria-disabled={submission.pending}>
          {t('municipalities.save')}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          {t('municipalities.cancel')}
        </button>
      </div>
    </form>
  )
}
