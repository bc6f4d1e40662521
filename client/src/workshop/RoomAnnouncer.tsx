import { useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { FacilitationState } from '../../../shared/src/schema/facilitation.ts'
import type { WorkshopPerson } from '../../../shared/src/schema/workshopApi.ts'
import { LiveAnnouncer } from '../components/LiveAnnouncer.tsx'
import type { WorkshopRoom } from '../hooks/useWorkshopRoom.ts'
import { presenceChanges } from './peopleView.ts'
import { roomAnnouncements, type RoomAnnouncement } from './roomAnnouncements.ts'
import { agendaStep } from './roomView.ts'
import { TimerAlarm } from './TimerAlarm.ts'

/** Names in an announcement of who came or went; beyond this many, a number says it without a roll call. */
const mostNamesSaid = 3

/**
 * Reads out politely what changed in the room (a new step, a paused timer, a raised hand, time
 * up) and plays the time-up sound when the person switched it on. With `announcePeople` (the
 * facilitator's workshop page) also who came onto a board and who left, as the people list is
 * loaded again; nothing else about people, so that it does not chatter.
 */
export function RoomAnnouncer({ room, announcePeople = false }: { room: WorkshopRoom; announcePeople?: boolean }) {
  const { t, i18n } = useTranslation()
  const [message, setMessage] = useState('')
  const peopleHeard = useRef<readonly WorkshopPerson[] | null>(null)
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
  useEffect(() => {
    if (!announcePeople) {
      peopleHeard.current = null
      return
    }
    const { joined, left } = presenceChanges(peopleHeard.current, room.people)
    peopleHeard.current = room.people
    const names = (people: readonly WorkshopPerson[]) =>
      new Intl.ListFormat(i18n.language, { type: 'conjunction' }).format(people.map((person) => person.displayName))
    const said: string[] = []
    if (joined.length > mostNamesSaid) said.push(t('peoplePanel.announceJoinedMany', { count: joined.length }))
    else if (joined.length > 0) said.push(t('peoplePanel.announceJoined', { names: names(joined) }))
    if (left.length > mostNamesSaid) said.push(t('peoplePanel.announceLeftMany', { count: left.length }))
    else if (left.length > 0) said.push(t('peoplePanel.announceLeft', { names: names(left) }))
    if (said.length > 0) setMessage(said.join(' '))
  }, [announcePeople, room.people, t, i18n.language])
  return <LiveAnnouncer message={message} />
}
