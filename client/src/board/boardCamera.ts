import type { BoxLike, Editor, TLFrameShape, TLShapeId, VecLike } from 'tldraw'

/** The part of tldraw's editor that placing the camera needs (tests pass a stand-in). */
export type BoardCamera = Pick<Editor, 'getCurrentPageBounds' | 'getViewportScreenBounds' | 'setCamera'>

/** What showing one frame needs: the screen's size and moving the camera. */
export type FrameCamera = Pick<Editor, 'getViewportScreenBounds' | 'setCamera'>

/**
 * The least zoom at which a template board's smallest text (tldraw's small size, 18 px: the
 * instructions, the labels of areas and the challenge's notes) shows at 12 CSS px.
 */
export const legibleZoom = 12 / 18
/**
 * Room left of a frame shown on the screen, and above it for tldraw's top panels (the menu and the
 * frame switcher, about 52 px) and the frame's heading (24 px).
 */
const frameMargin = { side: 4, top: 84 }

/** A frame of the board: its id, its name and where it is on the page. */
export interface BoardFrame {
  id: TLShapeId
  name: string
  bounds: BoxLike
}

/**
 * Shows the board when it opens: step boards built from templates are larger than the screen,
 * and tldraw starts at 100 % at the origin, which cuts off their title. See boardView. Does
 * nothing on an empty board. Call it once, when the editor mounts; the camera is then the
 * person's own, and later remote changes do not move it. Returns whether it moved the camera.
 */
export function showWholeBoard(editor: BoardCamera): boolean {
  const bounds = editor.getCurrentPageBounds()
  if (bounds === undefined || bounds.w <= 0 || bounds.h <= 0) return false
  editor.setCamera(boardView(bounds, editor.getViewportScreenBounds()), { immediate: true })
  return true
}

/**
 * The camera that opens a board on a screen: the whole board, centred, when its text is
 * legible so (never zoomed in past 100 %, so a board with one small note is not blown up);
 * otherwise the legible zoom from the board's top-left corner, where a template's first frame
 * and its instruction are, with the rest a pan or the frame switcher away.
 */
export function boardView(board: BoxLike, screen: { w: number; h: number }): VecLike & { z: number } {
  const room = { w: screen.w - 2 * frameMargin.side, h: screen.h - frameMargin.top - frameMargin.side }
  const fitted = Math.min(1, room.w / board.w, room.h / board.h)
  if (fitted < legibleZoom) {
    return { x: frameMargin.side / legibleZoom - board.x, y: frameMargin.top / legibleZoom - board.y, z: legibleZoom }
  }
  return {
    x: (frameMargin.side + (room.w - board.w * fitted) / 2) / fitted - board.x,
    y: (frameMargin.top + (room.h - board.h * fitted) / 2) / fitted - board.y,
    z: fitted,
  }
}

/**
 * The camera that shows `frame` on a screen `screenWidth` wide: the frame fitted to the width
 * (never past 100 %), its heading just below the top edge. A frame too wide to fit at a
 * legible zoom is shown at that zoom from its top-left corner, where its title and
 * instruction are, and the rest is a pan away: text the person cannot read helps nobody.
 */
export function frameView(frame: BoxLike, screenWidth: number): VecLike & { z: number } {
  const fitted = Math.min(1, (screenWidth - 2 * frameMargin.side) / frame.w)
  const z = Math.max(fitted, legibleZoom)
  return { x: frameMargin.side / z - frame.x, y: frameMargin.top / z - frame.y, z }
}

/** Moves the camera to `frame` (see frameView); `animate` glides there unless the person asked for less motion. */
export function showFrame(editor: FrameCamera, frame: BoardFrame, animate = false): void {
  const view = frameView(frame.bounds, editor.getViewportScreenBounds().w)
  editor.setCamera(view, animate ? { animation: { duration: 240 } } : { immediate: true })
}

/** The frames on the board's page in the order they were laid out (a template's reading order). */
export function boardFrames(editor: Editor): BoardFrame[] {
  return editor
    .getSortedChildIdsForParent(editor.getCurrentPageId())
    .map((id) => editor.getShape(id))
    .filter((shape): shape is TLFrameShape => shape !== undefined && editor.isShapeOfType<TLFrameShape>(shape, 'frame'))
    .flatMap((frame) => {
      const bounds = editor.getShapePageBounds(frame)
      return bounds === undefined ? [] : [{ id: frame.id, name: frame.props.name.trim(), bounds }]
    })
}

/**
 * Where a board opens. On a phone, its first frame, fitted to the width (see frameView): the
 * whole of a step's board would be a few hundred pixels wide there, its text too small to read.
 * Elsewhere, or on a board without frames, the board as boardView shows it: whole where that is
 * legible, from its top-left corner at the legible zoom where it is not.
 */
export function showOpeningView(editor: Editor, narrow: boolean): void {
  const first = narrow ? boardFrames(editor)[0] : undefined
  if (first === undefined) showWholeBoard(editor)
  else showFrame(editor, first)
}

/**
 * The frame the person is looking at: the first, in reading order, whose top-left corner (its
 * heading, its instruction) is on the screen; else the one that fills most of it; null when none is.
 */
export function frameInView(frames: readonly BoardFrame[], viewport: BoxLike): BoardFrame | null {
  const inside = (x: number, y: number) => x >= viewport.x && x <= viewport.x + viewport.w && y >= viewport.y && y <= viewport.y + viewport.h
  const headed = frames.find(({ bounds }) => inside(bounds.x, bounds.y))
  if (headed !== undefined) return headed
  let best: BoardFrame | null = null
  let bestArea = 0
  for (const frame of frames) {
    const b = frame.bounds
    const w = Math.min(b.x + b.w, viewport.x + viewport.w) - Math.max(b.x, viewport.x)
    const h = Math.min(b.y + b.h, viewport.y + viewport.h) - Math.max(b.y, viewport.y)
    if (w > 0 && h > 0 && w * h > bestArea) {
      best = frame
      bestArea = w * h
    }
  }
  return best
}
