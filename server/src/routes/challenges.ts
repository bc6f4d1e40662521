import { Router } from 'express'
import type { Challenge } from '../../../shared/src/schema/challenge.ts'
import {
  ChallengeParams,
  ChallengeQuery,
  type ChallengeDetail,
  type ChallengeList,
  type MunicipalityRef,
} from '../../../shared/src/schema/publicApi.ts'
import { challengeNotFound } from '../errors.ts'
import type { DomainStore } from '../store/DomainStore.ts'
import { parseRequestPart } from './requestValidation.ts'

/**
 * `GET /api/challenges?q=&municipalityId=&status=`: the challenges (utfordringer), by name.
 * `GET /api/challenges/:challengeId`: one, with its municipalities' names.
 */
export function challengesRouter(domain: DomainStore): Router {
  const router = Router()
  router.get('/challenges', async (request, response) => {
    const { q, municipalityId, status } = parseRequestPart(ChallengeQuery, request.query, 'query parameters')
    const body: ChallengeList = { challenges: await domain.searchChallenges({ text: q, municipalityId, status }) }
    response.set('Cache-Control', 'no-cache').json(body)
  })
  router.get('/challenges/:challengeId', async (request, response) => {
    const { challengeId } = parseRequestPart(ChallengeParams, request.params, 'path parameters')
    const challenge = await domain.getChallenge(challengeId)
    if (challenge === null) throw challengeNotFound(challengeId)
    const body: ChallengeDetail = await withMunicipalityNames(domain, challenge)
    response.set('Cache-Control', 'no-cache').json(body)
  })
  return router
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
