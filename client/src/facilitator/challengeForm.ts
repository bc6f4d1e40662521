import type { Challenge, ChallengeStatus } from '../../../shared/src/schema/challenge.ts'

/** A challenge as its form holds it, before the schema checks it. */
export interface ChallengeFormValues {
  leadMunicipalityId: string
  coApplicantIds: string[]
  followerMunicipalityIds: string[]
  name: string
  title: string
  summary: string
  problemStatements: string[]
  themes: string[]
  stakeholderGroups: string[]
  status: ChallengeStatus
}

/** The list fields a person edits line by line. */
export type ChallengeTextList = 'problemStatements' | 'themes' | 'stakeholderGroups'
/** The municipality roles besides the lead. */
export type MunicipalityRole = 'coApplicantIds' | 'followerMunicipalityIds'

/** A new challenge: a draft with no municipality chosen and one empty problem statement to fill in. */
export function emptyChallengeForm(): ChallengeFormValues {
  return {
    leadMunicipalityId: '',
    coApplicantIds: [],
    followerMunicipalityIds: [],
    name: '',
    title: '',
    summary: '',
    problemStatements: [''],
    themes: [],
    stakeholderGroups: [],
    status: 'draft',
  }
}

/** The form of an existing challenge. */
export function challengeFormFrom(challenge: Challenge): ChallengeFormValues {
  return {
    leadMunicipalityId: challenge.leadMunicipalityId,
    coApplicantIds: [...challenge.coApplicantIds],
    followerMunicipalityIds: [...challenge.followerMunicipalityIds],
    name: challenge.name,
    title: challenge.title,
    summary: challenge.summary,
    problemStatements: [...challenge.problemStatements],
    themes: [...challenge.themes],
    stakeholderGroups: [...challenge.stakeholderGroups],
    status: challenge.status,
  }
}

/** The request body (`POST`/`PATCH /api/challenges`) for the form's values; the schema checks it. */
export function challengeBody(values: ChallengeFormValues): Omit<Challenge, 'id'> {
  return { ...values }
}

/**
 * A new lead municipality. It leaves any other role it had, since a municipality has
 * one role in a challenge.
 */
export function withLead(values: ChallengeFormValues, municipalityId: string): ChallengeFormValues {
  return {
    ...values,
    leadMunicipalityId: municipalityId,
    coApplicantIds: values.coApplicantIds.filter((id) => id !== municipalityId),
    followerMunicipalityIds: values.followerMunicipalityIds.filter((id) => id !== municipalityId),
  }
}

/** Adds or removes a municipality in a role; adding it removes it from the other role. */
export function withRole(
  values: ChallengeFormValues,
  role: MunicipalityRole,
  municipalityId: string,
  chosen: boolean,
): ChallengeFormValues {
  const other: MunicipalityRole = role === 'coApplicantIds' ? 'followerMunicipalityIds' : 'coApplicantIds'
  const without = values[role].filter((id) => id !== municipalityId)
  return {
    ...values,
    [role]: chosen ? [...without, municipalityId] : without,
    [other]: chosen ? values[other].filter((id) => id !== municipalityId) : values[other],
  }
}

/** The role a municipality has in the form, if any. */
export function roleOf(values: ChallengeFormValues, municipalityId: string): 'lead' | MunicipalityRole | null {
  if (values.leadMunicipalityId === municipalityId) return 'lead'
  if (values.coApplicantIds.includes(municipalityId)) return 'coApplicantIds'
  if (values.followerMunicipalityIds.includes(municipalityId)) return 'followerMunicipalityIds'
  return null
}

/** A list with line `index` replaced. */
export function replaceLine(lines: readonly string[], index: number, value: string): string[] {
  return lines.map((line, at) => (at === index ? value : line))
}

/** A list without line `index`. */
export function removeLine(lines: readonly string[], index: number): string[] {
  return lines.filter((_line, at) => at !== index)
}
