import { useTranslation } from 'react-i18next'
import { Link, useParams } from 'react-router'
import { FormError } from '../components/form/FormError.tsx'
import { PageShell } from '../components/PageShell.tsx'
import { ChallengeFacts } from '../description/ChallengeFacts.tsx'
import { DescriptionForm } from '../description/DescriptionForm.tsx'
import { DescriptionPreview } from '../description/DescriptionPreview.tsx'
import { DraftExport } from '../description/DraftExport.tsx'
import { DraftFromWorkshop } from '../description/DraftFromWorkshop.tsx'
import { PublishSection } from '../description/PublishSection.tsx'
import { SaveStatus } from '../description/SaveStatus.tsx'
import { useDraftEditor } from '../description/useDraftEditor.ts'
import { VersionList } from '../description/VersionList.tsx'
import { RequireFacilitator } from '../facilitator/RequireFacilitator.tsx'
import { resourceValue } from '../hooks/useApiResource.ts'
import { useChallenge } from '../hooks/useChallenge.ts'

/**
 * `/challenge/:challengeId/description`: the facilitators' editor of a challenge
 * description (utfordringsbeskrivelse): draft it from a workshop, edit every field
 * beside the notes it came from, see it as it will read, publish it, download it.
 */
export function DescriptionEditPage() {
  return <RequireFacilitator>{() => <DescriptionEditor />}</RequireFacilitator>
}

function DescriptionEditor() {
  const { t } = useTranslation()
  const { challengeId = '' } = useParams()
  const challenge = resourceValue(useChallenge(challengeId))
  const { editor, state } = useDraftEditor(challengeId)
  const name = challenge?.name ?? ''
  const title = `${t('description.pageTitle', { name })} – ${t('app.name')}`

  if (editor === null || state === null || state.status === 'loading') {
    return (
      <PageShell title={title} wide>
        <p role="status">{t('description.loading')}</p>
      </PageShell>
    )
  }
  if (state.status === 'failed' || state.fields === null) {
    return (
      <PageShell title={title} wide>
        <section className="message-page" data-testid="description-unavailable">
          <h1>{t('description.unavailableTitle')}</h1>
          {state.loadError?.status === 404 ? <p>{t('challenge.notFoundBody')}</p> : <FormError error={state.loadError} />}
          <p>
            <Link to="/">{t('challenge.allChallenges')}</Link>
          </p>
        </section>
      </PageShell>
    )
  }
  return (
    <PageShell title={title} wide>
      <div className="description-editor" data-testid="description-editor">
        <header className="description-editor__header">
          <h1>{t('description.heading')}</h1>
          <p className="challenge__question">
            <Link to={`/challenge/${challengeId}`}>{name === '' ? t('description.toChallenge') : name}</Link>
          </p>
          <p className="hint">{t('description.autosaveHint')}</p>
        </header>
        <div className="description-editor__status">
          <SaveStatus state={state} onRetry={() => void editor.retry()} />
        </div>
        <DraftFromWorkshop challengeId={challengeId} editor={editor} state={state} />
        <div className="description-editor__columns">
          <div className="description-editor__main">
            <ChallengeFacts challengeId={challengeId} fields={state.fields} />
            <DescriptionForm editor={editor} state={state} />
          </div>
          <div className="description-editor__side">
            <DescriptionPreview fields={state.fields} />
          </div>
        </div>
        <div className="description-editor__publishing">
          <PublishSection challengeId={challengeId} editor={editor} state={state} />
          <VersionList challengeId={challengeId} revision={state.published?.version ?? 0} />
          <DraftExport challengeId={challengeId} editor={editor} state={state} />
        </div>
      </div>
    </PageShell>
  )
}
