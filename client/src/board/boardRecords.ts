import type { TLRecord } from 'tldraw'
import { YKeyValue } from 'y-utility/y-keyvalue'
import type * as Y from 'yjs'
import { BoardDoc, schemaMetaKey } from '../../../shared/src/board/boardDoc.ts'

/** One entry of the board's `records` array, as y-utility's YKeyValue stores it. */
export interface RecordEntry {
  key: string
  val: TLRecord
}

/** A change YKeyValue reports for one key (shaped like Y.Map's key changes). */
export type RecordChange =
  | { action: 'add'; newValue: TLRecord }
  | { action: 'update'; oldValue: TLRecord; newValue: TLRecord }
  | { action: 'delete'; oldValue: TLRecord }

/** The two top-level types of a board document (see shared/src/board/boardDoc.ts). */
export interface BoardRecords {
  /** tldraw records keyed by id; rewriting a key does not grow the document without bound. */
  readonly records: YKeyValue<TLRecord>
  /** Document metadata; `schema` holds tldraw's serialized schema. */
  readonly meta: Y.Map<unknown>
  /** Stops the key-value's own observer on the records array. */
  dispose(): void
}

export { schemaMetaKey }

/**
 * Opens the board's record map on `doc`.
 *
 * YKeyValue registers an observer on the array it wraps and offers no way to remove it,
 * so the observer is captured while the YKeyValue is constructed, to be removed on dispose.
 */
export function openBoardRecords(doc: Y.Doc): BoardRecords {
  const array = doc.getArray<RecordEntry>(BoardDoc.records)
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
    meta: doc.getMap<unknown>(BoardDoc.meta),
    dispose() {
      for (const observer of captured) array.unobserve(observer)
      records.destroy()
    },
  }
}
