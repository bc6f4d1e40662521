import { Router, type Request, type Response } from 'express'
import { z } from 'zod'
import { JoinBody, LinkToken, type JoinInfo } from '../../../shared/src/schema/access.ts'
import { newEntityId } from '../../../shared/src/schema/entityId.ts'
import type { FieldIssue } from '../../../shared/src/schema/publicApi.ts'
import { beginJoinCodeGuess, type JoinCodeThrottle } from '../auth/joinCodeThrottle.ts'
import { sameSecret } from '../auth/secrets.ts'
import { startGuestSession } from '../auth/sessions.ts'
import { invalidRequest, joinCodeWrong, linkInvalid, workshopClosed } from '../errors.ts'
import type { Participant, WorkshopLink } from '../store/AccessStore.ts'
import { BoardStoreError } from '../store/storeErrors.ts'
import { newcomerColor } from '../workshop/newcomerColor.ts'
import { workshopChallenge } from '../workshop/workshopDetail.ts'
import { parseRequestPart } from './requestValidation.ts'
import type { WorkshopApiDeps } from './workshops.ts'

const JoinParams = z.strictObject({ token: LinkToken })

export interface JoinDeps extends WorkshopApiDeps {
  /** Slows down guesses at join codes (auth/joinCodeThrottle.ts; shared by the instances through Redis). */
  joinThrottle: JoinCodeThrottle
}

/**
 * `GET /api/join/:token`: what the join page shows. `POST /api/join/:token`:
 * joins the workshop in the link's role and starts a guest session (cookie
 * `samskap_guest`). Participants give a display name and an affiliation;
 * observers give nothing. No session is needed, so no CSRF token either: the
 * origin check covers cross-site posts.
 */
export function joinRouter(deps: JoinDeps): Router {
  const { domain, access } = deps
  const router = Router()

  async function linkOf(request: Request): Promise<WorkshopLink> {
    const { token } = parseRequestPart(JoinParams, request.params, 'path parameters')
    const link = await access.findActiveLink(token)
    if (link === null) throw linkInvalid()
    return link
  }

  router.get('/join/:token', async (request, response) => {
    const link = await linkOf(request)
    const workshop = await domain.getWorkshop(link.workshopId)
    if (workshop === null) throw linkInvalid()
    const [{ summary, language }, joinCode] = await Promise.all([
      workshopChallenge(domain, workshop),
      access.getJoinCode(workshop.id),
    ])
    const { id, title, startsAt, endsAt, status } = workshop
    const body: JoinInfo = {
      role: link.role,
      workshop: { id, title, startsAt, endsAt, status },
      challenge: summary,
      joinCodeRequired: joinCode !== null,
      language,
      retention: 'until_workshop_deleted',
    }
    response.set('Cache-Control', 'no-store').json(body)
  })

  router.post('/join/:token', async (request, response) => {
    const fields = parseRequestPart(JoinBody, request.body ?? {}, 'request body')
    const link = await linkOf(request)
    const workshop = await domain.getWorkshop(link.workshopId)
    if (workshop === null) throw linkInvalid()
    if (workshop.status === 'closed') throw workshopClosed()
    if (link.role === 'participant') requireParticipantFields(fields)
    await checkJoinCode(deps, request, response, link, fields.joinCode)

    let participant: Participant | null = null
    if (link.role === 'participant' && fields.displayName !== undefined && fields.affiliation !== undefined) {
      const id = newEntityId()
      participant = await access.createParticipant({
        id,
        workshopId: workshop.id,
        displayName: fields.displayName,
        affiliation: fields.affiliation,
        color: await newcomerColor(access, workshop, id),
        linkId: link.id,
        createdAt: deps.now(),
      })
    }
    let session
    try {
      session = await startGuestSession(deps, response, {
        role: link.role,
        workshopId: workshop.id,
        linkId: link.id,
        participant,
      })
    } catch (error) {
      // The link was rotated after it was read here: the join came too late, as if it came after.
      if (error instanceof BoardStoreError && error.code === 'conflict') throw linkInvalid()
      throw error
    }
    response.status(201).json(session)
  })

  return router
}

function requireParticipantFields(fields: JoinBody): void {
  const missing: FieldIssue[] = []
  if (fields.displayName === undefined) missing.push({ path: 'displayName', message: 'Participants give a name.' })
  if (fields.affiliation === undefined) missing.push({ path: 'affiliation', message: 'Participants say where they come from.' })
  if (missing.length > 0) throw invalidRequest('request body', missing)
}

/** The link's join code, if the workshop has one, compared without case; wrong codes are throttled. */
async function checkJoinCode(
  deps: JoinDeps,
  request: Request,
  response: Response,
  link: WorkshopLink,
  given: string | undefined,
): Promise<void> {
  const expected = await deps.access.getJoinCode(link.workshopId)
  if (expected === null) return
  if (given === undefined || given.trim() === '') {
    throw invalidRequest('request body', [{ path: 'joinCode', message: 'This workshop asks for a join code.' }])
  }
  const guess = { linkId: link.id, address: request.ip ?? 'unknown' }
  await beginJoinCodeGuess(deps.joinThrottle, guess, deps.now(), response)
  // In time that does not tell how much of a guess was right.
  if (!sameSecret(given.trim().toLowerCase(), expected.toLowerCase())) throw joinCodeWrong()
  await deps.joinThrottle.succeeded(guess)
}
