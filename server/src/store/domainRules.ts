import type { z } from 'zod'
import { isBoardId } from '../../../shared/src/protocol/boardId.ts'
import { Challenge } from '../../../shared/src/schema/challenge.ts'
import { FollowerLink, Municipality } from '../../../shared/src/schema/municipality.ts'
import { Step } from '../../../shared/src/schema/step.ts'
import { Workshop } from '../../../shared/src/schema/workshop.ts'
import type {
  ChallengePatch,
  ChallengeSearch,
  DomainSeed,
  MunicipalityPatch,
  MunicipalitySearch,
  StepPatch,
  WorkshopPatch,
} from './DomainStore.ts'
import { foldForSearch, matchesSearch } from './searchText.ts'
import { BoardStoreError, invalidInput, storeConflict } from './storeErrors.ts'
import { validated } from './storeValidation.ts'

// What every DomainStore checks, whichever database holds the domain: the merged records of a
// PATCH, the seed, a new agenda order, the search criteria, and the words of its refusals, so
// that a facilitator reads the same message from either store.

/** Whether `id` could name a stored municipality, challenge, workshop, step or board; reads of any other give null. */
export function isStorableId(id: unknown): id is string {
  return typeof id === 'string' && isBoardId(id)
}

/** The refusals of the domain stores, worded once. */
export const domainRefusals = {
  municipalityExists: (id: string) => storeConflict(`A municipality with id ${id} already exists.`),
  municipalityNumberTaken: (number: string, holder: string) =>
    storeConflict(`Municipality number ${number} already belongs to ${holder}.`),
  noMunicipality: (context: string, id: string) => invalidInput(`${context}: there is no municipality ${id}.`),
  challengeExists: (id: string) => storeConflict(`A challenge with id ${id} already exists.`),
  workshopExists: (id: string) => storeConflict(`A workshop with id ${id} already exists.`),
  noChallenge: (workshop: Workshop) =>
    invalidInput(`Workshop ${workshop.id}: there is no challenge ${workshop.challengeId}.`),
  stepExists: (id: string) => storeConflict(`A step with id ${id} already exists.`),
  noWorkshop: (step: Step) => invalidInput(`Step ${step.id}: there is no workshop ${step.workshopId}.`),
  boardTaken: (boardId: string, stepId: string) => storeConflict(`Board ${boardId} already belongs to step ${stepId}.`),
  invalidPersonId: (stepId: string) =>
    invalidInput(`A private board on step ${stepId} needs the id of a person: 8–64 letters, digits, "-" or "_".`),
} satisfies Record<string, (...args: never[]) => BoardStoreError>

/** Every municipality a challenge names, with the context its refusal gives: the lead first. */
export function namedMunicipalities(challenge: Challenge): { context: string; ids: string[] } {
  return {
    context: `Challenge ${challenge.id}`,
    ids: [challenge.leadMunicipalityId, ...challenge.coApplicantIds, ...challenge.followerMunicipalityIds],
  }
}

/** The municipality a PATCH makes, validated whole: only its language form and county change. */
export function patchedMunicipality(existing: Municipality, patch: MunicipalityPatch): Municipality {
  const { languageForm = existing.languageForm, county = existing.county } = patch
  return validated(Municipality, { ...existing, languageForm, county }, `municipality ${existing.id}`)
}

/** The challenge a PATCH makes, validated whole; it keeps its id. */
export function patchedChallenge(existing: Challenge, patch: ChallengePatch): Challenge {
  return validated(Challenge, { ...existing, ...patch, id: existing.id }, `challenge ${existing.id}`)
}

/** The workshop a PATCH makes, validated whole: its id and challenge come from the stored row, so a patch cannot move it. */
export function patchedWorkshop(existing: Workshop, patch: WorkshopPatch): Workshop {
  return validated(
    Workshop,
    { ...existing, ...patch, id: existing.id, challengeId: existing.challengeId },
    `workshop ${existing.id}`,
  )
}

/** The step a PATCH makes, validated whole: a PATCH never moves a step, or changes its template or board. */
export function patchedStep(existing: Step, patch: StepPatch): Step {
  const { id, workshopId, position, templateId, templateVersion, boardId } = existing
  const fixed = { id, workshopId, position, templateId, templateVersion, boardId }
  return validated(Step, { ...existing, ...patch, ...fixed }, `step ${existing.id}`)
}

/** Refuses a new agenda order unless it names each of the workshop's steps exactly once. */
export function checkStepOrder(currentIds: readonly string[], stepIds: readonly string[]): void {
  const current = new Set(currentIds)
  const given = new Set(stepIds)
  const exact = given.size === stepIds.length && given.size === current.size && stepIds.every((id) => current.has(id))
  if (!exact) throw invalidInput(`The new order must name each of the workshop's ${current.size} steps exactly once.`)
}

/** Whether a municipality meets the search: part of its name, and the whole county name, compared folded. */
export function municipalityMatcher({ text, county }: MunicipalitySearch): (municipality: Municipality) => boolean {
  const foldedCounty = county === undefined ? undefined : foldForSearch(county.trim())
  return (municipality) =>
    (foldedCounty === undefined || (municipality.county !== null && foldForSearch(municipality.county) === foldedCounty)) &&
    matchesSearch(text, [municipality.name])
}

/** Whether a challenge (whose lead municipality is called `leadName`) contains the search's text, compared folded. */
export function challengeTextMatches(text: ChallengeSearch['text'], challenge: Challenge, leadName: string): boolean {
  const { name, title, summary, problemStatements, themes } = challenge
  return matchesSearch(text, [name, title, summary, leadName, ...problemStatements, ...themes])
}

/** The seed with every record validated, or `invalid_input` naming the first bad one. */
export function validateSeed(seed: DomainSeed): DomainSeed {
  if (typeof seed !== 'object' || seed === null) {
    throw invalidInput('A seed is an object of municipalities, follower links and challenges.')
  }
  const list = <T>(schema: z.ZodType<T>, values: unknown, what: string): T[] => {
    if (!Array.isArray(values)) throw invalidInput(`The seed's ${what}s must be an array.`)
    return values.map((value, index) => validated(schema, value, `${what} ${index} of the seed`))
  }
  return {
    municipalities: list(Municipality, seed.municipalities, 'municipality'),
    followerLinks: list(FollowerLink, seed.followerLinks, 'follower link'),
    challenges: list(Challenge, seed.challenges, 'challenge'),
  }
}
