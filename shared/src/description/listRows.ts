// The list fields of a description and their rows as things of their own: a row of needs,
// stakeholders, goals, … is known by its key, its main text normalised, so that a re-draft can
// tell a row it made before from a new one, and a person can take or dismiss one row of a
// suggestion. Which fields are lists, and what a row's main text is, is read from the schema
// (challengeDescription.ts), so a list field added there is a list field here too.
import { z } from 'zod'
import { DescriptionFields, editableFieldKeys, type EditableFieldKey } from './challengeDescription.ts'
import { normalizeText } from './templateMappings/mapping.ts'

/** The editable fields whose value is a list of rows. */
export type ListFieldKey = {
  [K in EditableFieldKey]: DescriptionFields[K] extends readonly unknown[] ? K : never
}[EditableFieldKey]

/** A row of a list field. */
export type ListRow<K extends ListFieldKey> = DescriptionFields[K][number]

/** The editable list fields, in the description's order. */
export const listFieldKeys: readonly ListFieldKey[] = editableFieldKeys.filter(
  (key): key is ListFieldKey => DescriptionFields.shape[key] instanceof z.ZodArray,
)

export function isListField(key: EditableFieldKey): key is ListFieldKey {
  return (listFieldKeys as readonly string[]).includes(key)
}

/** The schema of one row of a list field. */
export function rowSchema<K extends ListFieldKey>(key: K): z.ZodType<ListRow<K>> {
  return (DescriptionFields.shape[key] as unknown as z.ZodArray<z.ZodType<ListRow<K>>>).element
}

/**
 * A row's key: its main text normalised (a text row itself; an entry's first text property in
 * the schema, need.need, stakeholder.actor). Two rows with the same key are the same row, however cased.
 * @example rowKey('stakeholders', { actor: 'Grue Frivilligsentral.', sector: null, interest: null, influence: null }) // 'grue frivilligsentral'
 */
export function rowKey(key: ListFieldKey, row: unknown): string {
  if (typeof row === 'string') return normalizeText(row)
  const main = mainProperty(key)
  if (main === null || typeof row !== 'object' || row === null) return ''
  const text = (row as Record<string, unknown>)[main]
  return typeof text === 'string' ? normalizeText(text) : ''
}

/** The keys of a list field's rows. */
export function rowKeys(key: ListFieldKey, rows: readonly unknown[]): Set<string> {
  return new Set(rows.map((row) => rowKey(key, row)))
}

/** The property that names an entry row: the first text in its schema (null for rows that are texts). */
function mainProperty(key: ListFieldKey): string | null {
  const element: unknown = rowSchema(key)
  if (!(element instanceof z.ZodObject)) return null
  const shape = element.shape as Record<string, unknown>
  return Object.keys(shape).find((name) => shape[name] instanceof z.ZodString) ?? null
}

/** A stored row (JSON) checked against the field's row schema: null when it is not a valid row any more. */
export function validRow<K extends ListFieldKey>(key: K, row: unknown): ListRow<K> | null {
  const parsed = rowSchema(key).safeParse(row)
  return parsed.success ? parsed.data : null
}
