import type { Editor } from 'tldraw'

/** The part of tldraw's editor that placing the camera needs (tests pass a stand-in). */
export type BoardCamera = Pick<Editor, 'getCurrentPageBounds' | 'zoomToBounds'>

/**
 * Shows the whole board when it opens: step boards built from templates are larger than
 * the screen, and tldraw starts at 100 % at the origin, which cuts off their title (on a
 * phone, most of the board). Never zooms in past 100 %, so a board with one small note is
 * not blown up. Does nothing on an empty board. Call it once, when the editor mounts; the
 * camera is then the person's own, and later remote changes do not move it.
 * Returns whether it moved the camera.
 */
export function showWholeBoard(editor: BoardCamera): boolean {
  const bounds = editor.getCurrentPageBounds()
  if (bounds === undefined || bounds.w <= 0 || bounds.h <= 0) return false
  editor.zoomToBounds(bounds, { targetZoom: 1, animation: { duration: 0 } })
  return true
}
