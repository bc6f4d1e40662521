import { z } from 'zod'
import { EntityId, requiredText } from './entityId.ts'

/** The official written standard a municipality uses: bokmål (nb) or nynorsk (nn). */
export const LanguageForm = z.enum(['nb', 'nn'])
export type LanguageForm = z.infer<typeof LanguageForm>

/** A kommune taking part in the programme, as lead, co-applicant or follower (følgekommune). */
export const Municipality = z.strictObject({
  id: EntityId,
  name: requiredText(200),
  /** The four-digit kommunenummer; null where the source facts do not give one. */
  municipalityNumber: z
    .string()
    .regex(/^\d{4}$/, 'A municipality number has four digits.')
    .nullable(),
  /** Null where the source facts do not say (the followers and the other round's municipalities). */
  county: requiredText(100).nullable(),
  languageForm: LanguageForm,
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
