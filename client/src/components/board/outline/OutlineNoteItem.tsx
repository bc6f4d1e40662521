import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { noteReactions, reactionEmoji } from '../../../../../shared/src/board/noteReactions.ts'
import { placeOfNote, type NotePlace, type OutlineNote } from '../../../board/outline/boardOutline.ts'
import { ConfirmButton } from '../../ConfirmButton.tsx'
import { MoveNoteForm } from './MoveNoteForm.tsx'
import { NoteTextForm } from './NoteTextForm.tsx'
import { useOutlineTools } from './OutlineContext.ts'

/** A short form of a note's text for buttons' names ("Endre lappen «Gratis buss …»"). */
function shortText(text: string): string {
  const line = text.split('\n')[0] ?? ''
  return line.length > 40 ? `${line.slice(0, 40)}…` : line
}

/** One note in the list: its text, author, reactions and dots, and what this person may do with it. */
export function OutlineNoteItem({ note }: { note: OutlineNote }) {
  const { t } = useTranslation()
  const { outline, notes, announce, focusLater, placeName } = useOutlineTools()
  const [mode, setMode] = useState<'read' | 'edit' | 'move'>('read')
  const short = shortText(note.text)
  const reactions = noteReactions.flatMap((reaction) => (note.reactions[reaction] === undefined ? [] : [`${reactionEmoji[reaction]} ${note.reactions[reaction]}`]))
  const meta = [
    note.authorName === null ? null : t('outline.by', { name: note.authorName }),
    note.isPrivate ? t('outline.private') : null,
    note.keptVotes === null ? null : t('outline.votes', { count: note.keptVotes }),
    reactions.length === 0 ? null : t('outline.reactions', { list: reactions.join(', ') }),
  ].filter((part) => part !== null)

  const save = (text: string): boolean => {
    const saved = notes.edit(note.id, text)
    announce(saved ? t('outline.saved') : t('outline.refused'))
    if (saved) {
      setMode('read')
      focusLater(note.id)
    }
    return saved
  }
  const move = (place: NotePlace) => {
    const moved = notes.move(note.id, place)
    announce(moved ? t('outline.moved', { place: placeName(place) }) : t('outline.refused'))
    setMode('read')
    focusLater(note.id)
  }
  const remove = () => {
    const place = placeOfNote(outline, note.id)
    const deleted = notes.delete(note.id)
    announce(deleted ? t('outline.deleted') : t('outline.refused'))
    // The focus goes to the note's area or frame, or to the list's heading for a note outside any.
    if (deleted) focusLater(place?.areaId ?? place?.frameId ?? null)
  }

  return (
    <li className="board-outline__note" tabIndex={-1} data-shape-id={note.id} data-testid="outline-note">
      {mode === 'edit' ? (
        <NoteTextForm initial={note.text} onSave={save} onCancel={() => { setMode('read'); focusLater(note.id) }} testId="outline-edit-form" />
      ) : (
        <>
          <p className="board-outline__text" data-testid="outline-note-body">
            {note.text}
          </p>
          {meta.length > 0 && <p className="board-outline__meta">{meta.join(' · ')}</p>}
          <div className="board-outline__buttons">
            {notes.canEdit(note.id) && (
              <button type="button" className="button" aria-label={t('outline.editLabel', { text: short })} data-testid="outline-edit" onClick={() => setMode('edit')}>
                {t('outline.edit')}
              </button>
            )}
            {notes.canMove(note.id) && (
              <button
                type="button"
                className="button"
                aria-label={t('outline.moveLabel', { text: short })}
                aria-expanded={mode === 'move'}
                data-testid="outline-move"
                onClick={() => setMode(mode === 'move' ? 'read' : 'move')}
              >
                {t('outline.move')}
              </button>
            )}
            {notes.canDelete(note.id) && (
              <ConfirmButton
                ariaLabel={t('outline.deleteLabel', { text: short })}
                title={t('outline.deleteLabel', { text: short })}
                body={note.text}
                confirmLabel={t('outline.delete')}
                onConfirm={remove}
                testId="outline-delete"
                confirmTestId="outline-delete-confirm"
              >
                {t('outline.delete')}
              </ConfirmButton>
            )}
          </div>
          {mode === 'move' && <MoveNoteForm current={placeOfNote(outline, note.id)} onMove={move} onCancel={() => { setMode('read'); focusLater(note.id) }} />}
        </>
      )}
    </li>
  )
}
