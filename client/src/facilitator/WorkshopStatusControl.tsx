import { useTranslation } from 'react-i18next'
import type { Workshop, WorkshopStatus } from '../../../shared/src/schema/workshop.ts'
import { anyBody } from '../app/apiClient.ts'
import { useAppServices } from '../app/AppServicesContext.tsx'
import { ConfirmButton } from '../components/ConfirmButton.tsx'
import { FormError } from '../components/form/FormError.tsx'
import { useSubmission } from '../hooks/useSubmission.ts'
import { workshopStatusKey } from '../workshop/labels.ts'

const statusHintKey = {
  planned: 'editor.statusHintPlanned',
  open: 'editor.statusHintOpen',
  closed: 'editor.statusHintClosed',
} as const satisfies Record<WorkshopStatus, string>

export interface WorkshopStatusControlProps {
  workshop: Workshop
  onChanged(status: WorkshopStatus): void
}

/**
 * Opens and closes the workshop. Open lets participants and observers in; closing
 * disconnects them, so it asks first.
 */
export function WorkshopStatusControl({ workshop, onChanged }: WorkshopStatusControlProps) {
  const { t } = useTranslation()
  const { api } = useAppServices()
  const submission = useSubmission(async (status: WorkshopStatus) => {
    await api.send({ method: 'PATCH', path: `/api/workshops/${workshop.id}`, body: { status }, as: 'facilitator', response: anyBody })
    onChanged(status)
  })
  return (
    <div className="status-control">
      <p>
        {t('editor.statusNow')}{' '}
        <strong className={`status-badge status-badge--${workshop.status}`} data-testid="workshop-status" data-status={workshop.status}>
          {t(workshopStatusKey[workshop.status])}
        </strong>
      </p>
      <p className="hint">{t(statusHintKey[workshop.status])}</p>
      <FormError error={submission.error} testId="status-error" />
      {workshop.status === 'open' ? (
        <ConfirmButton
          className="button"
          testId="close-workshop"
          confirmTestId="close-workshop-confirm"
          title={t('editor.closeTitle')}
          body={<p>{t('editor.closeBody')}</p>}
          confirmLabel={t('editor.close')}
          disabled={submission.pending}
          onConfirm={() => void submission.run('closed')}
        >
          {t('editor.close')}
        </ConfirmButton>
      ) : (
        <button
          type="button"
          className="button button--primary"
          data-testid="open-workshop"
          aria-disabled={submission.pending}
          onClick={() => void submission.run('open')}
        >
          {workshop.status === 'planned' ? t('editor.open') : t('editor.reopen')}
        </button>
      )}
    </div>
  )
}
