import { useCallback } from 'react'
import { useTranslation } from 'react-i18next'
import type { FacilitationActionInput } from '../../../shared/src/schema/facilitation.ts'
import { useToasts } from '../components/Toasts.tsx'
import type { ActRefusal } from '../workshop/LiveWorkshop.ts'
import type { WorkshopRoom } from './useWorkshopRoom.ts'

/** What each refusal of the controls here says; any other ('failed', the vote's) says it did not work. */
const refusalKey = {
  forbidden: 'facilitation.refusedForbidden',
  unknown_step: 'facilitation.refusedUnknownStep',
  no_current_step: 'facilitation.refusedNoCurrentStep',
  timer_state: 'facilitation.refusedTimerState',
  timer_too_long: 'facilitation.refusedTimerTooLong',
} as const satisfies Partial<Record<ActRefusal, string>>

function refusalText(reason: ActRefusal): (typeof refusalKey)[keyof typeof refusalKey] | 'facilitation.refusedFailed' {
  return reason in refusalKey ? refusalKey[reason as keyof typeof refusalKey] : 'facilitation.refusedFailed'
}

/** Takes an action in the room; a refusal is shown as a notice. Resolves to whether it took. */
export function useRoomAction(room: WorkshopRoom | null): (action: FacilitationActionInput) => Promise<boolean> {
  const { t } = useTranslation()
  const toasts = useToasts()
  return useCallback(
    async (action: FacilitationActionInput) => {
      if (room === null) return false
      const outcome = await room.live.act(action)
      if (!outcome.ok) toasts.show(t(refusalText(outcome.reason)))
      return outcome.ok
    },
    [room, toasts, t],
  )
}
