import { createContext, useContext } from 'react'
import type { BoardNotes } from '../../../board/outline/BoardNotes.ts'
import type { BoardOutline, NotePlace } from '../../../board/outline/boardOutline.ts'

/** What every part of the board's list works with. */
export interface OutlineTools {
  outline: BoardOutline
  notes: BoardNotes
  /** Says something politely to screen readers (what just happened). */
  announce(message: string): void
  /** Moves the focus to the item of a shape once the list shows it; null: to the list's heading. */
  focusLater(shapeId: string | null): void
  /** The name of a place as the list shows it ("Stille idémyldring", or an area's first line). */
  placeName(place: NotePlace): string
}

export const OutlineToolsContext = createContext<OutlineTools | null>(null)

export function useOutlineTools(): OutlineTools {
  const tools = useContext(OutlineToolsContext)
  if (tools === null) throw new Error('useOutlineTools outside the board list')
  return tools
}
