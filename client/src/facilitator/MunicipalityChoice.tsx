import { useTranslation } from 'react-i18next'
import type { Municipality } from '../../../shared/src/schema/municipality.ts'
import type { ApiRequestError } from '../app/apiErrors.ts'
import { issuesAt, issuesFor } from '../app/apiErrors.ts'
import { Field } from '../components/form/Field.tsx'
import { FieldIssues } from '../components/form/FieldIssues.tsx'
import { roleOf, withLead, withRole, type ChallengeFormValues, type MunicipalityRole } from './challengeForm.ts'
import { leadHintKey } from './municipalityFacts.ts'

export interface MunicipalityChoiceProps {
  municipalities: readonly Municipality[]
  values: ChallengeFormValues
  onChange(values: ChallengeFormValues): void
  error: ApiRequestError | null
}

const roleLabelKey = {
  lead: 'challengeForm.roleLead',
  coApplicantIds: 'challengeForm.roleCoApplicant',
  followerMunicipalityIds: 'challengeForm.roleFollower',
} as const

/**
 * Which municipalities take part: the lead (one, from a list), co-applicants and
 * followers (checkboxes). A municipality has one role, so choosing it in one role
 * takes it out of the others; the checkbox says which role it has now.
 */
export function MunicipalityChoice({ municipalities, values, onChange, error }: MunicipalityChoiceProps) {
  const { t, i18n } = useTranslation()
  const collator = new Intl.Collator(i18n.language)
  const sorted = [...municipalities].sort((a, b) => collator.compare(a.name, b.name))
  const lead = municipalities.find((municipality) => municipality.id === values.leadMunicipalityId)
  return (
    <>
      <Field
        label={t('challengeForm.lead')}
        hint={lead === undefined ? undefined : t(leadHintKey[lead.languageForm])}
        issues={issuesAt(error, 'leadMunicipalityId')}
      >
        {(control) => (
          <select
            {...control}
            data-testid="challenge-lead"
            value={values.leadMunicipalityId}
            onChange={(event) => onChange(withLead(values, event.target.value))}
          >
            <option value="">{t('challengeForm.choose')}</option>
            {sorted.map((municipality) => (
              <option key={municipality.id} value={municipality.id}>
                {municipality.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      <RoleCheckboxes role="coApplicantIds" legend={t('challengeForm.coApplicants')} municipalities={sorted} {...{ values, onChange, error }} />
      <RoleCheckboxes role="followerMunicipalityIds" legend={t('challengeForm.followers')} municipalities={sorted} {...{ values, onChange, error }} />
    </>
  )
}

function RoleCheckboxes({
  role,
  legend,
  municipalities,
  values,
  onChange,
  error,
}: MunicipalityChoiceProps & { role: MunicipalityRole; legend: string }) {
  const { t } = useTranslation()
  const issues = issuesFor(error, role)
  return (
    <fieldset className="checkbox-group" data-testid={`challenge-${role}`}>
      <legend className="field__label">
        {legend} <span className="field__optional">{t('form.optional')}</span>
      </legend>
      <FieldIssues id={undefined} issues={issues} />
      <ul className="checkbox-group__options">
        {municipalities.map((municipality) => {
          const current = roleOf(values, municipality.id)
          const isLead = current === 'lead'
          const id = `${role}-${municipality.id}`
          return (
            <li key={municipality.id}>
              <input
                id={id}
                type="checkbox"
                checked={current === role}
                disabled={isLead}
                onChange={(event) => onChange(withRole(values, role, municipality.id, event.target.checked))}
              />
              <label htmlFor={id}>
                {municipality.name}
                {current !== null && current !== role && <span className="hint"> ({t(roleLabelKey[current])})</span>}
              </label>
            </li>
          )
        })}
      </ul>
    </fieldset>
  )
}
