import { useTranslation } from 'react-i18next'
import { ConfirmButton } from '../components/ConfirmButton.tsx'
import { FormError } from '../components/form/FormError.tsx'
import { fieldLabels } from '../../../shared/src/description/labels.ts'
import { calendarDay, publishChecklist } from '../../../shared/src/description/publishChecklist.ts'
import { publicPageUrl } from './descriptionRequests.ts'
import type { DraftEditor, DraftEditorState } from './DraftEditor.ts'
import { PublishChecklist } from './PublishChecklist.tsx'
import { useLabelLanguage } from './useLabelLanguage.ts'

/**
 * "Publiser": first a checklist of what a business needs to answer (advice, not a gate), then it
 * asks (a new numbered version that anyone can read, which cannot be changed afterwards), saves
 * what was typed, publishes, and links to the new version's public page.
 */
export function PublishSection({ challengeId, editor, state }: { challengeId: string; editor: DraftEditor; state: DraftEditorState }) {
  const { t } = useTranslation()
  const language = useLabelLanguage()
  const publishing = state.action === 'publishing'
  const checklist = state.fields === null ? [] : publishChecklist(state.fields, calendarDay(new Date()))
  const unready = checklist.filter((item) => item.status !== 'done').map((item) => fieldLabels[item.field].label[language])
  return (
    <section className="publish-section" aria-labelledby="publish-heading">
      <h2 id="publish-heading">{t('description.publishHeading')}</h2>
      <p className="hint">{t('description.publishHint')}</p>
      {checklist.length > 0 && <PublishChecklist items={checklist} />}
      <ConfirmButton
        className="button button--primary"
        testId="publish"
        confirmTestId="publish-confirm"
        title={t('description.publishTitle')}
        body={
          <>
            <p>{t('description.publishBody')}</p>
            {unready.length > 0 && <p data-testid="publish-confirm-missing">{t('publishChecklist.confirmMissing', { fields: unready.join(', ') })}</p>}
            <p>{t('description.publishBodyNames')}</p>
          </>
        }
        confirmLabel={t('description.publishConfirm')}
        disabled={state.action !== null}
        onConfirm={() => void editor.publish()}
      >
        {publishing ? t('description.publishing') : t('description.publish')}
      </ConfirmButton>
      <FormError error={state.actionError?.action === 'publishing' ? state.actionError.error : null} testId="publish-error" />
      <p role="status" data-testid="publish-result">
        {publishing
          ? t('description.publishing')
          : state.published !== null && (
              <>
                {t('description.published', { version: state.published.version })}{' '}
                <a href={publicPageUrl(challengeId, state.published.version)}>{t('description.openPublished', { version: state.published.version })}</a>
              </>
            )}
      </p>
    </section>
  )
}
