import { z } from 'zod'
import { EntityId, requiredText } from './entityId.ts'

/** A written standard of Norwegian: bokmål (nb) or nynorsk (nn), as a board or a description is written in. */
export const LanguageForm = z.enum(['nb', 'nn'])
export type LanguageForm = z.infer<typeof LanguageForm>

/**
 * A municipality's official language form (målform) under the language act: bokmål, nynorsk, or
 * neutral (nøytral: it has chosen neither, and state bodies may write to it in either).
 */
export const MunicipalityLanguageForm = z.enum(['nb', 'nn', 'neutral'])
export type MunicipalityLanguageForm = z.infer<typeof MunicipalityLanguageForm>

/**
 * The written form a municipality's workshops, boards and descriptions use: its own, and bokmål for
 * a neutral one, since neutral municipalities in practice write bokmål.
 * @example writtenLanguageForm('neutral') // 'nb'
 */
export function writtenLanguageForm(form: MunicipalityLanguageForm): LanguageForm {
  return form === 'neutral' ? 'nb' : form
}

/**
 * The written form a workshop speaks to its people unless they chose a language of their own: its
 * lead municipality's, by writtenLanguageForm.
 */
export const WorkshopLanguage = LanguageForm.meta({
  description: 'The language form the workshop speaks by default: its lead municipality’s, bokmål for a neutral one.',
})

/**
 * The counties (fylker) of the division in force from 1 January 2024, for choosing a municipality's
 * county. A stored county is free text, so a municipality keeps a county named otherwise.
 */
export const currentCounties = [
  'Agder',
  'Akershus',
  'Buskerud',
  'Finnmark',
  'Innlandet',
  'Møre og Romsdal',
  'Nordland',
  'Oslo',
  'Rogaland',
  'Telemark',
  'Troms',
  'Trøndelag',
  'Vestfold',
  'Vestland',
  'Østfold',
] as const

/** A kommune taking part in the programme, as lead, co-applicant or follower (følgekommune). */
export const Municipality = z.strictObject({
  id: EntityId,
  name: requiredText(200),
  /** The four-digit kommunenummer; null where the source facts do not give one. */
  municipalityNumber: z
    .string()
    .regex(/^\d{4}$/, 'A municipality number has four digits.')
    .nullable(),
  /** The county it lies in now; null where nobody has said. */
  county: requiredText(100).nullable(),
  /** Its official language form; its workshops write writtenLanguageForm of it. */
  languageForm: MunicipalityLanguageForm,
})
export type Municipality = z.infer<typeof Municipality>

/** A follower municipality (følgekommune) watching a lead municipality's work in the programme. */
export const FollowerLink = z
  .strictObject({
    leadMunicipalityId: EntityId,
    followerMunicipalityId: EntityId,
  })
  .refine((link) => link.leadMunicipalityId !== link.followerMunicipalityId, {
    message: 'A municipality cannot follow itself.',
    path: ['followerMunicipalityId'],
  })
export type FollowerLink = z.infer<typeof FollowerLink>
