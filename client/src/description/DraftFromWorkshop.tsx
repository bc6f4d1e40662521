import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { SourceRef } from '../../../shared/src/description/challengeDescription.ts'
import type { FieldChange } from '../../../shared/src/description/descriptionApi.ts'
import { fieldLabels } from '../../../shared/src/description/labels.ts'
import { WorkshopSummaryList } from '../../../shared/src/schema/workshopApi.ts'
import { Field } from '../components/form/Field.tsx'
import { FormError } from '../components/form/FormError.tsx'
import { resourceValue, useApiResource } from '../hooks/useApiResource.ts'
import { formatWorkshopTime } from '../workshop/dateTime.ts'
import type { DraftEditor, DraftEditorState } from './DraftEditor.ts'
import { useLabelLanguage } from './useLabelLanguage.ts'

/**
 * "Lag utkast fra verksted": choose one of the challenge's workshops and draft the
 * description from its boards; then what the run did to each field. Running it
 * again is safe: text a person edited is never overwritten, a newer suggestion
 * waits beside it.
 */
export function DraftFromWorkshop({ challengeId, editor, state }: { challengeId: string; editor: DraftEditor; state: DraftEditorState }) {
  const { t, i18n } = useTranslation()
  const resource = useApiResource(`/api/challenges/${encodeURIComponent(challengeId)}/workshops`, WorkshopSummaryList)
  const workshops = resourceValue(resource)?.workshops ?? null
  const [chosen, setChosen] = useState<string | null>(null)
  // The person's choice, else the workshop drafted from last time, else the first; never one that is gone.
  const workshopId = [chosen, state.draft?.workshopId, workshops?.[0]?.id].find((id) => id != null && workshops?.some((workshop) => workshop.id === id)) ?? ''
  const drafting = state.action === 'drafting'
  const chosenWorkshop = workshops?.find((workshop) => workshop.id === workshopId)

  return (
    <section className="draft-from-workshop" aria-labelledby="draft-from-workshop-heading">
      <h2 id="draft-from-workshop-heading">{t('description.draftHeading')}</h2>
      <p className="hint">{state.draft?.workshopId == null ? t('description.draftHintFirst') : t('description.draftHintAgain')}</p>
      {workshops === null ? (
        resource.status === 'loading' ? (
          <p role="status">{t('workshops.loading')}</p>
        ) : (
          <p className="error-message" role="alert">
            {t('workshops.failed')}
          </p>
        )
      ) : workshops.length === 0 ? (
        <p data-testid="draft-no-workshops">{t('description.noWorkshops')}</p>
      ) : (
        <form
          className="draft-from-workshop__form"
          onSubmit={(event) => {
            event.preventDefault()
            if (workshopId !== '') void editor.draftFromWorkshop(workshopId)
          }}
        >
          <Field label={t('description.workshop')} hint={chosenWorkshop === undefined ? undefined : formatWorkshopTime(chosenWorkshop.startsAt, chosenWorkshop.endsAt, i18n.language)}>
            {(control) => (
              <select {...control} data-testid="draft-workshop" value={workshopId} onChange={(event) => setChosen(event.target.value)}>
                {workshops.map((workshop) => (
                  <option key={workshop.id} value={workshop.id}>
                    {workshop.title}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <button type="submit" className="button button--primary" data-testid="draft-submit" aria-disabled={state.action !== null}>
            {drafting ? t('description.drafting') : t('description.draftSubmit')}
          </button>
          <span className="visually-hidden" role="status">
            {drafting ? t('description.drafting') : ''}
          </span>
        </form>
      )}
      <FormError error={state.actionError?.action === 'drafting' ? state.actionError.error : null} testId="draft-error" />
      {state.lastRun !== null && <DraftChanges changes={state.lastRun.changes} />}
      {state.lastRun !== null && <LeftOutNotes groups={state.lastRun.leftOut} />}
    </section>
  )
}

const changeCounts = {
  pending: 'description.runPending',
  filled: 'description.runFilled',
  emptied: 'descriptionRows.runEmptied',
  unchanged: 'description.runUnchanged',
} as const

const changeHeadings = {
  pending: 'description.changesPending',
  filled: 'description.changesFilled',
  emptied: 'descriptionRows.changesEmptied',
  unchanged: 'description.changesUnchanged',
} as const

/** What a draft run did: which fields it filled with content, which wait for the person, which it emptied, which stayed as they were. */
function DraftChanges({ changes }: { changes: readonly FieldChange[] }) {
  const { t, i18n } = useTranslation()
  const language = useLabelLanguage()
  const groups = (['pending', 'filled', 'emptied', 'unchanged'] as const)
    .map((kind) => ({ kind, fields: changes.filter((change) => change.kind === kind) }))
    .filter((group) => group.fields.length > 0)
  const parts = groups.map((group) => t(changeCounts[group.kind], { count: group.fields.length }))
  return (
    <div className="draft-changes" data-testid="draft-changes">
      <p role="status">{t('description.runSummary', { changes: new Intl.ListFormat(i18n.language, { type: 'conjunction' }).format(parts) })}</p>
      {groups.map((group) => (
        <div key={group.kind} className={`draft-changes__group draft-changes__group--${group.kind}`} data-testid={`draft-changes-${group.kind}`}>
          <h3>{t(changeHeadings[group.kind])}</h3>
          <ul className="draft-changes__fields">
            {group.fields.map((change) => (
              <li key={change.field}>
                <a href={`#field-${change.field}`}>{fieldLabels[change.field].label[language]}</a>
              </li>
            ))}
          </ul>
        </div>
      ))}
    </div>
  )
}

/**
 * The notes on the boards that no field took (a statement where a question was asked, a note outside
 * every frame), by step and frame, so that nothing people wrote is lost without the facilitator knowing.
 */
function LeftOutNotes({ groups }: { groups: readonly SourceRef[] }) {
  const { t } = useTranslation()
  const count = groups.reduce((sum, group) => sum + group.notes.length, 0)
  if (count === 0) return null
  return (
    <details className="draft-left-out" data-testid="draft-left-out">
      <summary>{t('description.leftOutHeading', { count })}</summary>
      <p className="hint">{t('description.leftOutHint')}</p>
      {groups.map((group) => {
        const place = `${group.stepTitle} – ${group.frameKey === '' ? t('description.leftOutOutsideFrames') : group.frameName}`
        return (
          <div key={`${group.stepId}:${group.frameKey}`} className="draft-left-out__group">
            <h3>{place}</h3>
            <ul className="field-sources__list" aria-label={place}>
              {group.notes.map((note) => (
                <li key={note.id}>{note.text}</li>
              ))}
            </ul>
          </div>
        )
      })}
    </details>
  )
}
