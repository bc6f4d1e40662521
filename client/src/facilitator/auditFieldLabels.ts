import type { TFunction } from 'i18next'
import type { AuditAction } from '../../../shared/src/schema/auditLog.ts'

/** Each changed field's label where facilitators change it, by the action that changed it (a title is a challenge's or a workshop's). */
const labelKeys = {
  'challenge.update': {
    name: 'challengeForm.name',
    title: 'challengeForm.title',
    summary: 'challengeForm.summary',
    leadMunicipalityId: 'challengeForm.lead',
    coApplicantIds: 'challengeForm.coApplicants',
    followerMunicipalityIds: 'challengeForm.followers',
    problemStatements: 'challengeForm.problemStatements',
    themes: 'challengeForm.themes',
    stakeholderGroups: 'challengeForm.stakeholderGroups',
    status: 'challengeForm.status',
  },
  'workshop.update': {
    title: 'workshopForm.title',
    startsAt: 'workshopForm.startsAt',
    endsAt: 'workshopForm.endsAt',
    status: 'workshop.status',
    facilitatorIds: 'audit.fieldFacilitators',
  },
  'step.update': { instructions: 'steps.instructions', plannedMinutes: 'steps.minutes' },
  'municipality.update': { languageForm: 'audit.fieldLanguageForm', county: 'municipalities.county' },
} as const

type LabelKeys = typeof labelKeys
type LabelKey = { [A in keyof LabelKeys]: LabelKeys[A][keyof LabelKeys[A]] }[keyof LabelKeys]

/**
 * The fields an entry names, as the forms label them ("Sammendrag, Tema"), not as the API names
 * them; a field without a label (from a newer server) keeps its name.
 */
export function fieldLabels(t: TFunction, action: AuditAction, fields: readonly string[]): string {
  const keys: Partial<Record<string, LabelKey>> = (labelKeys as Partial<Record<AuditAction, Record<string, LabelKey>>>)[action] ?? {}
  return fields
    .map((field) => {
      const key = keys[field]
      return key === undefined ? field : t(key)
    })
    .join(', ')
}
