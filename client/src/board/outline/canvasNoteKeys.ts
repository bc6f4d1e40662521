import { startEditingShapeWithRichText, unsafe__withoutCapture, type Editor, type TLEventInfo, type TLShapeId } from 'tldraw'
import { outlineOf, placeOfNote, type BoardOutline, type NotePlace } from './boardOutline.ts'
import type { BoardNotes } from './BoardNotes.ts'

/**
 * The canvas's keys for notes, beside tldraw's own (documented in the "Tastatur" help):
 * - Shift+N, or N (tldraw's note tool) then Enter: a new note in the selected frame or area, or
 *   beside the selected note, else in the frame in the middle of the screen; writing starts on it.
 * - Alt+N and Alt+Shift+N: the next and previous note in reading order (frame by frame).
 * Returns the function that stops listening.
 */
export function listenForNoteKeys(editor: Editor, notes: BoardNotes): () => void {
  // The note is made when the key goes up: made on the way down, the writing would start in time
  // for the key's own character ("N") to land on the note.
  let newNoteOnKeyUp: string | null = null
  const onEvent = (info: TLEventInfo) => {
    if (info.type !== 'keyboard' || info.accelKey) return
    if (info.name === 'key_up') {
      if (newNoteOnKeyUp === info.code) addNoteAndWrite(editor, notes)
      if (newNoteOnKeyUp === info.code) newNoteOnKeyUp = null
      return
    }
    if (info.name !== 'key_down') return
    const isN = info.code === 'KeyN' || info.key.toLowerCase() === 'n'
    if ((isN && info.shiftKey && !info.altKey) || (info.key === 'Enter' && !info.shiftKey && !info.altKey && editor.getCurrentToolId() === 'note')) {
      newNoteOnKeyUp = info.code
    } else if (isN && info.altKey) {
      selectAdjacentNote(editor, info.shiftKey ? -1 : 1)
    }
  }
  editor.on('event', onEvent)
  return () => editor.off('event', onEvent)
}

function currentOutline(editor: Editor): BoardOutline {
  return unsafe__withoutCapture(() => outlineOf(editor.store.allRecords()))
}

/** Adds an empty note where the selection (or the middle of the screen) says, and starts writing on it. */
export function addNoteAndWrite(editor: Editor, notes: BoardNotes): TLShapeId | null {
  if (!notes.canAdd()) return null
  const id = notes.add(placeForSelection(editor, currentOutline(editor)), '')
  if (id === null) return null
  editor.setCurrentTool('select')
  editor.select(id)
  editor.zoomToSelectionIfOffscreen(64)
  startEditingShapeWithRichText(editor, id, { selectAll: true })
  return id
}

/** Selects the note after (1) or before (-1) the selected one in reading order, going round, and brings it into view. */
export function selectAdjacentNote(editor: Editor, direction: 1 | -1): TLShapeId | null {
  const order = currentOutline(editor).readingOrder
  if (order.length === 0) return null
  const selected = editor.getOnlySelectedShapeId()
  const index = selected === null ? -1 : order.indexOf(selected)
  const next = index === -1 ? (direction === 1 ? order[0] : order.at(-1)) : order[(index + direction + order.length) % order.length]
  if (next === undefined) return null
  const id = next as TLShapeId
  editor.setCurrentTool('select')
  editor.select(id)
  editor.zoomToSelectionIfOffscreen(64)
  return id
}

/**
 * Where a note added from the keyboard goes: in the selected frame or area, beside the selected
 * note (in its area), in the frame a selected shape is in, else in the frame (and area) in the
 * middle of the screen, else outside the frames.
 */
export function placeForSelection(editor: Editor, outline: BoardOutline): NotePlace {
  const selected = editor.getOnlySelectedShape()
  if (selected !== null) {
    const ofNote = placeOfNote(outline, selected.id)
    if (ofNote !== null) return ofNote
    for (const section of outline.sections) {
      if (section.id === selected.id) return { frameId: section.id, areaId: null }
      if (section.areas.some((area) => area.id === selected.id)) return { frameId: section.id, areaId: selected.id }
    }
    const frame = editor.findShapeAncestor(selected, (parent) => parent.type === 'frame')
    if (frame !== undefined) return { frameId: frame.id, areaId: null }
  }
  const { x, y } = editor.getViewportPageBounds().center
  const inside = (box: { x: number; y: number; w: number; h: number } | null) => box !== null && x >= box.x && x <= box.x + box.w && y >= box.y && y <= box.y + box.h
  const section = outline.sections.filter((candidate) => candidate.id !== null && inside(candidate.bounds)).at(-1)
  if (section === undefined) return { frameId: null, areaId: null }
  return { frameId: section.id, areaId: section.areas.find((area) => inside(area.bounds))?.id ?? null }
}
