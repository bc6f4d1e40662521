import { useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { FacilitationState } from '../../../shared/src/schema/facilitation.ts'
import { LiveAnnouncer } from '../components/LiveAnnouncer.tsx'
import type { WorkshopRoom } from '../hooks/useWorkshopRoom.ts'
import { roomAnnouncements, type RoomAnnouncement } from './roomAnnouncements.ts'
import { agendaStep } from './roomView.ts'
import { TimerAlarm } from './TimerAlarm.ts'

/**
 * Reads out politely what changed in the room (a new step, a paused timer, a raised hand, time
 * up) and plays the time-up sound when the person switched it on.
 */
export function RoomAnnouncer({ room }: { room: WorkshopRoom }) {
  const { t } = useTranslation()
  const [message, setMessage] = useState('')
  const say = useRef<(told: RoomAnnouncement[]) => void>(() => undefined)
  useEffect(() => {
    say.current = (told) => {
      const stepName = (stepId: string) => {
        const found = agendaStep(room.steps, stepId)
        return { number: found?.number ?? '?', name: found?.step.templateName ?? '' }
      }
      const personName = (id: string, fallback: string) => room.people.find((person) => person.id === id)?.displayName ?? fallback
      const text = (told: RoomAnnouncement): string => {
        switch (told.kind) {
          case 'currentStep':
            return t('room.announceCurrentStep', stepName(told.stepId))
          case 'noCurrentStep':
            return t('room.announceNoCurrentStep')
          case 'timerPaused':
            return t('room.announceTimerPaused')
          case 'timerResumed':
            return t('room.announceTimerResumed')
          case 'timeUp':
            return t('room.announceTimeUp', stepName(told.stepId))
          case 'keepOnStep':
            return t('room.announceKeepOnStep', stepName(told.stepId))
          case 'presenting':
            return t('room.announcePresenting', { person: personName(told.facilitatorId, t('room.facilitator')) })
          case 'presentationEnded':
            return t('room.announcePresentationEnded')
          case 'handRaised':
            return t('room.announceHandRaised', { person: personName(told.participantId, t('room.someone')) })
          case 'ownHandLowered':
            return t('room.announceOwnHandLowered')
        }
      }
      if (told.length > 0) setMessage(told.map(text).join(' '))
    }
  }, [room, t])

  useEffect(() => {
    const { live } = room
    let previous: FacilitationState | null = live.room.get().state
    const person = { role: room.role, participantId: room.actor.participantId }
    const stop = live.room.subscribe(() => {
      const next = live.room.get().state
      if (next !== null && next !== previous) say.current(roomAnnouncements(previous, next, person))
      previous = next
    })
    const alarm = new TimerAlarm({
      live,
      onEnd: (stepId) => {
        say.current([{ kind: 'timeUp', stepId }])
        room.sound.play()
      },
    })
    return () => {
      stop()
      alarm.destroy()
    }
  }, [room])
  return <LiveAnnouncer message={message} />
}
