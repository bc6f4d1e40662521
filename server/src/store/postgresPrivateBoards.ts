import { newBoardId } from '../../../shared/src/protocol/boardId.ts'
import type { DomainStore } from './DomainStore.ts'
import { domainRefusals, isStorableId } from './domainRules.ts'
import { inPostgresTransaction, type Queryable } from './postgresDatabase.ts'
import { domainSql } from './postgresDomainStatements.ts'
import { queryRow, queryRows } from './postgresQueries.ts'
import type { PostgresWorkshopContext } from './postgresWorkshopOperations.ts'
import { readPrivateBoard } from './privateBoardSchema.ts'
import { textOf } from './storeRows.ts'

type PrivateBoardOperations = Pick<DomainStore, 'privateBoard' | 'privateBoardOwner' | 'listPrivateBoards'>

/**
 * The private boards of the Postgres DomainStore (see postgresDomainStore.ts), made by several
 * instances at once: the person's board is unique per step, so of two made at the same moment
 * one is stored and both callers get it. Making one holds its step's key-share lock, which
 * deleting the step (or its workshop) waits for before it reads the step's private boards
 * (postgresWorkshopOperations.ts): none is made on a step half-way through its deletion.
 */
export function postgresPrivateBoardOperations({ pool, now, operation }: PostgresWorkshopContext): PrivateBoardOperations {
  const boardOf = async (db: Queryable, stepId: string, personId: string): Promise<string | null> => {
    const row = await queryRow(db, domainSql.privateBoard, [stepId, personId])
    return row === undefined ? null : textOf(row, 'board_id')
  }

  return {
    privateBoard(stepId, personId, create) {
      return operation(`find the private board of ${personId} on step ${stepId}`, async () => {
        if (!isStorableId(stepId)) return null
        if (!isStorableId(personId)) {
          if (create) throw domainRefusals.invalidPersonId(stepId)
          return null
        }
        const found = await boardOf(pool, stepId, personId)
        if (found !== null || !create) return found
        return inPostgresTransaction(pool, async (db) => {
          if ((await queryRow(db, domainSql.shareStep, [stepId])) === undefined) return null
          const boardId = newBoardId()
          const createdAt = now()
          await db.query(domainSql.ensureBoard, [boardId, createdAt])
          const inserted = await queryRows(db, domainSql.insertPrivateBoard, [boardId, stepId, personId, createdAt])
          if (inserted.length > 0) return boardId
          // Another instance made the person's board since the read above, and has committed it
          // (ON CONFLICT waited): theirs it is, and this board's row goes.
          await db.query(domainSql.deleteBoards, [[boardId]])
          return boardOf(db, stepId, personId)
        })
      })
    },

    privateBoardOwner(boardId) {
      return operation(`find whose private board ${boardId} is`, async () => {
        if (!isStorableId(boardId)) return null
        const row = await queryRow(pool, domainSql.privateBoardOwner, [boardId])
        return row === undefined ? null : readPrivateBoard(row)
      })
    },

    listPrivateBoards(stepId) {
      return operation(`list the private boards of step ${stepId}`, async () =>
        isStorableId(stepId) ? (await queryRows(pool, domainSql.privateBoardsOfStep, [stepId])).map(readPrivateBoard) : [],
      )
    },
  }
}
