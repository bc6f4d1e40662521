import { useEditor, useValue, type TLNoteShape } from 'tldraw'
import { dotVotesMetaKey } from '../../../../shared/src/schema/dotVoting.ts'
import { markScale, ownDotPlaces, ownDotSize } from '../../board/dotLayout.ts'
import { keptDotsOf } from '../../board/voteNotes.ts'
import { useBoardVoteView } from '../../hooks/useBoardVote.ts'
import { ReactionNoteShapeUtil } from './ReactionNoteShapeUtil.tsx'

/** How far the result's count rises above a note's top edge, in the note's own units. */
const countOverhang = 14
/** Zoomed out, the count is drawn as large as it would be at this zoom (up to 3 times)… */
const countLegibleAt = 0.8
/** …and one's own dots as at this one (up to twice), so that a row of them still fits. */
const dotsLegibleAt = 0.6

/**
 * The board's sticky note (with its reactions) and the marks of a dot vote, part of the note so
 * they move and stack with it: while a vote is open, this person's own dots (nobody else's ever
 * reach this browser); once revealed, how many dots the note got; after the vote is cleared, a
 * kept result. The marks are for the eye: the vote's banner counts the dots left and ranks the
 * result in words. A copy of a note got no dots.
 */
export class VotedNoteShapeUtil extends ReactionNoteShapeUtil {
  override component(shape: TLNoteShape) {
    const width = this.editor.getShapeGeometry(shape).bounds.w / shape.props.scale
    return (
      <>
        {super.component(shape)}
        <NoteVoteMarks note={shape} width={width} />
      </>
    )
  }

  override onBeforeDuplicate(source: TLNoteShape, duplicate: TLNoteShape): TLNoteShape | undefined {
    const copy = super.onBeforeDuplicate(source, duplicate) ?? duplicate
    const { [dotVotesMetaKey]: _kept, ...meta } = copy.meta
    return { ...copy, meta }
  }
}

function NoteVoteMarks({ note, width }: { note: TLNoteShape; width: number }) {
  const { view } = useBoardVoteView()
  const editor = useEditor()
  const zoom = useValue('vote marks zoom', () => editor.getEfficientZoomLevel(), [editor])
  // A revealed vote shows its own result; without one, a kept result stays on the note.
  const count = view.results !== null ? (view.results.find((result) => result.noteId === note.id)?.dots ?? null) : keptDotsOf(note)
  const own = view.results === null && view.vote !== null ? (view.mine[note.id] ?? 0) : 0
  if (count === null && own === 0) return null
  const scale = note.props.scale === 1 ? undefined : `scale(${note.props.scale})`
  const dotScale = markScale(zoom, dotsLegibleAt, 2)
  const dotSize = ownDotSize * dotScale
  return (
    <div className="note-vote-marks" aria-hidden="true" style={{ width, transform: scale }}>
      {own > 0 && (
        <div className="note-vote-marks__own" data-testid="note-own-dots" data-count={own}>
          {ownDotPlaces(own, width, dotScale).map((place, index) => (
            <span key={index} className="note-vote-marks__dot" style={{ left: place.x, top: place.y, width: dotSize, height: dotSize }} />
          ))}
        </div>
      )}
      {count !== null && (
        <span
          className="note-vote-marks__count"
          data-testid="note-vote-count"
          style={{ top: -countOverhang, transform: `scale(${markScale(zoom, countLegibleAt, 3)})` }}
        >
          <span className="note-vote-marks__count-dot" />
          {count}
        </span>
      )}
    </div>
  )
}
