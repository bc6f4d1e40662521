import { useTranslation } from 'react-i18next'
import { editableFieldKeys, type EditableFieldKey } from '../../../shared/src/description/challengeDescription.ts'
import { descriptionSections, fieldLabels } from '../../../shared/src/description/labels.ts'
import { isListField } from '../../../shared/src/description/listRows.ts'
import type { DraftEditor, DraftEditorState } from './DraftEditor.ts'
import { FieldEditor } from './FieldEditor.tsx'
import { fieldForms } from './fieldForms.ts'
import { FieldSources } from './FieldSources.tsx'
import { PendingRows } from './PendingRows.tsx'
import { PendingSuggestion } from './PendingSuggestion.tsx'
import { useLabelLanguage } from './useLabelLanguage.ts'

const tableForms = new Set(['needs', 'stakeholders'])

const isEditable = (key: string): key is EditableFieldKey => (editableFieldKeys as readonly string[]).includes(key)

/** The sections of the description with a form control for every editable field, in the exports' order. */
export function DescriptionForm({ editor, state }: { editor: DraftEditor; state: DraftEditorState }) {
  const { t } = useTranslation()
  const language = useLabelLanguage()
  return (
    <form className="description-form" aria-labelledby="description-form-heading" onSubmit={(event) => event.preventDefault()}>
      <h2 id="description-form-heading" className="visually-hidden">
        {t('description.formHeading')}
      </h2>
      {descriptionSections.map((section) => {
        const keys = section.fields.filter(isEditable)
        if (keys.length === 0) return null
        return (
          <fieldset key={section.key} className="description-form__section">
            <legend>
              <h3>{section.heading[language]}</h3>
            </legend>
            {keys.map((key) => (
              <DescriptionField key={key} fieldKey={key} editor={editor} state={state} />
            ))}
          </fieldset>
        )
      })}
    </form>
  )
}

function DescriptionField({ fieldKey, editor, state }: { fieldKey: EditableFieldKey; editor: DraftEditor; state: DraftEditorState }) {
  const language = useLabelLanguage()
  if (state.fields === null || state.draft === null) return null
  const label = fieldLabels[fieldKey].label[language]
  const pending = state.pending[fieldKey]
  const issues = state.issues.filter((issue) => issue.path === fieldKey || issue.path.startsWith(`${fieldKey}.`))
  return (
    // Tables need the full width; their sources go under them.
    // Focusable from script only: the draft run's links lead here, and focus lands here when a suggestion or the last suggested row is answered.
    <div className={tableForms.has(fieldForms[fieldKey]) ? 'description-field description-field--wide' : 'description-field'} id={`field-${fieldKey}`} tabIndex={-1}>
      <div className="description-field__form">
        <FieldEditor
          fieldKey={fieldKey}
          value={state.fields[fieldKey]}
          issues={issues}
          onChange={(value) => editor.edit(fieldKey, value)}
        />
        {pending !== undefined && (
          <PendingSuggestion
            fieldKey={fieldKey}
            fieldLabel={label}
            value={pending}
            language={state.fields.languageForm}
            disabled={state.action !== null}
            onResolve={(action) => void editor.resolve(fieldKey, action)}
          />
        )}
        {isListField(fieldKey) && state.pendingRows[fieldKey] !== undefined && (
          <PendingRows
            fieldKey={fieldKey}
            fieldLabel={label}
            rows={state.pendingRows[fieldKey]}
            language={state.fields.languageForm}
            disabled={state.action !== null}
            onResolve={(row, action) => void editor.resolveRow(fieldKey, row, action)}
          />
        )}
      </div>
      <FieldSources fieldKey={fieldKey} fieldLabel={label} sources={state.draft.provenance[fieldKey]?.sources ?? []} />
    </div>
  )
}
