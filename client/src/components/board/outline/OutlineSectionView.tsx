import { useId } from 'react'
import type { OutlineSection } from '../../../board/outline/boardOutline.ts'
import { useOutlineTools } from './OutlineContext.ts'
import { OutlineNoteGroup } from './OutlineNoteGroup.tsx'

/**
 * A frame as a heading, its instruction, its own notes (when it has no areas, or notes outside
 * them) and each labelled area as a heading of its own with its notes.
 */
export function OutlineSectionView({ section }: { section: OutlineSection }) {
  const { placeName } = useOutlineTools()
  const headingId = useId()
  const place = { frameId: section.id, areaId: null }
  return (
    <section className="board-outline__frame" aria-labelledby={headingId} data-testid="outline-frame">
      <h3 id={headingId} tabIndex={-1} data-shape-id={section.id ?? undefined}>
        {placeName(place)}
      </h3>
      {section.instruction !== null && <p className="board-outline__instruction">{section.instruction}</p>}
      {(section.areas.length === 0 || section.notes.length > 0) && <OutlineNoteGroup place={place} notes={section.notes} />}
      {section.areas.map((area) => (
        <section key={area.id} className="board-outline__area" aria-labelledby={`${headingId}-${area.id}`} data-testid="outline-area">
          <h4 id={`${headingId}-${area.id}`} tabIndex={-1} data-shape-id={area.id}>
            {area.label}
          </h4>
          <OutlineNoteGroup place={{ frameId: section.id, areaId: area.id }} notes={area.notes} />
        </section>
      ))}
    </section>
  )
}
