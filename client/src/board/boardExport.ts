// PNG and SVG of a whole board or one frame, drawn by tldraw's own export
// (editor.toImage through exportAs), so the file looks as the board does. The
// fonts it embeds come from our own /tldraw-assets (BoardCanvas sets the asset
// URLs) and images from our own asset routes: nothing is fetched from another host.
import { exportAs, type Editor, type TLFrameShape, type TLShapeId } from 'tldraw'

export type BoardImageFormat = 'png' | 'svg'

/** The frame that is the whole selection, or null: "Eksporter rammen" is offered only then. */
export function selectedFrame(editor: Editor): TLFrameShape | null {
  const only = editor.getOnlySelectedShape()
  return only !== null && editor.isShapeOfType(only, 'frame') ? only : null
}

/** The shapes a board export covers: everything on the page, or one frame (with what is inside it). */
export function exportShapeIds(editor: Editor, frame: TLFrameShape | null): TLShapeId[] {
  return frame === null ? [...editor.getCurrentPageShapeIds()] : [frame.id]
}

/**
 * A file name from a board's or frame's name: no characters that file systems
 * refuse, no leading dots, at most 100 characters; `fallback` when nothing is left.
 * @example exportFileName('Kartlegge aktører / Grue', 'tavle') // 'Kartlegge aktører - Grue'
 */
export function exportFileName(name: string, fallback: string): string {
  const cleaned = name
    .normalize('NFC')
    // eslint-disable-next-line no-control-regex -- control characters are exactly what must go
    .replace(/[\u0000-\u001f\u007f<>:"/\\|?*]+/g, ' - ')
    .replace(/\s+/g, ' ')
    .replace(/^[\s.-]+|[\s.-]+$/g, '')
    .slice(0, 100)
    .trim()
  return cleaned === '' ? fallback : cleaned
}

/**
 * Downloads the board (or `frame`) as `format`, with the board's background.
 * Resolves false when there is nothing to export (an empty board).
 */
export async function exportBoardImage(
  editor: Editor,
  options: { format: BoardImageFormat; frame: TLFrameShape | null; name: string },
): Promise<boolean> {
  const ids = exportShapeIds(editor, options.frame)
  if (ids.length === 0) return false
  // tldraw's own bounds and padding: a frame comes out as the frame, a board as its content.
  await exportAs(editor, ids, { format: options.format, name: options.name, background: true })
  return true
}
