import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { fieldLabels } from '../../../shared/src/description/labels.ts'
import { describeError } from '../components/form/errorText.ts'
import { formatDateTime } from '../workshop/dateTime.ts'
import type { DraftEditorState } from './DraftEditor.ts'
import { useLabelLanguage } from './useLabelLanguage.ts'

/**
 * Whether the draft is saved, said in words (a polite live region): "Lagret
 * 24. november kl. 14:03", "Lagrer …", which fields hold it back, or why saving
 * failed with a way to try again. The editor saves by itself a moment after typing stops.
 * Screen readers hear only changes that matter (saved, held back, failed), not every
 * "Lagrer …" between two pauses in typing.
 */
export function SaveStatus({ state, onRetry }: { state: DraftEditorState; onRetry(): void }) {
  const { t, i18n } = useTranslation()
  const language = useLabelLanguage()
  const { save } = state
  let text: string
  if (save.kind === 'saved') {
    text = state.savedAt === null ? t('description.savedNever') : t('description.savedAt', { time: formatDateTime(state.savedAt, i18n.language) })
  } else if (save.kind === 'waiting') text = t('description.unsaved')
  else if (save.kind === 'saving') text = t('description.saving')
  else if (save.kind === 'invalid') {
    const list = new Intl.ListFormat(i18n.language, { type: 'conjunction' })
    text = t('description.invalid', { fields: list.format(save.fields.map((key) => fieldLabels[key]?.label[language] ?? key)) })
  } else text = t('description.saveFailed', { reason: describeError(t, save.error).text })
  const [announced, setAnnounced] = useState('')
  const settled = save.kind === 'saved' ? t('description.allSaved') : save.kind === 'invalid' || save.kind === 'failed' ? text : announced
  if (settled !== announced) setAnnounced(settled)
  return (
    <div className={`save-status save-status--${save.kind}`}>
      <p data-testid="save-status" data-state={save.kind}>
        {text}
      </p>
      <p className="visually-hidden" role="status" aria-live="polite">
        {settled}
      </p>
      {save.kind === 'failed' && (
        <button type="button" className="button" onClick={onRetry}>
          {t('description.retry')}
        </button>
      )}
    </div>
  )
}
