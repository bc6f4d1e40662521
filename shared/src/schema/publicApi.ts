import { z } from 'zod'
import { Challenge, ChallengeStatus } from './challenge.ts'
import { EntityId, requiredText } from './entityId.ts'
import { Municipality } from './municipality.ts'

// The public, read-only part of the REST API: its query and path parameters and
// its responses. The server validates requests with these schemas and
// generates /api/openapi.json from them; the client can parse responses with them.

/** Free text to search for; case and diacritics do not matter. */
export const SearchText = z
  .string()
  .trim()
  .max(100, 'Must be at most 100 characters.')
  .meta({ description: 'Text to search for, ignoring case and diacritics ("grue" finds Grue).' })

/** `GET /api/municipalities?q=&county=` */
export const MunicipalityQuery = z.strictObject({
  q: SearchText.optional(),
  county: requiredText(100).meta({ description: 'The whole county name, e.g. Innlandet.' }).optional(),
})
export type MunicipalityQuery = z.infer<typeof MunicipalityQuery>

/** `GET /api/challenges?q=&municipalityId=&status=` */
export const ChallengeQuery = z.strictObject({
  q: SearchText.optional(),
  municipalityId: EntityId.meta({
    description: 'Only challenges this municipality takes part in, as lead, co-applicant or follower.',
  }).optional(),
  status: ChallengeStatus.optional(),
})
export type ChallengeQuery = z.infer<typeof ChallengeQuery>

/** `GET /api/challenges/:challengeId` */
export const ChallengeParams = z.strictObject({ challengeId: EntityId })
export type ChallengeParams = z.infer<typeof ChallengeParams>

/** A municipality named in another record. */
export const MunicipalityRef = z.strictObject({ id: EntityId, name: z.string() })
export type MunicipalityRef = z.infer<typeof MunicipalityRef>

export const MunicipalityList = z.strictObject({ municipalities: z.array(Municipality) })
export type MunicipalityList = z.infer<typeof MunicipalityList>

export const ChallengeList = z.strictObject({ challenges: z.array(Challenge) })
export type ChallengeList = z.infer<typeof ChallengeList>

/** A challenge with the municipalities it names resolved to their names. */
export const ChallengeDetail = z.strictObject({
  ...Challenge.shape,
  leadMunicipality: MunicipalityRef,
  coApplicants: z.array(MunicipalityRef),
  followerMunicipalities: z.array(MunicipalityRef),
})
export type ChallengeDetail = z.infer<typeof ChallengeDetail>

/** One invalid field of a request: its path ('status', 'title', 'problemStatements.2') and why. */
export const FieldIssue = z.strictObject({ path: z.string(), message: z.string() })
export type FieldIssue = z.infer<typeof FieldIssue>

/** The body of every error response. */
export const ApiError = z.strictObject({
  error: z.strictObject({
    code: z.string().meta({ description: "A stable code, e.g. 'invalid_request' or 'challenge_not_found'." }),
    message: z.string().meta({ description: 'What went wrong, for a person.' }),
    fields: z.array(FieldIssue).optional().meta({ description: 'With invalid_request: each invalid field.' }),
  }),
})
export type ApiError = z.infer<typeof ApiError>
