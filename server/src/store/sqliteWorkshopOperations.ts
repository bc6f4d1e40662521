import type { DatabaseSync } from 'node:sqlite'
import { Step } from '../../../shared/src/schema/step.ts'
import { Workshop } from '../../../shared/src/schema/workshop.ts'
import type { DomainStore } from './DomainStore.ts'
import { readStep, readWorkshop, workshopTimes } from './domainRecords.ts'
import { checkStepOrder, domainRefusals, isStorableId, patchedStep, patchedWorkshop } from './domainRules.ts'
import { inTransaction, integerColumn, textColumn, type SqliteRow } from './sqliteDatabase.ts'
import { readById, type DomainStatements } from './sqliteDomainStatements.ts'
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

export interface WorkshopOperationsContext {
  db: DatabaseSync
  sql: DomainStatements
  now: () => number
  operation: <T>(action: string, work: () => T) => Promise<T>
}

/** The workshop and step half of the SQLite DomainStore (see sqliteDomainStore.ts). */
export function sqliteWorkshopOperations({ db, sql, now, operation }: WorkshopOperationsContext): WorkshopOperations {
  function workshopOf(row: SqliteRow): Workshop {
    const facilitators = sql.workshopFacilitators.all(textColumn(row, 'id'))
    return readWorkshop(row, facilitators.map((link) => textColumn(link, 'facilitator_id')))
  }

  function storedWorkshop(id: string): Workshop {
    const stored = readById(id, sql.workshop, workshopOf)
    if (stored === null) throw new Error(`Workshop ${id} is missing right after it was stored.`)
    return stored
  }

  function insertFacilitators(workshop: Workshop): void {
    workshop.facilitatorIds.forEach((facilitatorId, position) =>
      sql.insertWorkshopFacilitator.run(workshop.id, facilitatorId, position),
    )
  }

  /** Deletes a board's rows; the step (or private board row) that referenced it must be gone already. */
  function deleteBoardRows(boardId: string): void {
    sql.deleteBoardUpdates.run(boardId)
    sql.deleteBoardSnapshots.run(boardId)
    sql.deleteBoardAssets.run(boardId)
    sql.deleteBoardClients.run(boardId)
    sql.deleteBoard.run(boardId)
  }

  function renumber(stepIds: readonly string[]): void {
    stepIds.forEach((stepId, position) => sql.setStepPosition.run(position, stepId))
  }

  const stepsOf = (workshopId: string): Step[] => sql.stepsOfWorkshop.all(workshopId).map(readStep)

  return {
    createWorkshop(input) {
      return operation(`create workshop ${describeId(input)}`, () => {
        const workshop = validated(Workshop, input, 'workshop')
        inTransaction(db, () => {
          if (sql.workshop.get(workshop.id) !== undefined) {
            throw domainRefusals.workshopExists(workshop.id)
          }
          if (sql.challengeRow.get(workshop.challengeId) === undefined) {
            throw domainRefusals.noChallenge(workshop)
          }
          const { id, challengeId, title, status } = workshop
          const { startsAt, endsAt } = workshopTimes(workshop)
          sql.insertWorkshop.run(id, challengeId, title, startsAt, endsAt, status, now())
          insertFacilitators(workshop)
        })
        return storedWorkshop(workshop.id)
      })
    },

    getWorkshop(id) {
      return operation(`load workshop ${id}`, () => readById(id, sql.workshop, workshopOf))
    },

    listWorkshops(challengeId) {
      return operation(`list the workshops of challenge ${challengeId}`, () =>
        sql.workshopsOfChallenge.all(String(challengeId)).map(workshopOf),
      )
    },

    updateWorkshop(id, patch) {
      return operation(`update workshop ${id}`, () =>
        inTransaction(db, () => {
          const existing = readById(id, sql.workshop, workshopOf)
          if (existing === null) return null
          const workshop = patchedWorkshop(existing, patch)
          const { startsAt, endsAt } = workshopTimes(workshop)
          sql.updateWorkshop.run(workshop.title, startsAt, endsAt, workshop.status, id)
          sql.deleteWorkshopFacilitators.run(id)
          insertFacilitators(workshop)
          return storedWorkshop(id)
        }),
      )
    },

    deleteWorkshop(id) {
      return operation(`delete workshop ${id}`, () => {
        if (!isStorableId(id)) return false
        return inTransaction(db, () => {
          const boardIds = [...sql.stepsOfWorkshop.all(id), ...sql.privateBoardsOfWorkshop.all(id)].map((row) =>
            textColumn(row, 'board_id'),
          )
          // Steps, their private boards' rows, facilitator links and participants go by ON DELETE
          // CASCADE; the boards are referenced by those, so they go after them.
          if (sql.deleteWorkshop.run(id).changes === 0) return false
          for (const boardId of boardIds) deleteBoardRows(boardId)
          return true
        })
      })
    },

    createStep(input) {
      return operation(`create step ${describeId(input)}`, () => {
        const step = validated(Step, input, 'step')
        return inTransaction(db, () => {
          if (sql.step.get(step.id) !== undefined) throw domainRefusals.stepExists(step.id)
          if (sql.workshop.get(step.workshopId) === undefined) throw domainRefusals.noWorkshop(step)
          const owner = sql.stepByBoard.get(step.boardId)
          if (owner !== undefined) throw domainRefusals.boardTaken(step.boardId, textColumn(owner, 'id'))
          const createdAt = now()
          sql.ensureBoard.run(step.boardId, createdAt)
          const { id, workshopId, templateId, templateVersion, boardId, instructions } = step
          const position = integerColumn(sql.freePosition.get(workshopId, step.position, workshopId, step.position), 'position')
          sql.insertStep.run(
            id, workshopId, position, templateId, templateVersion, boardId, instructions, step.plannedMinutes, createdAt,
          )
          return { ...step, position }
        })
      })
    },

    getStep(id) {
      return operation(`load step ${id}`, () => readById(id, sql.step, readStep))
    },

    getStepByBoardId(boardId) {
      return operation(`find the step of board ${boardId}`, () => readById(boardId, sql.stepByBoard, readStep))
    },

    listSteps(workshopId) {
      return operation(`list the steps of workshop ${workshopId}`, () => stepsOf(String(workshopId)))
    },

    updateStep(id, patch) {
      return operation(`update step ${id}`, () =>
        inTransaction(db, () => {
          const existing = readById(id, sql.step, readStep)
          if (existing === null) return null
          const step = patchedStep(existing, patch)
          sql.updateStep.run(step.instructions, step.plannedMinutes, id)
          return step
        }),
      )
    },

    deleteStep(id) {
      return operation(`delete step ${id}`, () =>
        inTransaction(db, () => {
          const step = readById(id, sql.step, readStep)
          if (step === null) return null
          const privateBoardIds = sql.privateBoardsOfStep.all(id).map((row) => textColumn(row, 'board_id'))
          // The private boards' rows go with the step (ON DELETE CASCADE), then all its boards.
          sql.deleteStep.run(id)
          for (const boardId of [step.boardId, ...privateBoardIds]) deleteBoardRows(boardId)
          renumber(stepsOf(step.workshopId).map((rest) => rest.id))
          return step
        }),
      )
    },

    reorderSteps(workshopId, stepIds) {
      return operation(`reorder the steps of workshop ${workshopId}`, () =>
        inTransaction(db, () => {
          if (readById(workshopId, sql.workshop, (row) => row) === null) return null
          checkStepOrder(stepsOf(workshopId).map((step) => step.id), stepIds)
          renumber(stepIds)
          return stepsOf(workshopId)
        }),
      )
    },
  }
}
