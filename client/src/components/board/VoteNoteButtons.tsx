import { useRef, type MouseEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { Box, useEditor, usePassThroughWheelEvents, useValue, type Editor } from 'tldraw'
import { inReadingOrder, type Rect } from '../../board/dotLayout.ts'
import { noteText } from '../../board/voteNotes.ts'
import type { BoardVote, BoardVoteView } from '../../workshop/BoardVote.ts'

/** The take-back button's size in screen pixels, and its distance from the note's top-right corner. */
const takeBackSize = 32
const takeBackInset = 4

interface NoteOnScreen {
  id: string
  text: string
  /** Where it is in the canvas's viewport, in screen pixels. */
  rect: Rect
}

/** The notes of the page that are in view, in reading order. */
function notesOnScreen(editor: Editor): NoteOnScreen[] {
  const viewport = editor.getViewportPageBounds()
  const zoom = editor.getZoomLevel()
  const notes: NoteOnScreen[] = []
  for (const shape of editor.getCurrentPageShapes()) {
    if (shape.type !== 'note') continue
    const bounds = editor.getShapePageBounds(shape)
    if (bounds === undefined || !Box.Collides(bounds, viewport)) continue
    const corner = editor.pageToViewport({ x: bounds.minX, y: bounds.minY })
    notes.push({ id: shape.id, text: noteText(shape), rect: { x: corner.x, y: corner.y, w: bounds.w * zoom, h: bounds.h * zoom } })
  }
  return inReadingOrder(notes)
}

/**
 * While a participant votes, a button over each note in view: a click, a tap, or Enter or Space
 * on it gives the note a dot (Shift+click takes one back), and a small − on a note with their
 * dots takes one back. The buttons follow each other in reading order, so Tab goes from note to
 * note; the wheel still moves the board.
 */
export function VoteNoteButtons({ vote, view }: { vote: BoardVote; view: BoardVoteView }) {
  const { t } = useTranslation()
  const editor = useEditor()
  const layer = useRef<HTMLDivElement>(null)
  usePassThroughWheelEvents(layer)
  const notes = useValue('vote notes on screen', () => notesOnScreen(editor), [editor])
  const onNote = (event: MouseEvent, noteId: string) => void (event.shiftKey ? vote.uncast(noteId) : vote.cast(noteId))
  return (
    <div ref={layer} className="vote-notes" role="group" aria-label={t('vote.notesLabel')} data-testid="vote-notes">
      {notes.map(({ id, text, rect }) => {
        const mine = view.mine[id] ?? 0
        const name = text === '' ? t('vote.emptyNote') : text
        const label = t('vote.castLabel', { text: name }) + (mine > 0 ? `, ${t('vote.yourDots', { count: mine })}` : '')
        return (
          <div key={id} className="vote-notes__note">
            <button
              type="button"
              className="vote-notes__cast"
              style={{ left: rect.x, top: rect.y, width: rect.w, height: rect.h }}
              aria-label={label}
              data-testid="vote-note"
              data-note-id={id}
              data-mine={mine}
              onClick={(event) => onNote(event, id)}
            />
            {mine > 0 && (
              <button
                type="button"
                className="vote-notes__take-back"
                style={{ ...takeBackPlace(rect), width: takeBackSize, height: takeBackSize }}
                aria-label={t('vote.uncastLabel', { text: name })}
                title={t('vote.uncast')}
                data-testid="vote-take-back"
                onClick={() => void vote.uncast(id)}
              >
                <span aria-hidden="true">−</span>
              </button>
            )}
          </div>
        )
      })}
    </div>
  )
}

/**
 * Where a note's take-back button goes: inside its top-right corner when the note is large
 * enough to leave most of itself to tap for another dot, else just outside its right edge (a
 * phone showing a whole board draws notes barely bigger than the button).
 */
function takeBackPlace(rect: { x: number; y: number; w: number; h: number }): { left: number; top: number } {
  const roomy = rect.w >= 3 * takeBackSize && rect.h >= 3 * takeBackSize
  return roomy ? { left: rect.x + rect.w - takeBackSize - takeBackInset, top: rect.y + takeBackInset } : { left: rect.x + rect.w + takeBackInset, top: rect.y }
}
