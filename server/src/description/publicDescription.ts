import { z } from 'zod'
import {
  DescriptionFields,
  editableFieldKeys,
  PublishedDescription,
  SourceBoard,
  SourceRef,
} from '../../../shared/src/description/challengeDescription.ts'

// What the public JSON routes answer: a published version without anything
// internal. Board, step and shape ids let no visitor do anything, but they
// are the workshop's internals and the issue says exports never carry them;
// a frame people drew is keyed by its shape id, so frame keys go too. The
// frame's and step's names and the notes' texts stay: they are what "from:
// Kartlegge aktører, 7 lapper" shows.

/** A source as the public sees it: the step and frame by name, the notes by their text. */
export const PublicSourceRef = SourceRef.pick({ frameName: true, stepTitle: true }).extend({
  notes: z.array(z.strictObject({ text: z.string().max(10_000) })).max(1000),
})
export type PublicSourceRef = z.infer<typeof PublicSourceRef>

/** A board the description was drafted from, named by its step and template, without its ids. */
export const PublicSourceBoard = SourceBoard.omit({ stepId: true, boardId: true })

export const PublicDescriptionFields = DescriptionFields.extend({ sourceBoards: z.array(PublicSourceBoard).max(100) })
export type PublicDescriptionFields = z.infer<typeof PublicDescriptionFields>

/** `GET /api/challenges/:challengeId/description/versions/:version`. */
export const PublicDescription = PublishedDescription.extend({
  fields: PublicDescriptionFields,
  sources: z.partialRecord(z.enum(editableFieldKeys), z.array(PublicSourceRef).max(100)),
})
export type PublicDescription = z.infer<typeof PublicDescription>

/** The fields with the source boards' ids left out. */
export function publicFields(fields: DescriptionFields): PublicDescriptionFields {
  return { ...fields, sourceBoards: fields.sourceBoards.map(({ templateId, templateVersion, title }) => ({ templateId, templateVersion, title })) }
}

/** A published version as the public JSON routes give it. */
export function toPublicDescription(published: PublishedDescription): PublicDescription {
  const sources = Object.fromEntries(
    Object.entries(published.sources).map(([field, refs]) => [
      field,
      refs.map(({ frameName, stepTitle, notes }) => ({ frameName, stepTitle, notes: notes.map(({ text }) => ({ text })) })),
    ]),
  )
  // The schema is strict: a key it does not name (say, one added to the contract later) fails here instead of leaking.
  return PublicDescription.parse({ ...published, fields: publicFields(published.fields), sources })
}
