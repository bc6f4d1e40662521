import { useTranslation } from 'react-i18next'
import type { EditableFieldKey, SourceRef } from '../../../shared/src/description/challengeDescription.ts'
import { sourceGroups } from './sourceGroups.ts'
import { useLabelLanguage } from './useLabelLanguage.ts'

export interface FieldSourcesProps {
  fieldKey: EditableFieldKey
  /** The field's label, to name the note lists for screen readers. */
  fieldLabel: string
  sources: readonly SourceRef[]
}

/**
 * Where a field's drafted value came from: "fra: Kartlegge aktører, 7 lapper" per
 * step, each with the note texts behind a disclosure. Note texts are shown as
 * text; their authors are never here (drafts store no names).
 */
export function FieldSources({ fieldKey, fieldLabel, sources }: FieldSourcesProps) {
  const { t } = useTranslation()
  const language = useLabelLanguage()
  const groups = sourceGroups(sources, language)
  return (
    <div className="field-sources" data-testid={`field-sources-${fieldKey}`}>
      {groups.length === 0 ? (
        <p className="field-sources__none">{t('description.noSources')}</p>
      ) : (
        groups.map((group) => (
          <div key={group.stepTitle} className="field-sources__group">
            <p className="field-sources__line">{group.line}</p>
            {group.noteCount > 0 && (
              <details className="field-sources__notes">
                <summary>
                  {t('description.showNotes', { count: group.noteCount })}
                  <span className="visually-hidden"> {t('description.showNotesFor', { field: fieldLabel, step: group.stepTitle })}</span>
                </summary>
                {group.frames.map((frame) => (
                  <div key={frame.frameName}>
                    {group.frames.length > 1 && <p className="field-sources__frame">{frame.frameName}</p>}
                    <ul className="field-sources__list" aria-label={frame.frameName}>
                      {frame.notes.map((note) => (
                        <li key={note.id}>{note.text.trim() === '' ? t('description.emptyNote') : note.text}</li>
                      ))}
                    </ul>
                  </div>
                ))}
              </details>
            )}
          </div>
        ))
      )}
    </div>
  )
}
