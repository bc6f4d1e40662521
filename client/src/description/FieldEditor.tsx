import { useTranslation } from 'react-i18next'
import type { DescriptionFields, EditableFieldKey, Need, Stakeholder } from '../../../shared/src/description/challengeDescription.ts'
import {
  fieldLabels,
  influenceLabels,
  interestLabels,
  partLabels,
  priorityLabels,
  sectorLabels,
  type LabelLanguage,
} from '../../../shared/src/description/labels.ts'
import type { FieldIssue } from '../../../shared/src/schema/publicApi.ts'
import type { Localized } from '../../../shared/src/templates/types.ts'
import { ApiRequestError, clientErrorCode } from '../app/apiErrors.ts'
import { Field } from '../components/form/Field.tsx'
import { TextField } from '../components/form/TextField.tsx'
import { TextListField } from '../facilitator/TextListField.tsx'
import { emptyNeed, emptyStakeholder, fieldForms, maxLengthOf } from './fieldForms.ts'
import { OutcomeEditor } from './OutcomeEditor.tsx'
import { RowsEditor, type RowColumn } from './RowsEditor.tsx'
import { useLabelLanguage } from './useLabelLanguage.ts'

export interface FieldEditorProps<K extends EditableFieldKey> {
  fieldKey: K
  value: DescriptionFields[K]
  /** The field's problems ('summary', 'needs.2.need'). */
  issues: readonly FieldIssue[]
  onChange(value: DescriptionFields[K]): void
}

/** The form control of one editable field, chosen by its kind (fieldForms.ts), labelled in the page's language. */
export function FieldEditor<K extends EditableFieldKey>({ fieldKey, value, issues, onChange }: FieldEditorProps<K>) {
  const { t } = useTranslation()
  const language = useLabelLanguage()
  const label = fieldLabels[fieldKey].label[language]
  const hint = fieldLabels[fieldKey].hint[language]
  const testId = `field-${fieldKey}`
  // Each case narrows the value to its field's type; the casts only restate what fieldForms says.
  const change = onChange as (value: unknown) => void
  switch (fieldForms[fieldKey]) {
    case 'line':
      return <TextField label={label} hint={hint} issues={issues} value={value as string} onChange={change} testId={testId} />
    // The browser's own date picker: keyboard and screen readers know it, and it gives YYYY-MM-DD.
    case 'date':
      return <TextField label={label} hint={hint} issues={issues} value={value as string} onChange={change} testId={testId} input={{ type: 'date' }} />
    case 'text': {
      const max = maxLengthOf(fieldKey)
      const text = value as string
      return (
        <Field label={label} hint={hint} issues={issues}>
          {(control) => (
            <>
              <textarea {...control} rows={fieldKey === 'summary' ? 4 : 8} data-testid={testId} value={text} onChange={(event) => change(event.target.value)} />
              {fieldKey === 'summary' && max !== null && (
                <p className={text.trim().length > max ? 'field-count field-count--over' : 'field-count'}>
                  {t('description.characterCount', { count: text.trim().length, max })}
                </p>
              )}
            </>
          )}
        </Field>
      )
    }
    case 'list':
    case 'longList':
      return (
        <TextListField
          legend={label}
          hint={hint}
          path={fieldKey}
          lines={value as string[]}
          onChange={change}
          error={issues.length === 0 ? null : issuesAsError(issues)}
          lineLabel={(number) => t('description.line', { field: label, number })}
          addLabel={t('description.addTo', { field: label })}
          removeLabel={(number) => t('description.removeLine', { field: label, number })}
          multiline={fieldForms[fieldKey] === 'longList'}
          testId={testId}
        />
      )
    case 'needs':
      return (
        <RowsEditor<Need>
          path={fieldKey}
          legend={label}
          hint={hint}
          columns={needColumns(language)}
          rows={value as Need[]}
          issues={issues}
          emptyRow={emptyNeed}
          onChange={change}
        />
      )
    case 'stakeholders':
      return (
        <RowsEditor<Stakeholder>
          path={fieldKey}
          legend={label}
          hint={hint}
          columns={stakeholderColumns(language)}
          rows={value as Stakeholder[]}
          issues={issues}
          emptyRow={emptyStakeholder}
          onChange={change}
        />
      )
    case 'outcome':
      return <OutcomeEditor legend={label} hint={hint} value={value as DescriptionFields['desiredOutcome']} issues={issues} onChange={change} />
  }
}

/** TextListField reads its problems from an error, as it does after a failed submission. */
function issuesAsError(fields: readonly FieldIssue[]): ApiRequestError {
  return new ApiRequestError({ status: 400, code: clientErrorCode.invalidRequest, message: 'The form has invalid fields.', fields })
}

const options = <V extends string>(labels: Readonly<Record<V, Localized>>, language: LabelLanguage) =>
  (Object.keys(labels) as V[]).map((value) => ({ value, label: labels[value][language] }))

function needColumns(language: LabelLanguage): RowColumn<Need>[] {
  return [
    { key: 'need', label: partLabels.need[language], kind: 'textarea' },
    { key: 'who', label: partLabels.who[language], kind: 'text' },
    { key: 'evidence', label: partLabels.evidence[language], kind: 'textarea' },
    { key: 'priority', label: partLabels.priority[language], kind: 'select', options: options(priorityLabels, language) },
  ]
}

function stakeholderColumns(language: LabelLanguage): RowColumn<Stakeholder>[] {
  return [
    { key: 'actor', label: partLabels.actor[language], kind: 'text' },
    { key: 'sector', label: partLabels.sector[language], kind: 'select', options: options(sectorLabels, language) },
    { key: 'interest', label: partLabels.interest[language], kind: 'select', options: options(interestLabels, language) },
    { key: 'influence', label: partLabels.influence[language], kind: 'select', options: options(influenceLabels, language) },
  ]
}
