import { Router, type Request } from 'express'
import { CloseCode } from '../../../shared/src/protocol/closeCodes.ts'
import { LinkToken, LoginBody, SetupBody } from '../../../shared/src/schema/access.ts'
import type { AuthDeps } from '../auth/authDeps.ts'
import { newFacilitatorAccount, passwordCredential, redeemableToken } from '../auth/accountLinks.ts'
import { hashPassword, verifyPassword } from '../auth/passwords.ts'
import { requestAccess, requireCsrfToken } from '../auth/requestAccess.ts'
import { hashSecret } from '../auth/secrets.ts'
import { endFacilitatorSession, startFacilitatorSession } from '../auth/sessions.ts'
import { beginSignIn } from '../auth/signInThrottle.ts'
import { trustBrowser, trustedDevice } from '../auth/trustedDevices.ts'
import { invalidCredentials, setupLinkInvalid } from '../errors.ts'
import { parseRequestPart } from './requestValidation.ts'

/**
 * Facilitators signing in and out, and the one-time setup link that creates
 * the first facilitator:
 * `POST /auth/login`, `POST /auth/logout`, `GET /setup/:token`, `POST /setup`.
 */
export function authRouter(deps: AuthDeps): Router {
  const router = Router()

  router.post('/auth/login', async (request, response) => {
    const { email, password } = parseRequestPart(LoginBody, request.body, 'request body')
    const now = deps.now()
    // Read before the throttle, which counts a browser the account trusts apart from everyone else.
    const credential = await deps.access.findCredential('password', email)
    const attempt = { email, address: clientAddress(request), device: trustedDevice(request, credential, now) }
    // Refused before the password is checked, so a refusal costs no scrypt and tells nothing about it.
    await beginSignIn(deps.loginThrottle, attempt, now, response)
    // verifyPassword runs scrypt even without a credential, so an unknown email answers as slowly as a wrong password.
    const matches = await verifyPassword(password, credential?.secret ?? null)
    const account = matches && credential !== null ? await deps.access.getFacilitator(credential.facilitatorId) : null
    // A deactivated account is answered as a wrong password, so that nobody learns it exists.
    if (account === null || credential === null || account.deactivatedAt != null) throw invalidCredentials()
    await deps.loginThrottle.succeeded(attempt)
    trustBrowser(response, credential, now, deps.config, attempt.device)
    await deps.access.deleteExpiredSessions(deps.now())
    response.set('Cache-Control', 'no-store').json(await startFacilitatorSession(deps, response, account))
  })

  router.post('/auth/logout', async (request, response) => {
    // Without a session there is nothing to change, so nothing for a forged request to do either.
    if (requestAccess(response).facilitator !== null) requireCsrfToken(request, requestAccess(response))
    const ended = await endFacilitatorSession(deps, response)
    if (ended !== null) deps.live.endSockets({ sessionIdHash: ended.idHash }, CloseCode.sessionEnded)
    response.status(204).end()
  })

  router.get('/setup/:token', async (request, response) => {
    const token = LinkToken.safeParse(request.params['token'])
    if (!token.success || (await redeemableToken(deps, token.data, 'setup')) === null) throw setupLinkInvalid()
    response.set('Cache-Control', 'no-store').status(204).end()
  })

  router.post('/setup', async (request, response) => {
    const body = parseRequestPart(SetupBody, request.body, 'request body')
    if ((await redeemableToken(deps, body.token, 'setup')) === null) throw setupLinkInvalid()
    const passwordHash = await hashPassword(body.password)
    const now = deps.now()
    const account = await deps.access.redeemAccountToken(
      hashSecret(body.token),
      now,
      newFacilitatorAccount({ email: body.email, displayName: body.displayName, invitedBy: null }, now),
      passwordCredential(body.email, passwordHash),
    )
    if (account === null) throw setupLinkInvalid()
    deps.logger.info({ facilitatorId: account.id }, 'the first facilitator was created from the setup link')
    trustBrowser(response, { facilitatorId: account.id, secret: passwordHash }, now, deps.config)
    const info = await startFacilitatorSession(deps, response, account)
    response.set('Cache-Control', 'no-store').status(201).json(info)
  })

  return router
}

/** The client's address: the socket's peer, or behind a proxy the address it forwards when TRUST_PROXY trusts it. */
export function clientAddress(request: Request): string {
  return request.ip ?? request.socket.remoteAddress ?? 'unknown'
}
