import { Router } from 'express'
import { LinkToken } from '../../../shared/src/schema/access.ts'
import { ChangePasswordBody, ResetPasswordBody, type PasswordResetInfo } from '../../../shared/src/schema/facilitatorAccounts.ts'
import { endSocketsOfSessions } from '../auth/accountAdministration.ts'
import type { AuthDeps } from '../auth/authDeps.ts'
import { hashPassword, verifyPassword } from '../auth/passwords.ts'
import { requireFacilitator } from '../auth/requestAccess.ts'
import { hashSecret } from '../auth/secrets.ts'
import { startFacilitatorSession } from '../auth/sessions.ts'
import { beginSignIn, sessionDevice } from '../auth/signInThrottle.ts'
import { trustBrowser } from '../auth/trustedDevices.ts'
import { currentPasswordWrong, resetLinkInvalid } from '../errors.ts'
import { passwordProvider } from '../store/accountRecords.ts'
import { clientAddress } from './auth.ts'
import { parseRequestPart } from './requestValidation.ts'
import type { AuditLog } from '../audit/auditLog.ts'

/**
 * New passwords: from a reset link another facilitator made (`GET /password-reset/:token` says
 * whose, `POST /password-reset/:token` sets it and signs the browser in), and a signed-in
 * facilitator changing their own (`POST /auth/password`, with the current one). Either way the
 * account's other sessions end, with their board sockets.
 */
export function passwordChangesRouter(deps: AuthDeps & { audit: AuditLog }): Router {
  const router = Router()

  router.get('/password-reset/:token', async (request, response) => {
    const reset = await usableReset(deps, request.params['token'])
    const account = await deps.access.getFacilitator(reset.facilitatorId)
    if (account === null) throw resetLinkInvalid()
    const body: PasswordResetInfo = {
      email: account.email,
      displayName: account.displayName,
      expiresAt: new Date(reset.expiresAt).toISOString(),
    }
    response.set('Cache-Control', 'no-store').json(body)
  })

  router.post('/password-reset/:token', async (request, response) => {
    const token = LinkToken.safeParse(request.params['token'])
    if (!token.success) throw resetLinkInvalid()
    const { password } = parseRequestPart(ResetPasswordBody, request.body, 'request body')
    const passwordHash = await hashPassword(password)
    const redeemed = await deps.access.redeemPasswordReset(hashSecret(token.data), deps.now(), passwordHash)
    if (redeemed === null) throw resetLinkInvalid()
    endSocketsOfSessions(deps, redeemed.endedSessions)
    // Device cookies are bound to the password hash, so every other browser's died with the old
    // password; this browser, which set the new one, is trusted from now on.
    trustBrowser(response, { facilitatorId: redeemed.account.id, secret: passwordHash }, deps.now(), deps.config)
    deps.logger.info({ facilitatorId: redeemed.account.id }, 'a facilitator set a new password from a reset link')
    await deps.audit.record(redeemed.account, 'account.resetOwnPassword', { facilitatorId: redeemed.account.id })
    const info = await startFacilitatorSession(deps, response, redeemed.account)
    response.set('Cache-Control', 'no-store').json(info)
  })

  router.post('/auth/password', async (request, response) => {
    const { account, session } = requireFacilitator(request, response)
    const { currentPassword, newPassword } = parseRequestPart(ChangePasswordBody, request.body, 'request body')
    // The current password is a guess like a sign-in's, counted in the session's own bucket: a
    // session left open on a shared computer must not become a way to try passwords, and an
    // attacker's guesses at the account must not stop its owner from changing the password.
    const attempt = { email: account.email, address: clientAddress(request), device: sessionDevice(session) }
    await beginSignIn(deps.loginThrottle, attempt, deps.now(), response)
    const credential = await deps.access.findCredential(passwordProvider, account.email)
    const matches = credential?.facilitatorId === account.id && (await verifyPassword(currentPassword, credential.secret))
    if (!matches) throw currentPasswordWrong()
    await deps.loginThrottle.succeeded(attempt)
    const passwordHash = await hashPassword(newPassword)
    const ended = await deps.access.changePassword(account.id, passwordHash, session.idHash, deps.now())
    endSocketsOfSessions(deps, ended ?? [])
    trustBrowser(response, { facilitatorId: account.id, secret: passwordHash }, deps.now(), deps.config)
    deps.logger.info({ facilitatorId: account.id, endedSessions: ended?.length ?? 0 }, 'a facilitator changed their password')
    await deps.audit.record(account, 'account.changeOwnPassword', { facilitatorId: account.id })
    response.status(204).end()
  })

  return router
}

async function usableReset(deps: AuthDeps, value: unknown) {
  const token = LinkToken.safeParse(value)
  const reset = token.success ? await deps.access.findPasswordReset(hashSecret(token.data), deps.now()) : null
  if (reset === null) throw resetLinkInvalid()
  return reset
}
