import { z } from 'zod'
import { EntityId } from '../schema/entityId.ts'
import { DescriptionDraft, DescriptionFields, editableFieldKeys, PublishedDescription, SourceRef, type EditableFieldKey } from './challengeDescription.ts'
import { isListField } from './listRows.ts'

// The contract for the REST API of drafts, versions and exports.
//
// Facilitators only (401/403 as the other writing routes; CSRF on changes):
//   GET  /api/challenges/:challengeId/description            → DescriptionDraft (a fresh one from the challenge when none is stored)
//   POST /api/challenges/:challengeId/description/draft      DraftFromWorkshopBody → DraftResult
//   PUT  /api/challenges/:challengeId/description            UpdateDraftBody → DescriptionDraft
//   POST /api/challenges/:challengeId/description/publish    → 201 PublishedDescription
//   GET  /api/challenges/:challengeId/description/export/:format?names=include   the draft exported (names only here, on request)
// Public (no session; never names, tokens or internal ids):
//   GET  /api/published                                       → PublishedList (latest version of each published challenge)
//   GET  /api/challenges/:challengeId/description/versions    → VersionList
//   GET  /api/challenges/:challengeId/description/versions/:version → PublishedDescription (without note ids)
//   GET  /api/challenges/:challengeId/description/diff?from=&to=    → DescriptionDiff
//   GET  /api/challenges/:challengeId/description/versions/:version/export/:format   (md | html | docx | json | csv)
//   GET  /api/schemas/challenge-description.json              → the JSON Schema the JSON export validates against
//   GET  /utfordring/:challengeId            the public page of the newest version (server-rendered HTML, no script)
//   GET  /utfordring/:challengeId/v/:version the public page of one version, with the diff to the one before

/** `POST …/description/draft` */
export const DraftFromWorkshopBody = z.strictObject({ workshopId: EntityId })
export type DraftFromWorkshopBody = z.infer<typeof DraftFromWorkshopBody>

/** What a draft run did to one field. */
export const FieldChange = z.strictObject({
  field: z.enum(editableFieldKeys),
  /**
   * 'filled': the field now holds new content from the boards (a field a person did not edit, or the
   * cells of a list field's rows they left as drafted);
   * 'emptied': the field had content and the boards now give it none;
   * 'pending': a person had edited it, so the new drafted value (or, in a list, each new row) waits
   * for them (nothing overwritten);
   * 'unchanged': nothing new for the field (the boards say the same as last time, or still nothing).
   */
  kind: z.enum(['filled', 'emptied', 'pending', 'unchanged']),
})
export type FieldChange = z.infer<typeof FieldChange>

/** The most left-out groups a draft run lists (one per frame of each board, and a board's notes outside frames). */
export const maxLeftOutGroups = 200

/**
 * A draft run: the draft, what it did to each field, and what people wrote on the boards that no field
 * took (by step and frame; frame key and name empty for notes outside every frame), for the facilitator
 * to place by hand. Not stored: it belongs to this run. Read as none from an instance that does not
 * send it yet (a rolling deploy).
 */
export const DraftResult = z.strictObject({ draft: DescriptionDraft, changes: z.array(FieldChange), leftOut: z.array(SourceRef).max(maxLeftOutGroups).default([]) })
export type DraftResult = z.infer<typeof DraftResult>

/** One suggested row of a list field answered: the row's key (listRows.ts' `rowKey`) and what to do with it. */
export const RowResolution = z.strictObject({ key: z.string().max(10_000), action: z.enum(['accept', 'dismiss']) })
export type RowResolution = z.infer<typeof RowResolution>

/** What to do with a field's suggestion: all of it, or (list fields only) some of its suggested rows. */
export const Resolution = z.union([z.enum(['accept', 'dismiss']), z.strictObject({ rows: z.array(RowResolution).min(1).max(1000) })])
export type Resolution = z.infer<typeof Resolution>

/**
 * `PUT …/description`: the fields a person changed (each becomes `edited`),
 * and what to do with pending drafted values: 'accept' takes the drafted value
 * (the field is then not edited any more; in a list field, every suggested row
 * is added), 'dismiss' keeps the person's text; `{ rows }` adds or dismisses
 * single suggested rows of a list field.
 */
export const UpdateDraftBody = z.strictObject({
  fields: DescriptionFields.pick(Object.fromEntries(editableFieldKeys.map((key) => [key, true])) as {
    [K in (typeof editableFieldKeys)[number]]: true
  }).partial(),
  resolve: z
    .partialRecord(z.enum(editableFieldKeys), Resolution)
    .superRefine((resolve, context) => {
      for (const [key, resolution] of Object.entries(resolve)) {
        if (typeof resolution === 'object' && !isListField(key as EditableFieldKey)) {
          context.addIssue({ code: 'custom', path: [key], message: 'Only a list field has rows to accept or dismiss.' })
        }
      }
    })
    .optional(),
})
export type UpdateDraftBody = z.infer<typeof UpdateDraftBody>

export const VersionSummary = z.strictObject({
  version: z.int().min(1),
  publishedAt: z.string(),
  publishedBy: z.string(),
})
export const VersionList = z.strictObject({ versions: z.array(VersionSummary) })
export type VersionList = z.infer<typeof VersionList>

/** `GET /api/published`: the newest version of each challenge that has one. */
export const PublishedList = z.strictObject({
  published: z.array(
    z.strictObject({
      challengeId: EntityId,
      title: z.string(),
      summary: z.string(),
      municipality: z.string(),
      version: z.int(),
      publishedAt: z.string(),
    }),
  ),
})
export type PublishedList = z.infer<typeof PublishedList>

/** One changed field between two versions; text fields also as word-level parts. */
export const FieldDiff = z.strictObject({
  field: z.string(),
  before: z.unknown(),
  after: z.unknown(),
  /** For text (and lists rendered as text): the words kept, added and removed, in order. */
  parts: z.array(z.strictObject({ kind: z.enum(['same', 'added', 'removed']), text: z.string() })),
})
export const DescriptionDiff = z.strictObject({
  from: z.int().min(1),
  to: z.int().min(1),
  changes: z.array(FieldDiff),
})
export type DescriptionDiff = z.infer<typeof DescriptionDiff>

export const ExportFormat = z.enum(['md', 'html', 'docx', 'json', 'csv'])
export type ExportFormat = z.infer<typeof ExportFormat>

export { DescriptionDraft, PublishedDescription }
