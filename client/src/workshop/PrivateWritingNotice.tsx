import { useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useValue, type TLShapeId } from 'tldraw'
import type { BoardAccess } from '../board/boardAccess.ts'
import type { BoardConnection } from '../board/BoardConnection.ts'
import { usePrivateDesk } from '../hooks/usePrivateDesk.ts'
import { useRoomState } from '../hooks/useRoomState.ts'
import type { WorkshopRoom } from '../hooks/useWorkshopRoom.ts'

export interface PrivateWritingNoticeProps {
  room: WorkshopRoom
  /** The step board's connection, once made. */
  connection: BoardConnection | null
  access: BoardAccess
  stepId: string
}

/**
 * Private writing on this step's board, as each person meets it: a participant's new notes go to
 * their private board (usePrivateDesk) and a banner says so; an observer's and a facilitator's
 * banner say that participants write privately. The start and the reveal are read out politely.
 */
export function PrivateWritingNotice({ room, connection, access, stepId }: PrivateWritingNoticeProps) {
  const { t } = useTranslation()
  const writing = useRoomState(room)?.privateWriting ?? null
  const here = writing !== null && writing.stepId === stepId ? writing : null
  const writes = room.role === 'participant' && access.mode === 'edit'
  usePrivateDesk(writes ? connection : null, stepId, writes ? room.actor.participantId : null, writing)
  const frameId = here?.frameId ?? null
  const frameName = useValue(
    'privateFrameName',
    () => {
      const frame = frameId === null ? undefined : connection?.store.get(frameId as TLShapeId)
      return frame?.type === 'frame' ? frame.props.name.trim() : ''
    },
    [connection, frameId],
  )
  const message = useAnnouncement(here !== null, writes, room.role === 'observer')

  const text =
    room.role === 'observer'
      ? t('privateWriting.bannerObserver')
      : room.role === 'facilitator'
        ? t('privateWriting.bannerFacilitator')
        : frameId !== null && frameName !== ''
          ? t('privateWriting.bannerFrame', { frame: frameName })
          : t('privateWriting.banner')
  return (
    <>
      {here !== null && (
        <section className="private-banner" aria-label={t('privateWriting.heading')} data-testid="private-banner" data-role={room.role}>
          <svg className="private-banner__icon" viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">
            <path d="M4.5 7V5a3.5 3.5 0 0 1 7 0v2h.5a1 1 0 0 1 1 1v6a1 1 0 0 1-1 1H4a1 1 0 0 1-1-1V8a1 1 0 0 1 1-1zm1.5 0h4V5a2 2 0 0 0-4 0z" />
          </svg>
          <span>{text}</span>
        </section>
      )}
      <p className="visually-hidden" role="status" aria-live="polite" data-testid="private-announcement">
        {message}
      </p>
    </>
  )
}

/** What to read out when private writing starts (to those who write) or ends in a reveal (to participants and observers). */
function useAnnouncement(active: boolean, writes: boolean, observes: boolean): string {
  const { t } = useTranslation()
  const [message, setMessage] = useState('')
  const previous = useRef(active)
  useEffect(() => {
    if (previous.current === active) return
    previous.current = active
    if (active && writes) setMessage(t('privateWriting.announceStarted'))
    else if (!active && (writes || observes)) setMessage(t('privateWriting.announceRevealed'))
  }, [active, writes, observes, t])
  return message
}
