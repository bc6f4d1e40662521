// What the room shows of time and people: a countdown as mm:ss, "12 av 18", the time-up alarm once
// per timer run, and what a screen reader hears when the room changes.
import { describe, expect, it } from 'vitest'
import { Observable } from '../../client/src/app/Observable.ts'
import type { LiveRoom } from '../../client/src/workshop/LiveWorkshop.ts'
import { roomAnnouncements } from '../../client/src/workshop/roomAnnouncements.ts'
import { formatClock, readTimer, readyCount } from '../../client/src/workshop/roomView.ts'
import { TimerAlarm } from '../../client/src/workshop/TimerAlarm.ts'
import { initialFacilitation, type FacilitationState } from '../../shared/src/schema/facilitation.ts'
import type { WorkshopPerson } from '../../shared/src/schema/workshopApi.ts'

const state = (partial: Partial<FacilitationState>): FacilitationState => ({ ...initialFacilitation, ...partial })

describe('a countdown', () => {
  it('shows whole seconds rounded up, never more than the timer was given', () => {
    expect(formatClock(900_000)).toBe('15:00')
    expect(formatClock(899_001)).toBe('15:00')
    expect(formatClock(899_000)).toBe('14:59')
    expect(formatClock(61_000)).toBe('1:01')
    expect(formatClock(0)).toBe('0:00')
    expect(formatClock(-5)).toBe('0:00')
    // Learnt a few milliseconds late, a fresh timer would read 15:01.
    expect(readTimer({ durationMs: 900_000, endsAt: 1_900_040, remainingMs: null }, 1_000_000)).toEqual({ remainingMs: 900_000, paused: false, ended: false })
    expect(readTimer({ durationMs: 900_000, endsAt: null, remainingMs: 30_000 }, 5)).toEqual({ remainingMs: 30_000, paused: true, ended: false })
    expect(readTimer({ durationMs: 900_000, endsAt: 1_000, remainingMs: null }, 2_000)).toEqual({ remainingMs: 0, paused: false, ended: true })
  })
})

describe('who is done', () => {
  const person = (id: string, role: WorkshopPerson['role'], removed = false): WorkshopPerson => ({
    id,
    role,
    displayName: id,
    affiliation: null,
    color: '#175CD3',
    online: true,
    onStepIds: [],
    removed,
  })

  it('counts of the workshop’s participants who were not removed', () => {
    const people = [person('kari', 'participant'), person('ola', 'participant'), person('gone', 'participant', true), person('frida', 'facilitator')]
    const ready = state({ ready: { 'step-0001': ['kari', 'gone', 'stranger'] } })
    expect(readyCount(ready, 'step-0001', people)).toEqual({ ready: 1, total: 2 })
    expect(readyCount(ready, 'step-0002', people)).toEqual({ ready: 0, total: 2 })
  })
})

describe('the time-up alarm', () => {
  function alarmOver(initial: FacilitationState) {
    const room = new Observable<LiveRoom>({ state: initial, version: 1, voteTally: null, connected: true })
    const clock = { now: 1_000_000 }
    const timers: { fn: () => void; at: number }[] = []
    const rang: string[] = []
    const alarm = new TimerAlarm({
      live: { room, now: () => clock.now },
      onEnd: (stepId) => rang.push(stepId),
      setTimer: (fn, ms) => {
        const timer = { fn, at: clock.now + ms }
        timers.push(timer)
        return () => timers.splice(timers.indexOf(timer), 1)
      },
    })
    /** Moves the clock on, running the timers that fall due. */
    const advance = (ms: number) => {
      clock.now += ms
      for (const timer of timers.filter((candidate) => candidate.at <= clock.now)) {
        timers.splice(timers.indexOf(timer), 1)
        timer.fn()
      }
    }
    const publish = (next: FacilitationState) => room.set({ ...room.get(), state: next })
    return { alarm, advance, publish, rang, timers }
  }

  const running = (endsAt: number) => ({ 'step-0001': { durationMs: 60_000, endsAt, remainingMs: null } })

  it('rings once when the current step’s timer runs out, and again for an extension', () => {
    const { advance, publish, rang } = alarmOver(state({ currentStepId: 'step-0001', timers: running(1_060_000) }))
    advance(59_999)
    expect(rang).toEqual([])
    advance(1)
    expect(rang).toEqual(['step-0001'])
    publish(state({ currentStepId: 'step-0001', timers: running(1_060_000), hands: [{ participantId: 'kari-0001', raisedAt: 1 }] }))
    advance(10_000)
    expect(rang).toEqual(['step-0001'])
    publish(state({ currentStepId: 'step-0001', timers: running(1_130_000) }))
    advance(60_000)
    expect(rang).toEqual(['step-0001', 'step-0001'])
  })

  it('stays quiet for a timer over before the page saw it, a paused one, and after destroy', () => {
    const over = alarmOver(state({ currentStepId: 'step-0001', timers: running(999_000) }))
    over.advance(120_000)
    expect(over.rang).toEqual([])
    const paused = alarmOver(state({ currentStepId: 'step-0001', timers: { 'step-0001': { durationMs: 60_000, endsAt: null, remainingMs: 5_000 } } }))
    paused.advance(120_000)
    expect(paused.rang).toEqual([])
    const destroyed = alarmOver(state({ currentStepId: 'step-0001', timers: running(1_010_000) }))
    destroyed.alarm.destroy()
    expect(destroyed.timers).toEqual([])
  })
})

describe('what is read out', () => {
  it('tells a new step, a paused timer and a presenter; facilitators hear hands, a participant their own lowered', () => {
    const before = state({ currentStepId: 'step-0001', timers: running(5_000), hands: [{ participantId: 'kari-0001', raisedAt: 1 }] })
    expect(roomAnnouncements(null, before, { role: 'participant', participantId: 'kari-0001' })).toEqual([])
    const paused = state({ ...before, timers: { 'step-0001': { durationMs: 60_000, endsAt: null, remainingMs: 1_000 } } })
    expect(roomAnnouncements(before, paused, { role: 'observer', participantId: null })).toEqual([{ kind: 'timerPaused', stepId: 'step-0001' }])
    const next = state({
      currentStepId: 'step-0002',
      presenter: { facilitatorId: 'frida-0001', stepId: 'step-0002' },
      hands: [{ participantId: 'ola-00001', raisedAt: 2 }],
    })
    expect(roomAnnouncements(before, next, { role: 'participant', participantId: 'kari-0001' })).toEqual([
      { kind: 'currentStep', stepId: 'step-0002' },
      { kind: 'presenting', facilitatorId: 'frida-0001' },
      { kind: 'ownHandLowered' },
    ])
    expect(roomAnnouncements(before, next, { role: 'facilitator', participantId: null })).toEqual([
      { kind: 'currentStep', stepId: 'step-0002' },
      { kind: 'presenting', facilitatorId: 'frida-0001' },
      { kind: 'handRaised', participantId: 'ola-00001' },
    ])
  })

  function running(endsAt: number) {
    return { 'step-0001': { durationMs: 60_000, endsAt, remainingMs: null } }
  }
})
