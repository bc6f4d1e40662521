import { z } from 'zod'
import { BoardMode } from '../board/boardMode.ts'
import { EntityId } from './entityId.ts'
import { RevealArrangement } from './facilitation.ts'
import { IsoDateTime, WorkshopStatus } from './workshop.ts'
import { BoardLanguage } from './workshopApi.ts'

// The audit log: what facilitators did to workshops, challenges, descriptions, municipalities'
// facts and accounts, who did it and when. An entry names its facilitator (id and display name
// as they were) and its targets by id, with a few facts that are not about anyone (a version,
// a link's kind, the names of the fields changed, never their values). It never holds a
// participant's name, id or anything they wrote: the log is kept for years after the
// workshops, and what it answers for is the facilitators' actions. The codes below are the
// only actions there are; the client labels each one (client/src/i18n/auditTexts.ts).

/** Every action the log records, by a stable code: `<what it is about>.<what was done>`. */
export const AuditAction = z.enum([
  'challenge.create',
  'challenge.update',
  'description.draftFromWorkshop',
  /** Edits of one draft by one facilitator within a quarter of an hour are one entry, counted (see auditLog.ts on the server). */
  'description.edit',
  'description.publish',
  'workshop.create',
  'workshop.update',
  'workshop.open',
  'workshop.close',
  'workshop.reopen',
  'workshop.delete',
  'workshop.rotateLink',
  'workshop.setJoinCode',
  'workshop.removeJoinCode',
  'step.add',
  'step.update',
  'step.remove',
  'step.reorder',
  'board.setMode',
  'board.restore',
  'board.undoRestore',
  'participant.remove',
  'room.keepOnStep',
  'room.releaseStep',
  'room.startPrivateWriting',
  'room.revealPrivateWriting',
  'room.startVote',
  'room.keepVote',
  'room.clearVote',
  'municipality.update',
  'invitation.issue',
  'invitation.accept',
  // Recorded by the routes of erasure, access requests, retention and accounts.
  'participant.erase',
  'participant.exportData',
  'workshop.setDeletionDate',
  'account.issueResetLink',
  'account.deactivate',
  'account.reactivate',
  'account.resetOwnPassword',
  'account.changeOwnPassword',
])
export type AuditAction = z.infer<typeof AuditAction>

/** A field's name (never its value): `title`, `startsAt` … */
const FieldName = z.string().regex(/^[A-Za-z][A-Za-z0-9]{0,39}$/, 'Expected a field name.')

/**
 * The facts of an entry that are not about anyone. A strict object: nothing free-form can be
 * written into the log, so no name or text of a participant can end up there by mistake.
 */
export const AuditDetail = z.strictObject({
  /** A published description's version. */
  version: z.int().min(1).optional(),
  /** The fields a change touched, by name. */
  fields: z.array(FieldName).max(40).optional(),
  /** The kind of workshop link rotated. */
  linkRole: z.enum(['participant', 'observer']).optional(),
  /** A workshop's status after the change. */
  status: WorkshopStatus.optional(),
  /** The method template of an added step. */
  templateId: z.string().regex(/^[a-z0-9-]{1,64}$/).optional(),
  /** The board's mode set. */
  mode: BoardMode.optional(),
  /** A restore: the board's history row it went back to, what it restored and how many records it changed. */
  toSeq: z.int().min(0).optional(),
  restoreScope: z.enum(['board', 'shapes', 'records']).optional(),
  records: z.int().min(0).optional(),
  /** A participant's removal: whether their changes were taken back too. */
  undoChanges: z.boolean().optional(),
  /** How revealed private notes were laid out. */
  arrangement: RevealArrangement.optional(),
  /** How many steps a reorder put in order. */
  steps: z.int().min(0).optional(),
  /** A workshop's new deletion date. */
  until: IsoDateTime.optional(),
})
export type AuditDetail = z.infer<typeof AuditDetail>

/** What an entry is about, by id. A workshop's entries name its challenge too, so both filters find them. */
export const AuditTarget = z.strictObject({
  workshopId: EntityId.nullable(),
  challengeId: EntityId.nullable(),
  stepId: EntityId.nullable(),
  boardId: EntityId.nullable(),
  municipalityId: EntityId.nullable(),
  /** Another facilitator the action was about (an invitation accepted, an account deactivated). */
  facilitatorId: EntityId.nullable(),
})
export type AuditTarget = z.infer<typeof AuditTarget>

/** The targets' names as they are now; null where the target is gone (or was none). */
export const AuditTargetNames = z.strictObject({
  workshop: z.string().nullable(),
  challenge: z.string().nullable(),
  step: z.string().nullable(),
  municipality: z.string().nullable(),
  facilitator: z.string().nullable(),
})
export type AuditTargetNames = z.infer<typeof AuditTargetNames>

/** One entry of `GET /api/audit`. */
export const AuditEntry = z.strictObject({
  id: z.string(),
  /** When it was done (the first time, for counted edits), by the server's clock. */
  at: IsoDateTime,
  /** The last time, for counted edits; `at` otherwise. */
  lastAt: IsoDateTime,
  /** How many times (1 but for counted edits). */
  times: z.int().min(1),
  actor: z.strictObject({ facilitatorId: z.string(), displayName: z.string() }),
  action: AuditAction,
  target: AuditTarget,
  names: AuditTargetNames,
  detail: AuditDetail,
})
export type AuditEntry = z.infer<typeof AuditEntry>

/** The most entries one page holds. */
export const maxAuditPageSize = 200

/** Where the next page of entries starts: the last entry's time and id (`<ms>.<id>`). */
export const AuditCursor = z.string().regex(/^\d{1,16}\.[A-Za-z0-9_-]{8,64}$/, 'Expected the nextCursor of an earlier page.')

/** `GET /api/audit`: filters (all optional, combined) and paging, newest first. */
export const AuditQuery = z.strictObject({
  workshopId: EntityId.optional(),
  challengeId: EntityId.optional(),
  action: AuditAction.optional(),
  /** Entries done at or after this time… */
  from: IsoDateTime.optional(),
  /** …and at or before this one. */
  to: IsoDateTime.optional(),
  /** The nextCursor of the page before. */
  after: AuditCursor.optional(),
  limit: z.coerce.number().pipe(z.int().min(1).max(maxAuditPageSize)).default(50),
  /** The language steps are named in (their method template's name); nb by default. */
  language: BoardLanguage.optional(),
})
export type AuditQuery = z.infer<typeof AuditQuery>

/** The answer of `GET /api/audit`: newest first; `nextCursor` asks for the older ones (null: there are none). */
export const AuditLogPage = z.strictObject({
  entries: z.array(AuditEntry),
  nextCursor: AuditCursor.nullable(),
  /** How many days an entry is kept after its last time (AUDIT_RETENTION_DAYS). */
  retentionDays: z.int().min(1),
})
export type AuditLogPage = z.infer<typeof AuditLogPage>
