import { describe, expect, it } from 'vitest'
import { initialFacilitation, type FacilitationAction, type FacilitationState } from '../../shared/src/schema/facilitation.ts'
import { applyFacilitation, mayTake, stepActiveMs, timerRemainingMs, type FacilitationActor } from '../../shared/src/schema/facilitationRules.ts'

// The rules of the room as a pure function, with the clock given: timers and step times.

const facilitator: FacilitationActor = { role: 'facilitator', facilitatorId: 'facilitator-1', participantId: null }
const kari: FacilitationActor = { role: 'participant', facilitatorId: null, participantId: 'participant-kari' }
const stepIds = ['step-framing', 'step-ideas'] as const
const minute = 60_000

function run(actions: Array<[number, FacilitationAction, FacilitationActor?]>, state: FacilitationState = initialFacilitation): FacilitationState {
  for (const [now, action, actor = facilitator] of actions) {
    const outcome = applyFacilitation(state, action, actor, { stepIds, now })
    if (!outcome.ok) throw new Error(`${action.type} refused: ${outcome.reason}`)
    state = outcome.state
  }
  return state
}

describe('step timers', () => {
  it('counts down in server time, pauses, resumes and extends', () => {
    const started = run([[0, { type: 'startTimer', stepId: 'step-ideas', minutes: 10 }]])
    const timer = () => started.timers['step-ideas']
    expect(timerRemainingMs(timer()!, 4 * minute)).toBe(6 * minute)
    const paused = run([[4 * minute, { type: 'pauseTimer', stepId: 'step-ideas' }]], started)
    // Paused: the remaining time stands still whatever the clock says.
    expect(timerRemainingMs(paused.timers['step-ideas']!, 30 * minute)).toBe(6 * minute)
    const resumed = run([[30 * minute, { type: 'resumeTimer', stepId: 'step-ideas' }]], paused)
    expect(timerRemainingMs(resumed.timers['step-ideas']!, 31 * minute)).toBe(5 * minute)
    const extended = run([[31 * minute, { type: 'extendTimer', stepId: 'step-ideas', minutes: 5 }]], resumed)
    expect(timerRemainingMs(extended.timers['step-ideas']!, 31 * minute)).toBe(10 * minute)
    expect(extended.timers['step-ideas']?.durationMs).toBe(15 * minute)
  })

  it('extends a timer that has run out from now, not from when it ended', () => {
    const ranOut = run([[0, { type: 'startTimer', stepId: 'step-ideas', minutes: 1 }]])
    const extended = run([[10 * minute, { type: 'extendTimer', stepId: 'step-ideas', minutes: 2 }]], ranOut)
    expect(timerRemainingMs(extended.timers['step-ideas']!, 10 * minute)).toBe(2 * minute)
    expect(timerRemainingMs(ranOut.timers['step-ideas']!, 10 * minute)).toBe(0)
  })

  it('refuses to pause a paused timer or resume a running one', () => {
    const running = run([[0, { type: 'startTimer', stepId: 'step-ideas', minutes: 3 }]])
    expect(applyFacilitation(running, { type: 'resumeTimer', stepId: 'step-ideas' }, facilitator, { stepIds, now: 1 })).toEqual({ ok: false, reason: 'timer_state' })
    const paused = run([[1, { type: 'pauseTimer', stepId: 'step-ideas' }]], running)
    expect(applyFacilitation(paused, { type: 'pauseTimer', stepId: 'step-ideas' }, facilitator, { stepIds, now: 2 })).toEqual({ ok: false, reason: 'timer_state' })
  })
})

describe('step times', () => {
  it('adds up the spells a step was current, for planned against actual', () => {
    const state = run([
      [0, { type: 'startStep', stepId: 'step-framing', timerMinutes: null }],
      [12 * minute, { type: 'startStep', stepId: 'step-ideas', timerMinutes: 20 }],
      [30 * minute, { type: 'startStep', stepId: 'step-framing', timerMinutes: null }],
      [33 * minute, { type: 'endStep' }],
    ])
    expect(stepActiveMs(state.stepTimes['step-framing'], 60 * minute)).toBe(15 * minute)
    expect(stepActiveMs(state.stepTimes['step-ideas'], 60 * minute)).toBe(18 * minute)
    expect(state.currentStepId).toBeNull()
    const running = run([[40 * minute, { type: 'startStep', stepId: 'step-ideas', timerMinutes: null }]], state)
    expect(stepActiveMs(running.stepTimes['step-ideas'], 45 * minute)).toBe(23 * minute)
  })
})

describe('who may do what', () => {
  it('offers facilitators the leading, participants their own part and observers nothing', () => {
    expect(mayTake('facilitator', 'summon')).toBe(true)
    expect(mayTake('facilitator', 'raiseHand')).toBe(false)
    expect(mayTake('participant', 'raiseHand')).toBe(true)
    expect(mayTake('participant', 'startTimer')).toBe(false)
    expect(mayTake('observer', 'raiseHand')).toBe(false)
    expect(mayTake('observer', 'setReady')).toBe(false)
  })

  it('keeps a raised hand once, in the order hands went up', () => {
    const ola: FacilitationActor = { role: 'participant', facilitatorId: null, participantId: 'participant-ola' }
    const state = run([
      [1, { type: 'raiseHand' }, kari],
      [2, { type: 'raiseHand' }, ola],
      [3, { type: 'raiseHand' }, kari],
    ])
    expect(state.hands).toEqual([
      { participantId: 'participant-kari', raisedAt: 1 },
      { participantId: 'participant-ola', raisedAt: 2 },
    ])
  })
})
