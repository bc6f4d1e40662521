import type { TLRecord, TLShape } from '@tldraw/tlschema'
import type * as Y from 'yjs'
import { openRecordMap, putBoardRecords, readBoardRecords } from '../../../shared/src/board/boardDoc.ts'
import type { RevealArrangement } from '../../../shared/src/schema/facilitation.ts'

// Revealing private writing: every participant's notes from their private board go onto the
// shared board, laid out in the frame (or where they were written) per person or shuffled,
// keeping their ids, text and authorship. The ids stay, so revealing again after a crash
// between the two writes puts the same notes in place instead of copies.

/** One person's private notes, in the order they wrote them down the board. */
export interface PrivateNotes {
  personId: string
  notes: TLShape[]
}

/** Room each note takes in the layout (a note is 200 × 200 at tldraw's default size). */
const cell = 220
/** Where the layout starts inside a frame: below its title and instructions. */
const frameInset = { x: 20, y: 140 }

/** The notes of a private board, top to bottom, then left to right. */
export function privateNotesOf(doc: Y.Doc): TLShape[] {
  return [...readBoardRecords(doc).values()]
    .filter((record): record is TLShape => record.typeName === 'shape' && record.type === 'note')
    .sort((a, b) => a.y - b.y || a.x - b.x)
}

/**
 * Lays the notes out on the shared board: inside `frameId` when given (as its children), else on
 * the page where the notes were written, from their top-left. `byPerson` gives each person's
 * notes a row of their own (wrapping within the frame's width); `shuffled` mixes everyone's.
 */
export function layOutReveal(
  shared: Y.Doc,
  people: readonly PrivateNotes[],
  frameId: string | null,
  arrangement: RevealArrangement,
  random: () => number = Math.random,
): TLShape[] {
  const records = readBoardRecords(shared)
  const frame = frameId === null ? undefined : records.get(frameId)
  const all = people.flatMap(({ notes }) => notes)
  if (all.length === 0) return []
  const inFrame = frame?.typeName === 'shape' && frame.type === 'frame' ? frame : null
  const width = inFrame === null ? 6 * cell : Math.max(cell, (inFrame.props as { w: number }).w - 2 * frameInset.x)
  const columns = Math.max(1, Math.floor(width / cell))
  const origin = inFrame === null ? { x: Math.min(...all.map((note) => note.x)), y: Math.min(...all.map((note) => note.y)) } : frameInset
  const rows: TLShape[][] = arrangement === 'byPerson' ? people.map(({ notes }) => [...notes]) : [shuffle(all, random)]
  const placed: TLShape[] = []
  let row = 0
  for (const group of rows) {
    if (group.length === 0) continue
    group.forEach((note, index) => {
      placed.push({
        ...note,
        parentId: inFrame?.id ?? note.parentId,
        x: origin.x + (index % columns) * cell,
        y: origin.y + (row + Math.floor(index / columns)) * cell,
      } as TLShape)
    })
    row += Math.ceil(group.length / columns)
  }
  return placed
}

/** Puts the revealed notes on the shared board; returns their keys (for the board's history). */
export function writeRevealed(shared: Y.Doc, notes: readonly TLShape[]): string[] {
  putBoardRecords(shared, notes as TLRecord[])
  return notes.map((note) => note.id)
}

/** Takes the revealed notes off a private board; returns the keys it deleted. */
export function clearRevealed(privateDoc: Y.Doc, noteIds: readonly string[]): string[] {
  const map = openRecordMap(privateDoc)
  try {
    const present = noteIds.filter((id) => map.records.has(id))
    privateDoc.transact(() => {
      for (const id of present) map.records.delete(id)
    })
    return present
  } finally {
    map.dispose()
  }
}

function shuffle<T>(items: readonly T[], random: () => number): T[] {
  const mixed = [...items]
  for (let index = mixed.length - 1; index > 0; index--) {
    const other = Math.floor(random() * (index + 1))
    ;[mixed[index], mixed[other]] = [mixed[other] as T, mixed[index] as T]
  }
  return mixed
}
