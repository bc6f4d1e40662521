import { useEffect } from 'react'
import { useTranslation } from 'react-i18next'
import { useObservable } from '../hooks/useObservable.ts'
import type { WorkshopRoom } from '../hooks/useWorkshopRoom.ts'

/**
 * For participants and observers while a facilitator presents: whom they follow, with a way to
 * stop (the button, or Escape anywhere on the page) and to follow again.
 */
export function FollowBanner({ room }: { room: WorkshopRoom }) {
  const { t } = useTranslation()
  const { presenter, following } = useObservable(room.guide.follow)
  const leads = room.role !== 'facilitator'
  useEffect(() => {
    if (!following || !leads) return
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') room.guide.stopFollowing()
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [following, leads, room.guide])
  if (presenter === null || !leads) return null
  const person = room.people.find((candidate) => candidate.id === presenter.facilitatorId)?.displayName ?? t('room.facilitator')
  return (
    <div className="follow-banner" data-testid="follow-banner" data-following={following}>
      <span>{following ? t('follow.following', { person }) : t('follow.presenting', { person })}</span>
      {following ? (
        <button type="button" className="button button--small" data-testid="stop-following" onClick={() => room.guide.stopFollowing()}>
          {t('follow.stop')}
        </button>
      ) : (
        <button type="button" className="button button--small" data-testid="follow-again" onClick={() => room.guide.followAgain()}>
          {t('follow.again', { person })}
        </button>
      )}
    </div>
  )
}
