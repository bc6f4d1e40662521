import { Router } from 'express'
import {
  AcceptInvitationBody,
  InvitationBody,
  LinkToken,
  type InvitationCreated,
  type InvitationInfo,
} from '../../../shared/src/schema/access.ts'
import type { AuditLog } from '../audit/auditLog.ts'
import { createInvitation, newFacilitatorAccount, passwordCredential, redeemableToken } from '../auth/accountLinks.ts'
import type { AuthDeps } from '../auth/authDeps.ts'
import { hashPassword } from '../auth/passwords.ts'
import { requireFacilitator } from '../auth/requestAccess.ts'
import { startFacilitatorSession } from '../auth/sessions.ts'
import { trustBrowser } from '../auth/trustedDevices.ts'
import { emailTaken, invitationInvalid } from '../errors.ts'
import { BoardStoreError } from '../store/storeErrors.ts'
import { parseRequestPart } from './requestValidation.ts'

/**
 * Co-facilitators: a facilitator invites by email and gets a one-time link to
 * send (`POST /invitations`); the invitee reads it (`GET /invitations/:token`)
 * and accepts with a name and password (`POST /invitations/:token/accept`).
 * The accounts themselves are facilitatorAccounts.ts's. Both steps are recorded in `audit`
 * (without the email, which the account holds).
 */
export function invitationsRouter(deps: AuthDeps & { audit: AuditLog }): Router {
  const router = Router()

  router.post('/invitations', async (request, response) => {
    const { account } = requireFacilitator(request, response)
    const { email } = parseRequestPart(InvitationBody, request.body, 'request body')
    const accounts = await deps.access.listFacilitators()
    if (accounts.some((existing) => existing.email === email)) throw emailTaken()
    const invitation = await createInvitation(deps, account, email)
    await deps.audit.record(account, 'invitation.issue')
    const body: InvitationCreated = {
      email,
      invitationUrl: invitation.url,
      expiresAt: new Date(invitation.expiresAt).toISOString(),
    }
    response.set('Cache-Control', 'no-store').status(201).json(body)
  })

  router.get('/invitations/:token', async (request, response) => {
    const token = await invitationToken(deps, request.params['token'])
    const inviter = token.createdBy === null ? null : await deps.access.getFacilitator(token.createdBy)
    const body: InvitationInfo = {
      email: token.email ?? '',
      invitedBy: inviter?.displayName ?? '',
      expiresAt: new Date(token.expiresAt).toISOString(),
    }
    response.set('Cache-Control', 'no-store').json(body)
  })

  router.post('/invitations/:token/accept', async (request, response) => {
    const token = await invitationToken(deps, request.params['token'])
    const body = parseRequestPart(AcceptInvitationBody, request.body, 'request body')
    const email = token.email
    if (email === null) throw invitationInvalid()
    const passwordHash = await hashPassword(body.password)
    const now = deps.now()
    let account
    try {
      account = await deps.access.redeemAccountToken(
        token.tokenHash,
        now,
        newFacilitatorAccount({ email, displayName: body.displayName, invitedBy: token.createdBy }, now),
        passwordCredential(email, passwordHash),
      )
    } catch (error) {
      // Someone took the email between invitation and acceptance; the invitation stays unused.
      if (error instanceof BoardStoreError && error.code === 'conflict') throw emailTaken()
      throw error
    }
    if (account === null) throw invitationInvalid()
    deps.logger.info({ facilitatorId: account.id, invitedBy: token.createdBy }, 'a facilitator accepted an invitation')
    // The new facilitator acted; the one who invited them is the entry's target.
    await deps.audit.record(account, 'invitation.accept', { facilitatorId: token.createdBy })
    // The browser that made the account is its owner's, as after a sign-in (A3a).
    trustBrowser(response, { facilitatorId: account.id, secret: passwordHash }, now, deps.config)
    const info = await startFacilitatorSession(deps, response, account)
    response.set('Cache-Control', 'no-store').status(201).json(info)
  })

  return router
}

async function invitationToken(deps: AuthDeps, value: unknown) {
  const parsed = LinkToken.safeParse(value)
  const token = parsed.success ? await redeemableToken(deps, parsed.data, 'invitation') : null
  if (token === null) throw invitationInvalid()
  return token
}
