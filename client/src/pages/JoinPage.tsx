import { useTranslation } from 'react-i18next'
import { Link, useNavigate, useParams } from 'react-router'
import { JoinInfo, SessionInfo, type JoinBody } from '../../../shared/src/schema/access.ts'
import { useAppServices } from '../app/AppServicesContext.tsx'
import { PageShell } from '../components/PageShell.tsx'
import { useApiResource } from '../hooks/useApiResource.ts'
import { useSessionInfo } from '../hooks/useSession.ts'
import { useWorkshopLanguage } from '../hooks/useWorkshopLanguage.ts'
import { formatDateTime } from '../workshop/dateTime.ts'
import { JoinDetails } from '../workshop/JoinDetails.tsx'
import { ObserverJoin } from '../workshop/ObserverJoin.tsx'
import { ParticipantJoinForm } from '../workshop/ParticipantJoinForm.tsx'

/**
 * `/join/:token`: where a workshop link leads. Participants give a name and an
 * affiliation; observers just press "Se på". Then on to the workshop page.
 */
export function JoinPage() {
  const { t } = useTranslation()
  const { token = '' } = useParams()
  const path = `/api/join/${encodeURIComponent(token)}`
  const info = useApiResource(path, JoinInfo)
  useWorkshopLanguage(info.status === 'loaded' ? info.value.language : null)
  const title = info.status === 'loaded' ? info.value.workshop.title : t('join.title')
  return (
    <PageShell title={`${title} – ${t('app.name')}`}>
      <div className="narrow">
        {info.status === 'loading' && <p role="status">{t('join.loading')}</p>}
        {info.status === 'notFound' && (
          <section className="message-page" data-testid="join-link-invalid">
            <h1>{t('join.invalidTitle')}</h1>
            <p>{t('join.invalidBody')}</p>
          </section>
        )}
        {info.status === 'failed' && (
          <p className="error-message" role="alert">
            {t('errors.network')}
          </p>
        )}
        {info.status === 'loaded' && <JoinWorkshop info={info.value} path={path} />}
      </div>
    </PageShell>
  )
}

function JoinWorkshop({ info, path }: { info: JoinInfo; path: string }) {
  const { t, i18n } = useTranslation()
  const { api, session } = useAppServices()
  const navigate = useNavigate()
  const current = useSessionInfo()
  const { workshop } = info

  const join = async (body: JoinBody) => {
    session.set(await api.send({ method: 'POST', path, body, as: 'nobody', response: SessionInfo }))
    void navigate(`/workshop/${workshop.id}`)
  }

  const alreadyHere = current?.guest?.workshopId === workshop.id && current.guest.role === info.role
  const elsewhere = current?.guest != null && current.guest.workshopId !== workshop.id
  return (
    <>
      <JoinDetails info={info} />
      {workshop.status === 'closed' ? (
        <p className="notice" role="status" data-testid="join-closed">
          {t('join.closed')}
        </p>
      ) : (
        <>
          {workshop.status === 'planned' && (
            <p className="notice" data-testid="join-planned">
              {t('join.planned', { start: formatDateTime(workshop.startsAt, i18n.language) })}
            </p>
          )}
          {alreadyHere && (
            <p className="notice" data-testid="join-already">
              {t('join.alreadyJoined')} <Link to={`/workshop/${workshop.id}`}>{t('join.toWorkshop')}</Link>
            </p>
          )}
          {elsewhere && <p className="notice">{t('join.replacesOther')}</p>}
          {info.role === 'observer' ? <ObserverJoin info={info} onJoin={join} /> : <ParticipantJoinForm info={info} onJoin={join} />}
        </>
      )}
    </>
  )
}
