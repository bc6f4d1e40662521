import express, { Router } from 'express'
import { z } from 'zod'
import type { DescriptionDraft } from '../../../shared/src/description/challengeDescription.ts'
import {
  DraftFromWorkshopBody,
  UpdateDraftBody,
  type DraftResult,
} from '../../../shared/src/description/descriptionApi.ts'
import { draftFields, type DraftChallenge } from '../../../shared/src/description/draftFromBoards.ts'
import { applyEdits, initialDraft, mergeDraft } from '../../../shared/src/description/mergeDraft.ts'
import type { Challenge } from '../../../shared/src/schema/challenge.ts'
import type { AuditLog } from '../audit/auditLog.ts'
import { requireFacilitator } from '../auth/requestAccess.ts'
import { challengeFacts } from '../description/challengeFacts.ts'
import { readWorkshopBoards } from '../description/workshopBoards.ts'
import { invalidRequest, nothingToPublish, workshopNotInChallenge } from '../errors.ts'
import type { BoardStore } from '../store/BoardStore.ts'
import type { ChallengeFacts, DescriptionStore } from '../store/DescriptionStore.ts'
import type { DomainStore } from '../store/DomainStore.ts'
import { challengeOf } from './challenges.ts'
import { parseRequestPart } from './requestValidation.ts'

export interface DescriptionApiDeps {
  domain: DomainStore
  boards: BoardStore
  descriptions: DescriptionStore
  now: () => number
  /** Drafting, edits and publishing are recorded there once they succeeded. */
  audit: AuditLog
}

/**
 * The largest `PUT …/description` body the schema can hold: every field full is about 1.34 million
 * characters, and 8 MiB holds them even with each spelt as a six-byte JSON escape ("\u0001"). Every
 * other body of the API gets 100 kB.
 */
export const draftEditMaxBytes = 8 * 1024 * 1024

/**
 * Reads the body of `PUT …/description` before the API's 100 kB JSON parser would refuse it (mount it
 * ahead of that), and only for a facilitator with the CSRF token: nobody else makes the server read megabytes.
 */
export function draftEditBodyParser(): Router {
  const router = Router()
  const parse = express.json({ limit: draftEditMaxBytes })
  router.put('/challenges/:challengeId/description', (request, response, next) => {
    requireFacilitator(request, response)
    parse(request, response, next)
  })
  return router
}

/** Publishing takes no options; the body is checked only so that a misspelt one is refused, not ignored. */
const PublishBody = z.strictObject({})

/**
 * The challenge description's working draft, for facilitators: read it,
 * draft it from a workshop's boards, edit it, publish it as a new version.
 * The published versions are read through publishedDescriptions.ts.
 */
export function descriptionsRouter(deps: DescriptionApiDeps): Router {
  const { domain, descriptions } = deps
  const router = Router()
  const isoNow = (): string => new Date(deps.now()).toISOString()

  router.get('/challenges/:challengeId/description', async (request, response) => {
    requireFacilitator(request, response)
    const challenge = await challengeOf(domain, request)
    const facts = await challengeFacts(domain, challenge)
    const draft = (await descriptions.getDraft(challenge.id)) ?? initialDraft(draftChallenge(challenge, facts), facts.languageForm, isoNow())
    response.set('Cache-Control', 'no-store').json(withFacts(draft, facts))
  })

  router.post('/challenges/:challengeId/description/draft', async (request, response) => {
    const { account } = requireFacilitator(request, response)
    const challenge = await challengeOf(domain, request)
    const { workshopId } = parseRequestPart(DraftFromWorkshopBody, request.body ?? {}, 'request body')
    const workshop = await domain.getWorkshop(workshopId)
    if (workshop === null) throw invalidRequest('request body', [{ path: 'workshopId', message: `There is no workshop ${workshopId}.` }])
    if (workshop.challengeId !== challenge.id) throw workshopNotInChallenge(workshop.id, challenge.id)

    const facts = await challengeFacts(domain, challenge)
    const boards = await readWorkshopBoards(deps, workshop.id, facts.languageForm)
    const drafted = draftFields({
      challenge: draftChallenge(challenge, facts),
      languageForm: facts.languageForm,
      steps: boards.map(({ step, title, reading }) => {
        const { id, boardId, templateId, templateVersion } = step
        return { step: { id, boardId, templateId, templateVersion, title }, reading }
      }),
    })
    // Merged inside the store's transaction, so an edit saved while the boards were read is not lost.
    let changes: DraftResult['changes'] = []
    const draft = await descriptions.updateDraft(challenge.id, (current) => {
      const result = mergeDraft(current, drafted, { challengeId: challenge.id, workshopId: workshop.id, now: isoNow() })
      changes = result.changes
      return result.draft
    })
    const body: DraftResult = { draft: withFacts(stored(draft), facts), changes, leftOut: drafted.leftOut }
    await deps.audit.record(account, 'description.draftFromWorkshop', { challengeId: challenge.id, workshopId: workshop.id })
    response.set('Cache-Control', 'no-store').json(body)
  })

  router.put('/challenges/:challengeId/description', async (request, response) => {
    const { account } = requireFacilitator(request, response)
    const challenge = await challengeOf(domain, request)
    const edits = parseRequestPart(UpdateDraftBody, request.body ?? {}, 'request body')
    const facts = await challengeFacts(domain, challenge)
    const draft = await descriptions.updateDraft(challenge.id, (current) => {
      const base = current ?? initialDraft(draftChallenge(challenge, facts), facts.languageForm, isoNow())
      return applyEdits(base, edits, isoNow())
    })
    // Counted into one entry while the same facilitator goes on editing (audit/auditLog.ts).
    await deps.audit.record(account, 'description.edit', { challengeId: challenge.id })
    response.set('Cache-Control', 'no-store').json(withFacts(stored(draft), facts))
  })

  router.post('/challenges/:challengeId/description/publish', async (request, response) => {
    const { account } = requireFacilitator(request, response)
    const challenge = await challengeOf(domain, request)
    parseRequestPart(PublishBody, request.body ?? {}, 'request body')
    const published = await descriptions.publish(challenge.id, {
      publishedAt: isoNow(),
      facilitatorId: account.id,
      publishedBy: account.displayName,
      challengeFacts: await challengeFacts(domain, challenge),
    })
    if (published === null) throw nothingToPublish()
    await deps.audit.record(account, 'description.publish', { challengeId: challenge.id, detail: { version: published.version } })
    response
      .status(201)
      .location(`/api/challenges/${challenge.id}/description/versions/${published.version}`)
      .json(published)
  })

  return router
}

/** The challenge as the drafter takes it, with its municipalities by name. */
export function draftChallenge(challenge: Challenge, facts: ChallengeFacts): DraftChallenge {
  const { id, name, title, summary, themes, problemStatements, stakeholderGroups } = challenge
  const { leadMunicipality, coApplicants, followerMunicipalities } = facts
  return { id, name, title, summary, themes, problemStatements, stakeholderGroups, leadMunicipality, coApplicants, followerMunicipalities }
}

/** The draft as shown: municipalities and language form as the challenge has them now. */
export function withFacts(draft: DescriptionDraft, facts: ChallengeFacts): DescriptionDraft {
  return { ...draft, fields: { ...draft.fields, ...facts } }
}

/** updateDraft resolves to null only when the change returned null, which these routes never do. */
function stored(draft: DescriptionDraft | null): DescriptionDraft {
  if (draft === null) throw new Error('The description draft was not stored.')
  return draft
}
