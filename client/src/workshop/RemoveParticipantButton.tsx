import { useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useAppServices } from '../app/AppServicesContext.tsx'
import { useToasts } from '../components/Toasts.tsx'
import { ChoiceDialogButton } from '../components/ChoiceDialogButton.tsx'
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
  const [undo, setUndo] = useState<UndoSince>('none')
  const choices = useId()
  const name = participant.displayName

  const remove = async (): Promise<boolean> => {
    const now = Date.now()
    const since = { none: null, quarter: now - 15 * 60_000, hour: now - 60 * 60_000, all: Date.parse(startsAt) }[undo]
    try {
      const answer = await removeParticipant(api, workshopId, participant.id, since === null || Number.isNaN(since) ? null : since)
      const parts = [t('removal.removed', { name })]
      if (since !== null) parts.push(t('removal.undone', { count: answer.undone }))
      if (answer.keptBecauseChangedSince > 0) parts.push(t('removal.kept', { count: answer.keptBecauseChangedSince }))
      toasts.show(parts.join(' '))
      onRemoved()
      return true
    } catch {
      toasts.show(t('removal.failed'))
      return false
    }
  }

  return (
    <ChoiceDialogButton
      label={t('removal.remove')}
      ariaLabel={t('removal.removeNamed', { name })}
      testId="remove-participant"
      title={t('removal.title', { name })}
      body={t('removal.body', { name })}
      cancelLabel={t('removal.cancel')}
      confirmLabel={t('removal.confirm')}
      confirmTestId="remove-participant-confirm"
      onConfirm={remove}
    >
      <fieldset>
        <legend>{t('removal.undoLabel', { name })}</legend>
        {(['none', 'quarter', 'hour', 'all'] as const).map((choice) => (
          <label key={choice} className="radio">
            <input
              type="radio"
              name={`${choices}-undo`}
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
    </ChoiceDialogButton>
  )
}
