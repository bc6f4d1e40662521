import type { Challenge, ChallengeStatus } from '../../../shared/src/schema/challenge.ts'
import type { FollowerLink, Municipality } from '../../../shared/src/schema/municipality.ts'
import type { Step } from '../../../shared/src/schema/step.ts'
import type { Workshop } from '../../../shared/src/schema/workshop.ts'

/**
 * Where the domain lives: municipalities, their challenges, workshops and
 * steps. It shares the database (the connection for SQLite, the pool for Postgres) with the
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
  /**
   * Changes a municipality's language form or county (the merged municipality must be valid);
   * null when there is no such municipality.
   */
  updateMunicipality(id: string, patch: MunicipalityPatch): Promise<Municipality | null>
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
  /**
   * Changes the given fields; the merged challenge must be a valid Challenge
   * naming existing municipalities. Resolves to null when there is no such challenge.
   */
  updateChallenge(id: string, patch: ChallengePatch): Promise<Challenge | null>

  createWorkshop(workshop: Workshop): Promise<Workshop>
  getWorkshop(id: string): Promise<Workshop | null>
  /** A challenge's workshops, by start time. */
  listWorkshops(challengeId: string): Promise<Workshop[]>
  /** Changes the given fields (the merged workshop must be valid); null when there is no such workshop. */
  updateWorkshop(id: string, patch: WorkshopPatch): Promise<Workshop | null>
  /**
   * Deletes the workshop, its steps, its participants, and its steps' boards
   * (their update logs, snapshots and assets) in one transaction. Resolves to
   * false when there was no such workshop. A relay room still holding one of
   * these boards must be closed by the caller.
   */
  deleteWorkshop(id: string): Promise<boolean>

  /**
   * When a closed workshop's boards and people are deleted; null while it is planned or open, or
   * when there is no such workshop (or no date yet: see dateClosedWorkshops).
   */
  getWorkshopRetention(workshopId: string): Promise<WorkshopRetention | null>
  /**
   * Gives a closed workshop its deletion date (as it closes, or a facilitator postponing it);
   * resolves to false, changing nothing, when there is no such closed workshop. Null forgets the
   * date, as reopening the workshop does.
   */
  setWorkshopRetention(workshopId: string, retention: WorkshopRetention | null): Promise<boolean>
  /**
   * Gives every closed workshop without a deletion date (closed before dates were kept) this
   * one; resolves to how many got it.
   */
  dateClosedWorkshops(retention: WorkshopRetention): Promise<number>
  /** The closed workshops whose deletion date is at or before `now`, soonest first. */
  workshopsDueForDeletion(now: number): Promise<string[]>

  /**
   * Adds a step to its workshop; the step's board must not belong to another step. When its
   * position is taken already (two steps added at the same moment), it goes after the last
   * step instead; resolves to the step as stored.
   */
  createStep(step: Step): Promise<Step>
  getStep(id: string): Promise<Step | null>
  /** The step a board belongs to, or null for a board outside any workshop. */
  getStepByBoardId(boardId: string): Promise<Step | null>
  /** A workshop's agenda, by position. */
  listSteps(workshopId: string): Promise<Step[]>
  /** Changes a step's instructions or planned minutes; null when there is no such step. */
  updateStep(id: string, patch: StepPatch): Promise<Step | null>
  /**
   * Deletes the step and its board (update log, snapshots, assets) in one
   * transaction and renumbers the workshop's other steps from 0. Resolves to
   * the deleted step, or null. A relay room holding the board must be closed by the caller.
   */
  deleteStep(id: string): Promise<Step | null>
  /**
   * Puts the workshop's steps in the given order (positions 0, 1, …). `stepIds`
   * must name every step of the workshop exactly once (`invalid_input`
   * otherwise). Resolves to the new agenda, or null when there is no such workshop.
   */
  reorderSteps(workshopId: string, stepIds: readonly string[]): Promise<Step[] | null>

  /**
   * The board where `personId` writes privately on the step (their notes while the facilitator
   * keeps writing private, seen only by them and the facilitators): created, empty, the first
   * time with `create`; null without it when there is none, or when there is no such step.
   * Deleting the step or its workshop deletes these boards with it.
   */
  privateBoard(stepId: string, personId: string, create: boolean): Promise<string | null>
  /** Whose private board `boardId` is, or null when it is no private board. */
  privateBoardOwner(boardId: string): Promise<PrivateBoard | null>
  /** The step's private boards, by when they were made. */
  listPrivateBoards(stepId: string): Promise<PrivateBoard[]>

  /**
   * Inserts the whole seed in one transaction if the domain has no municipality
   * yet; resolves to whether it did. Two starts racing seed once.
   */
  seedIfEmpty(seed: DomainSeed): Promise<boolean>

  close(): Promise<void>
}

/** The facts of a municipality a facilitator may correct: its official language form and its county. */
export type MunicipalityPatch = Partial<Pick<Municipality, 'languageForm' | 'county'>>

/** The fields of a challenge a PATCH may change (all but the id). */
export type ChallengePatch = Partial<Omit<Challenge, 'id'>>

/** The fields of a workshop a PATCH may change: a workshop stays on its challenge. */
export type WorkshopPatch = Partial<Pick<Workshop, 'title' | 'startsAt' | 'endsAt' | 'status' | 'facilitatorIds'>>

/** The fields of a step a PATCH may change; its template and board are fixed at creation. */
export type StepPatch = Partial<Pick<Step, 'instructions' | 'plannedMinutes'>>

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

/** When a closed workshop was closed and when its boards and people are deleted (ms since the epoch). */
export interface WorkshopRetention {
  closedAt: number
  deleteAfter: number
}

/** A person's private board on a step. */
export interface PrivateBoard {
  boardId: string
  stepId: string
  personId: string
}
