import { ChallengeStatus, type Challenge } from '../../../shared/src/schema/challenge.ts'
import { MunicipalityLanguageForm, type FollowerLink, type Municipality } from '../../../shared/src/schema/municipality.ts'
import type { Step } from '../../../shared/src/schema/step.ts'
import { WorkshopStatus, type Workshop } from '../../../shared/src/schema/workshop.ts'
import { integerOf, nullableTextOf, textOf, type StoredRow } from './storeRows.ts'

// The domain's rows as both stores read and write them: the readers that turn a row of
// municipalities, challenges, workshops or steps back into its record, and the rows a
// challenge's lists become. SQLite and Postgres store the same columns (domainSchema.ts).

/** How a municipality other than the lead takes part in a challenge (challenge_municipalities.relation). */
export type ChallengeRelation = 'co_applicant' | 'follower'
/** The kinds of a challenge's text lists (challenge_items.kind). */
export type ChallengeItemKind = 'problem_statement' | 'theme' | 'stakeholder_group'
/** One of a challenge's five lists, named by its stored relation or kind. */
export type ChallengeList = ChallengeRelation | ChallengeItemKind

export function readMunicipality(row: StoredRow): Municipality {
  return {
    id: textOf(row, 'id'),
    name: textOf(row, 'name'),
    municipalityNumber: nullableTextOf(row, 'municipality_number'),
    county: nullableTextOf(row, 'county'),
    languageForm: MunicipalityLanguageForm.parse(textOf(row, 'language_form')),
  }
}

export function readFollowerLink(row: StoredRow): FollowerLink {
  return {
    leadMunicipalityId: textOf(row, 'lead_municipality_id'),
    followerMunicipalityId: textOf(row, 'follower_municipality_id'),
  }
}

/** A challenge from its row and its lists, each in its order (`list` reads one of them). */
export function readChallenge(row: StoredRow, list: (name: ChallengeList) => string[]): Challenge {
  return {
    id: textOf(row, 'id'),
    leadMunicipalityId: textOf(row, 'lead_municipality_id'),
    coApplicantIds: list('co_applicant'),
    followerMunicipalityIds: list('follower'),
    name: textOf(row, 'name'),
    title: textOf(row, 'title'),
    summary: textOf(row, 'summary'),
    problemStatements: list('problem_statement'),
    themes: list('theme'),
    stakeholderGroups: list('stakeholder_group'),
    status: ChallengeStatus.parse(textOf(row, 'status')),
  }
}

/** A workshop from its row (times in milliseconds, given back in UTC) and its facilitators in order. */
export function readWorkshop(row: StoredRow, facilitatorIds: string[]): Workshop {
  return {
    id: textOf(row, 'id'),
    challengeId: textOf(row, 'challenge_id'),
    title: textOf(row, 'title'),
    startsAt: new Date(integerOf(row, 'starts_at')).toISOString(),
    endsAt: new Date(integerOf(row, 'ends_at')).toISOString(),
    facilitatorIds,
    status: WorkshopStatus.parse(textOf(row, 'status')),
  }
}

export function readStep(row: StoredRow): Step {
  return {
    id: textOf(row, 'id'),
    workshopId: textOf(row, 'workshop_id'),
    position: integerOf(row, 'position'),
    templateId: textOf(row, 'template_id'),
    templateVersion: integerOf(row, 'template_version'),
    boardId: textOf(row, 'board_id'),
    instructions: textOf(row, 'instructions'),
    plannedMinutes: integerOf(row, 'planned_minutes'),
  }
}

/** A workshop's times as stored: milliseconds since the epoch. */
export function workshopTimes(workshop: Pick<Workshop, 'startsAt' | 'endsAt'>): { startsAt: number; endsAt: number } {
  return { startsAt: Date.parse(workshop.startsAt), endsAt: Date.parse(workshop.endsAt) }
}

/** The rows a challenge's lists are stored as, each with its position in its list. */
export function challengeListRows(challenge: Challenge): {
  municipalities: { municipalityId: string; relation: ChallengeRelation; position: number }[]
  items: { kind: ChallengeItemKind; position: number; text: string }[]
} {
  const related = (ids: readonly string[], relation: ChallengeRelation) =>
    ids.map((municipalityId, position) => ({ municipalityId, relation, position }))
  const listed = (texts: readonly string[], kind: ChallengeItemKind) => texts.map((text, position) => ({ kind, position, text }))
  return {
    municipalities: [...related(challenge.coApplicantIds, 'co_applicant'), ...related(challenge.followerMunicipalityIds, 'follower')],
    items: [
      ...listed(challenge.problemStatements, 'problem_statement'),
      ...listed(challenge.themes, 'theme'),
      ...listed(challenge.stakeholderGroups, 'stakeholder_group'),
    ],
  }
}
