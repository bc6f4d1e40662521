import { Router } from 'express'
import { CloseCode } from '../../../shared/src/protocol/closeCodes.ts'
import type { AuthDeps } from '../auth/authDeps.ts'
import { requestAccess, requireCsrfToken } from '../auth/requestAccess.ts'
import { endGuestSession, sessionInfo } from '../auth/sessions.ts'

/** Who this browser is (`GET /session`) and leaving a workshop (`POST /session/leave`). */
export function sessionRouter(deps: AuthDeps): Router {
  const router = Router()

  router.get('/session', async (_request, response) => {
    response.set('Cache-Control', 'no-store').json(await sessionInfo(deps, requestAccess(response)))
  })

  router.post('/session/leave', async (request, response) => {
    if (requestAccess(response).guest !== null) requireCsrfToken(request, requestAccess(response))
    const ended = await endGuestSession(deps, response)
    if (ended !== null) deps.live.endSockets({ sessionIdHash: ended.idHash }, CloseCode.sessionEnded)
    response.status(204).end()
  })

  return router
}
