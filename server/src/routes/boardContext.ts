import { Router } from 'express'
import { BoardParams, type BoardPlacement } from '../../../shared/src/schema/workshopApi.ts'
import { placeOfBoard, requireBoardRole } from '../auth/boardPlace.ts'
import type { DomainStore } from '../store/DomainStore.ts'
import { agendaStep, workshopChallenge } from '../workshop/workshopDetail.ts'
import { parseRequestPart } from './requestValidation.ts'
import { LanguageQuery } from './templates.ts'

/**
 * `GET /api/boards/:boardId/context?language=`: the workshop step a board
 * belongs to, with its neighbours, for the board page's step bar. For the
 * workshop's role holders (a private board: its owner and the facilitators,
 * 403 `not_your_board` for other guests); null for anyone when the board is in
 * no workshop.
 */
export function boardContextRouter(domain: DomainStore): Router {
  const router = Router()
  router.get('/boards/:boardId/context', async (request, response) => {
    const { boardId } = parseRequestPart(BoardParams, request.params, 'path parameters')
    const place = await placeOfBoard(domain, boardId)
    if (place.kind !== 'step') {
      const none: BoardPlacement = null
      response.set('Cache-Control', 'no-store').json(none)
      return
    }
    const { step, workshop, privateTo } = place
    const { role } = requireBoardRole(request, response, place)
    const query = parseRequestPart(LanguageQuery, request.query, 'query parameters')
    const workshopLanguage = (await workshopChallenge(domain, workshop)).language
    const language = query.language ?? workshopLanguage
    const steps = (await domain.listSteps(workshop.id)).map((each) => agendaStep(each, language))
    const index = steps.findIndex((each) => each.id === step.id)
    const body: BoardPlacement = {
      workshop: { id: workshop.id, title: workshop.title, status: workshop.status },
      step: steps[index] ?? agendaStep(step, language),
      previous: steps[index - 1] ?? null,
      next: steps[index + 1] ?? null,
      stepCount: steps.length,
      role,
      language: workshopLanguage,
      ...(privateTo === null ? {} : { privateTo }),
    }
    response.set('Cache-Control', 'no-store').json(body)
  })
  return router
}
