import { newBoardId } from '../../../shared/src/protocol/boardId.ts'
import type { DomainStore } from './DomainStore.ts'
import { domainRefusals, isStorableId } from './domainRules.ts'
import { readPrivateBoard } from './privateBoardSchema.ts'
import { inTransaction, textColumn } from './sqliteDatabase.ts'
import { readById } from './sqliteDomainStatements.ts'
import type { WorkshopOperationsContext } from './sqliteWorkshopOperations.ts'

type PrivateBoardOperations = Pick<DomainStore, 'privateBoard' | 'privateBoardOwner' | 'listPrivateBoards'>

/**
 * The private boards of the SQLite DomainStore (see sqliteDomainStore.ts). A step's deletion
 * deletes them (sqliteWorkshopOperations.ts).
 */
export function sqlitePrivateBoardOperations({ db, sql, now, operation }: WorkshopOperationsContext): PrivateBoardOperations {
  const boardOf = (stepId: string, personId: string): string | null => {
    const row = sql.privateBoard.get(stepId, personId)
    return row === undefined ? null : textColumn(row, 'board_id')
  }

  return {
    privateBoard(stepId, personId, create) {
      return operation(`find the private board of ${personId} on step ${stepId}`, () => {
        if (!isStorableId(stepId)) return null
        if (!isStorableId(personId)) {
          if (create) throw domainRefusals.invalidPersonId(stepId)
          return null
        }
        const found = boardOf(stepId, personId)
        if (found !== null || !create) return found
        return inTransaction(db, () => {
          if (sql.step.get(stepId) === undefined) return null
          const boardId = newBoardId()
          const createdAt = now()
          sql.ensureBoard.run(boardId, createdAt)
          // Another process on the file made the person's board since the read above: theirs it is.
          if (sql.insertPrivateBoard.run(boardId, stepId, personId, createdAt).changes === 0) sql.deleteBoard.run(boardId)
          return boardOf(stepId, personId)
        })
      })
    },

    privateBoardOwner(boardId) {
      return operation(`find whose private board ${boardId} is`, () => readById(boardId, sql.privateBoardOwner, readPrivateBoard))
    },

    listPrivateBoards(stepId) {
      return operation(`list the private boards of step ${stepId}`, () =>
        isStorableId(stepId) ? sql.privateBoardsOfStep.all(stepId).map(readPrivateBoard) : [],
      )
    },
  }
}
