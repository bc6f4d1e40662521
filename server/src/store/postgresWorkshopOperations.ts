import type pg from 'pg'
import { Step } from '../../../shared/src/schema/step.ts'
import { Workshop } from '../../../shared/src/schema/workshop.ts'
import type { DomainStore } from './DomainStore.ts'
import { readStep, workshopTimes } from './domainRecords.ts'
import { checkStepOrder, domainRefusals, isStorableId, patchedStep, patchedWorkshop } from './domainRules.ts'
import { inPostgresTransaction, type Queryable } from './postgresDatabase.ts'
import { deleteBoardRows, domainSql, workshopOf } from './postgresDomainStatements.ts'
import { queryRow, queryRows } from './postgresQueries.ts'
import { textOf } from './storeRows.ts'
import { describeId, validated } from './storeValidation.ts'

type WorkshopOperations = Pick<
  DomainStore,
  | 'createWorkshop'
  | 'getWorkshop'
  | 'listWorkshops'
  | 'updateWorkshop'
  | 'deleteWorkshop'
  | 'createStep'
  | 'getStep'
  | 'getStepByBoardId'
  | 'listSteps'
  | 'updateStep'
  | 'deleteStep'
  | 'reorderSteps'
>

export interface PostgresWorkshopContext {
  pool: pg.Pool
  now: () => number
  operation: <T>(action: string, work: () => Promise<T>) => Promise<T>
}

/**
 * The workshop and step half of the Postgres DomainStore (see postgresDomainStore.ts).
 *
 * SQLite ran one transaction at a time, so reading a workshop's steps and then writing them
 * could not interleave with another change. Here several instances change one workshop at once,
 * so every change to a workshop or its agenda (its fields patched, a step added or deleted, the
 * steps reordered) first takes the workshop's row lock (domainSql.lockWorkshop) and holds it to
 * commit: on one workshop they run one after the other, and each reads what the previous one
 * left. Deleting the workshop takes the stronger lock, which also waits for participants, links
 * and sessions being added to it. Locks are taken workshop first, then steps, then boards.
 */
export function postgresWorkshopOperations({ pool, now, operation }: PostgresWorkshopContext): WorkshopOperations {
  const inTransaction = <T>(work: (db: Queryable) => Promise<T>) => inPostgresTransaction(pool, work)

  async function loadWorkshop(db: Queryable, id: string): Promise<Workshop | null> {
    const row = await queryRow(db, domainSql.workshop, [id])
    return row === undefined ? null : workshopOf(row)
  }

  async function storedWorkshop(db: Queryable, id: string): Promise<Workshop> {
    const stored = await loadWorkshop(db, id)
    if (stored === null) throw new Error(`Workshop ${id} is missing right after it was stored.`)
    return stored
  }

  async function insertFacilitators(db: Queryable, workshop: Workshop): Promise<void> {
    if (workshop.facilitatorIds.length === 0) return
    await db.query(domainSql.insertWorkshopFacilitators, [workshop.id, workshop.facilitatorIds])
  }

  async function loadStep(db: Queryable, text: string, id: unknown): Promise<Step | null> {
    if (!isStorableId(id)) return null
    const row = await queryRow(db, text, [id])
    return row === undefined ? null : readStep(row)
  }

  const stepsOf = async (db: Queryable, workshopId: string): Promise<Step[]> =>
    isStorableId(workshopId) ? (await queryRows(db, domainSql.stepsOfWorkshop, [workshopId])).map(readStep) : []

  /** Takes the workshop's lock for changing it or its agenda; false when there is no such workshop (any more). */
  async function lockWorkshop(db: Queryable, workshopId: string): Promise<boolean> {
    return (await queryRow(db, domainSql.lockWorkshop, [workshopId])) !== undefined
  }

  /** The refusal for a step whose id or board another instance took after this one looked. */
  async function stepConflict(db: Queryable, step: Step): Promise<Error> {
    if ((await queryRow(db, domainSql.step, [step.id])) !== undefined) return domainRefusals.stepExists(step.id)
    const owner = await queryRow(db, domainSql.stepByBoard, [step.boardId])
    return owner === undefined ? domainRefusals.stepExists(step.id) : domainRefusals.boardTaken(step.boardId, textOf(owner, 'id'))
  }

  return {
    createWorkshop(input) {
      return operation(`create workshop ${describeId(input)}`, async () => {
        const workshop = validated(Workshop, input, 'workshop')
        return inTransaction(async (db) => {
          if ((await queryRow(db, domainSql.workshopExists, [workshop.id])) !== undefined) {
            throw domainRefusals.workshopExists(workshop.id)
          }
          // Challenges are never deleted, so one that exists now still does at commit.
          if ((await queryRow(db, domainSql.challengeExists, [workshop.challengeId])) === undefined) {
            throw domainRefusals.noChallenge(workshop)
          }
          const { id, challengeId, title, status } = workshop
          const { startsAt, endsAt } = workshopTimes(workshop)
          const inserted = await queryRows(db, domainSql.insertWorkshop, [id, challengeId, title, startsAt, endsAt, status, now()])
          // Another instance stored a workshop with this id since the check above.
          if (inserted.length === 0) throw domainRefusals.workshopExists(id)
          await insertFacilitators(db, workshop)
          // Read in the transaction: another instance may change or delete the workshop once it commits.
          return storedWorkshop(db, id)
        })
      })
    },

    getWorkshop(id) {
      return operation(`load workshop ${id}`, async () => (isStorableId(id) ? loadWorkshop(pool, id) : null))
    },

    listWorkshops(challengeId) {
      return operation(`list the workshops of challenge ${challengeId}`, async () => {
        const id = String(challengeId)
        return isStorableId(id) ? (await queryRows(pool, domainSql.workshopsOfChallenge, [id])).map(workshopOf) : []
      })
    },

    updateWorkshop(id, patch) {
      return operation(`update workshop ${id}`, async () => {
        if (!isStorableId(id)) return null
        return inTransaction(async (db) => {
          // Two instances patching one workshop apply their patches one after the other, each to
          // what the other stored, and never rewrite its facilitators at once.
          if (!(await lockWorkshop(db, id))) return null
          const existing = await loadWorkshop(db, id)
          if (existing === null) return null
          const workshop = patchedWorkshop(existing, patch)
          const { startsAt, endsAt } = workshopTimes(workshop)
          await db.query(domainSql.updateWorkshop, [workshop.title, startsAt, endsAt, workshop.status, id])
          await db.query(domainSql.deleteWorkshopFacilitators, [id])
          await insertFacilitators(db, workshop)
          return storedWorkshop(db, id)
        })
      })
    },

    deleteWorkshop(id) {
      return operation(`delete workshop ${id}`, async () => {
        if (!isStorableId(id)) return false
        return inTransaction(async (db) => {
          // With this lock held no step can be added to the workshop (createStep waits for it,
          // then finds no workshop), so the boards read next are all its steps' boards; and a
          // participant, link or session being added commits first and goes by the cascade.
          if ((await queryRow(db, domainSql.lockWorkshopForDeletion, [id])) === undefined) return false
          // And with the steps' locks no private board is being made on them: those read next are all of them.
          await db.query(domainSql.lockStepsOfWorkshopForDeletion, [id])
          const boards = [
            ...(await queryRows(db, domainSql.stepsOfWorkshop, [id])),
            ...(await queryRows(db, domainSql.privateBoardsOfWorkshop, [id])),
          ]
          const boardIds = boards.map((row) => textOf(row, 'board_id'))
          // Steps, their private boards' rows, facilitator links, participants, links and sessions go
          // by ON DELETE CASCADE; the boards are referenced by those, so they go after them.
          await db.query(domainSql.deleteWorkshop, [id])
          await deleteBoardRows(db, boardIds)
          return true
        })
      })
    },

    createStep(input) {
      return operation(`create step ${describeId(input)}`, async () => {
        const step = validated(Step, input, 'step')
        return inTransaction(async (db) => {
          if ((await queryRow(db, domainSql.step, [step.id])) !== undefined) throw domainRefusals.stepExists(step.id)
          if (!(await lockWorkshop(db, step.workshopId))) throw domainRefusals.noWorkshop(step)
          const owner = await queryRow(db, domainSql.stepByBoard, [step.boardId])
          if (owner !== undefined) throw domainRefusals.boardTaken(step.boardId, textOf(owner, 'id'))
          const createdAt = now()
          await db.query(domainSql.ensureBoard, [step.boardId, createdAt])
          const { id, workshopId, templateId, templateVersion, boardId, instructions, plannedMinutes } = step
          // Under the workshop's lock: a step added at the same moment is either before this read or after this insert.
          const free = await queryRow(db, domainSql.freePosition, [workshopId, step.position])
          const position = Number(free?.['position'] ?? step.position)
          const inserted = await queryRows(db, domainSql.insertStep, [
            id, workshopId, position, templateId, templateVersion, boardId, instructions, plannedMinutes, createdAt,
          ])
          // A step of another workshop took this id or board since the checks above (the
          // workshop's lock covers its own steps only); the unique constraints kept it out.
          if (inserted.length === 0) throw await stepConflict(db, step)
          return { ...step, position }
        })
      })
    },

    getStep(id) {
      return operation(`load step ${id}`, () => loadStep(pool, domainSql.step, id))
    },

    getStepByBoardId(boardId) {
      return operation(`find the step of board ${boardId}`, () => loadStep(pool, domainSql.stepByBoard, boardId))
    },

    listSteps(workshopId) {
      return operation(`list the steps of workshop ${workshopId}`, () => stepsOf(pool, String(workshopId)))
    },

    updateStep(id, patch) {
      return operation(`update step ${id}`, async () => {
        if (!isStorableId(id)) return null
        return inTransaction(async (db) => {
          // The step's row lock: a patch applies to what another instance's patch (or a
          // reordering) stored, and the step it resolves to has the position it has now.
          const row = await queryRow(db, domainSql.lockStep, [id])
          if (row === undefined) return null
          const step = patchedStep(readStep(row), patch)
          await db.query(domainSql.updateStep, [step.instructions, step.plannedMinutes, id])
          return step
        })
      })
    },

    deleteStep(id) {
      return operation(`delete step ${id}`, async () => {
        if (!isStorableId(id)) return null
        return inTransaction(async (db) => {
          const owner = await queryRow(db, domainSql.workshopOfStep, [id])
          if (owner === undefined) return null
          // The workshop's lock first, then the step read again: another instance may have
          // deleted it (or the whole workshop) while this one waited.
          if (!(await lockWorkshop(db, textOf(owner, 'workshop_id')))) return null
          const step = await loadStep(db, domainSql.step, id)
          if (step === null) return null
          // Then the step's own lock, so that no private board is being made on it (see privateBoard).
          await db.query(domainSql.lockStepForDeletion, [id])
          const privateBoards = await queryRows(db, domainSql.privateBoardsOfStep, [id])
          // The private boards' rows go with the step (ON DELETE CASCADE), then all its boards.
          await db.query(domainSql.deleteStep, [id])
          await deleteBoardRows(db, [step.boardId, ...privateBoards.map((row) => textOf(row, 'board_id'))])
          await db.query(domainSql.renumberSteps, [step.workshopId])
          return step
        })
      })
    },

    reorderSteps(workshopId, stepIds) {
      return operation(`reorder the steps of workshop ${workshopId}`, async () => {
        if (!isStorableId(workshopId)) return null
        return inTransaction(async (db) => {
          // Checked against the steps as they are under the lock, so a step another instance
          // added or deleted meanwhile makes the order incomplete (refused) rather than half-applied.
          if (!(await lockWorkshop(db, workshopId))) return null
          checkStepOrder((await stepsOf(db, workshopId)).map((step) => step.id), stepIds)
          await db.query(domainSql.orderSteps, [workshopId, [...stepIds]])
          return stepsOf(db, workshopId)
        })
      })
    },
  }
}
