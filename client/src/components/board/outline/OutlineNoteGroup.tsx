import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { NotePlace, OutlineNote } from '../../../board/outline/boardOutline.ts'
import { NoteTextForm } from './NoteTextForm.tsx'
import { useOutlineTools } from './OutlineContext.ts'
import { OutlineNoteItem } from './OutlineNoteItem.tsx'

/** The notes of one frame or area, and a "Ny lapp" for it when this person may add notes. */
export function OutlineNoteGroup({ place, notes: shown }: { place: NotePlace; notes: readonly OutlineNote[] }) {
  const { t } = useTranslation()
  const { notes, announce, focusLater, placeName } = useOutlineTools()
  const [adding, setAdding] = useState(false)
  const name = placeName(place)
  const add = (text: string): boolean => {
    const id = notes.add(place, text)
    announce(id === null ? t('outline.refused') : t('outline.added', { place: name }))
    if (id !== null) {
      setAdding(false)
      focusLater(id)
    }
    return id !== null
  }
  return (
    <>
      {shown.length === 0 ? (
        <p className="board-outline__empty">{t('outline.noNotes')}</p>
      ) : (
        <ul className="board-outline__notes" aria-label={`${name}: ${t('outline.notes', { count: shown.length })}`}>
          {shown.map((note) => (
            <OutlineNoteItem key={note.id} note={note} />
          ))}
        </ul>
      )}
      {notes.canAdd() &&
        (adding ? (
          <NoteTextForm initial="" onSave={add} onCancel={() => setAdding(false)} testId="outline-add-form" />
        ) : (
          <button type="button" className="button board-outline__add" aria-label={t('outline.addIn', { place: name })} data-testid="outline-add" onClick={() => setAdding(true)}>
            {t('outline.add')}
          </button>
        ))}
    </>
  )
}
