import { useRef, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { DeletionDateBody, WorkshopRetention } from '../../../shared/src/schema/retentionApi.ts'
import { checkBody, issuesAt } from '../app/apiErrors.ts'
import { useAppServices } from '../app/AppServicesContext.tsx'
import { FormError } from '../components/form/FormError.tsx'
import { TextField } from '../components/form/TextField.tsx'
import { useFocusFirstInvalid } from '../components/form/useFocusFirstInvalid.ts'
import { useSubmission } from '../hooks/useSubmission.ts'
import { formatDate, fromLocalDate, toLocalDate } from '../workshop/dateTime.ts'

/** The postponements offered with one press; a longer one is a date of one's own. */
const postponementDays = [30, 90] as const

const dayMs = 24 * 60 * 60 * 1000

export interface DeletionDateControlProps {
  workshopId: string
  retention: WorkshopRetention
  onChanged(message: string): void
}

/**
 * When a closed workshop's boards and people are deleted, and the facilitator's ways to move
 * it: postpone by 30 or 90 days, or choose a day (`PUT /api/workshops/:id/deletion-date`).
 */
export function DeletionDateControl({ workshopId, retention, onChanged }: DeletionDateControlProps) {
  const { t, i18n } = useTranslation()
  const { api } = useAppServices()
  const form = useRef<HTMLFormElement>(null)
  const [day, setDay] = useState('')
  const submission = useSubmission(async (deletesAt: string) => {
    const body = checkBody(DeletionDateBody, { deletesAt })
    const changed = await api.send({
      method: 'PUT',
      path: `/api/workshops/${workshopId}/deletion-date`,
      body,
      as: 'facilitator',
      response: WorkshopRetention,
    })
    setDay('')
    onChanged(t('retention.changed', { date: formatDate(changed.deletesAt, i18n.language) }))
  })
  useFocusFirstInvalid(form, submission.error)
  const deletesAt = Date.parse(retention.deletesAt)
  const latest = Date.parse(retention.latestDeletesAt)
  const latestDate = formatDate(retention.latestDeletesAt, i18n.language)

  const submit = (event: FormEvent) => {
    event.preventDefault()
    void submission.run(fromLocalDate(day))
  }

  return (
    <div className="deletion-date" data-testid="deletion-date">
      <p data-testid="deletion-date-text" data-deletes-at={retention.deletesAt}>
        {t('retention.explanation', { date: formatDate(retention.deletesAt, i18n.language) })}
      </p>
      <p className="hint">{t('retention.closedAt', { date: formatDate(retention.closedAt, i18n.language) })}</p>
      <div className="form__actions">
        {postponementDays.map((days) => (
          <button
            key={days}
            type="button"
            className="button"
            data-testid={`postpone-${days}`}
            disabled={deletesAt + days * dayMs > latest}
            aria-disabled={submission.pending}
            onClick={() => void submission.run(new Date(deletesAt + days * dayMs).toISOString())}
          >
            {t('retention.postpone', { days })}
          </button>
        ))}
      </div>
      <form ref={form} className="form" onSubmit={submit} noValidate aria-busy={submission.pending} data-testid="deletion-date-form">
        <FormError error={submission.error} testId="deletion-date-error" />
        <TextField
          label={t('retention.dateLabel')}
          hint={t('retention.dateHint', { date: latestDate })}
          testId="deletion-date-input"
          value={day}
          onChange={setDay}
          issues={issuesAt(submission.error, 'deletesAt')}
          input={{ type: 'date', min: toLocalDate(new Date(Date.now() + dayMs).toISOString()), max: toLocalDate(retention.latestDeletesAt) }}
        />
        <div className="form__actions">
          <button type="submit" className="button" data-testid="deletion-date-save" aria-disabled={submission.pending}>
            {t('retention.save')}
          </button>
        </div>
      </form>
    </div>
  )
}
