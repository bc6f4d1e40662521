import type { SerializedSchema } from '@tldraw/store'
import type { TLStoreSchema } from '@tldraw/tlschema'

/**
 * How the schema stored in a board document relates to this client's schema.
 * - `absent`: the document has no schema yet (a new board).
 * - `same`: written by this schema; records can be used as they are.
 * - `older`: written by an older schema; records must be migrated up (and written back).
 * - `newer`: written by a schema this client does not know (or unreadable): the client
 *   must not write to the board and asks the person to reload.
 */
export type DocSchemaStatus =
  | { kind: 'absent' }
  | { kind: 'same' }
  | { kind: 'older'; schema: SerializedSchema }
  | { kind: 'newer' }

/** The newest serialized-schema format tldraw 5 writes. */
const currentSchemaFormat = 2

function isRecordOf(value: unknown, isEntry: (entry: unknown) => boolean): boolean {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false
  return Object.values(value).every(isEntry)
}

const isVersionNumber = (value: unknown): boolean => Number.isInteger(value) && (value as number) >= 0

/** Narrows an untrusted meta-map value to a serialized tldraw schema, or null if it is not one. */
function parseSerializedSchema(value: unknown): SerializedSchema | { schemaVersion: number } | null {
  if (typeof value !== 'object' || value === null) return null
  const schemaVersion = (value as { schemaVersion?: unknown }).schemaVersion
  if (!Number.isInteger(schemaVersion)) return null
  if (schemaVersion === 2) {
    const sequences = (value as { sequences?: unknown }).sequences
    return isRecordOf(sequences, isVersionNumber) ? (value as SerializedSchema) : null
  }
  if (schemaVersion === 1) {
    const { storeVersion, recordVersions } = value as { storeVersion?: unknown; recordVersions?: unknown }
    const isRecordVersion = (entry: unknown) =>
      typeof entry === 'object' && entry !== null && isVersionNumber((entry as { version?: unknown }).version)
    return isVersionNumber(storeVersion) && isRecordOf(recordVersions, isRecordVersion)
      ? (value as SerializedSchema)
      : null
  }
  return { schemaVersion: schemaVersion as number }
}

/**
 * Classifies the value of the board's `meta.schema` against `schema` (the board schema of this
 * build: shared/src/board/boardDoc.ts, or a client store's, which equals it).
 *
 * getMigrationsSince alone is not enough: it ignores sequences it does not know, so a
 * board written by a newer tldraw with a new shape type would look "same". Any unknown
 * sequence or higher version therefore counts as newer.
 */
export function classifyDocSchema(schema: TLStoreSchema, value: unknown): DocSchemaStatus {
  if (value === undefined || value === null) return { kind: 'absent' }
  const theirs = parseSerializedSchema(value)
  if (theirs === null || theirs.schemaVersion > currentSchemaFormat) return { kind: 'newer' }
  const stored = theirs as SerializedSchema

  const ours = schema.serialize()
  if (stored.schemaVersion === 2) {
    for (const [sequenceId, version] of Object.entries(stored.sequences)) {
      const ourVersion = ours.sequences[sequenceId]
      if (ourVersion === undefined || version > ourVersion) return { kind: 'newer' }
    }
  }
  const migrations = schema.getMigrationsSince(stored)
  if (!migrations.ok) return { kind: 'newer' }
  if (migrations.value.length > 0) return { kind: 'older', schema: stored }
  if (stored.schemaVersion === 2 && sameSequences(stored.sequences, ours.sequences)) return { kind: 'same' }
  // Nothing to migrate, but the board does not yet name all of our sequences: record ours.
  return { kind: 'older', schema: stored }
}

function sameSequences(a: Record<string, number>, b: Record<string, number>): boolean {
  const keys = Object.keys(a)
  return keys.length === Object.keys(b).length && keys.every((key) => a[key] === b[key])
}
