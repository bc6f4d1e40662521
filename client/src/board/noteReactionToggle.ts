import type { Editor, TLShapeId } from 'tldraw'
import { hasReacted, withReaction, type NoteReaction } from '../../../shared/src/board/noteReactions.ts'

/**
 * Gives `reaction` to a note as `personId`, or takes it back when they gave it; returns whether
 * they have it now. Written straight into the store: a facilitator's lock and the board's mode do
 * not keep anyone from reacting (the board's rules say who may; BoardRuleGuard applies them), and
 * reactions stay out of the undo history, so that undoing an edit never takes back a reaction.
 */
export function toggleNoteReaction(editor: Editor, noteId: TLShapeId, reaction: NoteReaction, personId: string): boolean {
  const note = editor.getShape(noteId)
  if (note?.type !== 'note') return false
  const on = !hasReacted(note, reaction, personId)
  editor.run(() => editor.store.put([withReaction(note, reaction, personId, on)]), { history: 'ignore' })
  return hasReacted(editor.getShape(noteId), reaction, personId)
}
