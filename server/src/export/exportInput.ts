import type {
  DescriptionDraft,
  DescriptionFields,
  EditableFieldKey,
  PublishedDescription,
  SourceRef,
} from '../../../shared/src/description/challengeDescription.ts'
import { publishedSources } from '../../../shared/src/description/publishedSources.ts'

/**
 * What every export renders: a published version or the working draft, in one
 * shape. `authors` is only ever filled for a facilitator's draft export with
 * names; everything else leaves participants' names out.
 */
export interface DescriptionExport {
  challengeId: string
  fields: DescriptionFields
  sources: Partial<Record<EditableFieldKey, readonly SourceRef[]>>
  /** Null for the draft. */
  version: number | null
  publishedAt: string | null
  publishedBy: string | null
  /** Note authors by `noteKey(boardId, noteId)`; present only when names were asked for. */
  authors?: ReadonlyMap<string, string>
}

/** The key of a note in `authors`: shape ids are unique per board only. */
export function noteKey(boardId: string, noteId: string): string {
  return `${boardId}\u0000${noteId}`
}

export function fromPublished(published: PublishedDescription): DescriptionExport {
  const { challengeId, fields, sources, version, publishedAt, publishedBy } = published
  return { challengeId, fields, sources, version, publishedAt, publishedBy }
}

/** The draft as exported: its sources, like a published version's, only the notes its text still holds. */
export function fromDraft(draft: DescriptionDraft, authors?: ReadonlyMap<string, string>): DescriptionExport {
  const sources = publishedSources(draft.fields, draft.provenance)
  return { challengeId: draft.challengeId, fields: draft.fields, sources, version: null, publishedAt: null, publishedBy: null, ...(authors ? { authors } : {}) }
}
