import { useRef, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { ChallengeStatus } from '../../../shared/src/schema/challenge.ts'
import type { Municipality } from '../../../shared/src/schema/municipality.ts'
import { issuesAt } from '../app/apiErrors.ts'
import { Field } from '../components/form/Field.tsx'
import { FormError } from '../components/form/FormError.tsx'
import { useFocusFirstInvalid } from '../components/form/useFocusFirstInvalid.ts'
import { challengeStatusKey } from '../components/programme/challengeStatus.ts'
import { useSubmission } from '../hooks/useSubmission.ts'
import type { ChallengeFormValues } from './challengeForm.ts'
import { MunicipalityChoice } from './MunicipalityChoice.tsx'
import { TextListField } from './TextListField.tsx'

export interface ChallengeFormProps {
  initial: ChallengeFormValues
  municipalities: readonly Municipality[]
  submitLabel: string
  /** Saves the challenge; throws an ApiRequestError to show next to the fields. */
  onSubmit(values: ChallengeFormValues): Promise<void>
}

/** Every field of a challenge (utfordring), for creating one or editing it. */
export function ChallengeForm({ initial, municipalities, submitLabel, onSubmit }: ChallengeFormProps) {
  const { t } = useTranslation()
  const form = useRef<HTMLFormElement>(null)
  const [values, setValues] = useState(initial)
  const submission = useSubmission(() => onSubmit(values))
  const { error } = submission
  useFocusFirstInvalid(form, error)
  const set = (field: 'name' | 'title' | 'summary') => (event: { target: { value: string } }) =>
    setValues((current) => ({ ...current, [field]: event.target.value }))

  const submit = (event: FormEvent) => {
    event.preventDefault()
    void submission.run()
  }

  return (
    <form ref={form} className="form" onSubmit={submit} noValidate aria-busy={submission.pending} data-testid="challenge-form">
      <FormError error={error} testId="challenge-error" />
      <Field label={t('challengeForm.name')} hint={t('challengeForm.nameHint')} issues={issuesAt(error, 'name')}>
        {(control) => <input {...control} data-testid="challenge-name" value={values.name} onChange={set('name')} />}
      </Field>
      <Field label={t('challengeForm.title')} hint={t('challengeForm.titleHint')} issues={issuesAt(error, 'title')}>
        {(control) => <input {...control} data-testid="challenge-title" value={values.title} onChange={set('title')} />}
      </Field>
      <Field label={t('challengeForm.summary')} optional issues={issuesAt(error, 'summary')}>
        {(control) => <textarea {...control} rows={5} data-testid="challenge-summary" value={values.summary} onChange={set('summary')} />}
      </Field>
      <MunicipalityChoice municipalities={municipalities} values={values} onChange={setValues} error={error} />
      <TextListField
        legend={t('challengeForm.problemStatements')}
        hint={t('challengeForm.problemStatementsHint')}
        path="problemStatements"
        lines={values.problemStatements}
        onChange={(problemStatements) => setValues((current) => ({ ...current, problemStatements }))}
        error={error}
        lineLabel={(number) => t('challengeForm.problemStatementNumber', { number })}
        addLabel={t('challengeForm.addProblemStatement')}
        removeLabel={(number) => t('challengeForm.removeProblemStatement', { number })}
        multiline
        testId="challenge-problem-statements"
      />
      <TextListField
        legend={t('challengeForm.themes')}
        path="themes"
        lines={values.themes}
        onChange={(themes) => setValues((current) => ({ ...current, themes }))}
        error={error}
        lineLabel={(number) => t('challengeForm.themeNumber', { number })}
        addLabel={t('challengeForm.addTheme')}
        removeLabel={(number) => t('challengeForm.removeTheme', { number })}
        testId="challenge-themes"
      />
      <TextListField
        legend={t('challengeForm.stakeholderGroups')}
        hint={t('challengeForm.stakeholderGroupsHint')}
        path="stakeholderGroups"
        lines={values.stakeholderGroups}
        onChange={(stakeholderGroups) => setValues((current) => ({ ...current, stakeholderGroups }))}
        error={error}
        lineLabel={(number) => t('challengeForm.stakeholderGroupNumber', { number })}
        addLabel={t('challengeForm.addStakeholderGroup')}
        removeLabel={(number) => t('challengeForm.removeStakeholderGroup', { number })}
        testId="challenge-stakeholder-groups"
      />
      <fieldset className="radio-group" data-testid="challenge-status">
        <legend className="field__label">{t('challengeForm.status')}</legend>
        {ChallengeStatus.options.map((status) => (
          <div key={status} className="radio-group__option">
            <input
              id={`challenge-status-${status}`}
              type="radio"
              name="challenge-status"
              value={status}
              checked={values.status === status}
              onChange={() => setValues((current) => ({ ...current, status }))}
            />
            <label htmlFor={`challenge-status-${status}`}>{t(challengeStatusKey[status])}</label>
          </div>
        ))}
      </fieldset>
      <div className="form__actions">
        <button type="submit" className="button button--primary" data-testid="challenge-save" aria-disabled={submission.pending}>
          {submitLabel}
        </button>
      </div>
    </form>
  )
}
