import { useCallback, useEffect, useId, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { BoardMoment, BoardTimeline, TimelineBucket } from '../../../shared/src/schema/boardHistoryApi.ts'
import { useAppServices } from '../app/AppServicesContext.tsx'
import { ConfirmButton } from '../components/ConfirmButton.tsx'
import { useToasts } from '../components/Toasts.tsx'
import { useClientConfig } from '../hooks/useClientConfig.ts'
import { useModalDialog } from '../components/useModalDialog.ts'
import { fetchMoment, fetchTimeline, restoreBoard, undoRestore } from './boardRequests.ts'
import { MomentPreview } from './MomentPreview.tsx'

/** How far back the timeline looks, a facilitator's choice. */
const ranges = { hour: 60 * 60 * 1000, day: 24 * 60 * 60 * 1000, week: 7 * 24 * 60 * 60 * 1000 } as const
type RangeName = keyof typeof ranges

export interface BoardHistoryDialogProps {
  boardId: string
  /** The board's name, for the dialog's title. */
  title: string
  onClose(): void
}

/**
 * A board's history for facilitators: a timeline of the chosen stretch (who changed how much,
 * and when), a read-only preview of the board at any point of it, and restoring the whole board
 * or the shapes picked in the preview (a frame deleted by mistake, with its notes). A restore is
 * a new change everyone sees at once, and the timeline offers to undo it.
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
  const [chosen, setChosen] = useState<TimelineBucket | null>(null)
  const [moment, setMoment] = useState<BoardMoment | null>(null)
  const [selected, setSelected] = useState<string[]>([])
  const [busy, setBusy] = useState(false)
  const [revision, setRevision] = useState(0)

  const time = new Intl.DateTimeFormat(i18n.language, { hour: '2-digit', minute: '2-digit' })
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
    if (chosen === null) return
    const abort = new AbortController()
    setMoment(null)
    setSelected([])
    fetchMoment(boardId, chosen.lastSeq, abort.signal).then(setMoment, () => {
      if (!abort.signal.aborted) toasts.show(t('history.previewFailed'))
    })
    return () => abort.abort()
  }, [boardId, chosen, toasts, t])

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

  const buckets = [...(timeline?.buckets ?? [])].reverse()
  const events = [...(timeline?.events ?? [])].filter((event) => event.kind === 'restore').reverse()
  return (
    <dialog
      ref={dialog}
      className="dialog history-dialog"
      aria-labelledby={`${ids}-title`}
      data-testid="history-dialog"
      onClose={onClose}
    >
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
          {events.length > 0 && (
            <>
              <h4>{t('history.restores')}</h4>
              <ul className="history-dialog__events" data-testid="history-restores">
                {events.map((event) => (
                  <li key={event.seq} data-testid="history-restore">
                    <span>
                      {t('history.restoreEvent', {
                        at: time.format(event.at),
                        to: event.restoredTo === null ? '–' : time.format(event.restoredTo),
                        by: event.by ?? t('history.someone'),
                        count: event.changes,
                      })}
                    </span>
                    {event.undoneBy === null ? (
                      <ConfirmButton
                        title={t('history.undoTitle')}
                        body={t('history.undoBody')}
                        confirmLabel={t('history.undo')}
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
            {buckets.map((bucket) => (
              <li key={bucket.from}>
                <button
                  type="button"
                  className="history-bucket"
                  aria-pressed={chosen?.lastSeq === bucket.lastSeq}
                  data-testid="history-bucket"
                  onClick={() => setChosen(bucket)}
                >
                  <span className="history-bucket__time">
                    {time.format(bucket.from)}–{time.format(bucket.to)}
                  </span>
                  <span className="history-bucket__count">{t('history.changes', { count: bucket.changes })}</span>
                  <span className="history-bucket__people">
                    {bucket.people
                      .map((person) => `${person.name ?? t('history.someone')} (${person.changes})`)
                      .join(', ')}
                  </span>
                </button>
              </li>
            ))}
          </ol>
        </section>
        <section className="history-dialog__preview" aria-labelledby={`${ids}-preview`}>
          <h3 id={`${ids}-preview`}>
            {chosen === null ? t('history.pickMoment') : t('history.previewAt', { at: time.format(chosen.to) })}
          </h3>
          {moment !== null && chosen !== null && (
            <>
              <MomentPreview
                records={moment.records}
                licenseKey={config?.tldrawLicenseKey ?? null}
                onSelectionChange={setSelected}
                label={t('history.previewLabel')}
              />
              <div className="dialog-actions">
                <ConfirmButton
                  title={t('history.restoreBoardTitle')}
                  body={t('history.restoreBoardBody', { at: time.format(chosen.to) })}
                  confirmLabel={t('history.restoreBoard')}
                  testId="restore-board"
                  confirmTestId="restore-board-confirm"
                  disabled={busy}
                  onConfirm={() => void act(() => restoreBoard(api, boardId, { seq: chosen.lastSeq }), 'history.restored')}
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
                    void act(() => restoreBoard(api, boardId, { seq: chosen.lastSeq, shapeIds: selected }), 'history.restored')
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
