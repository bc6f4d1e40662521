import { useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { EraseParticipantAnswer } from '../../../shared/src/schema/participantDataApi.ts'
import { useAppServices } from '../app/AppServicesContext.tsx'
import { useToasts } from '../components/Toasts.tsx'
import { ChoiceDialogButton } from '../components/ChoiceDialogButton.tsx'

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
  const [deleteNotes, setDeleteNotes] = useState(false)
  const hint = useId()
  const name = participant.displayName

  const erase = async (): Promise<boolean> => {
    try {
      const answer = await api.send({
        method: 'POST',
        path: `/api/workshops/${encodeURIComponent(workshopId)}/participants/${encodeURIComponent(participant.id)}/erasure`,
        body: { deleteNotes },
        as: 'facilitator',
        response: EraseParticipantAnswer,
      })
      toasts.show(t('participantData.erased', { name, count: answer.boards }))
      onErased()
      return true
    } catch {
      toasts.show(t('participantData.failed'))
      return false
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
      <ChoiceDialogButton
        label={t('participantData.erase')}
        ariaLabel={t('participantData.eraseNamed', { name })}
        testId="erase-participant"
        title={t('participantData.title', { name })}
        body={t('participantData.body', { name })}
        cancelLabel={t('participantData.cancel')}
        confirmLabel={t('participantData.confirm')}
        confirmTestId="erase-participant-confirm"
        onConfirm={erase}
      >
        <p>
          <label className="radio">
            <input
              type="checkbox"
              checked={deleteNotes}
              aria-describedby={hint}
              data-testid="erase-participant-notes"
              onChange={(event) => setDeleteNotes(event.target.checked)}
            />{' '}
            {t('participantData.deleteNotes', { name })}
          </label>
        </p>
        <p id={hint} className="hint">
          {t('participantData.deleteNotesHint')}
        </p>
      </ChoiceDialogButton>
    </>
  )
}
