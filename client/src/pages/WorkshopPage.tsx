import { useTranslation } from 'react-i18next'
import { Link, useParams } from 'react-router'
import type { WorkshopDetail } from '../../../shared/src/schema/workshopApi.ts'
import { PageShell } from '../components/PageShell.tsx'
import { resourceValue } from '../hooks/useApiResource.ts'
import { useRepeatingRevision } from '../hooks/useRepeatingRevision.ts'
import { useWorkshopDetail } from '../hooks/useWorkshopDetail.ts'
import { Agenda } from '../workshop/Agenda.tsx'
import { PeopleList } from '../workshop/PeopleList.tsx'
import { ShareLinks } from '../workshop/ShareLinks.tsx'
import { WorkshopHeader } from '../workshop/WorkshopHeader.tsx'
import { WorkshopUnavailable } from '../workshop/WorkshopUnavailable.tsx'

/** Who is here changes while the page is open; this often is enough for a list of names. */
const refreshPeopleMs = 15_000

/** `/workshop/:workshopId`: the agenda with the boards, who is here, and for facilitators the links to share. */
export function WorkshopPage() {
  const { t } = useTranslation()
  const { workshopId = '' } = useParams()
  const [revision, reload] = useRepeatingRevision(refreshPeopleMs)
  const resource = useWorkshopDetail(workshopId, revision)
  const detail = resourceValue(resource)
  return (
    <PageShell title={`${detail?.workshop.title ?? t('workshop.title')} – ${t('app.name')}`}>
      {detail === null ? (
        <WorkshopUnavailable resource={resource.status === 'loaded' ? { status: 'loading', previous: null } : resource} />
      ) : (
        <WorkshopOverview detail={detail} onPeopleChanged={reload} />
      )}
    </PageShell>
  )
}

function WorkshopOverview({ detail, onPeopleChanged }: { detail: WorkshopDetail; onPeopleChanged(): void }) {
  const { t } = useTranslation()
  const { workshop, role } = detail
  const isFacilitator = role === 'facilitator'
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
      <section aria-labelledby="agenda-heading">
        <h2 id="agenda-heading">{t('agenda.heading')}</h2>
        <Agenda steps={detail.steps} />
      </section>
      <section aria-labelledby="people-heading">
        <h2 id="people-heading">{t('people.heading')}</h2>
        <PeopleList
          people={detail.people}
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
