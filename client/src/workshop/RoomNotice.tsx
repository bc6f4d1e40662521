import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { RoomNoticeMessage } from '../hooks/useRoomNotice.ts'
import type { WorkshopRoom } from '../hooks/useWorkshopRoom.ts'
import { agendaStep } from './roomView.ts'

const shownMs = 10_000

/**
 * Why the screen just moved ("Fasilitator hentet alle til steg 2 …"), seen and read out
 * politely; it goes by itself after a while. The status region is always there, so a message
 * put into it is announced.
 */
export function RoomNotice({ notice, room }: { notice: RoomNoticeMessage | null; room: WorkshopRoom | null }) {
  const { t } = useTranslation()
  const [closed, setClosed] = useState<number | null>(null)
  useEffect(() => {
    if (notice === null) return
    const timer = setTimeout(() => setClosed(notice.id), shownMs)
    return () => clearTimeout(timer)
  }, [notice])
  const shown = notice !== null && closed !== notice.id && room !== null ? notice : null
  let message = ''
  if (shown !== null && room !== null) {
    const target = agendaStep(room.steps, shown.move.stepId)
    const place = { number: target?.number ?? '?', name: target?.step.templateName ?? '' }
    const person = room.people.find((candidate) => candidate.id === shown.move.presenterId)?.displayName ?? t('room.facilitator')
    const messages = {
      summon: () => t('room.movedSummon', place),
      presenter: () => t('room.movedPresenter', { ...place, person }),
      follow: () => t('room.movedPresenter', { ...place, person }),
      followUnclear: () => t('room.followUnclear', { person }),
    }
    message = messages[shown.move.reason]()
  }
  return (
    <div className="room-notice" role="status" aria-live="polite" data-testid="room-notice" data-shown={message !== ''}>
      {message !== '' && (
        <div className="room-notice__body">
          <span>{message}</span>
          <button type="button" className="toast__close" aria-label={t('room.noticeClose')} onClick={() => setClosed(notice?.id ?? null)}>
            <span aria-hidden="true">×</span>
          </button>
        </div>
      )}
    </div>
  )
}
