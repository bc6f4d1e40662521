import { Router } from 'express'
import type { PrivateBoardAnswer, PrivateBoardList } from '../../../shared/src/schema/workshopApi.ts'
import { requireFacilitator, requireWorkshopRole } from '../auth/requestAccess.ts'
import { participantsOnly, stepNotFound, workshopNotFound } from '../errors.ts'
import { stepOf } from './steps.ts'
import type { WorkshopApiDeps } from './workshops.ts'

/**
 * Private boards on a step: where each participant writes alone while the facilitator keeps the
 * step's writing private. A participant asks for their own (made, empty, the first time); the
 * facilitators list whose boards the step has. The boards open through the relay like any
 * board, for their owner and the facilitators only (auth/boardPlace.ts).
 */
export function privateBoardsRouter({ domain }: Pick<WorkshopApiDeps, 'domain'>): Router {
  const router = Router()

  router.post('/steps/:stepId/private-board', async (request, response) => {
    const step = await stepOf(domain, request)
    const workshop = await domain.getWorkshop(step.workshopId)
    if (workshop === null) throw workshopNotFound(step.workshopId)
    const { role, guest } = requireWorkshopRole(request, response, workshop)
    const participantId = guest?.participant?.id ?? null
    if (role !== 'participant' || participantId === null) throw participantsOnly()
    const boardId = await domain.privateBoard(step.id, participantId, true)
    // The step was deleted since it was read.
    if (boardId === null) throw stepNotFound(step.id)
    const body: PrivateBoardAnswer = { boardId }
    response.set('Cache-Control', 'no-store').json(body)
  })

  router.get('/steps/:stepId/private-boards', async (request, response) => {
    requireFacilitator(request, response)
    const step = await stepOf(domain, request)
    const boards = await domain.listPrivateBoards(step.id)
    const body: PrivateBoardList = { boards: boards.map(({ personId, boardId }) => ({ personId, boardId })) }
    response.set('Cache-Control', 'no-store').json(body)
  })

  return router
}
