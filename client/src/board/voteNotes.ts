import type { TLFrameShape, TLNoteShape, TLRecord } from 'tldraw'
import type { RecordLookup } from '../../../shared/src/board/noteVotes.ts'
import { richTextToPlain } from '../../../shared/src/board/richText.ts'
import type { VoteNote } from '../../../shared/src/schema/dotVoting.ts'

// What a dot vote reads from the board in this browser: a note as the vote's rules judge it, a
// kept result, the frames a vote can be limited to, a note's text to name it by. Plain functions
// of the board's records, so the canvas, the facilitator's panel and the tests share them.

export { keptDotsOf, voteNoteFrom, type RecordLookup } from '../../../shared/src/board/noteVotes.ts'

/** Deeper than any board nests its shapes: a parent loop cannot hang the browser. */
const maxDepth = 100

/** Whether a vote limited to `frameId` (null: the whole board) takes dots on the note. */
export function inVoteScope(note: VoteNote, frameId: string | null): boolean {
  return frameId === null || note.ancestorIds.includes(frameId)
}

/** A note's text on one line, as a list or a label names it ('' for an empty note). */
export function noteText(record: TLRecord | undefined): string {
  if (record?.typeName !== 'shape' || record.type !== 'note') return ''
  return richTextToPlain((record as TLNoteShape).props.richText).replace(/\s+/g, ' ').trim()
}

/** A frame a vote can be limited to. */
export interface VoteFrame {
  id: string
  /** Its title on the board ('' when it has none). */
  name: string
}

/** The frames among `records`, top to bottom and left to right as they lie on the board. */
export function framesOf(records: Iterable<TLRecord>): VoteFrame[] {
  const frames: TLFrameShape[] = []
  for (const record of records) if (record.typeName === 'shape' && record.type === 'frame') frames.push(record as TLFrameShape)
  return frames.sort((a, b) => a.y - b.y || a.x - b.x).map((frame) => ({ id: frame.id, name: frame.props.name.trim() }))
}

/**
 * The frame a facilitator means by "this frame": the selected frame, or the frame the selected
 * shape sits in (innermost); null when nothing in a frame is selected.
 */
export function frameAround(lookup: RecordLookup, selectedId: string | null): string | null {
  let current = selectedId === null ? undefined : lookup(selectedId)
  for (let depth = 0; current?.typeName === 'shape' && depth < maxDepth; depth++) {
    if (current.type === 'frame') return current.id
    current = lookup(current.parentId)
  }
  return null
}
