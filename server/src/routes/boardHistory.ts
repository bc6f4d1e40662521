import { Router, type Request, type Response } from 'express'
import { readBoardMode, writeBoardMeta } from '../../../shared/src/board/boardDoc.ts'
import {
  BoardModeBody,
  HistoryQuery,
  MomentQuery,
  RestoreBody,
  UndoRestoreBody,
  type BoardModeAnswer,
  type BoardMoment,
  type RestoreAnswer,
} from '../../../shared/src/schema/boardHistoryApi.ts'
import type { Role } from '../../../shared/src/schema/access.ts'
import { BoardParams } from '../../../shared/src/schema/workshopApi.ts'
import type { AuditLog } from '../audit/auditLog.ts'
import { boardTarget } from '../audit/boardTarget.ts'
import { placeOfBoard, requireBoardRole } from '../auth/boardPlace.ts'
import { requestAccess, requireFacilitator } from '../auth/requestAccess.ts'
import type { LiveBoards } from '../board/liveBoards.ts'
import { boardUnavailable, facilitatorsOnly, momentNotKept, notARestore, notSignedIn } from '../errors.ts'
import { recordsAtSeq } from '../history/boardMoments.ts'
import { ownerNames } from '../history/ownerNames.ts'
import { writeRestore, type RestoreScope } from '../history/restoreChange.ts'
import { buildTimeline, type RestoreDetail } from '../history/timeline.ts'
import { personOwner } from '../relay/clientOwners.ts'
import { RoomClosedError } from '../relay/serverChanges.ts'
import type { AccessStore } from '../store/AccessStore.ts'
import type { BoardStore } from '../store/BoardStore.ts'
import type { DomainStore } from '../store/DomainStore.ts'
import { parseRequestPart } from './requestValidation.ts'

export interface BoardHistoryDeps {
  store: BoardStore
  domain: DomainStore
  access: AccessStore
  boards: LiveBoards
  now: () => number
  audit: AuditLog
}

/** The timeline shows the last day unless asked for another stretch. */
const dayMs = 24 * 60 * 60 * 1000

/**
 * A board's mode, history and restores. Facilitators set the mode, preview any moment of the
 * history window and restore the board or chosen shapes (a new change everyone sees, which can
 * be undone the same way); the workshop's participants and observers may read the timeline,
 * with counts instead of names.
 */
export function boardHistoryRouter(deps: BoardHistoryDeps): Router {
  const { store, boards } = deps
  const router = Router()

  router.put('/boards/:boardId/mode', async (request, response) => {
    const facilitator = requireFacilitator(request, response)
    const { boardId } = parseRequestPart(BoardParams, request.params, 'path parameters')
    const { mode } = parseRequestPart(BoardModeBody, request.body ?? {}, 'request body')
    const seq = await serverChange(() =>
      boards.changeBoard(
        boardId,
        (doc) => {
          if (readBoardMode(doc) === mode) return []
          writeBoardMeta(doc, { mode })
          return []
        },
        { author: personOwner(facilitator.account.id), kind: 'settings', detail: JSON.stringify({ mode }) },
      ),
    )
    // Recorded when the mode changed (a seq), not when it already was so.
    if (seq !== null) await deps.audit.record(facilitator.account, 'board.setMode', { ...(await boardTarget(deps.domain, boardId)), detail: { mode } })
    const body: BoardModeAnswer = { mode, seq }
    response.json(body)
  })

  router.get('/boards/:boardId/history', async (request, response) => {
    const { boardId } = parseRequestPart(BoardParams, request.params, 'path parameters')
    const role = await boardRole(deps, request, response, boardId)
    const query = parseRequestPart(HistoryQuery, request.query, 'query parameters')
    const until = query.until ?? deps.now()
    const since = query.since ?? until - dayMs
    await boards.settleBoard(boardId)
    const entries = await store.listHistory(boardId, { since, until })
    const [oldest] = await store.listHistory(boardId, { limit: 1 })
    const names = role === 'facilitator' ? await ownerNames(deps.access, entries.map((entry) => entry.author)) : null
    const timeline = buildTimeline(entries, { since, until, restorableFrom: oldest?.createdAt ?? null, names })
    response.set('Cache-Control', 'no-store').json(timeline)
  })

  router.get('/boards/:boardId/history/records', async (request, response) => {
    requireFacilitator(request, response)
    const { boardId } = parseRequestPart(BoardParams, request.params, 'path parameters')
    const query = parseRequestPart(MomentQuery, request.query, 'query parameters')
    await boards.settleBoard(boardId)
    // The row of the moment asked for: that seq, or the newest at or before that time (or at all).
    const [entry] = await store.listHistory(
      boardId,
      query.seq === undefined ? { until: query.at, limit: 1, newestFirst: true } : { fromSeq: query.seq, toSeq: query.seq },
    )
    const seq = query.seq ?? entry?.seq ?? 0
    const records = await recordsAtSeq(store, boardId, seq)
    if (records === null) throw momentNotKept()
    const body: BoardMoment = {
      seq,
      at: entry?.createdAt ?? null,
      records: [...records.values()] as unknown as BoardMoment['records'],
    }
    response.set('Cache-Control', 'no-store').json(body)
  })

  router.post('/boards/:boardId/restore', async (request, response) => {
    const facilitator = requireFacilitator(request, response)
    const { boardId } = parseRequestPart(BoardParams, request.params, 'path parameters')
    const body = parseRequestPart(RestoreBody, request.body ?? {}, 'request body')
    await boards.settleBoard(boardId)
    const scope: RestoreScope = body.shapeIds === undefined ? { kind: 'board' } : { kind: 'shapes', shapeIds: body.shapeIds }
    const [moment] = await store.listHistory(boardId, { fromSeq: body.seq, toSeq: body.seq })
    const toAt = moment?.createdAt ?? null
    const detail: RestoreDetail = { toSeq: body.seq, toAt }
    const answer = await restore(deps, boardId, body.seq, scope, personOwner(facilitator.account.id), detail)
    // Recorded when it changed the board (a seq), as a new mode is.
    if (answer.seq !== null) {
      await deps.audit.record(facilitator.account, 'board.restore', {
        ...(await boardTarget(deps.domain, boardId)),
        detail: { toSeq: body.seq, restoreScope: scope.kind, records: answer.changed },
      })
    }
    response.json(answer)
  })

  router.post('/boards/:boardId/restore/undo', async (request, response) => {
    const facilitator = requireFacilitator(request, response)
    const { boardId } = parseRequestPart(BoardParams, request.params, 'path parameters')
    const { seq } = parseRequestPart(UndoRestoreBody, request.body ?? {}, 'request body')
    await boards.settleBoard(boardId)
    const [undone] = await store.listHistory(boardId, { fromSeq: seq, toSeq: seq })
    if (undone === undefined || undone.kind !== 'restore' || undone.touched === null) throw notARestore(seq)
    const [before] = await store.listHistory(boardId, { toSeq: seq - 1, limit: 1, newestFirst: true })
    const detail: RestoreDetail = { toSeq: seq - 1, toAt: before?.createdAt ?? null, undoes: seq }
    const scope: RestoreScope = { kind: 'records', keys: undone.touched }
    const answer = await restore(deps, boardId, seq - 1, scope, personOwner(facilitator.account.id), detail)
    if (answer.seq !== null) {
      await deps.audit.record(facilitator.account, 'board.undoRestore', {
        ...(await boardTarget(deps.domain, boardId)),
        detail: { toSeq: seq - 1, restoreScope: scope.kind, records: answer.changed },
      })
    }
    response.json(answer)
  })

  return router
}

/** Puts `scope` back as it was just after row `toSeq`, as a change made for `author`. */
export async function restore(
  deps: Pick<BoardHistoryDeps, 'store' | 'boards'>,
  boardId: string,
  toSeq: number,
  scope: RestoreScope,
  author: string,
  detail: RestoreDetail,
): Promise<RestoreAnswer> {
  const target = await recordsAtSeq(deps.store, boardId, toSeq)
  if (target === null) throw momentNotKept()
  let changed = 0
  const seq = await serverChange(() =>
    deps.boards.changeBoard(
      boardId,
      (doc) => {
        const keys = writeRestore(doc, target, scope)
        changed = keys.length
        return keys
      },
      { author, kind: 'restore', detail: JSON.stringify(detail) },
    ),
  )
  return { seq, changed }
}

/** Runs a change through the relay; a board being deleted (or a closing relay) answers 409. */
async function serverChange<T>(change: () => Promise<T>): Promise<T> {
  try {
    return await change()
  } catch (error) {
    if (error instanceof RoomClosedError) throw boardUnavailable()
    throw error
  }
}

/**
 * The asker's role on a board: in the board's workshop (any facilitator is one there; of the
 * guests, only its owner at a private board), or on a board outside any workshop, facilitators only.
 */
async function boardRole(deps: BoardHistoryDeps, request: Request, response: Response, boardId: string): Promise<Role> {
  const place = await placeOfBoard(deps.domain, boardId)
  if (place.kind === 'step') return requireBoardRole(request, response, place).role
  const access = requestAccess(response)
  if (access.facilitator !== null) return 'facilitator'
  throw access.guest === null ? notSignedIn() : facilitatorsOnly()
}
