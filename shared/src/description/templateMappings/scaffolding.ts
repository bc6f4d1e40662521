// Which template notes on a board are still scaffolding: the notes a template puts on a new board
// (the challenge's questions, its stakeholder groups) say nothing about what the workshop found until
// someone moves or rewrites them. This is the one place that decides it; the drafter leaves
// scaffolding out of every mapping's items (mapping.ts `contentItems`) and out of every source.
import type { BoardItem, BoardReading } from '../../board/boardReading.ts'
import { readBoard } from '../../board/readBoard.ts'
import { noteSize } from '../../templates/boardRecords.ts'
import { isTemplateId, methodTemplates } from '../../templates/registry.ts'
import { templateLanguages, type TemplateChallenge } from '../../templates/types.ts'

/** A template note whose corner moved less than this (a quarter of a note) was nudged, not moved. */
export const movedDistance = noteSize / 4

/** Where a template note starts: its frame, its corner relative to that frame, and its text. */
interface StartingPlace {
  frameKey: string | null
  dx: number
  dy: number
  text: string
}

/**
 * The ids of the board's template notes that nobody moved out of their starting place or edited.
 * The starting places come from the template version the board was built from, rebuilt with the
 * challenge as it is now in every language form (the drafter does not know the board's), and are
 * compared relative to the note's frame, so a longer challenge title that shifts the frames does
 * not count as moving. A note whose template cannot be rebuilt counts as content.
 * @example untouchedTemplateNotes(readBoard(doc), 'stakeholder-mapping', 2, challenge).has('shape:stakeholder-mapping.v2.groups.note.0')
 */
export function untouchedTemplateNotes(reading: BoardReading, templateId: string, version: number, challenge: TemplateChallenge): Set<string> {
  const starts = startingPlaces(templateId, version, challenge)
  const untouched = new Set<string>()
  if (starts.length === 0) return untouched
  const frameOrigin = new Map(reading.frames.map((frame) => [frame.key, frame.bounds]))
  const items = [...reading.frames.flatMap((frame) => frame.items), ...reading.loose]
  for (const item of items) {
    if (!item.fromTemplate || item.kind !== 'note') continue
    const now = placeOf(item, frameOrigin)
    if (starts.some((start) => isUnchanged(now, start.get(item.id)))) untouched.add(item.id)
  }
  return untouched
}

/** The template notes' starting places by shape id, one map per language form; none when the version is not released. */
function startingPlaces(templateId: string, version: number, challenge: TemplateChallenge): Map<string, StartingPlace>[] {
  if (!isTemplateId(templateId) || !methodTemplates.get(templateId).versions.some((entry) => entry.version === version)) return []
  return templateLanguages.map((language) => {
    const reading = readBoard(methodTemplates.build({ templateId, version, language, challenge }).records)
    const frameOrigin = new Map(reading.frames.map((frame) => [frame.key, frame.bounds]))
    const notes = [...reading.frames.flatMap((frame) => frame.items), ...reading.loose].filter((item) => item.fromTemplate)
    return new Map(notes.map((item) => [item.id, placeOf(item, frameOrigin)]))
  })
}

/** The note's top-left corner relative to its frame: the corner, because a browser may grow a note's height to fit its text. */
function placeOf(item: BoardItem, frameOrigin: ReadonlyMap<string, { x: number; y: number }>): StartingPlace {
  const origin = (item.frameKey === null ? undefined : frameOrigin.get(item.frameKey)) ?? { x: 0, y: 0 }
  return { frameKey: item.frameKey, dx: item.bounds.x - origin.x, dy: item.bounds.y - origin.y, text: item.text.trim() }
}

function isUnchanged(now: StartingPlace, start: StartingPlace | undefined): boolean {
  return (
    start !== undefined &&
    now.frameKey === start.frameKey &&
    now.text === start.text &&
    Math.hypot(now.dx - start.dx, now.dy - start.dy) < movedDistance
  )
}
