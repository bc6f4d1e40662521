import type { DatabaseSync } from 'node:sqlite'
import { isBoardId } from '../../../shared/src/protocol/boardId.ts'
import { Step } from '../../../shared/src/schema/step.ts'
import { Workshop, WorkshopStatus } from '../../../shared/src/schema/workshop.ts'
import type { DomainStore } from './DomainStore.ts'
import { inTransaction, integerColumn, textColumn, type SqliteRow } from './sqliteDatabase.ts'
import { readById, readStep, type DomainStatements } from './sqliteDomainStatements.ts'
import { invalidInput, storeConflict } from './storeErrors.ts'
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
  function readWorkshop(row: SqliteRow): Workshop {
    const id = textColumn(row, 'id')
    return {
      id,
      challengeId: textColumn(row, 'challenge_id'),
      title: textColumn(row, 'title'),
      startsAt: new Date(integerColumn(row, 'starts_at')).toISOString(),
      endsAt: new Date(integerColumn(row, 'ends_at')).toISOString(),
      facilitatorIds: sql.workshopFacilitators.all(id).map((link) => textColumn(link, 'facilitator_id')),
      status: WorkshopStatus.parse(textColumn(row, 'status')),
    }
  }

  function storedWorkshop(id: string): Workshop {
    const stored = readById(id, sql.workshop, readWorkshop)
    if (stored === null) throw new Error(`Workshop ${id} is missing right after it was stored.`)
    return stored
  }

  function insertFacilitators(workshop: Workshop): void {
    workshop.facilitatorIds.forEach((facilitatorId, position) =>
      sql.insertWorkshopFacilitator.run(workshop.id, facilitatorId, position),
    )
  }

  /** Deletes a board's rows; the step that referenced it must be gone already. */
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
            throw storeConflict(`A workshop with id ${workshop.id} already exists.`)
          }
          if (sql.challengeRow.get(workshop.challengeId) === undefined) {
            throw invalidInput(`Workshop ${workshop.id}: there is no challenge ${workshop.challengeId}.`)
          }
          const { id, challengeId, title, startsAt, endsAt, status } = workshop
          sql.insertWorkshop.run(id, challengeId, title, Date.parse(startsAt), Date.parse(endsAt), status, now())
          insertFacilitators(workshop)
        })
        return storedWorkshop(workshop.id)
      })
    },

    getWorkshop(id) {
      return operation(`load workshop ${id}`, () => readById(id, sql.workshop, readWorkshop))
    },

    listWorkshops(challengeId) {
      return operation(`list the workshops of challenge ${challengeId}`, () =>
        sql.workshopsOfChallenge.all(String(challengeId)).map(readWorkshop),
      )
    },

    updateWorkshop(id, patch) {
      return operation(`update workshop ${id}`, () =>
        inTransaction(db, () => {
          const existing = readById(id, sql.workshop, readWorkshop)
          if (existing === null) return null
          // The id and challenge come from the stored row, so a patch cannot move the workshop.
          const workshop = validated(
            Workshop,
            { ...existing, ...patch, id: existing.id, challengeId: existing.challengeId },
            `workshop ${id}`,
          )
          const { title, startsAt, endsAt, status } = workshop
          sql.updateWorkshop.run(title, Date.parse(startsAt), Date.parse(endsAt), status, id)
          sql.deleteWorkshopFacilitators.run(id)
          insertFacilitators(workshop)
          return storedWorkshop(id)
        }),
      )
    },

    deleteWorkshop(id) {
      return operation(`delete workshop ${id}`, () => {
        if (typeof id !== 'string' || !isBoardId(id)) return false
        return inTransaction(db, () => {
          const boardIds = sql.stepsOfWorkshop.all(id).map((row) => textColumn(row, 'board_id'))
          // Steps, facilitator links and participants go by ON DELETE CASCADE;
          // the boards are referenced by the steps, so they go after them.
          if (sql.deleteWorkshop.run(id).changes === 0) return false
          for (const boardId of boardIds) deleteBoardRows(boardId)
          return true
        })
      })
    },

    createStep(input) {
      return operation(`create step ${describeId(input)}`, () => {
        const step = validated(Step, input, 'step')
        inTransaction(db, () => {
          if (sql.step.get(step.id) !== undefined) throw storeConflict(`A step with id ${step.id} already exists.`)
          if (sql.workshop.get(step.workshopId) === undefined) {
            throw invalidInput(`Step ${step.id}: there is no workshop ${step.workshopId}.`)
          }
          const owner = sql.stepByBoard.get(step.boardId)
          if (owner !== undefined) {
            throw storeConflict(`Board ${step.boardId} already belongs to step ${textColumn(owner, 'id')}.`)
          }
          const createdAt = now()
          sql.ensureBoard.run(step.boardId, createdAt)
          const { id, workshopId, position, templateId, templateVersion, boardId, instructions } = step
          sql.insertStep.run(
            id, workshopId, position, templateId, templateVersion, boardId, instructions, step.plannedMinutes, createdAt,
          )
        })
        return step
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
          const step = validated(Step, { ...existing, ...patch, ...fixedStepFields(existing) }, `step ${id}`)
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
          sql.deleteStep.run(id)
          deleteBoardRows(step.boardId)
          renumber(stepsOf(step.workshopId).map((rest) => rest.id))
          return step
        }),
      )
    },

    reorderSteps(workshopId, stepIds) {
      return operation(`reorder the steps of workshop ${workshopId}`, () =>
        inTransaction(db, () => {
          if (readById(workshopId, sql.workshop, (row) => row) === null) return null
          const current = new Set(stepsOf(workshopId).map((step) => step.id))
          const given = new Set(stepIds)
          const exact = given.size === stepIds.length && given.size === current.size && stepIds.every((id) => current.has(id))
          if (!exact) {
            throw invalidInput(`The new order must name each of the workshop's ${current.size} steps exactly once.`)
          }
          renumber(stepIds)
          return stepsOf(workshopId)
        }),
      )
    },
  }
}

/** What a step keeps for life: a PATCH never moves it, or changes its template or board. */
function fixedStepFields(step: Step): Omit<Step, 'instructions' | 'plannedMinutes'> {
  const { id, workshopId, position, templateId, templateVersion, boardId } = step
  return { id, workshopId, position, templateId, templateVersion, boardId }
}
