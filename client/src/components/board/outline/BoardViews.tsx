import { useCallback, useEffect, useState, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { unsafe__withoutCapture, type Editor, type TLShapeId } from 'tldraw'
import type { BoardConnection } from '../../../board/BoardConnection.ts'
import { BoardNotes } from '../../../board/outline/BoardNotes.ts'
import { outlineItemFor, outlineOf } from '../../../board/outline/boardOutline.ts'
import { listenForNoteKeys } from '../../../board/outline/canvasNoteKeys.ts'
import { BoardOutlineView } from './BoardOutlineView.tsx'
import { KeyboardHelp } from './KeyboardHelp.tsx'

export interface BoardViewsProps {
  connection: BoardConnection
  /** Hears of the canvas's editor too (the room's guide). */
  onEditor(editor: Editor | null): void
  /** The canvas, given the function that hears of its editor. */
  canvas(onEditor: (editor: Editor | null) => void): ReactNode
}

/**
 * The board shown as the canvas or as a list, switched at any time without losing one's place:
 * the list opens at the note, area or frame selected (or in view) on the canvas, and the canvas
 * comes back selecting and showing the one last focused in the list. The canvas stays mounted
 * behind the list, so the list writes through its editor. Also gives the canvas its keys for notes.
 */
export function BoardViews({ connection, onEditor, canvas }: BoardViewsProps) {
  const { t } = useTranslation()
  const [editor, setEditor] = useState<Editor | null>(null)
  const [view, setView] = useState<'canvas' | 'list'>('canvas')
  const [startAt, setStartAt] = useState<string | null>(null)
  const [place, setPlace] = useState<string | null>(null)
  /** Set when the person goes back to the canvas: what to show there. */
  const [returning, setReturning] = useState<{ place: string | null } | null>(null)
  const hearEditor = useCallback(
    (mounted: Editor | null) => {
      setEditor(mounted)
      onEditor(mounted)
    },
    [onEditor],
  )
  useEffect(() => (editor === null ? undefined : listenForNoteKeys(editor, new BoardNotes(editor, connection))), [editor, connection])

  const showList = () => {
    if (view === 'list' || editor === null) return
    const outline = unsafe__withoutCapture(() => outlineOf(editor.store.allRecords()))
    const viewport = editor.getViewportPageBounds()
    setStartAt(outlineItemFor(outline, editor.getSelectedShapeIds(), { x: viewport.x, y: viewport.y, w: viewport.w, h: viewport.h }))
    setPlace(null)
    // The canvas keeps no keyboard focus behind the list (its Delete would delete its selection).
    editor.blur()
    setView('list')
  }
  const showCanvas = () => {
    if (view === 'canvas') return
    setReturning({ place })
    setView('canvas')
  }
  // Back on the canvas: the item last focused in the list is selected and shown, and the keys go to the canvas.
  useEffect(() => {
    if (view !== 'canvas' || editor === null || returning === null) return
    setReturning(null)
    editor.updateViewportScreenBounds(editor.getContainer())
    const shape = returning.place === null ? undefined : editor.getShape(returning.place as TLShapeId)
    if (shape !== undefined) {
      editor.setCurrentTool('select')
      editor.select(shape.id)
      const bounds = editor.getSelectionPageBounds()
      if (bounds !== null) editor.zoomToBounds(bounds, { targetZoom: 1, inset: 32, animation: { duration: 0 } })
    }
    editor.focus()
  }, [view, editor, returning])

  return (
    <div className="board-views">
      <div className="board-views__bar">
        <div className="board-views__switch" role="group" aria-label={t('outline.views')}>
          <button type="button" aria-pressed={view === 'canvas'} data-testid="show-canvas" onClick={showCanvas}>
            {t('outline.canvas')}
          </button>
          <button type="button" aria-pressed={view === 'list'} data-testid="show-list" disabled={editor === null} onClick={showList}>
            {t('outline.list')}
          </button>
        </div>
        <KeyboardHelp />
      </div>
      <div className="board-views__body">
        <div hidden={view === 'list'}>{canvas(hearEditor)}</div>
        {view === 'list' && editor !== null && <BoardOutlineView editor={editor} connection={connection} startAt={startAt} onPlace={setPlace} />}
      </div>
    </div>
  )
}
