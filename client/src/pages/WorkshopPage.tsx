import { useMemo } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useParams } from 'react-router'
import type { WorkshopDetail } from '../../../shared/src/schema/workshopApi.ts'
import { PageShell } from '../components/PageShell.tsx'
import { resourceValue } from '../hooks/useApiResource.ts'
import { useRefreshOnRoomChange } from '../hooks/useRefreshOnRoomChange.ts'
import { useRepeatingRevision } from '../hooks/useRepeatingRevision.ts'
import { useRoomNotice } from '../hooks/useRoomNotice.ts'
import { useRoomState } from '../hooks/useRoomState.ts'
import { useServerNow } from '../hooks/useServerNow.ts'
import { useWorkshopDetail } from '../hooks/useWorkshopDetail.ts'
import { useWorkshopLanguage } from '../hooks/useWorkshopLanguage.ts'
import { useWorkshopRoom, type WorkshopRoom } from '../hooks/useWorkshopRoom.ts'
import { Agenda } from '../workshop/Agenda.tsx'
import { FacilitationControls } from '../workshop/FacilitationControls.tsx'
import { FollowBanner } from '../workshop/FollowBanner.tsx'
import { PeopleList } from '../workshop/PeopleList.tsx'
import { RoomAnnouncer } from '../workshop/RoomAnnouncer.tsx'
import type { RoomPlace } from '../workshop/RoomGuide.ts'
import { RoomNotice } from '../workshop/RoomNotice.tsx'
import { ShareLinks } from '../workshop/ShareLinks.tsx'
import { inAgendaOrder } from '../workshop/stepOrder.ts'
import { WorkshopHeader } from '../workshop/WorkshopHeader.tsx'
import { WorkshopNow } from '../workshop/WorkshopNow.tsx'
import { WorkshopUnavailable } from '../workshop/WorkshopUnavailable.tsx'

/** Who is here, and on which step, changes while the page is open; a facilitator looks at it to lead the room. */
const refreshPeopleMs = 10_000

/** The workshop page is in the room, on no board. */
const onWorkshopPage: RoomPlace = { kind: 'workshop' }

/**
 * `/workshop/:workshopId`: where the workshop is now, the agenda with the boards, who is here,
 * for facilitators the controls of the room and the links to share.
 */
export function WorkshopPage() {
  const { t } = useTranslation()
  const { workshopId = '' } = useParams()
  const [revision, reload] = useRepeatingRevision(refreshPeopleMs)
  const resource = useWorkshopDetail(workshopId, revision)
  const detail = resourceValue(resource)
  useWorkshopLanguage(detail?.language ?? null)
  const [notice, showNotice] = useRoomNotice()
  const room = useWorkshopRoom({ detail, place: onWorkshopPage, onMovedHere: showNotice, refreshPeople: reload })
  useRefreshOnRoomChange(room?.live ?? null, reload)
  return (
    <PageShell title={`${detail?.workshop.title ?? t('workshop.title')} – ${t('app.name')}`}>
      {detail === null ? (
        <WorkshopUnavailable resource={resource.status === 'loaded' ? { status: 'loading', previous: null } : resource} />
      ) : (
        <WorkshopOverview detail={detail} room={room} onPeopleChanged={reload} />
      )}
      {room !== null && <RoomAnnouncer room={room} announcePeople={room.role === 'facilitator'} />}
      <RoomNotice notice={notice} room={room} />
    </PageShell>
  )
}

function WorkshopOverview({ detail, room, onPeopleChanged }: { detail: WorkshopDetail; room: WorkshopRoom | null; onPeopleChanged(): void }) {
  const { t } = useTranslation()
  const { workshop, role } = detail
  const isFacilitator = role === 'facilitator'
  const state = useRoomState(room)
  const now = useServerNow(room?.live ?? null)
  const live = useMemo(() => (state === null || now === null ? null : { state, now }), [state, now])
  const agenda = useMemo(() => inAgendaOrder(detail.steps), [detail.steps])
  return (
    <div className="workshop" data-testid="workshop" data-role={role}>
      <WorkshopHeader detail={detail} />
      {role === 'observer' && (
        <p className="notice" data-testid="observer-note">
          {t('workshop.observerNote')}
        </p>
      )}
      {!isFacilitator && workshop.status !== 'open' && (
        <p className="notice" role="status" data-testid="workshop-not-open">
          {workshop.status === 'planned' ? t('workshop.notOpenYet') : t('workshop.closedNote')}
        </p>
      )}
      {isFacilitator && (
        <p>
          <Link to={`/workshop/${workshop.id}/edit`} className="button" data-testid="edit-workshop-link">
            {t('workshop.edit')}
          </Link>
        </p>
      )}
      {room !== null && state !== null && (
        <section aria-labelledby="now-heading">
          <h2 id="now-heading">{t('room.now')}</h2>
          <FollowBanner room={room} />
          <WorkshopNow room={room} state={state} />
        </section>
      )}
      {room !== null && state !== null && isFacilitator && (
        <section aria-labelledby="facilitation-heading">
          <h2 id="facilitation-heading">{t('facilitation.heading')}</h2>
          <FacilitationControls room={room} state={state} place={onWorkshopPage} />
        </section>
      )}
      <section aria-labelledby="agenda-heading">
        <h2 id="agenda-heading">{t('agenda.heading')}</h2>
        <Agenda steps={detail.steps} live={live} />
      </section>
      <section aria-labelledby="people-heading">
        <h2 id="people-heading">{t('people.heading')}</h2>
        <PeopleList
          people={detail.people}
          room={isFacilitator ? { steps: agenda, state } : null}
          removal={isFacilitator ? { workshopId: workshop.id, startsAt: workshop.startsAt, onRemoved: onPeopleChanged } : null}
        />
      </section>
      {detail.links !== null && (
        <section aria-labelledby="links-heading">
          <h2 id="links-heading">{t('links.heading')}</h2>
          <ShareLinks links={detail.links} />
        </section>
      )}
    </div>
  )
}
