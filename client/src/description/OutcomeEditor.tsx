import { useId } from 'react'
import { OutcomeKind, type DescriptionFields } from '../../../shared/src/description/challengeDescription.ts'
import { outcomeKindLabels, partLabels } from '../../../shared/src/description/labels.ts'
import type { FieldIssue } from '../../../shared/src/schema/publicApi.ts'
import { Field } from '../components/form/Field.tsx'
import { FieldIssues } from '../components/form/FieldIssues.tsx'
import { useLabelLanguage } from './useLabelLanguage.ts'

type Outcome = DescriptionFields['desiredOutcome']

export interface OutcomeEditorProps {
  legend: string
  hint: string
  value: Outcome
  issues: readonly FieldIssue[]
  onChange(value: Outcome): void
}

/** The desired kind of outcome (insight, concept, prototype, pilot) as checkboxes, and what is wanted in words. */
export function OutcomeEditor({ legend, hint, value, issues, onChange }: OutcomeEditorProps) {
  const language = useLabelLanguage()
  const id = useId()
  const kindIssues = issues.filter((issue) => issue.path.startsWith('desiredOutcome.kinds'))
  const toggle = (kind: OutcomeKind, checked: boolean) => {
    const kinds = new Set(value.kinds)
    if (checked) kinds.add(kind)
    else kinds.delete(kind)
    // Kept in the order of the scale, however they were ticked.
    onChange({ ...value, kinds: OutcomeKind.options.filter((option) => kinds.has(option)) })
  }
  return (
    <fieldset className="outcome-editor" data-testid="field-desiredOutcome" aria-describedby={`${id}-hint`}>
      <legend className="field__label">{legend}</legend>
      <p id={`${id}-hint`} className="hint field__hint">
        {hint}
      </p>
      <fieldset className="checkbox-group">
        <legend>{partLabels.kinds[language]}</legend>
        <FieldIssues id={kindIssues.length > 0 ? `${id}-kinds-error` : undefined} issues={kindIssues} />
        <div className="checkbox-group__options">
          {OutcomeKind.options.map((kind) => (
            <label key={kind} className="radio-group__option">
              <input
                type="checkbox"
                checked={value.kinds.includes(kind)}
                data-testid={`outcome-kind-${kind}`}
                onChange={(event) => toggle(kind, event.target.checked)}
              />
              {outcomeKindLabels[kind][language]}
            </label>
          ))}
        </div>
      </fieldset>
      <Field label={partLabels.description[language]} issues={issues.filter((issue) => issue.path === 'desiredOutcome.description')}>
        {(control) => (
          <textarea
            {...control}
            rows={5}
            data-testid="field-desiredOutcome-description"
            value={value.description}
            onChange={(event) => onChange({ ...value, description: event.target.value })}
          />
        )}
      </Field>
    </fieldset>
  )
}
