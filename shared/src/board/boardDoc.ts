/**
 * The shape of a board's Yjs document, known to both sides: the client binds
 * tldraw's store to it, the relay refuses updates that write anything else.
 */
export const BoardDoc = {
  /** Y.Array backing a y-utility YKeyValue of tldraw records, keyed by record id. */
  records: 'records',
  /** Y.Map with document-level metadata, e.g. the tldraw schema. */
  meta: 'meta',
} as const

/** Key in the meta map holding tldraw's serialized schema (`store.schema.serialize()`). */
export const schemaMetaKey = 'schema'

/** The only top-level type names a board document may contain. */
export const boardTopLevelTypes: ReadonlySet<string> = new Set(Object.values(BoardDoc))
