import { useId } from 'react'
import { useTranslation } from 'react-i18next'
import type { EditableFieldKey } from '../../../shared/src/description/challengeDescription.ts'
import type { LabelLanguage } from '../../../shared/src/description/labels.ts'
import { asFieldValue } from './fieldForms.ts'
import { FieldValue } from './FieldValue.tsx'

export interface PendingSuggestionProps {
  fieldKey: EditableFieldKey
  fieldLabel: string
  /** The newer drafted value (JSON from the server). */
  value: unknown
  /** The description's language form, for labels inside the value. */
  language: LabelLanguage
  disabled: boolean
  onResolve(action: 'accept' | 'dismiss'): void
}

/**
 * A newer value from the boards for a field the person had edited: shown next to
 * their text until they take it ("Bruk nytt forslag") or keep theirs ("Behold min tekst").
 */
export function PendingSuggestion({ fieldKey, fieldLabel, value, language, disabled, onResolve }: PendingSuggestionProps) {
  const { t } = useTranslation()
  const id = useId()
  const suggestion = asFieldValue(fieldKey, value)
  const resolve = (action: 'accept' | 'dismiss') => {
    // Either answer removes this box: focus goes to its field before the buttons go, as PendingRows does.
    document.getElementById(`field-${fieldKey}`)?.focus()
    onResolve(action)
  }
  return (
    <div className="pending-suggestion" role="group" aria-labelledby={`${id}-heading`} data-testid={`pending-${fieldKey}`}>
      <p id={`${id}-heading`} className="pending-suggestion__heading">
        {t('description.pendingHeading', { field: fieldLabel })}
      </p>
      <p className="hint">{t('description.pendingHint')}</p>
      <div className="pending-suggestion__value" lang={language}>
        {suggestion === null ? <p>{t('description.pendingUnreadable')}</p> : <FieldValue fieldKey={fieldKey} value={suggestion} language={language} />}
      </div>
      <div className="button-row">
        <button
          type="button"
          className="button button--primary"
          disabled={disabled || suggestion === null}
          data-testid={`pending-accept-${fieldKey}`}
          aria-label={t('description.acceptNamed', { field: fieldLabel })}
          onClick={() => resolve('accept')}
        >
          {t('description.accept')}
        </button>
        <button
          type="button"
          className="button"
          disabled={disabled}
          data-testid={`pending-dismiss-${fieldKey}`}
          aria-label={t('description.dismissNamed', { field: fieldLabel })}
          onClick={() => resolve('dismiss')}
        >
          {t('description.dismiss')}
        </button>
      </div>
    </div>
  )
}
