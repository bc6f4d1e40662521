import { useTranslation } from 'react-i18next'
import { Link, useNavigate, useParams } from 'react-router'
import { ChallengeDetail, MunicipalityList } from '../../../shared/src/schema/publicApi.ts'
import { CreateChallengeBody } from '../../../shared/src/schema/workshopApi.ts'
import { anyBody } from '../app/apiClient.ts'
import { checkBody } from '../app/apiErrors.ts'
import { useAppServices } from '../app/AppServicesContext.tsx'
import { PageShell } from '../components/PageShell.tsx'
import { challengeBody, challengeFormFrom, emptyChallengeForm, type ChallengeFormValues } from '../facilitator/challengeForm.ts'
import { ChallengeForm } from '../facilitator/ChallengeForm.tsx'
import { RequireFacilitator } from '../facilitator/RequireFacilitator.tsx'
import { useApiResource } from '../hooks/useApiResource.ts'

/** `/challenge/new` and `/challenge/:challengeId/edit`: a facilitator writes a challenge. */
export function ChallengeEditPage() {
  return <RequireFacilitator>{() => <ChallengeEditor />}</RequireFacilitator>
}

function ChallengeEditor() {
  const { t } = useTranslation()
  const { api } = useAppServices()
  const navigate = useNavigate()
  const { challengeId } = useParams()
  const isNew = challengeId === undefined
  const municipalities = useApiResource('/api/municipalities', MunicipalityList)
  const challenge = useApiResource(isNew ? null : `/api/challenges/${challengeId}`, ChallengeDetail)
  const heading = isNew ? t('challengeForm.newHeading') : t('challengeForm.editHeading')

  const save = async (values: ChallengeFormValues) => {
    // The whole challenge is checked as a new one would be, so a PATCH never leaves it invalid.
    const body = checkBody(CreateChallengeBody, challengeBody(values))
    if (isNew) {
      const created = await api.send({ method: 'POST', path: '/api/challenges', body, as: 'facilitator', response: ChallengeDetail })
      void navigate(`/challenge/${created.id}`)
    } else {
      await api.send({ method: 'PATCH', path: `/api/challenges/${challengeId}`, body, as: 'facilitator', response: anyBody })
      void navigate(`/challenge/${challengeId}`)
    }
  }

  const ready = municipalities.status === 'loaded' && (isNew || challenge.status === 'loaded')
  const failed = municipalities.status === 'failed' || challenge.status === 'failed'
  return (
    <PageShell title={`${heading} – ${t('app.name')}`}>
      <h1>{heading}</h1>
      {challenge.status === 'loaded' && <p className="lead">{challenge.value.name}</p>}
      {challenge.status === 'notFound' && <p data-testid="challenge-not-found">{t('challenge.notFoundBody')}</p>}
      {failed && (
        <p className="error-message" role="alert">
          {t('challenge.failed')}
        </p>
      )}
      {!ready && !failed && challenge.status !== 'notFound' && <p role="status">{t('challenge.loading')}</p>}
      {ready && municipalities.status === 'loaded' && (
        <ChallengeForm
          initial={challenge.status === 'loaded' ? challengeFormFrom(challenge.value) : emptyChallengeForm()}
          municipalities={municipalities.value.municipalities}
          submitLabel={isNew ? t('challengeForm.create') : t('challengeForm.save')}
          onSubmit={save}
        />
      )}
      <p>
        <Link to={isNew ? '/facilitator' : `/challenge/${challengeId}`}>{t('form.backWithoutSaving')}</Link>
      </p>
    </PageShell>
  )
}
