import { useCallback, useEffect, useId, useMemo, useRef, useState, type FocusEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { useValue, type Editor } from 'tldraw'
import type { BoardConnection } from '../../../board/BoardConnection.ts'
import { BoardNotes } from '../../../board/outline/BoardNotes.ts'
import { placeOfNote, placeTitle, type BoardOutline, type NotePlace, type OutlineNote } from '../../../board/outline/boardOutline.ts'
import { useBoardOutline } from '../../../hooks/useBoardOutline.ts'
import { LiveAnnouncer } from '../../LiveAnnouncer.tsx'
import { OutlineToolsContext, type OutlineTools } from './OutlineContext.ts'
import { OutlineSectionView } from './OutlineSectionView.tsx'
import '../../../styles/outline.css'

export interface BoardOutlineViewProps {
  editor: Editor
  connection: BoardConnection
  /** The shape whose item gets the focus first (the one selected or in view on the canvas), or null for the list's heading. */
  startAt: string | null
  /** Told of the shape whose item has the focus, to show it when the person goes back to the canvas. */
  onPlace(shapeId: string | null): void
}

/** The focus target that stands for the list's own heading (no shape has this id). */
const headingTarget = 'heading'

/**
 * The board as a list, for keyboards, screen readers and small screens: frames and areas as
 * headings, their notes as lists, and adding, rewriting, moving and deleting notes through the
 * editor under the board's rules (BoardNotes). Notes others add are announced politely.
 */
export function BoardOutlineView({ editor, connection, startAt, onPlace }: BoardOutlineViewProps) {
  const { t } = useTranslation()
  const headingId = useId()
  const root = useRef<HTMLElement>(null)
  // Each message counts, the same words twice included ("Lagret" after a second save): a live
  // region reads only a change, so every other message carries an invisible no-break space.
  const [message, setMessageState] = useState({ text: '', serial: 0 })
  const setMessage = useCallback((text: string) => setMessageState((last) => ({ text: last.serial % 2 === 0 ? `${text}\u00a0` : text, serial: last.serial + 1 })), [])
  /** The item the focus goes to once the list shows it: a shape's id, 'heading', or nothing to do. */
  const [focusTarget, setFocusTarget] = useState<string | null>(startAt)
  const focusLater = useCallback((shapeId: string | null) => setFocusTarget(shapeId ?? headingTarget), [])
  const notes = useMemo(() => new BoardNotes(editor, connection), [editor, connection])
  // The rules' answers change with the board's mode and whether it is read-only now: draw again then.
  const readonly = useValue('outlineReadonly', () => editor.getIsReadonly(), [editor])
  useValue('outlineBoardMode', () => connection.$boardMode.get(), [connection])

  const nameOf = useCallback(
    (outline: BoardOutline, place: NotePlace): string =>
      placeTitle(outline, place) ??
      (place.frameId !== null ? t('outline.unnamedFrame') : outline.sections.length > 1 ? t('outline.outside') : t('outline.wholeBoard')),
    [t],
  )
  const tellNews = useCallback(
    (fresh: readonly OutlineNote[], outline: BoardOutline) => {
      const [only] = fresh
      if (fresh.length > 1 || only === undefined) {
        setMessage(t('outline.newNotes', { count: fresh.length }))
        return
      }
      const who = only.authorName ?? t('outline.someone')
      const place = placeOfNote(outline, only.id)
      setMessage(place === null ? t('outline.newNoteNoPlace', { who, text: only.text }) : t('outline.newNote', { who, place: nameOf(outline, place), text: only.text }))
    },
    [t, nameOf, setMessage],
  )
  const outline = useBoardOutline(editor, connection, tellNews)
  const placeName = useCallback((place: NotePlace): string => (outline === null ? '' : nameOf(outline, place)), [outline, nameOf])
  const tools = useMemo<OutlineTools | null>(
    () => (outline === null ? null : { outline, notes, announce: setMessage, focusLater, placeName }),
    [outline, notes, placeName, setMessage, focusLater],
  )

  // The focus goes to the item asked for once the list shows it (a note just added shows a moment later).
  useEffect(() => {
    if (focusTarget === null || outline === null) return
    const item =
      focusTarget === headingTarget
        ? root.current?.querySelector<HTMLElement>('h2')
        : root.current?.querySelector<HTMLElement>(`[data-shape-id="${CSS.escape(focusTarget)}"]`)
    if (item) {
      item.focus()
      setFocusTarget(null)
    }
  }, [focusTarget, outline])
  useEffect(() => {
    if (startAt === null) root.current?.querySelector<HTMLElement>('h2')?.focus()
  }, [startAt])
  // A note that moved to another area is drawn anew there: the focus follows it instead of falling to the page.
  const lastFocused = useRef<string | null>(null)
  useEffect(() => {
    if (outline === null || document.activeElement !== document.body || lastFocused.current === null) return
    root.current?.querySelector<HTMLElement>(`[data-shape-id="${CSS.escape(lastFocused.current)}"]`)?.focus()
  }, [outline])

  const trackFocus = (event: FocusEvent) => {
    const shapeId = (event.target as Element).closest('[data-shape-id]')?.getAttribute('data-shape-id') ?? null
    lastFocused.current = shapeId
    onPlace(shapeId)
  }

  return (
    <section ref={root} className="board-outline" aria-labelledby={headingId} data-testid="board-outline" onFocus={trackFocus}>
      <h2 id={headingId} tabIndex={-1}>
        {t('outline.heading')}
      </h2>
      <p className="board-outline__intro">{t('outline.intro')}</p>
      {readonly && <p className="notice">{t('outline.readonly')}</p>}
      <LiveAnnouncer message={message.text} />
      {tools !== null && (
        <OutlineToolsContext value={tools}>
          {tools.outline.sections.map((section) => (
            <OutlineSectionView key={section.id ?? 'outside'} section={section} />
          ))}
        </OutlineToolsContext>
      )}
    </section>
  )
}
