import { useEffect } from 'react'
import { useTranslation } from 'react-i18next'
import type { BoardConnection } from '../board/BoardConnection.ts'
import type { WorkshopRoom } from '../hooks/useWorkshopRoom.ts'
import { useRoomState } from '../hooks/useRoomState.ts'

/**
 * While the facilitator keeps everyone on the current step, a participant on another step's board
 * can look but not change it: the board turns read-only here (as the relay would refuse the
 * edits) and says why; the step bar leads back to the current step.
 */
export function StepHeldNotice({ room, connection, stepId }: { room: WorkshopRoom; connection: BoardConnection | null; stepId: string }) {
  const { t } = useTranslation()
  const state = useRoomState(room)
  const held = room.role === 'participant' && state !== null && state.keepOnStep && state.currentStepId !== null && state.currentStepId !== stepId
  useEffect(() => {
    connection?.setHeld(held)
  }, [connection, held])
  if (!held) return null
  return (
    <p className="step-held-notice" role="status" data-testid="step-held">
      {t('refusal.stepHeld')}
    </p>
  )
}
