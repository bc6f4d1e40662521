import type { TLRecord, TLStore } from 'tldraw'

/**
 * True for a value that claims to be a document record stored under `key`. Session and
 * presence records never come from the board: a board that contains one is ignored there.
 */
function isDocumentRecordFor(store: TLStore, key: string, value: unknown): value is TLRecord {
  if (typeof value !== 'object' || value === null) return false
  const { id, typeName } = value as { id?: unknown; typeName?: unknown }
  return id === key && typeof typeName === 'string' && store.scopedTypes.document.has(typeName as TLRecord['typeName'])
}

/**
 * Puts records that came from the board (or from other people) into the store as remote
 * changes, and removes the given document records. The store validates every record; if
 * one does not validate, the others are applied one by one so that one bad record cannot
 * keep the rest of the board from showing. Returns the number of records skipped.
 */
export function applyRemoteRecords(
  store: TLStore,
  puts: Iterable<readonly [key: string, value: unknown]>,
  removeIds: readonly string[],
): number {
  const records: TLRecord[] = []
  let skipped = 0
  for (const [key, value] of puts) {
    if (isDocumentRecordFor(store, key, value)) records.push(value)
    else skipped++
  }
  const removals = removeIds.filter((id) => {
    const existing = store.unsafeGetWithoutCapture(id as TLRecord['id'])
    return existing !== undefined && store.scopedTypes.document.has(existing.typeName)
  }) as TLRecord['id'][]
  if (records.length === 0 && removals.length === 0) return skipped

  try {
    store.mergeRemoteChanges(() => {
      if (removals.length > 0) store.remove(removals)
      if (records.length > 0) store.put(records)
    })
  } catch {
    // The failed batch was rolled back as a whole (tldraw's store is transactional).
    if (removals.length > 0) store.mergeRemoteChanges(() => store.remove(removals))
    for (const record of records) {
      try {
        store.mergeRemoteChanges(() => store.put([record]))
      } catch {
        skipped++
      }
    }
  }
  if (skipped > 0) console.warn(`Samskap: skipped ${skipped} board record(s) this version cannot read`)
  return skipped
}
