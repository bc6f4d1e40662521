import { type FacilitationState, type StepTimer } from '../../../shared/src/schema/facilitation.ts'
import { timerRemainingMs } from '../../../shared/src/schema/facilitationRules.ts'
import type { AgendaStep, WorkshopPerson } from '../../../shared/src/schema/workshopApi.ts'

// What the room's controls show, worked out from the state: pure, so the bar, the panel and the
// workshop page agree.

/** A countdown as mm:ss, whole seconds rounded up (a timer shows 15:00 until a second has gone). */
export function formatClock(ms: number): string {
  const seconds = Math.max(0, Math.ceil(ms / 1000))
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`
}

/** A timer at `now`: what is left, and whether it is paused or over. */
export interface TimerReading {
  remainingMs: number
  paused: boolean
  ended: boolean
}

export function readTimer(timer: StepTimer, now: number): TimerReading {
  // This browser learns the server's time a few milliseconds late; a fresh 15-minute timer shows 15:00, not 15:01.
  const remainingMs = Math.min(timerRemainingMs(timer, now), timer.durationMs)
  return { remainingMs, paused: timer.endsAt === null, ended: timer.endsAt !== null && remainingMs === 0 }
}

/** A step by id with its number in the agenda (from 1); null for a step the agenda does not have. */
export function agendaStep(steps: readonly AgendaStep[], stepId: string | null): { step: AgendaStep; number: number } | null {
  const index = stepId === null ? -1 : steps.findIndex((step) => step.id === stepId)
  const step = steps[index]
  return step === undefined ? null : { step, number: index + 1 }
}

/** The people whom "done" is counted of: the workshop's participants who were not removed. */
export function countedParticipants(people: readonly WorkshopPerson[]): WorkshopPerson[] {
  return people.filter((person) => person.role === 'participant' && !person.removed)
}

/** "12 av 18": who of the counted participants said they are done with the step. */
export function readyCount(state: FacilitationState, stepId: string, people: readonly WorkshopPerson[]): { ready: number; total: number } {
  const counted = new Set(countedParticipants(people).map((person) => person.id))
  const ready = (state.ready[stepId] ?? []).filter((id) => counted.has(id)).length
  return { ready, total: counted.size }
}

/** Ids in the state (hands, "done") of people the page's list does not have yet: a reason to load it again. */
export function unlistedPeople(state: FacilitationState, people: readonly WorkshopPerson[]): string[] {
  const listed = new Set(people.map((person) => person.id))
  const named = [...state.hands.map((hand) => hand.participantId), ...Object.values(state.ready).flat()]
  return [...new Set(named.filter((id) => !listed.has(id)))]
}
