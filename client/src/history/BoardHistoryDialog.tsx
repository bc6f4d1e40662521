import { useCallback, useEffect, useId, useRef, useState, type SyntheticEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type { BoardMoment, BoardTimeline, TimelineBucket, TimelineRun } from '../../../shared/src/schema/boardHistoryApi.ts'
import { useAppServices } from '../app/AppServicesContext.tsx'
import { ConfirmButton } from '../components/ConfirmButton.tsx'
import { useToasts } from '../components/Toasts.tsx'
import { useModalDialog } from '../components/useModalDialog.ts'
import { useClientConfig } from '../hooks/useClientConfig.ts'
import { fetchMoment, fetchTimeline, restoreBoard, undoRestore } from './boardRequests.ts'
import { MomentPreview } from './MomentPreview.tsx'

/** How far back the timeline looks, a facilitator's choice. */
const ranges = { hour: 60 * 60 * 1000, day: 24 * 60 * 60 * 1000, week: 7 * 24 * 60 * 60 * 1000 } as const
type RangeName = keyof typeof ranges

/** The moment being previewed: the board just after history row `seq`. */
interface Moment {
  seq: number
  /** What the preview's heading says. */
  label: string
}

export interface BoardHistoryDialogProps {
  boardId: string
  /** The board's name, for the dialog's title. */
  title: string
  onClose(): void
}

/**
 * A board's history for facilitators: a timeline of the chosen stretch (who changed how much,
 * and when); within a stretch, each run of someone's changes, to look at the board just before
 * or just after it (the moment before a wipe, say); a read-only preview of that moment; and
 * restoring the whole board or the shapes picked in the preview (a frame deleted by mistake, with
 * its notes). A restore is a new change everyone sees at once, and the timeline offers to undo it.
 */
export function BoardHistoryDialog({ boardId, title, onClose }: BoardHistoryDialogProps) {
  const { t, i18n } = useTranslation()
  const { api } = useAppServices()
  const toasts = useToasts()
  const config = useClientConfig()
  const close = useRef<HTMLButtonElement>(null)
  const dialog = useModalDialog(true, close)
  const ids = useId()
  const [range, setRange] = useState<RangeName>('day')
  const [timeline, setTimeline] = useState<BoardTimeline | null>(null)
  const [failed, setFailed] = useState(false)
  const [bucket, setBucket] = useState<TimelineBucket | null>(null)
  const [runs, setRuns] = useState<TimelineRun[]>([])
  const [moment, setMoment] = useState<Moment | null>(null)
  const [records, setRecords] = useState<BoardMoment['records'] | null>(null)
  const [selected, setSelected] = useState<string[]>([])
  const [busy, setBusy] = useState(false)
  const [revision, setRevision] = useState(0)

  const time = new Intl.DateTimeFormat(i18n.language, { hour: '2-digit', minute: '2-digit' })
  const seconds = new Intl.DateTimeFormat(i18n.language, { hour: '2-digit', minute: '2-digit', second: '2-digit' })
  const dateTime = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'short', timeStyle: 'short' })

  useEffect(() => {
    const abort = new AbortController()
    const until = Date.now()
    setFailed(false)
    fetchTimeline(boardId, until - ranges[range], until, abort.signal).then(setTimeline, () => {
      if (!abort.signal.aborted) setFailed(true)
    })
    return () => abort.abort()
  }, [boardId, range, revision])

  useEffect(() => {
    if (bucket === null) return
    const abort = new AbortController()
    fetchTimeline(boardId, bucket.from, bucket.to, abort.signal).then(
      (detail) => setRuns([...detail.runs].reverse()),
      () => undefined,
    )
    return () => abort.abort()
  }, [boardId, bucket, revision])

  useEffect(() => {
    if (moment === null) return
    const abort = new AbortController()
    setRecords(null)
    setSelected([])
    fetchMoment(boardId, moment.seq, abort.signal).then(
      (found) => setRecords(found.records),
      () => {
        if (!abort.signal.aborted) toasts.show(t('history.previewFailed'))
      },
    )
    return () => abort.abort()
  }, [boardId, moment, toasts, t])

  const act = useCallback(
    async (action: () => Promise<{ changed: number }>, done: 'history.undone' | 'history.restored') => {
      setBusy(true)
      try {
        const { changed } = await action()
        toasts.show(t(done, { count: changed }))
        setRevision((current) => current + 1)
      } catch {
        toasts.show(t('history.failed'))
      } finally {
        setBusy(false)
      }
    },
    [toasts, t],
  )

  const chooseBucket = (chosen: TimelineBucket) => {
    setBucket(chosen)
    setMoment({ seq: chosen.lastSeq, label: t('history.previewAt', { at: time.format(chosen.to) }) })
  }
  const buckets = [...(timeline?.buckets ?? [])].reverse()
  const restores = [...(timeline?.events ?? [])].filter((event) => event.kind === 'restore').reverse()
  const who = (name: string | null) => name ?? t('history.someone')
  const describeRun = (run: TimelineRun): string => {
    const at = seconds.format(run.from)
    const values = { at, who: who(run.name), count: run.changes }
    switch (run.kind) {
      case 'build':
        return t('history.runBuild', values)
      case 'settings':
        return t('history.runSettings', values)
      case 'migrate':
        return t('history.runMigrate', values)
      case 'restore':
        return t('history.runRestore', values)
      case 'facilitation':
        return t('history.runFacilitation', values)
      default:
        return t('history.run', values)
    }
  }
  // React passes a closing confirmation (a dialog inside this one) up its tree as well.
  const closedItself = (event: SyntheticEvent<HTMLDialogElement>) => {
    if (event.target === event.currentTarget) onClose()
  }
  return (
    <dialog ref={dialog} className="dialog history-dialog" aria-labelledby={`${ids}-title`} data-testid="history-dialog" onClose={closedItself}>
      <div className="history-dialog__head">
        <h2 id={`${ids}-title`}>{t('history.title', { board: title })}</h2>
        <button ref={close} type="button" className="button" data-testid="close-history" onClick={onClose}>
          {t('history.close')}
        </button>
      </div>
      <div className="history-dialog__body">
        <section className="history-dialog__timeline" aria-labelledby={`${ids}-timeline`}>
          <h3 id={`${ids}-timeline`}>{t('history.timeline')}</h3>
          <label className="history-dialog__range">
            {t('history.range')}{' '}
            <select value={range} onChange={(event) => setRange(event.target.value as RangeName)} data-testid="history-range">
              <option value="hour">{t('history.lastHour')}</option>
              <option value="day">{t('history.lastDay')}</option>
              <option value="week">{t('history.lastWeek')}</option>
            </select>
          </label>
          {failed && <p role="alert">{t('history.loadFailed')}</p>}
          {timeline !== null && timeline.restorableFrom !== null && (
            <p className="history-dialog__hint">{t('history.restorableFrom', { at: dateTime.format(timeline.restorableFrom) })}</p>
          )}
          {restores.length > 0 && (
            <>
              <h4>{t('history.restores')}</h4>
              <ul className="history-dialog__events" data-testid="history-restores">
                {restores.map((event) => (
                  <li key={event.seq} data-testid="history-restore">
                    <span>
                      {t('history.restoreEvent', {
                        at: time.format(event.at),
                        to: event.restoredTo === null ? '–' : time.format(event.restoredTo),
                        by: who(event.by),
                        count: event.changes,
                      })}
                    </span>
                    {event.undoneBy === null ? (
                      <ConfirmButton
                        title={t('history.undoTitle')}
                        body={t('history.undoBody')}
                        confirmLabel={t('history.undo')}
                        className="button button--small"
                        testId="undo-restore"
                        confirmTestId="undo-restore-confirm"
                        disabled={busy}
                        onConfirm={() => void act(() => undoRestore(api, boardId, event.seq), 'history.undone')}
                      >
                        {t('history.undo')}
                      </ConfirmButton>
                    ) : (
                      <span className="history-dialog__muted">{t('history.alreadyUndone')}</span>
                    )}
                  </li>
                ))}
              </ul>
            </>
          )}
          {timeline !== null && buckets.length === 0 && <p>{t('history.empty')}</p>}
          <ol className="history-dialog__buckets" data-testid="history-buckets">
            {buckets.map((each) => (
              <li key={each.from}>
                <button
                  type="button"
                  className="history-bucket"
                  aria-pressed={bucket?.from === each.from}
                  data-testid="history-bucket"
                  onClick={() => chooseBucket(each)}
                >
                  <span className="history-bucket__time">
                    {time.format(each.from)}–{time.format(each.to)}
                  </span>
                  <span className="history-bucket__count">{t('history.changes', { count: each.changes })}</span>
                  <span className="history-bucket__people">
                    {each.people.map((person) => `${who(person.name)} (${person.changes})`).join(', ')}
                  </span>
                </button>
                {bucket?.from === each.from && runs.length > 0 && (
                  <ol className="history-dialog__runs" aria-label={t('history.runs')} data-testid="history-runs">
                    {runs.map((run) => (
                      <li key={run.fromSeq} className="history-run" data-testid="history-run">
                        <span>
                          {describeRun(run)}
                        </span>
                        <span className="history-run__actions">
                          <button
                            type="button"
                            className="button button--small"
                            data-testid="preview-before"
                            aria-label={t('history.beforeNamed', { at: seconds.format(run.from), who: who(run.name) })}
                            onClick={() => setMoment({ seq: run.fromSeq - 1, label: t('history.previewBefore', { at: seconds.format(run.from), who: who(run.name) }) })}
                          >
                            {t('history.before')}
                          </button>
                          <button
                            type="button"
                            className="button button--small"
                            data-testid="preview-after"
                            aria-label={t('history.afterNamed', { at: seconds.format(run.to), who: who(run.name) })}
                            onClick={() => setMoment({ seq: run.toSeq, label: t('history.previewAfter', { at: seconds.format(run.to), who: who(run.name) }) })}
                          >
                            {t('history.after')}
                          </button>
                        </span>
                      </li>
                    ))}
                  </ol>
                )}
              </li>
            ))}
          </ol>
        </section>
        <section className="history-dialog__preview" aria-labelledby={`${ids}-preview`}>
          <h3 id={`${ids}-preview`} data-testid="preview-heading">
            {moment === null ? t('history.pickMoment') : moment.label}
          </h3>
          {moment !== null && records !== null && (
            <>
              <MomentPreview
                records={records}
                licenseKey={config?.tldrawLicenseKey ?? null}
                onSelectionChange={setSelected}
                label={t('history.previewLabel')}
              />
              <div className="dialog-actions">
                <ConfirmButton
                  title={t('history.restoreBoardTitle')}
                  body={t('history.restoreBoardBody', { moment: moment.label })}
                  confirmLabel={t('history.restoreBoard')}
                  testId="restore-board"
                  confirmTestId="restore-board-confirm"
                  disabled={busy}
                  onConfirm={() => void act(() => restoreBoard(api, boardId, { seq: moment.seq }), 'history.restored')}
                >
                  {t('history.restoreBoard')}
                </ConfirmButton>
                <ConfirmButton
                  title={t('history.restoreShapesTitle')}
                  body={t('history.restoreShapesBody', { count: selected.length })}
                  confirmLabel={t('history.restoreShapes', { count: selected.length })}
                  testId="restore-shapes"
                  confirmTestId="restore-shapes-confirm"
                  disabled={busy || selected.length === 0}
                  onConfirm={() =>
                    void act(() => restoreBoard(api, boardId, { seq: moment.seq, shapeIds: selected }), 'history.restored')
                  }
                >
                  {t('history.restoreShapes', { count: selected.length })}
                </ConfirmButton>
              </div>
              <p className="history-dialog__hint">{t('history.selectHint')}</p>
            </>
          )}
        </section>
      </div>
    </dialog>
  )
}
