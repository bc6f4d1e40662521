import { useId, useRef, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { EraseParticipantAnswer } from '../../../shared/src/schema/participantDataApi.ts'
import { useAppServices } from '../app/AppServicesContext.tsx'
import { useToasts } from '../components/Toasts.tsx'
import { useModalDialog } from '../components/useModalDialog.ts'

export interface ParticipantDataActionsProps {
  workshopId: string
  participant: { id: string; displayName: string }
  /** Called once they are erased (the list is loaded again). */
  onErased(): void
}

/** Where a facilitator downloads everything stored about a participant (a JSON file). */
export function participantExportPath(workshopId: string, participantId: string): string {
  return `/api/workshops/${encodeURIComponent(workshopId)}/participants/${encodeURIComponent(participantId)}/export`
}

/**
 * For a facilitator answering a participant's data protection request: "Last ned data" downloads
 * everything stored about them, "Slett personen" erases them from the workshop after a dialog that
 * says exactly what goes, with the choice of deleting the notes they wrote as well.
 */
export function ParticipantDataActions({ workshopId, participant, onErased }: ParticipantDataActionsProps) {
  const { t } = useTranslation()
  const { api } = useAppServices()
  const toasts = useToasts()
  const cancel = useRef<HTMLButtonElement>(null)
  const [open, setOpen] = useState(false)
  const [deleteNotes, setDeleteNotes] = useState(false)
  const [busy, setBusy] = useState(false)
  const dialog = useModalDialog(open, cancel)
  const ids = useId()
  const name = participant.displayName

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    setBusy(true)
    try {
      const answer = await api.send({
        method: 'POST',
        path: `/api/workshops/${encodeURIComponent(workshopId)}/participants/${encodeURIComponent(participant.id)}/erasure`,
        body: { deleteNotes },
        as: 'facilitator',
        response: EraseParticipantAnswer,
      })
      toasts.show(t('participantData.erased', { name, count: answer.boards }))
      setOpen(false)
      onErased()
    } catch {
      toasts.show(t('participantData.failed'))
    } finally {
      setBusy(false)
    }
  }

  return (
    <>
      <a
        className="button button--small"
        href={participantExportPath(workshopId, participant.id)}
        download
        aria-label={t('participantData.downloadNamed', { name })}
        data-testid="export-participant"
      >
        {t('participantData.download')}
      </a>
      <button
        type="button"
        className="button button--small"
        aria-label={t('participantData.eraseNamed', { name })}
        aria-haspopup="dialog"
        data-testid="erase-participant"
        onClick={() => setOpen(true)}
      >
        {t('participantData.erase')}
      </button>
      <dialog ref={dialog} className="dialog" aria-labelledby={`${ids}-title`} aria-describedby={`${ids}-body`} onClose={() => setOpen(false)}>
        <form onSubmit={(event) => void submit(event)}>
          <h2 id={`${ids}-title`}>{t('participantData.title', { name })}</h2>
          <p id={`${ids}-body`}>{t('participantData.body', { name })}</p>
          <p>
            <label className="radio">
              <input
                type="checkbox"
                checked={deleteNotes}
                aria-describedby={`${ids}-notes-hint`}
                data-testid="erase-participant-notes"
                onChange={(event) => setDeleteNotes(event.target.checked)}
              />{' '}
              {t('participantData.deleteNotes', { name })}
            </label>
          </p>
          <p id={`${ids}-notes-hint`} className="hint">
            {t('participantData.deleteNotesHint')}
          </p>
          <div className="dialog-actions">
            <button ref={cancel} type="button" className="button" onClick={() => setOpen(false)}>
              {t('participantData.cancel')}
            </button>
            <button type="submit" className="button button--danger" disabled={busy} data-testid="erase-participant-confirm">
              {t('participantData.confirm')}
            </button>
          </div>
        </form>
      </dialog>
    </>
  )
}
