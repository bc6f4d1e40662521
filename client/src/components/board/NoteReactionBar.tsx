import { createContext, useContext, useEffect, useRef, type KeyboardEvent, type MouseEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { useEditor, useValue, type Editor, type TLShapeId } from 'tldraw'
import { hasReacted, noteReactions, reactionCounts, reactionEmoji, type NoteReaction } from '../../../../shared/src/board/noteReactions.ts'
import { toggleNoteReaction } from '../../board/noteReactionToggle.ts'

/** The person id this browser reacts as (their session's, or the device's on a free board); null for observers. */
export const NoteReactorContext = createContext<string | null>(null)

/** Screen pixels between the note and the bar: room for the note's "add a note" handles. */
const gap = 36
/** Half the bar's width, near enough, to keep it on screen. */
const halfWidth = 150

/**
 * The reactions of the selected note, to give and take back: a row of buttons above the note (below
 * it when there is no room above), in tldraw's layer in front of the canvas. Shown while one note is
 * selected and the board can be changed by this person.
 *
 * Keyboard: with a note selected, Tab goes into its reactions (where tldraw would go on to the next
 * shape), Tab and Shift+Tab move between them, Enter or Space gives or takes back one, Tab on the
 * last goes on to the next shape and Shift+Tab on the first back to the note.
 */
export function NoteReactionBar() {
  const editor = useEditor()
  const personId = useContext(NoteReactorContext)
  const noteId = useValue(
    'reaction bar note',
    () => {
      if (personId === null || editor.getIsReadonly() || !editor.isInAny('select.idle', 'select.pointing_shape')) return null
      const only = editor.getOnlySelectedShape()
      return only?.type === 'note' ? only.id : null
    },
    [editor, personId],
  )
  if (noteId === null || personId === null) return null
  return <ReactionButtons key={noteId} editor={editor} noteId={noteId} personId={personId} />
}

function ReactionButtons({ editor, noteId, personId }: { editor: Editor; noteId: TLShapeId; personId: string }) {
  const { t } = useTranslation()
  const bar = useRef<HTMLDivElement>(null)
  /** Set when focus goes back to the note on Shift+Tab: tldraw must not take that key's release as "previous shape". */
  const swallowTabRelease = useRef(false)
  const note = useValue('reaction bar record', () => editor.getShape(noteId), [editor, noteId])
  const place = useValue(
    'reaction bar place',
    () => {
      const bounds = editor.getShapePageBounds(noteId)
      if (bounds === undefined) return null
      const top = editor.pageToViewport({ x: bounds.midX, y: bounds.minY })
      const bottom = editor.pageToViewport({ x: bounds.midX, y: bounds.maxY })
      const viewport = editor.getViewportScreenBounds()
      const above = top.y - gap > 56
      const x = Math.min(Math.max(top.x, halfWidth), Math.max(halfWidth, viewport.w - halfWidth))
      return { x, y: above ? top.y - gap : bottom.y + gap, above }
    },
    [editor, noteId],
  )

  useEffect(() => {
    const container = editor.getContainer()
    const page = container.ownerDocument
    // Ahead of tldraw's own handler on the container, which takes Tab to the next shape.
    const onKeyDown = (event: globalThis.KeyboardEvent) => {
      if (event.key !== 'Tab' || event.shiftKey || event.altKey || event.ctrlKey || event.metaKey) return
      if (page.activeElement !== container) return
      const first = bar.current?.querySelector('button')
      if (!first) return
      event.preventDefault()
      event.stopPropagation()
      first.focus()
    }
    const onKeyUp = (event: globalThis.KeyboardEvent) => {
      if (event.key !== 'Tab' || !swallowTabRelease.current) return
      swallowTabRelease.current = false
      event.stopPropagation()
    }
    page.addEventListener('keydown', onKeyDown, true)
    page.addEventListener('keyup', onKeyUp, true)
    return () => {
      page.removeEventListener('keydown', onKeyDown, true)
      page.removeEventListener('keyup', onKeyUp, true)
    }
  }, [editor])

  if (note?.type !== 'note' || place === null) return null
  const counts = reactionCounts(note)

  const onKeyDown = (event: KeyboardEvent<HTMLButtonElement>, index: number) => {
    if (event.key !== 'Tab' || event.altKey || event.ctrlKey || event.metaKey) return
    const last = index === noteReactions.length - 1
    if (event.shiftKey ? index !== 0 : !last) return
    // Out of the bar, back to the canvas: on its release, tldraw takes Tab to the next shape.
    event.preventDefault()
    swallowTabRelease.current = event.shiftKey
    editor.getContainer().focus()
  }
  const onClick = (event: MouseEvent<HTMLButtonElement>, reaction: NoteReaction) => {
    toggleNoteReaction(editor, noteId, reaction, personId)
    // A click leaves the keys to the board (Delete, arrows…); Enter or Space keeps the focus here.
    if (event.detail > 0) editor.getContainer().focus()
  }

  return (
    <div
      ref={bar}
      role="group"
      aria-label={t('reactions.bar')}
      className={`note-reaction-bar note-reaction-bar--${place.above ? 'above' : 'below'}`}
      data-testid="note-reaction-bar"
      style={{ left: place.x, top: place.y }}
    >
      {noteReactions.map((reaction, index) => {
        const count = counts[reaction] ?? 0
        const mine = hasReacted(note, reaction, personId)
        const label = t(mine ? 'reactions.buttonMine' : 'reactions.button', { reaction: t(`reactions.${reaction}`), count })
        return (
          <button
            key={reaction}
            type="button"
            className="note-reaction-bar__button"
            data-reaction={reaction}
            aria-pressed={mine}
            aria-label={label}
            title={label}
            onClick={(event) => onClick(event, reaction)}
            onKeyDown={(event) => onKeyDown(event, index)}
          >
            <span aria-hidden="true">{reactionEmoji[reaction]}</span>
            {count > 0 && (
              <span aria-hidden="true" className="note-reaction-bar__count">
                {count}
              </span>
            )}
          </button>
        )
      })}
    </div>
  )
}
