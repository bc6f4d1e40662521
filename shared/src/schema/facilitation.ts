import { z } from 'zod'
import type { Role } from './access.ts'
import {
  castRefusal,
  changedBallot,
  DotVote,
  DotVoteRefusal,
  DotVoteSettings,
  DotVoteTally,
  ShapeId,
  voteForViewer,
  voteIsOpen,
  type VoteNote,
} from './dotVoting.ts'
import { EntityId } from './entityId.ts'

// How a facilitator leads a workshop's room: which step everyone is on, the step timers, the
// call to come to the current step, the presentation everyone follows, raised hands, who is
// done and the dot vote (dotVoting.ts). One state per workshop, changed only by the actions below and only through
// applyFacilitation, which the server runs to decide and an honest browser runs first. Times
// are the server's clock in milliseconds since the epoch.

/** The longest a step's timer may run, extensions included: a workshop day. */
export const maxTimerMs = 8 * 60 * 60 * 1000
/** The most one start or extension adds. */
export const maxTimerStepMinutes = 240

/**
 * Where a facilitator is looking on a board: tldraw's camera (page offset and zoom) and the size
 * of the page area their screen shows, so that a screen of another size (a phone) shows the
 * same area rather than the same top-left corner.
 */
export const Camera = z.strictObject({
  x: z.number().finite(),
  y: z.number().finite(),
  z: z.number().finite().positive().max(64),
  w: z.number().finite().positive().optional(),
  h: z.number().finite().positive().optional(),
})
export type Camera = z.infer<typeof Camera>

/**
 * A step's timer. Running: `endsAt` is set (it has ended when the server's clock passes it).
 * Paused: `remainingMs` is set. A stopped timer is no timer.
 */
export const StepTimer = z.strictObject({
  /** What it was given in all, extensions included. */
  durationMs: z.int().min(1).max(maxTimerMs),
  endsAt: z.int().nullable(),
  remainingMs: z.int().min(0).nullable(),
})
export type StepTimer = z.infer<typeof StepTimer>

/** How long a step has been the current step: closed spells in `activeMs`, the open one since `since`. */
export const StepTime = z.strictObject({
  activeMs: z.int().min(0),
  since: z.int().nullable(),
})
export type StepTime = z.infer<typeof StepTime>

export const RaisedHand = z.strictObject({
  participantId: EntityId,
  raisedAt: z.int(),
})
export type RaisedHand = z.infer<typeof RaisedHand>

/** A call to come to a step (and, when given, to where the facilitator looks). Each call gets the next id. */
export const Summon = z.strictObject({
  id: z.int().min(1),
  stepId: EntityId,
  camera: Camera.nullable(),
  at: z.int(),
})
export type Summon = z.infer<typeof Summon>

/** A facilitator everyone is asked to follow, board to board, until they stop presenting. */
export const Presenter = z.strictObject({
  facilitatorId: EntityId,
  /** The step whose board the presenter is on: their browser says so as they move. */
  stepId: EntityId,
})
export type Presenter = z.infer<typeof Presenter>

/** A step (or one frame of it) where each participant's new notes stay theirs and the facilitators' until revealed. */
export const PrivateWriting = z.strictObject({
  stepId: EntityId,
  /** Only notes in this frame are private; null: the whole board. */
  frameId: ShapeId.nullable(),
  since: z.int(),
})
export type PrivateWriting = z.infer<typeof PrivateWriting>

/** How revealed private notes are laid out on the shared board. */
export const RevealArrangement = z.enum(['byPerson', 'shuffled'])
export type RevealArrangement = z.infer<typeof RevealArrangement>

export const FacilitationState = z.strictObject({
  currentStepId: EntityId.nullable(),
  /** Participants may change only the current step's board. */
  keepOnStep: z.boolean(),
  summon: Summon.nullable(),
  presenter: Presenter.nullable(),
  /** By step id. */
  timers: z.record(z.string(), StepTimer),
  /** By step id: how long each step has been current. */
  stepTimes: z.record(z.string(), StepTime),
  /** In the order they were raised. */
  hands: z.array(RaisedHand),
  /** By step id: the participants who said they are done with it. */
  ready: z.record(z.string(), z.array(EntityId)),
  /** The workshop's dot vote, open or with its result, until the facilitator clears it. */
  vote: DotVote.nullable().default(null),
  privateWriting: PrivateWriting.nullable().default(null),
})
export type FacilitationState = z.infer<typeof FacilitationState>

/** A workshop before its facilitator did anything. */
export const initialFacilitation: FacilitationState = {
  currentStepId: null,
  keepOnStep: false,
  summon: null,
  presenter: null,
  timers: {},
  stepTimes: {},
  hands: [],
  ready: {},
  vote: null,
  privateWriting: null,
}

const Minutes = z.int().min(1).max(maxTimerStepMinutes)

/** `POST /api/workshops/:workshopId/facilitation`: one action. */
export const FacilitationAction = z.discriminatedUnion('type', [
  /** Makes the step everyone's current step; with `timerMinutes`, starts its timer too. */
  z.strictObject({ type: z.literal('startStep'), stepId: EntityId, timerMinutes: Minutes.nullable().default(null) }),
  /** No step is current any more (a break, the end). */
  z.strictObject({ type: z.literal('endStep') }),
  z.strictObject({ type: z.literal('keepOnStep'), keep: z.boolean() }),
  /** Brings everyone to the current step's board, and to `camera` when given. */
  z.strictObject({ type: z.literal('summon'), camera: Camera.nullable().default(null) }),
  /** Asks everyone to follow the acting facilitator, who is on this step's board (sent again as they move). */
  z.strictObject({ type: z.literal('present'), stepId: EntityId }),
  z.strictObject({ type: z.literal('stopPresenting') }),
  z.strictObject({ type: z.literal('startTimer'), stepId: EntityId, minutes: Minutes }),
  z.strictObject({ type: z.literal('pauseTimer'), stepId: EntityId }),
  z.strictObject({ type: z.literal('resumeTimer'), stepId: EntityId }),
  z.strictObject({ type: z.literal('extendTimer'), stepId: EntityId, minutes: Minutes }),
  z.strictObject({ type: z.literal('stopTimer'), stepId: EntityId }),
  /** A participant raises their own hand. */
  z.strictObject({ type: z.literal('raiseHand') }),
  /** A participant lowers their own hand; a facilitator anyone's (`participantId`) or everyone's (null). */
  z.strictObject({ type: z.literal('lowerHand'), participantId: EntityId.nullable().default(null) }),
  /** A participant says they are done with a step, or not. */
  z.strictObject({ type: z.literal('setReady'), stepId: EntityId, ready: z.boolean() }),
  /** A facilitator starts the step's round of "done" afresh. */
  z.strictObject({ type: z.literal('resetReady'), stepId: EntityId }),
  /** Starts a dot vote (replacing any earlier one) on a step's board or one of its frames. */
  z.strictObject({ type: z.literal('startVote'), ...DotVoteSettings.shape }),
  /** A participant gives a note one more dot, or takes one back. */
  z.strictObject({ type: z.literal('castVote'), noteId: ShapeId }),
  z.strictObject({ type: z.literal('uncastVote'), noteId: ShapeId }),
  z.strictObject({ type: z.literal('endVote') }),
  /** Ends the vote if it is open and shows everyone the dots per note. */
  z.strictObject({ type: z.literal('revealVote') }),
  /** Writes the revealed result onto the board's notes, for the challenge description to read. */
  z.strictObject({ type: z.literal('keepVote') }),
  /** Takes the vote (and its result, unless kept on the board) away. */
  z.strictObject({ type: z.literal('clearVote') }),
  /** Makes participants' new notes on the step (or in one frame of it) private until revealed. */
  z.strictObject({ type: z.literal('startPrivate'), stepId: EntityId, frameId: ShapeId.nullable().default(null) }),
  /** Puts everyone's private notes on the shared board, laid out as chosen, and ends private writing. */
  z.strictObject({ type: z.literal('revealPrivate'), arrangement: RevealArrangement }),
])
export type FacilitationAction = z.infer<typeof FacilitationAction>
export type FacilitationActionInput = z.input<typeof FacilitationAction>

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

/** The event names of `GET /api/workshops/:workshopId/live` (Server-Sent Events). */
export const liveEvents = {
  /** A FacilitationSnapshot: at once, and after every change. */
  facilitation: 'facilitation',
  /** A LiveClock every 15 s, so that a quiet room keeps its time. */
  clock: 'clock',
  /** The session ended (removed, link rotated, signed out): the browser stops asking. */
  end: 'end',
} as const

/** `event: clock`: the server's clock. */
export const LiveClock = z.strictObject({ serverNow: z.int() })
export type LiveClock = z.infer<typeof LiveClock>

/**
 * What `GET /api/workshops/:workshopId/live` sends: the state as the viewer may see it (of the
 * vote's ballots only their own), its version and the server's clock when sent.
 */
export const FacilitationSnapshot = z.strictObject({
  workshopId: EntityId,
  /** Grows with every change; a browser keeps the highest it has seen. */
  version: z.int().min(0),
  serverNow: z.int(),
  state: FacilitationState,
  /** How far the vote got and, once revealed, its result; null without a vote. */
  voteTally: DotVoteTally.nullable(),
})
export type FacilitationSnapshot = z.infer<typeof FacilitationSnapshot>

/** The state as a viewer may see it: another person's dots are never sent before or after the reveal, only counts. */
export function stateForViewer(state: FacilitationState, participantId: string | null): { state: FacilitationState; voteTally: DotVoteTally | null } {
  if (state.vote === null) return { state, voteTally: null }
  const { vote, tally } = voteForViewer(state.vote, participantId)
  return { state: { ...state, vote }, voteTally: tally }
}
