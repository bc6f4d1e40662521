import { useEffect, useMemo, useState } from 'react'
import type { Editor } from 'tldraw'
import type { BoardContext } from '../../../shared/src/schema/workshopApi.ts'
import { BoardFollower } from '../board/BoardFollower.ts'
import type { RoomPlace } from '../workshop/RoomGuide.ts'
import { resourceValue } from './useApiResource.ts'
import { useRepeatingRevision } from './useRepeatingRevision.ts'
import { useRoomNotice, type RoomNoticeMessage } from './useRoomNotice.ts'
import { useWorkshopDetail } from './useWorkshopDetail.ts'
import { useWorkshopRoom, type WorkshopRoom } from './useWorkshopRoom.ts'

/** Who is in the workshop changes while a board is open; the facilitator's "done" count needs it now and then. */
const refreshPeopleMs = 30_000

/** The live room of a step's board, with the board's editor handed to the room guide once it is mounted. */
export interface BoardRoom {
  room: WorkshopRoom | null
  notice: RoomNoticeMessage | null
  /** For BoardCanvas: the editor once mounted, null when it goes. */
  onEditor(editor: Editor | null): void
}

/** The workshop room of the board's step; a free board (null context) has none. */
export function useBoardRoom(context: BoardContext | null): BoardRoom {
  const [revision, refreshPeople] = useRepeatingRevision(context === null ? null : refreshPeopleMs)
  // A free board asks for no workshop: an id that is not one loads nothing.
  const detail = resourceValue(useWorkshopDetail(context?.workshop.id ?? '', revision))
  const [notice, showNotice] = useRoomNotice()
  const stepId = context?.step.id ?? null
  const place = useMemo<RoomPlace>(() => (stepId === null ? { kind: 'workshop' } : { kind: 'board', stepId }), [stepId])
  const room = useWorkshopRoom({ detail: context === null ? null : detail, place, onMovedHere: showNotice, refreshPeople })
  const [editor, onEditor] = useState<Editor | null>(null)
  const guide = room?.guide ?? null
  useEffect(() => (guide === null || editor === null ? undefined : guide.attachBoard(new BoardFollower(editor))), [guide, editor])
  return { room, notice, onEditor }
}
