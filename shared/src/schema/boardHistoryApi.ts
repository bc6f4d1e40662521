import { z } from 'zod'
import { BoardMode } from '../board/boardMode.ts'
import { Role } from './access.ts'
import { EntityId } from './entityId.ts'

// A board's settings, history and restores: what facilitators do to lead a board and to put
// right what went wrong on it. Bodies are strict objects: an unknown field is a 400 naming it.

/** Milliseconds since the epoch, as the history's moments are given. */
const EpochMs = z.int().min(0).max(8_640_000_000_000_000)

/** `PUT /api/boards/:boardId/mode`: who may change what on the board (facilitators only). */
export const BoardModeBody = z.strictObject({ mode: BoardMode })
export type BoardModeBody = z.infer<typeof BoardModeBody>

/** The answer to `PUT /api/boards/:boardId/mode`: the mode now, and the history row that set it (null when it was already so). */
export const BoardModeAnswer = z.strictObject({ mode: BoardMode, seq: z.int().nullable() })
export type BoardModeAnswer = z.infer<typeof BoardModeAnswer>

/** `GET /api/boards/:boardId/history?since=&until=`: a time range (default: the last 24 hours up to now). */
export const HistoryQuery = z.strictObject({
  since: z.coerce.number().pipe(EpochMs).optional(),
  until: z.coerce.number().pipe(EpochMs).optional(),
})
export type HistoryQuery = z.infer<typeof HistoryQuery>

/** Someone who changed the board in a stretch of the timeline, and how many records. Names are for facilitators only. */
export const TimelinePerson = z.strictObject({
  /** A stable key for the person within this answer (`person:<id>`, `server`, `anonymous`); null for observers. */
  key: z.string().nullable(),
  name: z.string().nullable(),
  role: Role.nullable(),
  changes: z.int(),
})
export type TimelinePerson = z.infer<typeof TimelinePerson>

/** Something the server did for a facilitator: a restore, a new mode, a migration, private notes revealed or a vote's result kept. */
export const TimelineEvent = z.strictObject({
  seq: z.int(),
  at: EpochMs,
  kind: z.enum(['build', 'settings', 'migrate', 'restore', 'facilitation']),
  /** The facilitator who asked (facilitators' view only). */
  by: z.string().nullable(),
  /** For a restore: the moment it went back to, and how many records it changed. */
  restoredTo: EpochMs.nullable(),
  changes: z.int(),
  /** For a restore: the seq a restore undoing it would go back to (the row before it). */
  undoTo: z.int().nullable(),
  /** Set when this restore has been undone, by the seq of the restore that did. */
  undoneBy: z.int().nullable(),
})
export type TimelineEvent = z.infer<typeof TimelineEvent>

/** One stretch of the timeline. */
export const TimelineBucket = z.strictObject({
  from: EpochMs,
  to: EpochMs,
  /** The last change in it: its state is what a preview or restore of "the end of this stretch" shows. */
  lastSeq: z.int(),
  changes: z.int(),
  people: z.array(TimelinePerson),
})
export type TimelineBucket = z.infer<typeof TimelineBucket>

/**
 * A run of changes: one person's (or the server's) consecutive changes, without a pause of more
 * than a few seconds. A facilitator previews the board before or after a run (a wipe, say) and
 * restores to either.
 */
export const TimelineRun = z.strictObject({
  /** Its first and last history rows: the moment before it is `fromSeq - 1`, after it `toSeq`. */
  fromSeq: z.int(),
  toSeq: z.int(),
  from: EpochMs,
  to: EpochMs,
  /** Who (facilitators' view; null for everyone else), as in TimelinePerson. */
  key: z.string().nullable(),
  name: z.string().nullable(),
  kind: z.enum(['edit', 'build', 'settings', 'migrate', 'restore', 'facilitation']),
  changes: z.int(),
})
export type TimelineRun = z.infer<typeof TimelineRun>

/** `GET /api/boards/:boardId/history`: the board's timeline. */
export const BoardTimeline = z.strictObject({
  since: EpochMs,
  until: EpochMs,
  bucketMs: z.int(),
  /** The earliest moment still restorable, or null when nothing is kept yet. */
  restorableFrom: EpochMs.nullable(),
  buckets: z.array(TimelineBucket),
  events: z.array(TimelineEvent),
  /** The range's runs of changes, oldest first; only the newest 300 when there are more. */
  runs: z.array(TimelineRun),
  /** Whether names are shown (facilitators) or only counts (everyone else). */
  names: z.boolean(),
})
export type BoardTimeline = z.infer<typeof BoardTimeline>

/** `GET /api/boards/:boardId/history/records?seq=` or `?at=`: the board's records at a moment, for a read-only preview. */
export const MomentQuery = z
  .strictObject({
    seq: z.coerce.number().pipe(z.int().min(0)).optional(),
    at: z.coerce.number().pipe(EpochMs).optional(),
  })
  .refine((query) => (query.seq === undefined) !== (query.at === undefined), { message: 'Give either seq or at.' })
export type MomentQuery = z.infer<typeof MomentQuery>

/** The answer: the moment (its last seq) and every record then, as tldraw records (JSON). */
export const BoardMoment = z.strictObject({
  seq: z.int(),
  at: EpochMs.nullable(),
  records: z.array(z.record(z.string(), z.unknown())),
})
export type BoardMoment = z.infer<typeof BoardMoment>

/** tldraw shape ids, as a restore of chosen shapes names them. */
const ShapeId = z
  .string()
  .max(200)
  .refine((id) => id.startsWith('shape') && /^[a-z]+:\S+$/.test(id), { message: 'Expected the id of a shape on the board.' })

/**
 * `POST /api/boards/:boardId/restore`: put the board (or the chosen shapes, with what they held)
 * back as it was just after history row `seq`. A new change everyone sees, undoable from the history.
 */
export const RestoreBody = z.strictObject({
  seq: z.int().min(0),
  shapeIds: z.array(ShapeId).min(1).max(1000).optional(),
})
export type RestoreBody = z.infer<typeof RestoreBody>

/** `POST /api/boards/:boardId/restore/undo`: undo the restore logged as row `seq`. */
export const UndoRestoreBody = z.strictObject({ seq: z.int().min(1) })
export type UndoRestoreBody = z.infer<typeof UndoRestoreBody>

/** What a restore did: its history row (null when nothing needed to change) and how many records changed. */
export const RestoreAnswer = z.strictObject({ seq: z.int().nullable(), changed: z.int() })
export type RestoreAnswer = z.infer<typeof RestoreAnswer>

/**
 * `POST /api/workshops/:workshopId/participants/:participantId/removal`: ends the participant's
 * session (their sockets close, the link still works for others); with `undoSince`, also puts
 * back, on every board of the workshop, what they changed since then and nobody changed after.
 */
export const RemoveParticipantBody = z.strictObject({ undoSince: EpochMs.nullable().optional() })
export type RemoveParticipantBody = z.infer<typeof RemoveParticipantBody>

export const RemoveParticipantAnswer = z.strictObject({
  /** Records put back, over all boards. */
  undone: z.int(),
  /** Records they changed that someone else changed after them: left as they are. */
  keptBecauseChangedSince: z.int(),
  /** Boards whose history no longer reaches back that far (nothing undone there). */
  boardsOutOfReach: z.int(),
})
export type RemoveParticipantAnswer = z.infer<typeof RemoveParticipantAnswer>

export const ParticipantParams = z.strictObject({ workshopId: EntityId, participantId: EntityId })
