import type { Challenge, ChallengeStatus } from '../../../shared/src/schema/challenge.ts'
import type { FollowerLink, Municipality } from '../../../shared/src/schema/municipality.ts'
import type { Step } from '../../../shared/src/schema/step.ts'
import type { Workshop } from '../../../shared/src/schema/workshop.ts'

/**
 * Where the domain lives: municipalities, their challenges, workshops and
 * steps. It shares the database (and, for SQLite, the connection) with the
 * BoardStore, because a step owns a board: deleting a workshop deletes its
 * steps' boards with their update logs, snapshots and assets, and its
 * participants, in one transaction.
 *
 * Every write validates its argument with the shared zod schema and rejects
 * with a BoardStoreError (storeErrors.ts): `invalid_input` naming the failed
 * fields or a missing referenced record, `conflict` for an id already taken,
 * `store_closed`, `storage_failed`. Reads of ids that could never exist give null.
 * Writes resolve to the record as stored (trimmed text; date-times in UTC).
 */
export interface DomainStore {
  createMunicipality(municipality: Municipality): Promise<Municipality>
  getMunicipality(id: string): Promise<Municipality | null>
  /** All municipalities, by name. */
  listMunicipalities(): Promise<Municipality[]>
  /** The municipalities that match every given criterion, by name. */
  searchMunicipalities(search: MunicipalitySearch): Promise<Municipality[]>
  /** Records a follower municipality (følgekommune) of a lead municipality; idempotent. */
  addFollower(link: FollowerLink): Promise<void>
  /** Every follower link, by lead and then follower municipality id. */
  listFollowerLinks(): Promise<FollowerLink[]>

  /** Every municipality the challenge names must already exist. */
  createChallenge(challenge: Challenge): Promise<Challenge>
  getChallenge(id: string): Promise<Challenge | null>
  /** All challenges, by name. */
  listChallenges(): Promise<Challenge[]>
  /** The challenges that match every given criterion, by name. */
  searchChallenges(search: ChallengeSearch): Promise<Challenge[]>

  createWorkshop(workshop: Workshop): Promise<Workshop>
  getWorkshop(id: string): Promise<Workshop | null>
  /** A challenge's workshops, by start time. */
  listWorkshops(challengeId: string): Promise<Workshop[]>
  /**
   * Deletes the workshop, its steps, its participants, and its steps' boards
   * (their update logs, snapshots and assets) in one transaction. Resolves to
   * false when there was no such workshop. A relay room still holding one of
   * these boards must be closed by the caller.
   */
  deleteWorkshop(id: string): Promise<boolean>

  /** Adds a step to its workshop; the step's board must not belong to another step. */
  createStep(step: Step): Promise<Step>
  getStep(id: string): Promise<Step | null>
  /** The step a board belongs to, or null for a board outside any workshop. */
  getStepByBoardId(boardId: string): Promise<Step | null>
  /** A workshop's agenda, by position. */
  listSteps(workshopId: string): Promise<Step[]>

  /**
   * Inserts the whole seed in one transaction if the domain has no municipality
   * yet; resolves to whether it did. Two starts racing seed once.
   */
  seedIfEmpty(seed: DomainSeed): Promise<boolean>

  close(): Promise<void>
}

/**
 * Criteria for finding municipalities; an absent one matches all. Text is
 * compared without case or diacritics ("grue" finds Grue, "orsta" Ørsta).
 */
export interface MunicipalitySearch {
  /** Part of the name. */
  text?: string
  /** The whole county name. */
  county?: string
}

/** Criteria for finding challenges; an absent one matches all. Text is compared as in MunicipalitySearch. */
export interface ChallengeSearch {
  /** Part of the name, title, summary, a problem statement, a theme or the lead municipality's name. */
  text?: string
  /** A municipality taking part as lead, co-applicant or follower. */
  municipalityId?: string
  status?: ChallengeStatus
}

/** Facts to start an empty domain with, in insertion order. */
export interface DomainSeed {
  municipalities: Municipality[]
  followerLinks: FollowerLink[]
  challenges: Challenge[]
}
