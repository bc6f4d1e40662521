import type { TLRecord } from '@tldraw/tlschema'
import type { VoteNote } from '../schema/dotVoting.ts'
import { creatorOf, keptVotesOf } from './boardRules.ts'

// What a dot vote reads of a board's notes, the same in the browser (before it sends a dot) and
// on the server (which decides): who made a note and what it sits in, and a kept result.

/** A record of the board by id (tldraw's store, the server's copy, or a test's map). */
export type RecordLookup = (id: string) => TLRecord | undefined

/** Deeper than any board nests its shapes: a parent loop cannot hang the reader. */
const maxDepth = 100

/**
 * The note as the vote's rules judge it (who made it, which shapes it sits in, innermost first),
 * or null when `noteId` is no note of the board.
 */
export function voteNoteFrom(lookup: RecordLookup, noteId: string): VoteNote | null {
  const note = lookup(noteId)
  if (note?.typeName !== 'shape' || note.type !== 'note') return null
  const ancestorIds: string[] = []
  let parent = lookup(note.parentId)
  for (let depth = 0; parent?.typeName === 'shape' && depth < maxDepth; depth++) {
    ancestorIds.push(parent.id)
    parent = lookup(parent.parentId)
  }
  return { creatorId: creatorOf(note), ancestorIds }
}

/** The dots a note got in a kept vote (`meta.dotVotes`), or null when none was kept or the value is not a count. */
export function keptDotsOf(record: TLRecord | undefined): number | null {
  const kept = keptVotesOf(record)
  return typeof kept === 'number' && Number.isInteger(kept) && kept > 0 ? kept : null
}
