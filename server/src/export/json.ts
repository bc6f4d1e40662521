import type { PublicSourceRef } from '../description/publicDescription.ts'
import { publicFields } from '../description/publicDescription.ts'
import type { DescriptionExport } from './exportInput.ts'
import { DescriptionJson, schemaPath } from './jsonSchema.ts'

/** The description as public data: no board, step or shape ids, and never the names of note authors. */
export function toDescriptionJson(description: DescriptionExport, publicUrl: string): DescriptionJson {
  const sources = Object.fromEntries(
    Object.entries(description.sources).map(([field, refs]): [string, PublicSourceRef[]] => [
      field,
      (refs ?? []).map(({ stepTitle, frameName, notes }) => ({ stepTitle, frameName, notes: notes.map(({ text }) => ({ text })) })),
    ]),
  )
  // Parsed, not just typed: the schema is strict, so a field added to the contract later fails here instead of leaking.
  const parsed = DescriptionJson.parse({
    $schema: new URL(schemaPath, publicUrl).href,
    status: description.version === null ? 'draft' : 'published',
    challengeId: description.challengeId,
    version: description.version,
    publishedAt: description.publishedAt,
    publishedBy: description.publishedBy,
    fields: publicFields(description.fields),
    sources,
  })
  // `$schema` first, where readers and editors look for it.
  const { $schema, status, ...rest } = parsed
  return { $schema, status, ...rest }
}

/** `GET …/export/json`: pretty-printed, since people open it too. */
export function renderJson(description: DescriptionExport, publicUrl: string): string {
  return `${JSON.stringify(toDescriptionJson(description, publicUrl), null, 2)}\n`
}
