import { useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useSearchParams } from 'react-router'
import { AuditLogPage as AuditLogPageAnswer } from '../../../shared/src/schema/auditLog.ts'
import { PageShell } from '../components/PageShell.tsx'
import { AuditLogFilters } from '../facilitator/AuditLogFilters.tsx'
import { AuditLogTable } from '../facilitator/AuditLogTable.tsx'
import { auditPath, filtersOfSearch, searchOfFilters } from '../facilitator/auditLogQuery.ts'
import { retentionText } from '../facilitator/auditRetentionText.ts'
import { RequireFacilitator } from '../facilitator/RequireFacilitator.tsx'
import { useApiResource } from '../hooks/useApiResource.ts'
import '../styles/auditLog.css'

/**
 * `/facilitator/log` ("Logg"): what facilitators did, newest first, filtered by challenge,
 * workshop, action and days (kept in the address, so a filtered log can be linked to), a page
 * at a time.
 */
export function AuditLogPage() {
  const { t } = useTranslation()
  return (
    <RequireFacilitator>
      {() => (
        <PageShell title={`${t('audit.title')} – ${t('app.name')}`} wide>
          <div className="audit-log">
            <p>
              <Link to="/facilitator">{t('audit.back')}</Link>
            </p>
            <h1>{t('audit.title')}</h1>
            <p className="lead">{t('audit.lead')}</p>
            <AuditLogEntries />
          </div>
        </PageShell>
      )}
    </RequireFacilitator>
  )
}

function AuditLogEntries() {
  const { t, i18n } = useTranslation()
  const [search, setSearch] = useSearchParams()
  const filters = filtersOfSearch(search)
  const filterKey = searchOfFilters(filters).toString()
  // The cursors of the pages turned to, newest page first; new filters start again at the newest.
  const [pages, setPages] = useState<{ filterKey: string; cursors: string[] }>({ filterKey, cursors: [] })
  const cursors = pages.filterKey === filterKey ? pages.cursors : []
  const after = cursors.at(-1) ?? null
  const log = useApiResource(auditPath(filters, after, i18n.language), AuditLogPageAnswer)
  const table = useRef<HTMLTableElement>(null)
  const [turned, setTurned] = useState(false)
  useEffect(() => {
    // After a page turn, the new page is read from its caption (the button pressed may be gone).
    if (turned && log.status === 'loaded') {
      table.current?.focus()
      setTurned(false)
    }
  }, [turned, log.status])
  const turn = (next: string[]) => {
    setPages({ filterKey, cursors: next })
    setTurned(true)
  }

  return (
    <>
      <AuditLogFilters key={filterKey} filters={filters} onApply={(next) => setSearch(searchOfFilters(next))} />
      {log.status === 'loaded' && <p className="hint">{retentionText(t, log.value.retentionDays)}</p>}
      {log.status === 'loading' && <p role="status">{t('audit.loading')}</p>}
      {(log.status === 'failed' || log.status === 'notFound') && (
        <p className="error-message" role="alert">
          {t('audit.failed')}
        </p>
      )}
      {log.status === 'loaded' && (
        <>
          <p role="status" className="audit-log__status" data-testid="audit-log-status">
            {log.value.entries.length === 0 ? t('audit.empty') : t('audit.pageStatus', { count: log.value.entries.length, page: cursors.length + 1 })}
          </p>
          {log.value.entries.length > 0 && <AuditLogTable ref={table} entries={log.value.entries} />}
          <nav className="audit-log__pages" aria-label={t('audit.pages')}>
            {cursors.length > 0 && (
              <button type="button" className="button" onClick={() => turn(cursors.slice(0, -1))}>
                {t('audit.newer')}
              </button>
            )}
            {log.value.nextCursor !== null && (
              <button type="button" className="button" data-testid="audit-log-older" onClick={() => turn([...cursors, log.value.nextCursor ?? ''])}>
                {t('audit.older')}
              </button>
            )}
          </nav>
        </>
      )}
    </>
  )
}
