import type * as Y from 'yjs'
import { openRecordMap } from '../../../shared/src/board/boardDoc.ts'
import type { PendingChange } from './pendingChanges.ts'

/** The origin of the transaction that puts a person's unsaved changes back on a fresh copy. */
const putBackOrigin = { name: 'putBack' }

/** Writes `changes` into `doc` in one transaction (a removal where the value is undefined). */
export function putBack(doc: Y.Doc, changes: readonly PendingChange[]): void {
  if (changes.length === 0) return
  const map = openRecordMap(doc)
  try {
    doc.transact(() => {
      for (const { key, value } of changes) {
        if (value === undefined) map.records.delete(key)
        else map.records.set(key, value)
      }
    }, putBackOrigin)
  } finally {
    map.dispose()
  }
}
