import { Router } from 'express'
import type { FacilitatorList } from '../../../shared/src/schema/access.ts'
import { FacilitatorParams, type PasswordResetCreated } from '../../../shared/src/schema/facilitatorAccounts.ts'
import {
  deactivateFacilitator,
  facilitatorView,
  issuePasswordReset,
  reactivateFacilitator,
} from '../auth/accountAdministration.ts'
import type { AuthDeps } from '../auth/authDeps.ts'
import { requireFacilitator } from '../auth/requestAccess.ts'
import { parseRequestPart } from './requestValidation.ts'
import type { AuditLog } from '../audit/auditLog.ts'

/**
 * The installation's facilitator accounts, for facilitators: the list with each account's status
 * (`GET /facilitators`), a one-time link to set a new password for another facilitator
 * (`POST /facilitators/:facilitatorId/password-reset`), and deactivating and reactivating one
 * (`POST /facilitators/:facilitatorId/deactivate`, `…/reactivate`).
 */
export function facilitatorAccountsRouter(deps: AuthDeps & { audit: AuditLog }): Router {
  const router = Router()

  router.get('/facilitators', async (request, response) => {
    requireFacilitator(request, response)
    const accounts = await deps.access.listFacilitators()
    const body: FacilitatorList = { facilitators: accounts.map(facilitatorView) }
    response.set('Cache-Control', 'no-store').json(body)
  })

  router.post('/facilitators/:facilitatorId/password-reset', async (request, response) => {
    const { account } = requireFacilitator(request, response)
    const { facilitatorId } = parseRequestPart(FacilitatorParams, request.params, 'path parameters')
    const reset = await issuePasswordReset(deps, account, facilitatorId)
    deps.logger.info({ facilitatorId, issuedBy: account.id }, 'a facilitator made a password reset link for another')
    await deps.audit.record(account, 'account.issueResetLink', { facilitatorId })
    const body: PasswordResetCreated = { facilitatorId, resetUrl: reset.url, expiresAt: new Date(reset.expiresAt).toISOString() }
    response.set('Cache-Control', 'no-store').status(201).json(body)
  })

  router.post('/facilitators/:facilitatorId/deactivate', async (request, response) => {
    const { account } = requireFacilitator(request, response)
    const { facilitatorId } = parseRequestPart(FacilitatorParams, request.params, 'path parameters')
    const deactivated = await deactivateFacilitator(deps, account, facilitatorId)
    deps.logger.info({ facilitatorId, by: account.id }, 'a facilitator deactivated another')
    await deps.audit.record(account, 'account.deactivate', { facilitatorId })
    response.set('Cache-Control', 'no-store').json(facilitatorView(deactivated))
  })

  router.post('/facilitators/:facilitatorId/reactivate', async (request, response) => {
    const { account } = requireFacilitator(request, response)
    const { facilitatorId } = parseRequestPart(FacilitatorParams, request.params, 'path parameters')
    const reactivated = await reactivateFacilitator(deps, facilitatorId)
    deps.logger.info({ facilitatorId, by: account.id }, 'a facilitator reactivated another')
    await deps.audit.record(account, 'account.reactivate', { facilitatorId })
    response.set('Cache-Control', 'no-store').json(facilitatorView(reactivated))
  })

  return router
}
