// The board document's format, owned here and nowhere else: the client binds tldraw's store to
// it, the relay checks every update against it, templates and restores write it, the reader and
// the benchmarks read it. A board is a Y.Doc with two top-level types:
//
// - `records`: a Y.Array of `{ key, val }` entries read as a y-utility YKeyValue: `val` is a
//   tldraw document record whose id is `key`; when one key has several entries (two people wrote
//   it at once), the rightmost wins and every client deletes the others.
// - `meta`: a Y.Map the server alone writes: `schema` (tldraw's serialized schema, set when the
//   board is built or migrated), `mode` (who may change what, set by facilitators) and
//   `historyGeneration` (counts rewrites of the board's stored history, when a person is erased).
import { createTLSchema, type TLRecord, type TLStoreSchema } from '@tldraw/tlschema'
import { YKeyValue } from 'y-utility/y-keyvalue'
import * as Y from 'yjs'
import { BoardMode, defaultBoardMode } from './boardMode.ts'

/** The names of a board's top-level types. */
export const BoardDoc = {
  /** Y.Array backing a y-utility YKeyValue of tldraw records, keyed by record id. */
  records: 'records',
  /** Y.Map with document-level settings that only the server writes. */
  meta: 'meta',
} as const

/** Keys of the `meta` map. */
export const BoardMeta = {
  /** tldraw's serialized schema (`schema.serialize()`) the records are written in. */
  schema: 'schema',
  /** The board's {@link BoardMode}; absent means the default. */
  mode: 'mode',
  /**
   * How many times the board's stored history was rewritten (someone's data erased from it);
   * absent means never. A browser's offline copy of an older generation is not sent as it is.
   */
  historyGeneration: 'historyGeneration',
} as const

/** The only top-level type names a board document may contain. */
export const boardTopLevelTypes: ReadonlySet<string> = new Set(Object.values(BoardDoc))

/** One entry of the `records` array. */
export interface RecordEntry {
  key: string
  val: TLRecord
}

/**
 * The schema of every board: tldraw's default shapes and bindings, which is what the client's
 * store uses (createTLStore with defaultShapeUtils and defaultBindingUtils);
 * tests/integration/stepBoards.test.ts checks that they serialize alike.
 */
export const boardSchema: TLStoreSchema = createTLSchema()

/** The record types a board holds; the others (camera, instance, presence…) stay in each browser. */
export const documentRecordTypes: ReadonlySet<string> = new Set(
  Object.values(boardSchema.types)
    .filter((type) => type.scope === 'document')
    .map((type) => type.typeName),
)

/**
 * `value` as a record a board may hold under `key`, or null: a document record of the board's
 * schema, valid by tldraw's own validators, whose id is `key` and names its type. `before` (the
 * record's current value, already valid) lets tldraw check only what changed.
 */
export function validateBoardRecord(key: string, value: unknown, before?: TLRecord): TLRecord | null {
  if (typeof value !== 'object' || value === null) return null
  const { typeName, id } = value as { typeName?: unknown; id?: unknown }
  if (typeof typeName !== 'string' || !documentRecordTypes.has(typeName) || id !== key) return null
  const recordType = boardSchema.types[typeName as TLRecord['typeName']]
  if (!recordType.isId(key)) return null
  try {
    return recordType.validate(value, before?.typeName === typeName ? (before as never) : undefined) as TLRecord
  } catch {
    return null
  }
}

/** The board's `records` array. */
export function recordArray(doc: Y.Doc): Y.Array<RecordEntry> {
  return doc.getArray<RecordEntry>(BoardDoc.records)
}

/** The board's `meta` map. */
export function metaMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap<unknown>(BoardDoc.meta)
}

/** True for a value shaped like a records entry: `{ key: string, val: object }`. */
export function isRecordEntry(value: unknown): value is { key: string; val: unknown } {
  if (typeof value !== 'object' || value === null) return false
  const { key, val } = value as { key?: unknown; val?: unknown }
  return typeof key === 'string' && typeof val === 'object' && val !== null
}

/** The entry that holds a record's value, with the Yjs id of the item position holding it. */
export interface WinningEntry {
  value: TLRecord
  client: number
  clock: number
}

/**
 * The entry each key's value comes from (the rightmost entry of the key wins), with its Yjs id,
 * without writing: a YKeyValue would delete duplicate entries and leave an observer behind.
 * Entries that are not `{ key, val }` with `val.id === key` are skipped.
 */
export function readBoardEntries(doc: Y.Doc): Map<string, WinningEntry> {
  const winners = new Map<string, WinningEntry>()
  for (let item = recordArray(doc)._start; item !== null; item = item.right) {
    if (item.deleted || !(item.content instanceof Y.ContentAny)) continue
    item.content.arr.forEach((entry, offset) => {
      if (!isRecordEntry(entry)) return
      const val = entry.val as Partial<TLRecord>
      if (typeof val.typeName !== 'string' || val.id !== entry.key) return
      winners.set(entry.key, { value: val as TLRecord, client: item.id.client, clock: item.id.clock + offset })
    })
  }
  return winners
}

/** The board's records as the client sees them (the rightmost entry of each key wins), without writing. */
export function readBoardRecords(doc: Y.Doc): Map<string, TLRecord> {
  return new Map([...readBoardEntries(doc)].map(([key, entry]) => [key, entry.value]))
}

/** The board's mode from its meta map; anything unknown reads as the default. */
export function readBoardMode(doc: Y.Doc): BoardMode {
  // Read for every update the relay judges: a plain lookup rather than a validator, whose failing
  // path (no mode set, as on most boards) builds an error each time.
  const stored: unknown = metaMap(doc).get(BoardMeta.mode)
  return BoardMode.options.find((mode) => mode === stored) ?? defaultBoardMode
}

/** How many times the board's stored history was rewritten (0: never); see BoardMeta.historyGeneration. */
export function readHistoryGeneration(doc: Y.Doc): number {
  const stored: unknown = metaMap(doc).get(BoardMeta.historyGeneration)
  return typeof stored === 'number' && Number.isSafeInteger(stored) && stored > 0 ? stored : 0
}

/** A board's records as a live YKeyValue, and how to let go of it. */
export interface RecordMap {
  /** tldraw records keyed by id; rewriting a key does not grow the document without bound. */
  readonly records: YKeyValue<TLRecord>
  /** Stops the key-value's own observer on the records array. */
  dispose(): void
}

/**
 * Opens the board's records as a YKeyValue (which deletes duplicate entries when it opens and
 * whenever they arrive: a write, so only for a replica that may write).
 *
 * YKeyValue registers an observer on the array it wraps and offers no way to remove it, so the
 * observer is captured while the YKeyValue is constructed, to be removed on dispose.
 */
export function openRecordMap(doc: Y.Doc): RecordMap {
  const array = recordArray(doc)
  const captured: Parameters<typeof array.observe>[0][] = []
  const observe = array.observe.bind(array)
  array.observe = (observer) => {
    captured.push(observer)
    observe(observer)
  }
  let records: YKeyValue<TLRecord>
  try {
    records = new YKeyValue<TLRecord>(array)
  } finally {
    // Back to the prototype's method.
    delete (array as { observe?: unknown }).observe
  }
  return {
    records,
    dispose() {
      for (const observer of captured) array.unobserve(observer)
      records.destroy()
    },
  }
}

/**
 * Writes records into a board the way a client's binding does (one entry per record, replacing
 * an existing one), in one transaction with `origin`.
 */
export function putBoardRecords(doc: Y.Doc, records: Iterable<TLRecord>, origin: unknown = null): void {
  const map = openRecordMap(doc)
  try {
    doc.transact(() => {
      for (const record of records) map.records.set(record.id, record)
    }, origin)
  } finally {
    map.dispose()
  }
}

/** Sets the server's settings in the meta map: the schema the records are in, and the mode when given. */
export function writeBoardMeta(doc: Y.Doc, settings: { schema?: boolean; mode?: BoardMode }, origin: unknown = null): void {
  doc.transact(() => {
    const meta = metaMap(doc)
    if (settings.schema === true) meta.set(BoardMeta.schema, boardSchema.serialize())
    if (settings.mode !== undefined) meta.set(BoardMeta.mode, settings.mode)
  }, origin)
}

/**
 * A whole new board as one Yjs update: the records (each checked by tldraw's validators first,
 * so a broken template fails here and not in every browser) and the schema, written by a client
 * id of the caller's (returned, so the relay can know it as the server's).
 */
export function encodeNewBoard(records: readonly TLRecord[], mode: BoardMode = defaultBoardMode): { update: Uint8Array; clientId: number } {
  for (const record of records) {
    if (validateBoardRecord(record.id, record) === null) throw new Error(`The record ${record.id} is not a valid board record.`)
  }
  const doc = new Y.Doc()
  try {
    writeBoardMeta(doc, { schema: true, mode })
    putBoardRecords(doc, records)
    return { update: Y.encodeStateAsUpdate(doc), clientId: doc.clientID }
  } finally {
    doc.destroy()
  }
}
