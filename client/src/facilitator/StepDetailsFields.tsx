import { useTranslation } from 'react-i18next'
import { issuesAt, type ApiRequestError } from '../app/apiErrors.ts'
import { Field } from '../components/form/Field.tsx'
import { TextField } from '../components/form/TextField.tsx'

/** A step's planned minutes (as typed) and its instructions to participants. */
export interface StepDetails {
  minutes: string
  instructions: string
}

export interface StepDetailsFieldsProps {
  value: StepDetails
  onChange(value: StepDetails): void
  /** The last submission's error, for the two fields' problems. */
  error: ApiRequestError | null
  /** The fields' data-testid are `${testIdPrefix}-minutes` and `${testIdPrefix}-instructions`. */
  testIdPrefix: string
  instructionRows: number
}

/** A step's planned minutes and instructions: the same fields when a step is added and when it is edited. */
export function StepDetailsFields({ value, onChange, error, testIdPrefix, instructionRows }: StepDetailsFieldsProps) {
  const { t } = useTranslation()
  return (
    <>
      <TextField
        label={t('steps.minutes')}
        issues={issuesAt(error, 'plannedMinutes')}
        input={{ type: 'number', inputMode: 'numeric', min: 1, max: 1440, className: 'input--short' }}
        testId={`${testIdPrefix}-minutes`}
        value={value.minutes}
        onChange={(minutes) => onChange({ ...value, minutes })}
      />
      <Field label={t('steps.instructions')} optional hint={t('steps.instructionsHint')} issues={issuesAt(error, 'instructions')}>
        {(control) => (
          <textarea
            {...control}
            rows={instructionRows}
            data-testid={`${testIdPrefix}-instructions`}
            value={value.instructions}
            onChange={(event) => onChange({ ...value, instructions: event.target.value })}
          />
        )}
      </Field>
    </>
  )
}
