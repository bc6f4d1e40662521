import { Router } from 'express'
import { CloseCode } from '../../../shared/src/protocol/closeCodes.ts'
import {
  ParticipantParams,
  RemoveParticipantBody,
  type RemoveParticipantAnswer,
} from '../../../shared/src/schema/boardHistoryApi.ts'
import { workshopTarget, type AuditLog } from '../audit/auditLog.ts'
import { requireFacilitator } from '../auth/requestAccess.ts'
import type { LiveBoards } from '../board/liveBoards.ts'
import { momentNotKept, participantNotFound, workshopNotFound } from '../errors.ts'
import { keysLastChangedBy } from '../history/boardMoments.ts'
import type { RestoreDetail } from '../history/timeline.ts'
import type { LiveSessions } from '../relay/boardAccess.ts'
import { personOwner } from '../relay/clientOwners.ts'
import type { AccessStore } from '../store/AccessStore.ts'
import type { BoardStore } from '../store/BoardStore.ts'
import type { DomainStore } from '../store/DomainStore.ts'
import { restore } from './boardHistory.ts'
import { parseRequestPart } from './requestValidation.ts'

export interface ParticipantRoutesDeps {
  store: BoardStore
  domain: DomainStore
  access: AccessStore
  live: LiveSessions
  boards: LiveBoards
  now: () => number
  audit: AuditLog
}

/**
 * `POST /api/workshops/:workshopId/participants/:participantId/removal` (facilitators): the
 * participant's session ends and their sockets close (4414), while the workshop's link keeps
 * working for everyone else. With `undoSince`, what they changed on the workshop's boards since
 * then is put back too, as restores everyone sees (records someone else changed after them are
 * left, and counted).
 */
export function participantsRouter(deps: ParticipantRoutesDeps): Router {
  const router = Router()
  router.post('/workshops/:workshopId/participants/:participantId/removal', async (request, response) => {
    const facilitator = requireFacilitator(request, response)
    const { workshopId, participantId } = parseRequestPart(ParticipantParams, request.params, 'path parameters')
    const { undoSince = null } = parseRequestPart(RemoveParticipantBody, request.body ?? {}, 'request body')
    const workshop = await deps.domain.getWorkshop(workshopId)
    if (workshop === null) throw workshopNotFound(workshopId)
    const removed = await deps.access.removeParticipant(workshopId, participantId, deps.now())
    if (removed === null) throw participantNotFound(participantId)
    // Their sockets close before anything is read, so nothing more of theirs arrives.
    deps.live.endSockets({ workshopId, personId: participantId }, CloseCode.removedFromWorkshop)

    const answer: RemoveParticipantAnswer = { undone: 0, keptBecauseChangedSince: 0, boardsOutOfReach: 0 }
    if (undoSince !== null) {
      const author = personOwner(facilitator.account.id)
      for (const step of await deps.domain.listSteps(workshopId)) {
        await deps.boards.settleBoard(step.boardId)
        const [before] = await deps.store.listHistory(step.boardId, { until: undoSince, limit: 1, newestFirst: true })
        const [oldest] = await deps.store.listHistory(step.boardId, { limit: 1 })
        // Without the rows from that moment on, their last changes since then are not known.
        if (before === undefined && oldest !== undefined && oldest.seq > 1) {
          answer.boardsOutOfReach += 1
          continue
        }
        const fromSeq = before?.seq ?? 0
        const since = await deps.store.listHistory(step.boardId, { fromSeq: fromSeq + 1 })
        const { keys, changedSince } = keysLastChangedBy(since, personOwner(participantId), fromSeq)
        answer.keptBecauseChangedSince += changedSince
        if (keys.length === 0) continue
        const detail: RestoreDetail = { toSeq: fromSeq, toAt: undoSince }
        try {
          const result = await restore(deps, step.boardId, fromSeq, { kind: 'records', keys }, author, detail)
          answer.undone += result.changed
        } catch (error) {
          if (!(error instanceof Error && 'code' in error && error.code === momentNotKept().code)) throw error
          answer.boardsOutOfReach += 1
        }
      }
    }
    // Which participant is not recorded: the log outlives the workshop, and it answers for what
    // facilitators did, not for who took part.
    const detail = { undoChanges: undoSince !== null, records: answer.undone }
    await deps.audit.record(facilitator.account, 'participant.remove', { ...workshopTarget(workshop), detail })
    response.json(answer)
  })
  return router
}
