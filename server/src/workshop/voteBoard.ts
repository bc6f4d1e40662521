import type { TLRecord } from '@tldraw/tlschema'
import type * as Y from 'yjs'
import { putBoardRecords, readBoardRecords } from '../../../shared/src/board/boardDoc.ts'
import { voteNoteFrom } from '../../../shared/src/board/noteVotes.ts'
import { dotVotesMetaKey, type VoteNote } from '../../../shared/src/schema/dotVoting.ts'

// A dot vote's two touches of its board: what a note is when someone votes on it, and the kept
// result written onto the notes.

/** The note as a vote judges it (who made it, what it sits in), or null when `noteId` is no note of the board. */
export function voteNoteOf(doc: Y.Doc, noteId: string): VoteNote | null {
  const records = readBoardRecords(doc)
  return voteNoteFrom((id) => records.get(id), noteId)
}

/**
 * Writes each note's dots into its meta and takes them off notes that had some from an earlier
 * kept vote but none now; returns the keys it changed.
 */
export function writeVoteResults(doc: Y.Doc, results: ReadonlyArray<{ noteId: string; dots: number }>): string[] {
  const dots = new Map(results.map(({ noteId, dots: count }) => [noteId, count]))
  const changed: TLRecord[] = []
  for (const record of readBoardRecords(doc).values()) {
    if (record.typeName !== 'shape' || record.type !== 'note') continue
    const meta = record.meta as Record<string, unknown>
    const count = dots.get(record.id)
    if (count === undefined && !(dotVotesMetaKey in meta)) continue
    if (count !== undefined && meta[dotVotesMetaKey] === count) continue
    const { [dotVotesMetaKey]: _old, ...rest } = meta
    changed.push({ ...record, meta: count === undefined ? rest : { ...rest, [dotVotesMetaKey]: count } } as TLRecord)
  }
  if (changed.length > 0) putBoardRecords(doc, changed)
  return changed.map((record) => record.id)
}
