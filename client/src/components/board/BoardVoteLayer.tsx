import { useEffect } from 'react'
import { useEditor, type Editor, type TLRecord } from 'tldraw'
import { useBoardVoteView } from '../../hooks/useBoardVote.ts'
import type { VoteBoard } from '../../workshop/BoardVote.ts'
import { VoteBanner } from './VoteBanner.tsx'
import { VoteNoteButtons } from './VoteNoteButtons.tsx'

/** The editor as the vote reads it: records by id, the shapes of the page in view, the selection. */
function editorVoteBoard(editor: Editor): VoteBoard {
  return {
    record: (id) => editor.store.get(id as TLRecord['id']),
    shapes: () => editor.getCurrentPageShapes(),
    selectedId: () => editor.getOnlySelectedShapeId(),
  }
}

/**
 * The dot vote of this board in front of the canvas: the banner everyone on the board sees while
 * there is a vote (its status, a participant's dots left and the switch between voting and
 * editing, the ranked result), and, while a participant votes, a button over each note in view.
 */
export function BoardVoteLayer() {
  const editor = useEditor()
  const { vote, view, mode } = useBoardVoteView()
  useEffect(() => (vote === null ? undefined : vote.attachBoard(editorVoteBoard(editor))), [vote, editor])
  const voting = view.canVote && mode === 'vote'
  useEffect(() => {
    // A selected note would show its reactions over the notes one votes on.
    if (voting) editor.selectNone()
  }, [voting, editor])
  if (vote === null || view.vote === null) return null
  return (
    <>
      <VoteBanner vote={vote} view={view} current={view.vote} mode={mode} />
      {voting && <VoteNoteButtons vote={vote} view={view} />}
    </>
  )
}
