import { createShapeId, toRichText, type Editor, type TLNoteShape, type TLParentId, type TLRecord, type TLShapeId } from 'tldraw'
import type { PageBox } from '../../../../shared/src/board/boardReading.ts'
import type { UpdateRejection } from '../../../../shared/src/protocol/messages.ts'
import type { NotePlace } from './boardOutline.ts'
import { placeNote } from './notePlacement.ts'

/** The board's rules for this person (BoardConnection.refusal). */
export interface NoteRules {
  refusal(key: string, before: TLRecord | undefined, after: TLRecord | undefined): UpdateRejection | null
}

/** A new note's size before it grows for its text (tldraw's note at scale 1). */
const noteSize = { w: 200, h: 200 }

/**
 * Adds, rewrites, moves and deletes notes through the tldraw editor, as the canvas does, so that
 * the board's rules in this browser, private writing and the sync see the same changes; and says
 * beforehand what the rules allow this person, so that a view offers only that.
 */
export class BoardNotes {
  readonly #editor: Editor
  readonly #rules: NoteRules

  constructor(editor: Editor, rules: NoteRules) {
    this.#editor = editor
    this.#rules = rules
  }

  /** Whether this person may add notes now (not an observer, not frozen or held). */
  canAdd(): boolean {
    return !this.#editor.getIsReadonly()
  }

  canEdit(id: string): boolean {
    const note = this.#note(id)
    return note !== null && this.canAdd() && this.#allowed(note, { ...note, props: { ...note.props, richText: toRichText('…'), textLastEditedBy: this.#editor.user.getId() } })
  }

  canMove(id: string): boolean {
    const note = this.#note(id)
    return note !== null && this.canAdd() && this.#allowed(note, { ...note, x: note.x + 1 })
  }

  canDelete(id: string): boolean {
    const note = this.#note(id)
    return note !== null && this.canAdd() && this.#allowed(note, undefined)
  }

  /** Adds a note with `text` in `place` (beside the notes already there); returns its id, or null when the rules kept it. */
  add(place: NotePlace, text: string): TLShapeId | null {
    if (!this.canAdd()) return null
    const editor = this.#editor
    const id = createShapeId()
    const { parentId, x, y } = this.#spotIn(place, null)
    editor.markHistoryStoppingPoint('adding a note')
    editor.createShape<TLNoteShape>({
      id,
      type: 'note',
      parentId,
      x,
      y,
      props: { richText: toRichText(text), textLastEditedBy: editor.user.getId() },
    })
    return editor.getShape(id) === undefined ? null : id
  }

  /** Rewrites a note's text, signed by this person; false when the rules kept it. */
  edit(id: string, text: string): boolean {
    const note = this.#note(id)
    if (note === null || !this.canEdit(id)) return false
    const richText = toRichText(text)
    this.#editor.markHistoryStoppingPoint('rewriting a note')
    this.#editor.updateShape<TLNoteShape>({ id: note.id, type: 'note', props: { richText, textLastEditedBy: this.#editor.user.getId() } })
    return JSON.stringify(this.#note(id)?.props.richText) === JSON.stringify(richText)
  }

  /** Moves a note to a free spot in another frame or area; false when the rules kept it. */
  move(id: string, place: NotePlace): boolean {
    const note = this.#note(id)
    if (note === null || !this.canMove(id)) return false
    const editor = this.#editor
    const { parentId, x, y } = this.#spotIn(place, note.id)
    editor.markHistoryStoppingPoint('moving a note')
    editor.run(() => {
      if (note.parentId !== parentId) editor.reparentShapes([note.id], parentId)
      editor.updateShape<TLNoteShape>({ id: note.id, type: 'note', x, y })
    })
    const moved = this.#note(id)
    return moved !== null && moved.parentId === parentId && Math.abs(moved.x - x) < 1 && Math.abs(moved.y - y) < 1
  }

  /** Deletes a note; false when the rules kept it. */
  delete(id: string): boolean {
    const note = this.#note(id)
    if (note === null || !this.canDelete(id)) return false
    this.#editor.markHistoryStoppingPoint('deleting a note')
    this.#editor.deleteShapes([note.id])
    return this.#note(id) === null
  }

  #note(id: string): TLNoteShape | null {
    const shape = this.#editor.getShape(id as TLShapeId)
    return shape !== undefined && this.#editor.isShapeOfType<TLNoteShape>(shape, 'note') ? shape : null
  }

  #allowed(before: TLNoteShape, after: TLNoteShape | undefined): boolean {
    return this.#rules.refusal(before.id, before, after) === null
  }

  /**
   * Where a note goes in `place`, in its parent's coordinates: in an area, clear of the notes in it;
   * in a frame, clear of everything in it; outside the frames, clear of the notes in view.
   */
  #spotIn(place: NotePlace, moving: TLShapeId | null): { parentId: TLParentId; x: number; y: number } {
    const editor = this.#editor
    const frame = place.frameId === null ? undefined : editor.getShape(place.frameId as TLShapeId)
    const area = place.areaId === null ? undefined : editor.getShape(place.areaId as TLShapeId)
    const boxOf = (id: TLShapeId): PageBox | null => {
      const bounds = editor.getShapePageBounds(id)
      return bounds === undefined ? null : { x: bounds.x, y: bounds.y, w: bounds.w, h: bounds.h }
    }
    const target = (area && boxOf(area.id)) ?? (frame && boxOf(frame.id)) ?? editor.getViewportPageBounds()
    const others = [...(frame ? editor.getSortedChildIdsForParent(frame.id) : editor.getCurrentPageShapeIds())]
      .filter((id) => id !== moving && id !== area?.id && (area === undefined || frame === undefined || editor.getShape(id)?.type === 'note'))
      .flatMap((id) => boxOf(id) ?? [])
    const corner = placeNote(target, others, noteSize)
    if (frame === undefined) return { parentId: editor.getCurrentPageId(), ...corner }
    const local = editor.getPointInShapeSpace(frame, corner)
    return { parentId: frame.id, x: local.x, y: local.y }
  }
}
