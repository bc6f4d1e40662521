import { Router } from 'express'
import { ParticipantParams } from '../../../shared/src/schema/boardHistoryApi.ts'
import { EraseParticipantBody } from '../../../shared/src/schema/participantDataApi.ts'
import { workshopTarget, type AuditLog } from '../audit/auditLog.ts'
import { requireFacilitator } from '../auth/requestAccess.ts'
import { boardUnavailable, participantNotFound, workshopNotFound } from '../errors.ts'
import { RoomClosedError } from '../relay/serverChanges.ts'
import { eraseParticipant, type ParticipantErasureDeps } from '../workshop/participantErasure.ts'
import { participantExport, type ParticipantExportDeps } from '../workshop/participantExport.ts'
import { parseRequestPart } from './requestValidation.ts'

export type ParticipantDataRoutesDeps = ParticipantErasureDeps & ParticipantExportDeps & { audit: AuditLog }

/**
 * What is stored about one participant, for a facilitator answering a data protection request:
 *
 * - `POST /api/workshops/:workshopId/participants/:participantId/erasure` (`{ deleteNotes }`):
 *   erases them from the workshop (E1–E6 in workshop/SPEC.md; see workshop/participantErasure.ts).
 * - `GET /api/workshops/:workshopId/participants/:participantId/export`: everything stored about
 *   them as a JSON download (E7; see workshop/participantExport.ts).
 *
 * The audit log records that a facilitator erased or exported someone in a workshop, never whom:
 * an entry naming the person would outlive the erasure it records.
 */
export function participantDataRouter(deps: ParticipantDataRoutesDeps): Router {
  const router = Router()

  router.post('/workshops/:workshopId/participants/:participantId/erasure', async (request, response) => {
    const facilitator = requireFacilitator(request, response)
    const { workshopId, participantId } = parseRequestPart(ParticipantParams, request.params, 'path parameters')
    const { deleteNotes } = parseRequestPart(EraseParticipantBody, request.body ?? {}, 'request body')
    const workshop = await deps.domain.getWorkshop(workshopId)
    if (workshop === null) throw workshopNotFound(workshopId)
    try {
      const answer = await eraseParticipant(deps, workshop, participantId, { deleteNotes, facilitatorId: facilitator.account.id })
      if (answer === null) throw participantNotFound(participantId)
      await deps.audit.record(facilitator.account, 'participant.erase', workshopTarget(workshop))
      response.json(answer)
    } catch (error) {
      // A board of the workshop went (a step deleted meanwhile) or the server is stopping: the
      // participant is removed already, and erasing again finishes the rest.
      if (error instanceof RoomClosedError) throw boardUnavailable()
      throw error
    }
  })

  router.get('/workshops/:workshopId/participants/:participantId/export', async (request, response) => {
    const facilitator = requireFacilitator(request, response)
    const { workshopId, participantId } = parseRequestPart(ParticipantParams, request.params, 'path parameters')
    const workshop = await deps.domain.getWorkshop(workshopId)
    if (workshop === null) throw workshopNotFound(workshopId)
    const data = await participantExport(deps, workshop, participantId)
    if (data === null) throw participantNotFound(participantId)
    await deps.audit.record(facilitator.account, 'participant.exportData', workshopTarget(workshop))
    response
      .set('Cache-Control', 'no-store')
      .attachment(`samskap-participant-${participantId}.json`)
      .type('application/json')
      .send(JSON.stringify(data, null, 2))
  })

  return router
}
