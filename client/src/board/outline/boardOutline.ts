// A board as a list: its frames in reading order, the template's labelled areas in each, and the
// notes in each, with who wrote them, their reactions and a kept vote's dots. Built from the
// store's records by the board reader (shared/src/board/readBoard.ts), so the list, the
// description drafter and the exports agree on what lies where.
import type { TLRecord } from '@tldraw/tlschema'
import type { BoardItem, PageBox } from '../../../../shared/src/board/boardReading.ts'
import type { NoteReaction } from '../../../../shared/src/board/noteReactions.ts'
import { readBoard } from '../../../../shared/src/board/readBoard.ts'
import { richTextToPlain } from '../../../../shared/src/board/richText.ts'
import { parseTemplateShapeId } from '../../../../shared/src/templates/templateShapeIds.ts'

/** One note as the list shows it. */
export interface OutlineNote {
  /** The note's shape id. */
  id: string
  text: string
  /** Who last wrote its text (the note's author mark), as the board names them, or null. */
  authorName: string | null
  authorId: string | null
  /** How many people gave each reaction (only those given). */
  reactions: Partial<Record<NoteReaction, number>>
  /** The dots a kept vote gave it, or null. */
  keptVotes: number | null
  /** True while it is on this person's private board (private writing). */
  isPrivate: boolean
  bounds: PageBox
}

/** A labelled area of the template, with the notes whose centre lies in it. */
export interface OutlineArea {
  /** The area's shape id. */
  id: string
  label: string
  bounds: PageBox
  notes: OutlineNote[]
}

/** A frame (or, with a null id, everything outside the frames), its own notes first, then its areas. */
export interface OutlineSection {
  /** The frame's shape id; null for the notes that lie in no frame. */
  id: string | null
  title: string
  /** The template's instruction for the frame, when it has one. */
  instruction: string | null
  bounds: PageBox | null
  /** Notes in the frame outside its labelled areas. */
  notes: OutlineNote[]
  areas: OutlineArea[]
}

/** Somewhere a note can go: a frame, an area in it, or the board outside the frames (both null). */
export interface NotePlace {
  frameId: string | null
  areaId: string | null
}

export interface BoardOutline {
  sections: OutlineSection[]
  /** Every note's id in reading order: frame by frame, top to bottom and left to right in each. */
  readingOrder: string[]
}

/**
 * The outline of a board's records (a store's, or a board built in a test).
 * @example outlineOf(editor.store.allRecords(), connection.privateNotes.$privateIds.get())
 */
export function outlineOf(records: readonly TLRecord[], privateIds: ReadonlySet<string> = new Set()): BoardOutline {
  const reading = readBoard(records)
  const templateIds = templateShapeIdsByKey(records)
  const idOf = (key: string): string => templateIds.get(key) ?? key
  const toNote = (item: BoardItem): OutlineNote => ({
    id: item.id,
    text: item.text,
    authorName: item.authorName,
    authorId: item.authorId,
    reactions: item.reactions,
    keptVotes: item.keptVotes,
    isPrivate: privateIds.has(item.id),
    bounds: item.bounds,
  })
  // Only areas with a label are places in the list; a note in an unlabelled one (a ring drawn
  // round others) belongs to the labelled area inside it, or to the frame.
  const labelled = reading.areas.filter((area) => area.label.trim() !== '')
  const labelledKeys = new Set(labelled.map((area) => area.key))
  const section = (frameKey: string | null, items: readonly BoardItem[]): Pick<OutlineSection, 'notes' | 'areas'> => {
    const notes = items.filter((item) => item.kind === 'note')
    const areaOf = (item: BoardItem): string | null => item.areaKeys.find((key) => labelledKeys.has(key)) ?? null
    return {
      notes: notes.filter((item) => areaOf(item) === null).map(toNote),
      areas: labelled
        .filter((area) => area.frameKey === frameKey)
        .map((area) => ({
          id: idOf(area.key),
          label: area.label,
          bounds: area.bounds,
          notes: notes.filter((item) => areaOf(item) === area.key).map(toNote),
        })),
    }
  }
  const sections: OutlineSection[] = reading.frames.map((frame) => ({
    id: idOf(frame.key),
    title: frame.name,
    instruction: instructionOf(records, templateIds.get(`${frame.key}.instruction`)),
    bounds: frame.bounds,
    ...section(frame.key, frame.items),
  }))
  const outside = section(null, reading.loose)
  if (outside.notes.length > 0 || outside.areas.length > 0 || sections.length === 0) {
    sections.push({ id: null, title: '', instruction: null, bounds: null, ...outside })
  }
  const readingOrder = [...reading.frames.flatMap((frame) => frame.items), ...reading.loose]
    .filter((item) => item.kind === 'note')
    .map((item) => item.id)
  return { sections, readingOrder }
}

/** Every note of the outline, section by section as the list shows them. */
export function outlineNotes(outline: BoardOutline): OutlineNote[] {
  return outline.sections.flatMap((section) => [...section.notes, ...section.areas.flatMap((area) => area.notes)])
}

/** The places a note can be put in, in the list's order, each with the section it is in. */
export function outlinePlaces(outline: BoardOutline): { place: NotePlace; section: OutlineSection; area: OutlineArea | null }[] {
  return outline.sections.flatMap((section) => [
    { place: { frameId: section.id, areaId: null }, section, area: null },
    ...section.areas.map((area) => ({ place: { frameId: section.id, areaId: area.id }, section, area })),
  ])
}

/** The place a note is in now. */
export function placeOfNote(outline: BoardOutline, noteId: string): NotePlace | null {
  for (const section of outline.sections) {
    if (section.notes.some((note) => note.id === noteId)) return { frameId: section.id, areaId: null }
    const area = section.areas.find((candidate) => candidate.notes.some((note) => note.id === noteId))
    if (area) return { frameId: section.id, areaId: area.id }
  }
  return null
}

/**
 * What the list should show first when a person comes from the canvas: the selected note, area or
 * frame, else the first note (then area, then frame) in view, else nothing.
 */
export function outlineItemFor(outline: BoardOutline, selectedIds: readonly string[], viewport: PageBox | null): string | null {
  const areas = outline.sections.flatMap((section) => section.areas)
  const notes = outlineNotes(outline)
  const frames = outline.sections.filter((section) => section.id !== null)
  const known = new Set<string>([...notes.map((note) => note.id), ...areas.map((area) => area.id), ...frames.map((frame) => frame.id as string)])
  const selected = selectedIds.find((id) => known.has(id))
  if (selected !== undefined) return selected
  if (viewport === null) return null
  const inView = (box: PageBox | null): boolean => box !== null && contains(viewport, { x: box.x + box.w / 2, y: box.y + box.h / 2 })
  const byReading = new Map(outline.readingOrder.map((id, index) => [id, index]))
  const note = notes.filter((candidate) => inView(candidate.bounds)).sort((a, b) => (byReading.get(a.id) ?? 0) - (byReading.get(b.id) ?? 0))[0]
  return note?.id ?? areas.find((area) => inView(area.bounds))?.id ?? frames.find((frame) => inView(frame.bounds))?.id ?? null
}

/** Notes in `next` that were not in `previous`, written by someone else than `ownId`. */
export function newNotesOfOthers(previous: BoardOutline, next: BoardOutline, ownId: string | null): OutlineNote[] {
  const before = new Set(outlineNotes(previous).map((note) => note.id))
  return outlineNotes(next).filter((note) => !before.has(note.id) && (note.authorId === null || note.authorId !== ownId))
}

/**
 * The name a place goes by: an area's first line (without its colon), or a frame's title; null
 * outside the frames and for a frame without a title (the view names those).
 */
export function placeTitle(outline: BoardOutline, place: NotePlace): string | null {
  const section = outline.sections.find((candidate) => candidate.id === place.frameId)
  const area = section?.areas.find((candidate) => candidate.id === place.areaId)
  const name = area ? (area.label.split('\n')[0] ?? '').replace(/:\s*$/, '') : (section?.title ?? '')
  return name.trim() === '' ? null : name.trim()
}

function contains(box: PageBox, point: { x: number; y: number }): boolean {
  return point.x >= box.x && point.x <= box.x + box.w && point.y >= box.y && point.y <= box.y + box.h
}

/** Template shapes by their key in the template (`grid.cell.1` → `shape:stakeholder-mapping.v1.grid.cell.1`). */
function templateShapeIdsByKey(records: readonly TLRecord[]): Map<string, string> {
  const ids = new Map<string, string>()
  for (const record of records) {
    if (record.typeName !== 'shape') continue
    const parts = parseTemplateShapeId(record.id)
    if (parts !== null) ids.set(parts.key, record.id)
  }
  return ids
}

function instructionOf(records: readonly TLRecord[], id: string | undefined): string | null {
  if (id === undefined) return null
  const shape = records.find((record) => record.id === id)
  if (shape?.typeName !== 'shape') return null
  const text = richTextToPlain((shape.props as { richText?: Parameters<typeof richTextToPlain>[0] }).richText ?? null).trim()
  return text === '' ? null : text
}
