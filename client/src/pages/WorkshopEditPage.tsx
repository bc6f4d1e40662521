import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useNavigate, useParams } from 'react-router'
import type { WorkshopDetail } from '../../../shared/src/schema/workshopApi.ts'
import { anyBody } from '../app/apiClient.ts'
import { useAppServices } from '../app/AppServicesContext.tsx'
import { ConfirmButton } from '../components/ConfirmButton.tsx'
import { FormError } from '../components/form/FormError.tsx'
import { LiveAnnouncer } from '../components/LiveAnnouncer.tsx'
import { PageShell } from '../components/PageShell.tsx'
import { AddStepForm } from '../facilitator/AddStepForm.tsx'
import { DeletionDateControl } from '../facilitator/DeletionDateControl.tsx'
import { LinkManager } from '../facilitator/LinkManager.tsx'
import { ParticipantDataList } from '../facilitator/ParticipantDataList.tsx'
import { RequireFacilitator } from '../facilitator/RequireFacilitator.tsx'
import { StepEditorList } from '../facilitator/StepEditorList.tsx'
import { WorkshopDetailsForm } from '../facilitator/WorkshopDetailsForm.tsx'
import { WorkshopStatusControl } from '../facilitator/WorkshopStatusControl.tsx'
import { resourceValue } from '../hooks/useApiResource.ts'
import { useRepeatingRevision } from '../hooks/useRepeatingRevision.ts'
import { useSubmission } from '../hooks/useSubmission.ts'
import { useWorkshopDetail } from '../hooks/useWorkshopDetail.ts'
import { workshopStatusKey } from '../workshop/labels.ts'
import { WorkshopUnavailable } from '../workshop/WorkshopUnavailable.tsx'

/** `/workshop/:workshopId/edit`: the facilitator's editor for one workshop. */
export function WorkshopEditPage() {
  return <RequireFacilitator>{() => <WorkshopEditorLoader />}</RequireFacilitator>
}

function WorkshopEditorLoader() {
  const { t } = useTranslation()
  const { workshopId = '' } = useParams()
  const [revision, reload] = useRepeatingRevision(null)
  const resource = useWorkshopDetail(workshopId, revision)
  const detail = resourceValue(resource)
  return (
    <PageShell title={`${t('editor.title', { title: detail?.workshop.title ?? '' })} – ${t('app.name')}`} wide>
      {detail === null ? (
        <WorkshopUnavailable resource={resource.status === 'loaded' ? { status: 'loading', previous: null } : resource} />
      ) : (
        <WorkshopEditor detail={detail} reload={reload} />
      )}
    </PageShell>
  )
}

function WorkshopEditor({ detail, reload }: { detail: WorkshopDetail; reload(): void }) {
  const { t } = useTranslation()
  const { api } = useAppServices()
  const navigate = useNavigate()
  const [announcement, setAnnouncement] = useState('')
  const { workshop, challenge } = detail
  const changed = (message: string) => {
    setAnnouncement(message)
    reload()
  }
  const remove = useSubmission(async () => {
    await api.send({ method: 'DELETE', path: `/api/workshops/${workshop.id}`, as: 'facilitator', response: anyBody })
    void navigate(`/challenge/${challenge.id}`)
  })

  return (
    <div className="workshop-editor" data-testid="workshop-editor">
      <LiveAnnouncer message={announcement} />
      <header className="workshop-header">
        <h1>{t('editor.heading', { title: workshop.title })}</h1>
        <p className="challenge__question">
          <Link to={`/challenge/${challenge.id}`}>{challenge.name}</Link> – {challenge.title}
        </p>
        <p>
          <Link to={`/workshop/${workshop.id}`} data-testid="workshop-page-link">
            {t('editor.toWorkshopPage')}
          </Link>
        </p>
      </header>
      <div className="workshop-editor__columns">
        <div className="workshop-editor__main">
          <section aria-labelledby="editor-agenda-heading">
            <h2 id="editor-agenda-heading">{t('agenda.heading')}</h2>
            <StepEditorList workshopId={workshop.id} steps={detail.steps} onChanged={reload} announce={setAnnouncement} />
          </section>
          <section aria-labelledby="editor-add-step-heading">
            <h2 id="editor-add-step-heading">{t('steps.addHeading')}</h2>
            <AddStepForm workshopId={workshop.id} onAdded={(name) => changed(t('steps.added', { name }))} />
          </section>
          <section aria-labelledby="editor-details-heading">
            <h2 id="editor-details-heading">{t('editor.detailsHeading')}</h2>
            <WorkshopDetailsForm workshop={workshop} onSaved={reload} />
          </section>
        </div>
        <div className="workshop-editor__side">
          <section aria-labelledby="editor-status-heading">
            <h2 id="editor-status-heading">{t('editor.statusHeading')}</h2>
            <WorkshopStatusControl
              workshop={workshop}
              onChanged={(status) => changed(t('editor.statusChanged', { status: t(workshopStatusKey[status]) }))}
            />
          </section>
          {detail.retention !== null && (
            <section aria-labelledby="editor-deletion-date-heading">
              <h2 id="editor-deletion-date-heading">{t('retention.heading')}</h2>
              <DeletionDateControl workshopId={workshop.id} retention={detail.retention} onChanged={changed} />
            </section>
          )}
          {detail.links !== null && (
            <section aria-labelledby="editor-links-heading">
              <h2 id="editor-links-heading">{t('links.heading')}</h2>
              <LinkManager workshopId={workshop.id} links={detail.links} onChanged={changed} />
            </section>
          )}
          <section aria-labelledby="editor-people-data-heading">
            <h2 id="editor-people-data-heading">{t('participantData.heading')}</h2>
            <ParticipantDataList workshopId={workshop.id} people={detail.people} onErased={reload} />
          </section>
          <section aria-labelledby="editor-delete-heading">
            <h2 id="editor-delete-heading">{t('editor.deleteHeading')}</h2>
            <p className="hint">{t('editor.deleteHint')}</p>
            <FormError error={remove.error} testId="delete-workshop-error" />
            <ConfirmButton
              className="button button--danger"
              testId="delete-workshop"
              confirmTestId="delete-workshop-confirm"
              title={t('editor.deleteTitle', { title: workshop.title })}
              body={<p>{t('editor.deleteBody')}</p>}
              confirmLabel={t('editor.delete')}
              disabled={remove.pending}
              onConfirm={() => void remove.run()}
            >
              {t('editor.delete')}
            </ConfirmButton>
          </section>
        </div>
      </div>
    </div>
  )
}
