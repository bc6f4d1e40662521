import { useValue, type Signal, type TLNoteShape } from 'tldraw'
import type { ReactionNoteShapeUtil } from './ReactionNoteShapeUtil.tsx'

export interface PrivateNoteMarking {
  /** The notes that live on this person's private board now. */
  privateIds: Signal<ReadonlySet<string>>
  /** The word a screen reader says of a private note ("privat"). */
  label(): string
}

/**
 * The board's note (`Base`), marked when it is private (on the person's private board until the
 * facilitator reveals it): a dashed outline and a lock badge for the eye, and the word "privat"
 * in what tldraw announces of a selected note.
 */
export function withPrivateNoteMarks(Base: typeof ReactionNoteShapeUtil, { privateIds, label }: PrivateNoteMarking): typeof ReactionNoteShapeUtil {
  return class PrivateNoteShapeUtil extends Base {
    override component(shape: TLNoteShape) {
      return (
        <>
          {super.component(shape)}
          <PrivateNoteMark noteId={shape.id} privateIds={privateIds} />
        </>
      )
    }

    override getAriaDescriptor(shape: TLNoteShape): string | undefined {
      const described = super.getAriaDescriptor(shape)
      if (!privateIds.get().has(shape.id)) return described
      return [described ?? this.getText(shape) ?? '', label()].filter((part) => part !== '').join(', ')
    }
  }
}

function PrivateNoteMark({ noteId, privateIds }: { noteId: string; privateIds: Signal<ReadonlySet<string>> }) {
  const isPrivate = useValue('privateNote', () => privateIds.get().has(noteId), [privateIds, noteId])
  if (!isPrivate) return null
  return (
    <div className="private-note-mark" data-testid="private-note-mark" aria-hidden="true">
      <svg className="private-note-mark__lock" viewBox="0 0 16 16" width="16" height="16" focusable="false">
        <path d="M4.5 7V5a3.5 3.5 0 0 1 7 0v2h.5a1 1 0 0 1 1 1v6a1 1 0 0 1-1 1H4a1 1 0 0 1-1-1V8a1 1 0 0 1 1-1zm1.5 0h4V5a2 2 0 0 0-4 0z" />
      </svg>
    </div>
  )
}
