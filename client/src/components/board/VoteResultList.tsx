import { useId, type KeyboardEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { useEditor, useValue, type TLShapeId } from 'tldraw'
import { noteText } from '../../board/voteNotes.ts'

/**
 * A revealed vote's notes, most dots first, each a button that selects its note and brings it
 * into view. Tab reaches the list; the arrow keys, Home and End move within it.
 */
export function VoteResultList({ results }: { results: ReadonlyArray<{ noteId: string; dots: number }> }) {
  const { t } = useTranslation()
  const editor = useEditor()
  const headingId = useId()
  const rows = useValue(
    'vote result rows',
    () =>
      results.map(({ noteId, dots }) => {
        const note = editor.getShape(noteId as TLShapeId)
        return { noteId, dots, present: note !== undefined, text: noteText(note) }
      }),
    [editor, results],
  )
  const show = (noteId: string) => {
    const bounds = editor.getShapePageBounds(noteId as TLShapeId)
    if (bounds === undefined) return
    editor.select(noteId as TLShapeId)
    editor.zoomToBounds(bounds, { targetZoom: 1, animation: { duration: 300 } })
  }
  const onKeyDown = (event: KeyboardEvent<HTMLOListElement>) => {
    const buttons = [...event.currentTarget.querySelectorAll('button')]
    const at = buttons.findIndex((button) => button === event.target)
    if (at < 0) return
    const to = { ArrowDown: at + 1, ArrowUp: at - 1, Home: 0, End: buttons.length - 1 }[event.key]
    if (to === undefined) return
    event.preventDefault()
    buttons[Math.min(Math.max(to, 0), buttons.length - 1)]?.focus()
  }
  return (
    <div className="vote-results">
      <h3 id={headingId} className="vote-results__heading">
        {t('vote.results')}
      </h3>
      {rows.length === 0 ? (
        <p className="hint">{t('vote.noResults')}</p>
      ) : (
        <>
          <p className="hint">{t('vote.resultsHint')}</p>
          <ol className="vote-results__list" aria-labelledby={headingId} data-testid="vote-results" onKeyDown={onKeyDown}>
            {rows.map((row) => (
              <li key={row.noteId}>
                <button
                  type="button"
                  className="vote-results__row"
                  disabled={!row.present}
                  data-testid="vote-result-row"
                  data-note-id={row.noteId}
                  data-dots={row.dots}
                  onClick={() => show(row.noteId)}
                >
                  <span className="vote-results__text">{row.present ? row.text || t('vote.emptyNote') : t('vote.deletedNote')}</span>
                  <span className="vote-results__dots">{t('vote.dots', { count: row.dots })}</span>
                </button>
              </li>
            ))}
          </ol>
        </>
      )}
    </div>
  )
}
