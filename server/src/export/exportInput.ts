import type {
  DescriptionDraft,
  DescriptionFields,
  EditableFieldKey,
  PublishedDescription,
  SourceRef,
} from '../../../shared/src/description/challengeDescription.ts'

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

export function fromDraft(draft: DescriptionDraft, authors?: ReadonlyMap<string, string>): DescriptionExport {
  const sources = Object.fromEntries(
    Object.entries(draft.provenance).map(([field, provenance]) => [field, provenance?.sources ?? []]),
  ) as DescriptionExport['sources']
  return { challengeId: draft.challengeId, fields: draft.fields, sources, version: null, publishedAt: null, publishedBy: null, ...(authors ? { authors } : {}) }
}

/**
 * A file name for the export, e.g. "hvordan-kan-vi-gjore-kirkenaer-levende-v2.docx".
 * ASCII only, so that it survives every browser's Content-Disposition handling.
 */
export function exportFileName(description: DescriptionExport, extension: string): string {
  const folded = description.fields.title
    .toLowerCase()
    .replace(/æ/g, 'ae')
    .replace(/ø/g, 'o')
    .replace(/å/g, 'a')
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '')
  const slug = folded === '' ? 'utfordring' : folded
  const suffix = description.version === null ? 'utkast' : `v${description.version}`
  return `${slug}-${suffix}.${extension}`
}
