import { useId, useRef, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { useAppServices } from '../app/AppServicesContext.tsx'
import { useToasts } from '../components/Toasts.tsx'
import { useModalDialog } from '../components/useModalDialog.ts'
import { removeParticipant } from '../history/boardRequests.ts'

/** From when a participant's changes are undone along with their removal. */
type UndoSince = 'none' | 'quarter' | 'hour' | 'all'

export interface RemoveParticipantButtonProps {
  workshopId: string
  participant: { id: string; displayName: string }
  /** When the workshop started (ISO), for "undo everything since the workshop started". */
  startsAt: string
  onRemoved(): void
}

/**
 * A facilitator removes a participant from the workshop: asked first in a modal dialog, which
 * also offers to undo what the participant changed on the boards in the last quarter of an
 * hour, the last hour or since the workshop started. Their screens are disconnected at once;
 * the workshop's link keeps working for everyone else.
 */
export function RemoveParticipantButton({ workshopId, participant, startsAt, onRemoved }: RemoveParticipantButtonProps) {
  const { t } = useTranslation()
  const { api } = useAppServices()
  const toasts = useToasts()
  const cancel = useRef<HTMLButtonElement>(null)
  const [open, setOpen] = useState(false)
  const [undo, setUndo] = useState<UndoSince>('none')
  const [busy, setBusy] = useState(false)
  const dialog = useModalDialog(open, cancel)
  const ids = useId()
  const name = participant.displayName

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    const now = Date.now()
    const since = { none: null, quarter: now - 15 * 60_000, hour: now - 60 * 60_000, all: Date.parse(startsAt) }[undo]
    setBusy(true)
    try {
      const answer = await removeParticipant(api, workshopId, participant.id, since === null || Number.isNaN(since) ? null : since)
      const parts = [t('removal.removed', { name })]
      if (since !== null) parts.push(t('removal.undone', { count: answer.undone }))
      if (answer.keptBecauseChangedSince > 0) parts.push(t('removal.kept', { count: answer.keptBecauseChangedSince }))
      toasts.show(parts.join(' '))
      setOpen(false)
      onRemoved()
    } catch {
      toasts.show(t('removal.failed'))
    } finally {
      setBusy(false)
    }
  }

  return (
    <>
      <button
        type="button"
        className="button button--small"
        aria-label={t('removal.removeNamed', { name })}
        aria-haspopup="dialog"
        data-testid="remove-participant"
        onClick={() => setOpen(true)}
      >
        {t('removal.remove')}
      </button>
      <dialog ref={dialog} className="dialog" aria-labelledby={`${ids}-title`} aria-describedby={`${ids}-body`} onClose={() => setOpen(false)}>
        <form onSubmit={(event) => void submit(event)}>
          <h2 id={`${ids}-title`}>{t('removal.title', { name })}</h2>
          <p id={`${ids}-body`}>{t('removal.body', { name })}</p>
          <fieldset>
            <legend>{t('removal.undoLabel', { name })}</legend>
            {(['none', 'quarter', 'hour', 'all'] as const).map((choice) => (
              <label key={choice} className="radio">
                <input
                  type="radio"
                  name={`${ids}-undo`}
                  value={choice}
                  checked={undo === choice}
                  data-testid={`undo-since-${choice}`}
                  onChange={() => setUndo(choice)}
                />{' '}
                {t(
                  { none: 'removal.undoNone', quarter: 'removal.undoLastQuarter', hour: 'removal.undoLastHour', all: 'removal.undoAll' }[
                    choice
                  ] as 'removal.undoNone',
                )}
              </label>
            ))}
          </fieldset>
          <div className="dialog-actions">
            <button ref={cancel} type="button" className="button" onClick={() => setOpen(false)}>
              {t('removal.cancel')}
            </button>
            <button type="submit" className="button button--danger" disabled={busy} data-testid="remove-participant-confirm">
              {t('removal.confirm')}
            </button>
          </div>
        </form>
      </dialog>
    </>
  )
}
