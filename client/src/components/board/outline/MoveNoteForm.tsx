import { useId, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { outlinePlaces, type NotePlace } from '../../../board/outline/boardOutline.ts'
import { useOutlineTools } from './OutlineContext.ts'

const keyOf = (place: NotePlace): string => `${place.frameId ?? ''}|${place.areaId ?? ''}`

/** Where to move a note: every frame and area of the board, the note's own place chosen first. */
export function MoveNoteForm({ current, onMove, onCancel }: { current: NotePlace | null; onMove(place: NotePlace): void; onCancel(): void }) {
  const { t } = useTranslation()
  const { outline, placeName } = useOutlineTools()
  const id = useId()
  const places = outlinePlaces(outline)
  const [chosen, setChosen] = useState(current === null ? keyOf(places[0]?.place ?? { frameId: null, areaId: null }) : keyOf(current))
  const submit = (event: FormEvent) => {
    event.preventDefault()
    const place = places.find((candidate) => keyOf(candidate.place) === chosen)?.place
    if (place) onMove(place)
  }
  return (
    <form
      className="board-outline__form"
      onSubmit={submit}
      data-testid="outline-move-form"
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.stopPropagation()
          onCancel()
        }
      }}
    >
      <label htmlFor={id}>{t('outline.moveTo')}</label>
      <select id={id} value={chosen} autoFocus data-testid="outline-move-place" onChange={(event) => setChosen(event.target.value)}>
        {places.map(({ place, section, area }) => (
          <option key={keyOf(place)} value={keyOf(place)}>
            {area === null ? placeName(place) : `${placeName({ frameId: section.id, areaId: null })} – ${placeName(place)}`}
          </option>
        ))}
      </select>
      <div className="board-outline__buttons">
        <button type="submit" className="button button--primary" data-testid="outline-move-submit">
          {t('outline.move')}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          {t('outline.cancel')}
        </button>
      </div>
    </form>
  )
}
