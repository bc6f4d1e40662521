import type { TLRecord } from '@tldraw/tlschema'
import * as Y from 'yjs'
import { readBoardRecords } from '../../../shared/src/board/boardDoc.ts'
import type { BoardStore, HistoryEntry } from '../store/BoardStore.ts'

// A board's past, rebuilt from its store: the log rows are its history, and any moment in the
// history window is a snapshot plus the rows after it.

/** The board's records just after log row `seq` (none at 0), or null when that moment is no longer kept. */
export async function recordsAtSeq(store: BoardStore, boardId: string, seq: number): Promise<Map<string, TLRecord> | null> {
  if (seq === 0) return new Map()
  const state = await store.loadStateAt(boardId, seq)
  if (state === null) return null
  const doc = new Y.Doc()
  try {
    // One merged update applies faster than hundreds of small ones.
    const updates = state.snapshot === null ? state.updates : [state.snapshot, ...state.updates]
    if (updates.length > 0) Y.applyUpdate(doc, Y.mergeUpdates(updates))
    return readBoardRecords(doc)
  } finally {
    doc.destroy()
  }
}

/**
 * The keys whose latest change since `fromSeq` (exclusive) was made by `author`: what undoing
 * that person's changes puts back. Keys someone else changed after them are left to that person,
 * and counted in `changedSince`.
 */
export function keysLastChangedBy(
  entries: readonly HistoryEntry[],
  author: string,
  fromSeq: number,
): { keys: string[]; changedSince: number } {
  const lastAuthor = new Map<string, string | null>()
  const touchedByAuthor = new Set<string>()
  for (const entry of entries) {
    if (entry.seq <= fromSeq || entry.touched === null) continue
    for (const key of entry.touched) {
      lastAuthor.set(key, entry.author)
      if (entry.author === author) touchedByAuthor.add(key)
    }
  }
  const keys = [...touchedByAuthor].filter((key) => lastAuthor.get(key) === author)
  return { keys, changedSince: touchedByAuthor.size - keys.length }
}
