import { z } from 'zod'
import { EntityId, requiredText } from './entityId.ts'

/** "Hvordan kan vi …?" (nynorsk "Korleis kan vi …?", English "How might we …?"): a question about how. */
const howQuestionPattern = /^(hvordan|korleis|how)\s[\s\S]*\?$/iu

/** A challenge phrased as a question: starts with "Hvordan", "Korleis" or "How" and ends with "?". */
export const HowQuestion = requiredText(400).refine((text) => howQuestionPattern.test(text), {
  message:
    'Must be phrased as a question, like "Hvordan kan vi …?" (starting with Hvordan, Korleis or How and ending with "?").',
})
export type HowQuestion = z.infer<typeof HowQuestion>

export const ChallengeStatus = z.enum(['draft', 'active', 'closed'])
export type ChallengeStatus = z.infer<typeof ChallengeStatus>

/** A list of distinct short labels (themes, stakeholder groups). */
function labelList(what: string) {
  return z
    .array(requiredText(200))
    .max(50)
    .refine((labels) => new Set(labels).size === labels.length, { message: `The ${what} must be distinct.` })
}

function idList(what: string) {
  return z
    .array(EntityId)
    .max(100)
    .refine((ids) => new Set(ids).size === ids.length, { message: `The ${what} must be distinct.` })
}

/**
 * A municipality's challenge (utfordring).
 *
 * It carries both a `name` and a `title`: the programme published challenges
 * under a short name that is not a question (Grue's "Kirkenær – et attraktivt
 * sentrum for både næringsliv og innbyggere"), while our method asks for the
 * challenge framed as "Hvordan kan vi …?". Keeping both loses none of the
 * published facts and lets the start page list the familiar name while the
 * boards show the question; a seeded challenge takes its title from its first
 * problem statement.
 */
export const ChallengeFields = z.strictObject({
  id: EntityId,
  leadMunicipalityId: EntityId,
  coApplicantIds: idList('co-applicants'),
  followerMunicipalityIds: idList('follower municipalities'),
  name: requiredText(200),
  title: HowQuestion,
  summary: z.string().trim().max(4000, 'Must be at most 4000 characters.'),
  problemStatements: z.array(HowQuestion).max(20),
  themes: labelList('themes'),
  stakeholderGroups: labelList('stakeholder groups'),
  status: ChallengeStatus,
})

/** One municipality has one role in a challenge: lead, co-applicant or follower. */
export function checkMunicipalityRoles(
  challenge: Pick<Challenge, 'leadMunicipalityId' | 'coApplicantIds' | 'followerMunicipalityIds'>,
  context: z.RefinementCtx,
): void {
  const roles = new Map<string, string>([[challenge.leadMunicipalityId, 'lead municipality']])
  const check = (ids: readonly string[], role: string, field: 'coApplicantIds' | 'followerMunicipalityIds') => {
    ids.forEach((id, index) => {
      const existing = roles.get(id)
      if (existing !== undefined) {
        context.addIssue({
          code: 'custom',
          path: [field, index],
          message: `Municipality ${id} is already the ${existing}.`,
        })
      }
      roles.set(id, role)
    })
  }
  check(challenge.coApplicantIds, 'co-applicant', 'coApplicantIds')
  check(challenge.followerMunicipalityIds, 'follower', 'followerMunicipalityIds')
}

export const Challenge = ChallengeFields.superRefine(checkMunicipalityRoles)
export type Challenge = z.infer<typeof Challenge>
