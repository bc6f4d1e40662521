import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { AuditAction } from '../../../shared/src/schema/auditLog.ts'
import { ChallengeList } from '../../../shared/src/schema/publicApi.ts'
import { WorkshopSummaryList } from '../../../shared/src/schema/workshopApi.ts'
import { Field } from '../components/form/Field.tsx'
import { resourceValue, useApiResource } from '../hooks/useApiResource.ts'
import { actionKey, type AuditFilters } from './auditLogQuery.ts'

const noFilters: AuditFilters = { challengeId: '', workshopId: '', action: '', from: '', to: '' }

/**
 * The log's filters as a form: a challenge, one of its workshops, an action and a stretch of
 * days. Nothing changes until "Vis", so a keyboard or screen-reader user can set several
 * filters without the table changing under them.
 */
export function AuditLogFilters({ filters, onApply }: { filters: AuditFilters; onApply(filters: AuditFilters): void }) {
  const { t } = useTranslation()
  const [draft, setDraft] = useState(filters)
  const challenges = resourceValue(useApiResource('/api/challenges', ChallengeList))?.challenges ?? []
  const workshopsPath = draft.challengeId === '' ? null : `/api/challenges/${encodeURIComponent(draft.challengeId)}/workshops`
  const workshops = resourceValue(useApiResource(workshopsPath, WorkshopSummaryList))?.workshops ?? []
  const set = (change: Partial<AuditFilters>) => setDraft((current) => ({ ...current, ...change }))
  const submit = (event: FormEvent) => {
    event.preventDefault()
    onApply(draft)
  }

  return (
    <form className="audit-log__filters" aria-label={t('audit.filters')} onSubmit={submit} data-testid="audit-log-filters">
      <Field label={t('audit.challenge')}>
        {(control) => (
          <select {...control} value={draft.challengeId} onChange={(event) => set({ challengeId: event.target.value, workshopId: '' })}>
            <option value="">{t('audit.anyChallenge')}</option>
            {challenges.map((challenge) => (
              <option key={challenge.id} value={challenge.id}>
                {challenge.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t('audit.workshop')}>
        {(control) => (
          <select {...control} value={draft.workshopId} onChange={(event) => set({ workshopId: event.target.value })}>
            <option value="">{t('audit.anyWorkshop')}</option>
            {/* A workshop asked for in the address but no longer listed (deleted) stays choosable. */}
            {draft.workshopId !== '' && !workshops.some((workshop) => workshop.id === draft.workshopId) && (
              <option value={draft.workshopId}>{draft.workshopId}</option>
            )}
            {workshops.map((workshop) => (
              <option key={workshop.id} value={workshop.id}>
                {workshop.title}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t('audit.action')}>
        {(control) => (
          <select {...control} value={draft.action} onChange={(event) => set({ action: event.target.value })}>
            <option value="">{t('audit.anyAction')}</option>
            {AuditAction.options.map((action) => (
              <option key={action} value={action}>
                {t(actionKey(action))}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t('audit.from')}>{(control) => <input {...control} type="date" value={draft.from} onChange={(event) => set({ from: event.target.value })} />}</Field>
      <Field label={t('audit.to')}>{(control) => <input {...control} type="date" value={draft.to} onChange={(event) => set({ to: event.target.value })} />}</Field>
      <div className="audit-log__filter-actions">
        <button type="submit" className="button button--primary" data-testid="audit-log-apply">
          {t('audit.apply')}
        </button>
        <button
          type="button"
          className="button"
          onClick={() => {
            setDraft(noFilters)
            onApply(noFilters)
          }}
        >
          {t('audit.reset')}
        </button>
      </div>
    </form>
  )
}
