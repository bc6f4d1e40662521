import { NoteShapeUtil, type TLNoteShape } from 'tldraw'
import { noteReactions, reactionCounts, reactionEmoji, withReactions } from '../../../../shared/src/board/noteReactions.ts'
import { NoteAccessibleText } from './NoteAccessibleText.tsx'

/** How far the counts hang below a note's bottom edge, in the note's own units (before its scale). */
const countsOverhang = 14

/**
 * tldraw's sticky note with its reactions counted on it: a row of small counts straddling the
 * note's bottom edge, part of the note (it moves, turns and stacks with it), and its text and author
 * in words for screen readers (tldraw hides its label from them). The counts are for the
 * eye; the reaction bar of a selected note (NoteReactionBar) says them to a screen reader, and so
 * does the note's description when tldraw announces it. A copy of a note starts without reactions.
 */
export class ReactionNoteShapeUtil extends NoteShapeUtil {
  override component(shape: TLNoteShape) {
    const height = this.editor.getShapeGeometry(shape).bounds.h
    return (
      <>
        {super.component(shape)}
        <NoteAccessibleText note={shape} />
        <NoteReactionCounts note={shape} top={height - countsOverhang * shape.props.scale} />
      </>
    )
  }

  override getAriaDescriptor(shape: TLNoteShape): string | undefined {
    const counts = reactionCounts(shape)
    const summary = noteReactions.flatMap((reaction) => (counts[reaction] === undefined ? [] : [`${reactionEmoji[reaction]} ${counts[reaction]}`]))
    const text = this.getText(shape) ?? ''
    return summary.length === 0 ? undefined : [text, ...summary].filter((part) => part !== '').join(', ')
  }

  override onBeforeDuplicate(source: TLNoteShape, duplicate: TLNoteShape): TLNoteShape | undefined {
    const copy = super.onBeforeDuplicate(source, duplicate) ?? duplicate
    return withReactions(copy, {})
  }
}

function NoteReactionCounts({ note, top }: { note: TLNoteShape; top: number }) {
  const counts = reactionCounts(note)
  const given = noteReactions.filter((reaction) => counts[reaction] !== undefined)
  if (given.length === 0) return null
  return (
    <div
      className="note-reactions"
      data-testid="note-reactions"
      aria-hidden="true"
      style={{ top, transform: note.props.scale === 1 ? undefined : `scale(${note.props.scale})` }}
    >
      {given.map((reaction) => (
        <span key={reaction} className="note-reactions__count" data-reaction={reaction}>
          <span className="note-reactions__emoji">{reactionEmoji[reaction]}</span>
          {counts[reaction]}
        </span>
      ))}
    </div>
  )
}
