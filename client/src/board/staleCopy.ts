import type { TLRecord } from 'tldraw'
import type * as Y from 'yjs'
import { readBoardRecords } from '../../../shared/src/board/boardDoc.ts'
import { creatorOf } from '../../../shared/src/board/boardRules.ts'
import { userRecordId, withoutPerson } from '../../../shared/src/board/personErasure.ts'
import type { PendingChange } from './pendingChanges.ts'

/**
 * The people erased from the board since `old` was kept: their user records are in `old` and not
 * in `fresh` (the relay's board now). Nobody deletes a user record but an erasure.
 */
export function erasedSince(old: ReadonlyMap<string, TLRecord>, fresh: ReadonlyMap<string, TLRecord>): string[] {
  return [...old.values()].filter((record) => record.typeName === 'user' && !fresh.has(record.id)).map((record) => record.id.slice('user:'.length))
}

/**
 * The person's unsaved `changes` from a copy of the board kept before someone was erased from
 * it (`old`), as they may go onto the relay's board (`fresh`): without the erased people's names
 * and marks, and without changes to shapes of theirs that the erasure deleted. Returns them and
 * how many were left out.
 */
export function changesAfterErasure(changes: readonly PendingChange[], old: Y.Doc, fresh: Y.Doc): { changes: PendingChange[]; leftOut: number } {
  const freshRecords = readBoardRecords(fresh)
  const erased = erasedSince(readBoardRecords(old), freshRecords)
  if (erased.length === 0) return { changes: [...changes], leftOut: 0 }
  const kept: PendingChange[] = []
  for (const { key, value } of changes) {
    if (erased.some((personId) => key === userRecordId(personId))) continue
    if (value === undefined) {
      kept.push({ key, value })
      continue
    }
    const creator = creatorOf(value)
    if (!freshRecords.has(key) && creator !== null && erased.includes(creator)) continue
    kept.push({ key, value: erased.reduce((record, personId) => withoutPerson(record, personId), value) })
  }
  return { changes: kept, leftOut: changes.length - kept.length }
}
