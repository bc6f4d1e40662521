import { Box, clamp, createShapeId, startEditingShapeWithRichText, type Editor, type TLNoteShape, type TLShapeId } from 'tldraw'
import { boardFrames, frameInView } from './boardCamera.ts'

/**
 * Puts a new sticky note in the middle of what the person sees and starts writing on it, as
 * tldraw's note tool does where one clicks: on a phone this is one tap on "Ny lapp", with no
 * second tap to aim. Made at its middle (see placeInView), the note lands in the frame there
 * (tldraw parents a new shape to the frame under its point), then is centred on it. Returns the
 * note's id, or null when the board is read-only for this person.
 */
export function addNoteInView(editor: Editor): TLShapeId | null {
  if (editor.getIsReadonly()) return null
  const viewport = editor.getViewportPageBounds()
  const centre = placeInView(editor, viewport)
  const id = createShapeId()
  editor.markHistoryStoppingPoint('add note in view')
  editor.run(() => {
    editor.createShape<TLNoteShape>({ id, type: 'note', x: centre.x, y: centre.y, props: { scale: editor.getResizeScaleFactor() } })
    const note = editor.getShape<TLNoteShape>(id)
    if (note === undefined) return
    const { width, height } = editor.getShapeGeometry(note).bounds
    editor.updateShape<TLNoteShape>({ id, type: 'note', x: note.x - width / 2, y: note.y - height / 2 })
  })
  if (editor.getShape(id) === undefined) return null
  editor.setCurrentTool('select')
  editor.select(id)
  startEditingShapeWithRichText(editor, id, { selectAll: true })
  return id
}

/** A note's side before it grows, in page units at scale 1 (tldraw's NOTE_SIZE). */
const noteSide = 200

/**
 * Where the new note's middle goes: the middle of the screen, moved as little as needed for the
 * whole note to lie in the part of the frame in view (see frameInView) that is on the screen: a
 * narrow frame shown at 100 % on a phone is narrower than the screen, a short one ends above its
 * middle. Made there, the note lands in that frame.
 */
function placeInView(editor: Editor, viewport: Box): { x: number; y: number } {
  const centre = viewport.center
  const frame = frameInView(boardFrames(editor), viewport)
  if (frame === null) return centre
  const visible = intersection(Box.From(frame.bounds), viewport)
  const half = (noteSide * editor.getResizeScaleFactor()) / 2 + 8
  const within = (low: number, high: number, value: number) => (high - low < 2 * half ? (low + high) / 2 : clamp(value, low + half, high - half))
  return { x: within(visible.minX, visible.maxX, centre.x), y: within(visible.minY, visible.maxY, centre.y) }
}

function intersection(a: Box, b: Box): Box {
  const minX = Math.max(a.minX, b.minX)
  const minY = Math.max(a.minY, b.minY)
  return new Box(minX, minY, Math.max(0, Math.min(a.maxX, b.maxX) - minX), Math.max(0, Math.min(a.maxY, b.maxY) - minY))
}
