import type { TFunction } from 'i18next'
import { forwardRef } from 'react'
import { useTranslation } from 'react-i18next'
import type { AuditEntry } from '../../../shared/src/schema/auditLog.ts'
import { formatDate, formatDateTime } from '../workshop/dateTime.ts'
import { fieldLabels } from './auditFieldLabels.ts'
import { aboutLines, actionKey } from './auditLogQuery.ts'

const modeKey = { open: 'boardMode.optionOpen', 'add-only': 'boardMode.optionAddOnly', frozen: 'boardMode.optionFrozen' } as const
const arrangementKey = { byPerson: 'privateWriting.revealByPerson', shuffled: 'privateWriting.revealShuffled' } as const

/** The facts of an entry's detail, in words. */
function detailLines(entry: AuditEntry, t: TFunction, language: string): string[] {
  const { detail } = entry
  const lines: string[] = []
  if (detail.version !== undefined) lines.push(t('audit.version', { version: detail.version }))
  if (detail.linkRole !== undefined) lines.push(t(detail.linkRole === 'participant' ? 'audit.linkParticipant' : 'audit.linkObserver'))
  if (detail.fields !== undefined && detail.fields.length > 0) lines.push(t('audit.fields', { fields: fieldLabels(t, entry.action, detail.fields) }))
  if (detail.mode !== undefined) lines.push(t('audit.mode', { mode: t(modeKey[detail.mode]) }))
  if (detail.records !== undefined) lines.push(t('audit.records', { count: detail.records }))
  if (detail.undoChanges === true) lines.push(t('audit.undoChanges'))
  if (detail.arrangement !== undefined) lines.push(t('audit.arrangement', { arrangement: t(arrangementKey[detail.arrangement]) }))
  if (detail.until !== undefined) lines.push(t('audit.until', { date: formatDate(detail.until, language) }))
  if (entry.times > 1) lines.push(t('audit.times', { count: entry.times, last: formatDateTime(entry.lastAt, language) }))
  return lines
}

/**
 * The entries as a table, newest first: when, which facilitator, the action in words, what it was
 * about (by the names those things have now) and its details. Focusable (tabIndex -1), so that
 * the page can move focus to it after a page turn and a screen reader starts at its caption.
 */
export const AuditLogTable = forwardRef<HTMLTableElement, { entries: readonly AuditEntry[] }>(function AuditLogTable({ entries }, ref) {
  const { t, i18n } = useTranslation()
  const language = i18n.language
  return (
    <div className="audit-log__scroll">
      <table className="audit-log__table" data-testid="audit-log-table" ref={ref} tabIndex={-1}>
        <caption>{t('audit.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('audit.when')}</th>
            <th scope="col">{t('audit.who')}</th>
            <th scope="col">{t('audit.what')}</th>
            <th scope="col">{t('audit.about')}</th>
            <th scope="col">{t('audit.details')}</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((entry) => (
            <tr key={entry.id} data-action={entry.action}>
              <td>
                <time dateTime={entry.at}>{formatDateTime(entry.at, language)}</time>
              </td>
              <td>{entry.actor.displayName}</td>
              <th scope="row">{t(actionKey(entry.action))}</th>
              <td>
                <ul className="audit-log__lines">
                  {aboutLines(entry, t('audit.deleted')).map((line) => (
                    <li key={line.key}>{t(line.key, line.values)}</li>
                  ))}
                </ul>
              </td>
              <td>
                <ul className="audit-log__lines">
                  {detailLines(entry, t, language).map((line) => (
                    <li key={line}>{line}</li>
                  ))}
                </ul>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
})
