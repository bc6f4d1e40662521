import { Router, type Request } from 'express'
import { Challenge } from '../../../shared/src/schema/challenge.ts'
import { newEntityId } from '../../../shared/src/schema/entityId.ts'
import {
  ChallengeParams,
  ChallengeQuery,
  type ChallengeDetail,
  type ChallengeList,
  type FieldIssue,
  type MunicipalityRef,
} from '../../../shared/src/schema/publicApi.ts'
import {
  CreateChallengeBody,
  UpdateChallengeBody,
  type WorkshopSummaryList,
} from '../../../shared/src/schema/workshopApi.ts'
import { changedFields, type AuditLog } from '../audit/auditLog.ts'
import { requireFacilitator } from '../auth/requestAccess.ts'
import { challengeNotFound, invalidRequest } from '../errors.ts'
import type { DomainStore } from '../store/DomainStore.ts'
import { parseRequestPart } from './requestValidation.ts'

/**
 * `GET /api/challenges?q=&municipalityId=&status=`: the challenges (utfordringer), by name.
 * `GET /api/challenges/:challengeId`: one, with its municipalities' names.
 * `GET /api/challenges/:challengeId/workshops`: its workshops' public facts.
 * `POST /api/challenges`, `PATCH /api/challenges/:challengeId`: facilitators write them (recorded in `audit`).
 */
export function challengesRouter(domain: DomainStore, audit: AuditLog): Router {
  const router = Router()
  router.get('/challenges', async (request, response) => {
    const { q, municipalityId, status } = parseRequestPart(ChallengeQuery, request.query, 'query parameters')
    const body: ChallengeList = { challenges: await domain.searchChallenges({ text: q, municipalityId, status }) }
    response.set('Cache-Control', 'no-cache').json(body)
  })
  router.get('/challenges/:challengeId', async (request, response) => {
    const challenge = await challengeOf(domain, request)
    const body: ChallengeDetail = await withMunicipalityNames(domain, challenge)
    response.set('Cache-Control', 'no-cache').json(body)
  })
  router.get('/challenges/:challengeId/workshops', async (request, response) => {
    const challenge = await challengeOf(domain, request)
    const workshops = await domain.listWorkshops(challenge.id)
    const body: WorkshopSummaryList = {
      workshops: await Promise.all(
        workshops.map(async ({ id, title, startsAt, endsAt, status }) => {
          const stepCount = (await domain.listSteps(id)).length
          return { id, title, startsAt, endsAt, status, stepCount }
        }),
      ),
    }
    response.set('Cache-Control', 'no-cache').json(body)
  })
  router.post('/challenges', async (request, response) => {
    const { account } = requireFacilitator(request, response)
    const fields = parseRequestPart(CreateChallengeBody, request.body ?? {}, 'request body')
    const challenge: Challenge = { id: newEntityId(), ...fields }
    await requireMunicipalities(domain, challenge)
    const created = await domain.createChallenge(challenge)
    await audit.record(account, 'challenge.create', { challengeId: created.id })
    const body: ChallengeDetail = await withMunicipalityNames(domain, created)
    response.status(201).location(`/api/challenges/${created.id}`).json(body)
  })
  router.patch('/challenges/:challengeId', async (request, response) => {
    const { account } = requireFacilitator(request, response)
    const existing = await challengeOf(domain, request)
    const patch = parseRequestPart(UpdateChallengeBody, request.body ?? {}, 'request body')
    // The merged result is checked as a whole (e.g. a new lead that is also a co-applicant), naming body fields.
    const merged = parseRequestPart(Challenge, { ...existing, ...patch }, 'request body')
    await requireMunicipalities(domain, merged)
    const updated = await domain.updateChallenge(existing.id, patch)
    if (updated === null) throw challengeNotFound(existing.id)
    await audit.record(account, 'challenge.update', { challengeId: updated.id, detail: { fields: changedFields(patch, existing) } })
    const body: ChallengeDetail = await withMunicipalityNames(domain, updated)
    response.json(body)
  })
  return router
}

export async function challengeOf(domain: DomainStore, request: Request): Promise<Challenge> {
  const { challengeId } = parseRequestPart(ChallengeParams, request.params, 'path parameters')
  const challenge = await domain.getChallenge(challengeId)
  if (challenge === null) throw challengeNotFound(challengeId)
  return challenge
}

/** 400 naming each municipality field that points at no municipality. */
async function requireMunicipalities(domain: DomainStore, challenge: Challenge): Promise<void> {
  const named: [path: string, id: string][] = [
    ['leadMunicipalityId', challenge.leadMunicipalityId],
    ...challenge.coApplicantIds.map((id, index): [string, string] => [`coApplicantIds.${index}`, id]),
    ...challenge.followerMunicipalityIds.map((id, index): [string, string] => [`followerMunicipalityIds.${index}`, id]),
  ]
  const missing: FieldIssue[] = []
  for (const [path, id] of named) {
    if ((await domain.getMunicipality(id)) === null) missing.push({ path, message: `There is no municipality ${id}.` })
  }
  if (missing.length > 0) throw invalidRequest('request body', missing)
}

async function withMunicipalityNames(domain: DomainStore, challenge: Challenge): Promise<ChallengeDetail> {
  // The store refuses a challenge naming a municipality that does not exist, so a miss here is a bug.
  const ref = async (id: string): Promise<MunicipalityRef> => {
    const municipality = await domain.getMunicipality(id)
    if (municipality === null) throw new Error(`Challenge ${challenge.id} names municipality ${id}, which is missing.`)
    return { id, name: municipality.name }
  }
  const [leadMunicipality, coApplicants, followerMunicipalities] = await Promise.all([
    ref(challenge.leadMunicipalityId),
    Promise.all(challenge.coApplicantIds.map(ref)),
    Promise.all(challenge.followerMunicipalityIds.map(ref)),
  ])
  return { ...challenge, leadMunicipality, coApplicants, followerMunicipalities }
}
