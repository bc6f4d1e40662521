import { z } from 'zod'
import { Affiliation } from './access.ts'
import { EntityId } from './entityId.ts'

// What a facilitator does with everything stored about one participant, for the data protection
// rules a municipality answers to: erase it (GDPR article 17) or hand it over (article 15).

/**
 * `POST /api/workshops/:workshopId/participants/:participantId/erasure`: erases the participant
 * (facilitators only). With `deleteNotes`, the notes and other shapes they made go too; without,
 * they stay on the boards, made by nobody.
 */
export const EraseParticipantBody = z.strictObject({ deleteNotes: z.boolean() })
export type EraseParticipantBody = z.infer<typeof EraseParticipantBody>

export const EraseParticipantAnswer = z.strictObject({
  /** Boards that held something of theirs: changed live, their stored history rewritten. */
  boards: z.int().min(0),
  /** Their notes and other shapes deleted (0 unless `deleteNotes`). */
  shapesDeleted: z.int().min(0),
  /** Notes removed from the sources of the challenge description's draft (deleted notes only). */
  draftSourcesRemoved: z.int().min(0),
})
export type EraseParticipantAnswer = z.infer<typeof EraseParticipantAnswer>

const IsoTime = z.string()

/** A note as the export lists it: its text, where it is, and how it names the person. */
export const ExportedNote = z.strictObject({
  noteId: z.string(),
  text: z.string(),
  /** The frame it sits in (its name on the board), or null. */
  frame: z.string().nullable(),
  createdByThem: z.boolean(),
  /** Their name is on the note's text as its last writer. */
  textLastEditedByThem: z.boolean(),
})
export type ExportedNote = z.infer<typeof ExportedNote>

/** One board of the workshop and what it holds of the person. */
export const ExportedBoard = z.strictObject({
  boardId: EntityId,
  stepId: EntityId,
  /** The step's place in the agenda (1 for the first). */
  stepNumber: z.int().min(1),
  /** The method template the step's board was built from, e.g. `stakeholder-mapping`. */
  stepTemplate: z.string(),
  /** Their own private board (where their notes wait while writing is private). */
  privateBoard: z.boolean(),
  /** The name and colour the board shows for them (tldraw's user record), or null. */
  userRecord: z.strictObject({ name: z.string(), color: z.string() }).nullable(),
  notes: z.array(ExportedNote),
  /** Other shapes they made (drawings, arrows, images), by tldraw type. */
  otherShapes: z.array(z.strictObject({ shapeId: z.string(), type: z.string() })),
  /** Reactions they gave on notes. */
  reactions: z.array(z.strictObject({ noteId: z.string(), reaction: z.string() })),
  /** Changes of theirs the board's history keeps (HISTORY_DAYS), with the first and last one's time. */
  changes: z.strictObject({ count: z.int().min(0), first: IsoTime.nullable(), last: IsoTime.nullable() }),
})
export type ExportedBoard = z.infer<typeof ExportedBoard>

/** `GET /api/workshops/:workshopId/participants/:participantId/export`: everything stored about one participant. */
export const ParticipantDataExport = z.strictObject({
  exportedAt: IsoTime,
  participant: z.strictObject({
    id: EntityId,
    displayName: z.string(),
    affiliation: Affiliation,
    /** Their presence colour. */
    color: z.string(),
    joinedAt: IsoTime,
    /** When a facilitator removed them, or null. */
    removedAt: IsoTime.nullable(),
  }),
  workshop: z.strictObject({
    id: EntityId,
    title: z.string(),
    challengeId: EntityId,
    startsAt: z.string(),
    endsAt: z.string(),
    status: z.string(),
  }),
  /** Their sessions (the browser cookies they joined with), without the secrets themselves. */
  sessions: z.array(z.strictObject({ createdAt: IsoTime, expiresAt: IsoTime })),
  boards: z.array(ExportedBoard),
  /** What the workshop's room state holds of them now. */
  room: z.strictObject({
    handRaisedAt: IsoTime.nullable(),
    /** Steps they said they were done with. */
    doneWithStepIds: z.array(EntityId),
    /** Their dots in the workshop's vote (by note id), or null. */
    ballot: z.record(z.string(), z.int()).nullable(),
  }),
})
export type ParticipantDataExport = z.infer<typeof ParticipantDataExport>
