import { z } from 'zod'
import { DotVote, DotVoteSettings, DotVoteTally, ShapeId, voteForViewer } from './dotVoting.ts'
import { EntityId } from './entityId.ts'

// How a facilitator leads a workshop's room: which step everyone is on, the step timers, the
// call to come to the current step, the presentation everyone follows, raised hands, who is
// done and the dot vote (dotVoting.ts). One state per workshop, changed only by the actions below and only through
// applyFacilitation (facilitationRules.ts), which the server runs to decide and an honest browser runs first. Times
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
