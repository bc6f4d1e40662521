import { z } from 'zod'
import type { Role } from './access.ts'
import { castRefusal, changedBallot, DotVoteRefusal, voteIsOpen, type VoteNote } from './dotVoting.ts'
import { maxTimerMs, type FacilitationAction, type FacilitationState, type StepTime, type StepTimer } from './facilitation.ts'

// The rules of a workshop's room as one pure function of the state, the action, who acts and the
// server's clock: the server runs it inside the transaction that stores the result, and a browser
// runs it first to show the change at once.

/** Actions only facilitators may take; the rest are participants' own. Observers take none. */
const facilitatorActions = new Set<FacilitationAction['type']>([
  'startStep',
  'endStep',
  'keepOnStep',
  'summon',
  'present',
  'stopPresenting',
  'startTimer',
  'pauseTimer',
  'resumeTimer',
  'extendTimer',
  'stopTimer',
  'resetReady',
  'startVote',
  'endVote',
  'revealVote',
  'keepVote',
  'clearVote',
  'startPrivate',
  'revealPrivate',
])

/** Who acts. */
export interface FacilitationActor {
  role: Role
  /** Set for facilitators. */
  facilitatorId: string | null
  /** Set for participants. */
  participantId: string | null
}

/** What an action is judged against besides the state. */
export interface FacilitationContext {
  /** The workshop's steps, in order. */
  stepIds: readonly string[]
  now: number
  /** A note on the vote's board, as the board holds it (null when it is not one); needed to cast a dot. */
  note?: (noteId: string) => VoteNote | null
}

export const FacilitationRefusal = z.enum([
  /** The actor's role may not take this action. */
  'forbidden',
  /** The step is not one of the workshop's. */
  'unknown_step',
  /** There is no current step to summon people to. */
  'no_current_step',
  /** The step has no timer, or not one in the state the action needs. */
  'timer_state',
  /** The timer would run longer than a day's workshop. */
  'timer_too_long',
  /** There is no private writing to reveal. */
  'private_state',
  ...DotVoteRefusal.options,
])
export type FacilitationRefusal = z.infer<typeof FacilitationRefusal>

export type FacilitationOutcome = { ok: true; state: FacilitationState } | { ok: false; reason: FacilitationRefusal }

/** Whether `role` may take actions of this type at all (what the controls offer). */
export function mayTake(role: Role, type: FacilitationAction['type']): boolean {
  if (role === 'facilitator') return facilitatorActions.has(type) || type === 'lowerHand'
  if (role === 'participant') return !facilitatorActions.has(type)
  return false
}

/**
 * The state after `action`, or why it is refused. Pure: the server calls it inside the
 * transaction that stores the result, and a browser calls it to show the change at once.
 */
export function applyFacilitation(
  state: FacilitationState,
  action: FacilitationAction,
  actor: FacilitationActor,
  context: FacilitationContext,
): FacilitationOutcome {
  if (!mayTake(actor.role, action.type)) return refused('forbidden')
  if (actor.role === 'participant' && actor.participantId === null) return refused('forbidden')
  if (actor.role === 'facilitator' && actor.facilitatorId === null) return refused('forbidden')
  const { now } = context
  const knownStep = (stepId: string) => context.stepIds.includes(stepId)
  switch (action.type) {
    case 'startStep': {
      if (!knownStep(action.stepId)) return refused('unknown_step')
      let next = withCurrentStep(state, action.stepId, now)
      if (action.timerMinutes !== null) next = { ...next, timers: { ...next.timers, [action.stepId]: runningTimer(action.timerMinutes, now) } }
      return done(next)
    }
    case 'endStep':
      return done({ ...withCurrentStep(state, null, now), keepOnStep: false })
    case 'keepOnStep':
      return done({ ...state, keepOnStep: action.keep })
    case 'summon': {
      if (state.currentStepId === null) return refused('no_current_step')
      const id = (state.summon?.id ?? 0) + 1
      return done({ ...state, summon: { id, stepId: state.currentStepId, camera: action.camera, at: now } })
    }
    case 'present':
      if (!knownStep(action.stepId)) return refused('unknown_step')
      return done({ ...state, presenter: { facilitatorId: actor.facilitatorId as string, stepId: action.stepId } })
    case 'stopPresenting':
      return done({ ...state, presenter: null })
    case 'startTimer':
      if (!knownStep(action.stepId)) return refused('unknown_step')
      return done(withTimer(state, action.stepId, runningTimer(action.minutes, now)))
    case 'pauseTimer': {
      const timer = state.timers[action.stepId]
      if (timer === undefined || timer.endsAt === null) return refused('timer_state')
      return done(withTimer(state, action.stepId, { ...timer, endsAt: null, remainingMs: Math.max(0, timer.endsAt - now) }))
    }
    case 'resumeTimer': {
      const timer = state.timers[action.stepId]
      if (timer === undefined || timer.remainingMs === null) return refused('timer_state')
      return done(withTimer(state, action.stepId, { ...timer, endsAt: now + timer.remainingMs, remainingMs: null }))
    }
    case 'extendTimer': {
      const timer = state.timers[action.stepId]
      if (timer === undefined) return refused('timer_state')
      const addMs = action.minutes * 60_000
      if (timer.durationMs + addMs > maxTimerMs) return refused('timer_too_long')
      const extended =
        timer.endsAt !== null
          ? // A timer that has run out starts again from now.
            { durationMs: timer.durationMs + addMs, endsAt: Math.max(timer.endsAt, now) + addMs, remainingMs: null }
          : { durationMs: timer.durationMs + addMs, endsAt: null, remainingMs: (timer.remainingMs ?? 0) + addMs }
      return done(withTimer(state, action.stepId, extended))
    }
    case 'stopTimer': {
      if (state.timers[action.stepId] === undefined) return refused('timer_state')
      const { [action.stepId]: _stopped, ...timers } = state.timers
      return done({ ...state, timers })
    }
    case 'raiseHand': {
      const participantId = actor.participantId as string
      if (state.hands.some((hand) => hand.participantId === participantId)) return done(state)
      return done({ ...state, hands: [...state.hands, { participantId, raisedAt: now }] })
    }
    case 'lowerHand': {
      if (actor.role === 'participant') return done({ ...state, hands: state.hands.filter((hand) => hand.participantId !== actor.participantId) })
      const whose = action.participantId
      return done({ ...state, hands: whose === null ? [] : state.hands.filter((hand) => hand.participantId !== whose) })
    }
    case 'setReady': {
      if (!knownStep(action.stepId)) return refused('unknown_step')
      const participantId = actor.participantId as string
      const others = (state.ready[action.stepId] ?? []).filter((id) => id !== participantId)
      return done({ ...state, ready: { ...state.ready, [action.stepId]: action.ready ? [...others, participantId] : others } })
    }
    case 'resetReady': {
      if (!knownStep(action.stepId)) return refused('unknown_step')
      const { [action.stepId]: _reset, ...ready } = state.ready
      return done({ ...state, ready })
    }
    case 'startPrivate':
      if (!knownStep(action.stepId)) return refused('unknown_step')
      return done({ ...state, privateWriting: { stepId: action.stepId, frameId: action.frameId, since: now } })
    case 'revealPrivate':
      // The notes move first (the server does that before it stores this); what is left is to end it.
      if (state.privateWriting === null) return refused('private_state')
      return done({ ...state, privateWriting: null })
    default:
      return applyVoteAction(state, action, actor, context)
  }
}

type VoteAction = Extract<FacilitationAction, { type: 'startVote' | 'castVote' | 'uncastVote' | 'endVote' | 'revealVote' | 'keepVote' | 'clearVote' }>

function applyVoteAction(state: FacilitationState, action: VoteAction, actor: FacilitationActor, context: FacilitationContext): FacilitationOutcome {
  const { now } = context
  const vote = state.vote
  switch (action.type) {
    case 'startVote': {
      const { type: _type, ...settings } = action
      if (!context.stepIds.includes(settings.stepId)) return refused('unknown_step')
      const id = (vote?.id ?? 0) + 1
      return done({ ...state, vote: { ...settings, id, status: 'open', startedAt: now, endedAt: null, ballots: {}, kept: false } })
    }
    case 'castVote':
    case 'uncastVote': {
      const timer = vote === null ? undefined : state.timers[vote.stepId]
      if (!voteIsOpen(vote, timer === undefined ? null : timerRemainingMs(timer, now))) return refused('vote_closed')
      const participantId = actor.participantId as string
      const ballot = vote.ballots[participantId]
      if (action.type === 'uncastVote') {
        if ((ballot?.[action.noteId] ?? 0) === 0) return refused('no_dot_here')
      } else {
        const refusal = castRefusal(vote, participantId, action.noteId, context.note?.(action.noteId) ?? null)
        if (refusal !== null) return refused(refusal)
      }
      const next = changedBallot(ballot, action.noteId, action.type === 'castVote' ? 1 : -1)
      return done({ ...state, vote: { ...vote, ballots: { ...vote.ballots, [participantId]: next } } })
    }
    case 'endVote':
      if (vote === null || vote.status !== 'open') return refused('vote_state')
      return done({ ...state, vote: { ...vote, status: 'ended', endedAt: now } })
    case 'revealVote':
      if (vote === null || vote.status === 'revealed') return refused('vote_state')
      return done({ ...state, vote: { ...vote, status: 'revealed', endedAt: vote.endedAt ?? now } })
    case 'keepVote':
      if (vote === null || vote.status !== 'revealed') return refused('vote_state')
      return done({ ...state, vote: { ...vote, kept: true } })
    case 'clearVote':
      if (vote === null) return refused('vote_state')
      return done({ ...state, vote: null })
  }
}

/**
 * The state without what belongs to steps that are gone (a facilitator deleted them) or to
 * people no longer in the workshop.
 */
export function forgetMissing(state: FacilitationState, stepIds: readonly string[], participantIds: ReadonlySet<string>): FacilitationState {
  const steps = new Set(stepIds)
  const keep = <T>(record: Record<string, T>) => Object.fromEntries(Object.entries(record).filter(([stepId]) => steps.has(stepId)))
  const currentStepId = state.currentStepId !== null && steps.has(state.currentStepId) ? state.currentStepId : null
  return {
    ...state,
    currentStepId,
    keepOnStep: currentStepId === null ? false : state.keepOnStep,
    summon: state.summon !== null && steps.has(state.summon.stepId) ? state.summon : null,
    presenter: state.presenter !== null && steps.has(state.presenter.stepId) ? state.presenter : null,
    privateWriting: state.privateWriting !== null && steps.has(state.privateWriting.stepId) ? state.privateWriting : null,
    timers: keep(state.timers),
    stepTimes: keep(state.stepTimes),
    hands: state.hands.filter((hand) => participantIds.has(hand.participantId)),
    vote:
      state.vote === null || !steps.has(state.vote.stepId)
        ? null
        : { ...state.vote, ballots: Object.fromEntries(Object.entries(state.vote.ballots).filter(([id]) => participantIds.has(id))) },
    ready: Object.fromEntries(Object.entries(keep(state.ready)).map(([stepId, ids]) => [stepId, ids.filter((id) => participantIds.has(id))])),
  }
}

/** How long the timer has left at `now` (0 once it has run out). */
export function timerRemainingMs(timer: StepTimer, now: number): number {
  return timer.endsAt !== null ? Math.max(0, timer.endsAt - now) : (timer.remainingMs ?? 0)
}

/** How long the step has been current, at `now`. */
export function stepActiveMs(time: StepTime | undefined, now: number): number {
  if (time === undefined) return 0
  return time.activeMs + (time.since === null ? 0 : Math.max(0, now - time.since))
}

function withCurrentStep(state: FacilitationState, stepId: string | null, now: number): FacilitationState {
  if (state.currentStepId === stepId) return state
  const stepTimes = { ...state.stepTimes }
  if (state.currentStepId !== null) {
    const previous = stepTimes[state.currentStepId]
    stepTimes[state.currentStepId] = { activeMs: stepActiveMs(previous, now), since: null }
  }
  if (stepId !== null) stepTimes[stepId] = { activeMs: stepTimes[stepId]?.activeMs ?? 0, since: now }
  return { ...state, currentStepId: stepId, stepTimes }
}

function withTimer(state: FacilitationState, stepId: string, timer: StepTimer): FacilitationState {
  return { ...state, timers: { ...state.timers, [stepId]: timer } }
}

function runningTimer(minutes: number, now: number): StepTimer {
  const durationMs = minutes * 60_000
  return { durationMs, endsAt: now + durationMs, remainingMs: null }
}

function done(state: FacilitationState): FacilitationOutcome {
  return { ok: true, state }
}

function refused(reason: FacilitationRefusal): FacilitationOutcome {
  return { ok: false, reason }
}
