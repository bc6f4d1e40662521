import { Router, type Request } from 'express'
import { CloseCode } from '../../../shared/src/protocol/closeCodes.ts'
import { newEntityId } from '../../../shared/src/schema/entityId.ts'
import type { FieldIssue } from '../../../shared/src/schema/publicApi.ts'
import { DeletionDateBody } from '../../../shared/src/schema/retentionApi.ts'
import { Workshop } from '../../../shared/src/schema/workshop.ts'
import {
  CreateWorkshopBody,
  JoinCodeBody,
  LinkRoleParams,
  UpdateWorkshopBody,
  WorkshopParams,
} from '../../../shared/src/schema/workshopApi.ts'
import { workshopTarget, type AuditLog } from '../audit/auditLog.ts'
import { recordWorkshopChange } from '../audit/workshopChanges.ts'
import { requireFacilitator, requireWorkshopRole } from '../auth/requestAccess.ts'
import type { Config } from '../config.ts'
import { invalidRequest, workshopNotFound } from '../errors.ts'
import type { BoardStore } from '../store/BoardStore.ts'
import type { DomainStore } from '../store/DomainStore.ts'
import type { StoreMaintenance } from '../store/StoreMaintenance.ts'
import { workshopDetail, type WorkshopViewDeps } from '../workshop/workshopDetail.ts'
import { deleteWorkshopWithBoards } from '../workshop/workshopDeletion.ts'
import { changeDeletionDate, followStatusChange } from '../workshop/workshopRetention.ts'
import { rotateWorkshopLink, workshopLinks } from '../workshop/workshopLinks.ts'
import { parseRequestPart } from './requestValidation.ts'
import { LanguageQuery } from './templates.ts'

/** What the workshop, step, join and board-context routes need. */
export interface WorkshopApiDeps extends WorkshopViewDeps {
  boards: BoardStore
  config: Pick<Config, 'publicUrl' | 'retentionDays'>
  /** Where the facilitators' actions are recorded once they succeeded. */
  audit: AuditLog
  /** Run after personal data was deleted, so that its bytes go from the database's files too. */
  maintenance: Pick<StoreMaintenance, 'scrubDeleted'>
}

/** The workshop named by the path, or 404 `workshop_not_found`. */
export async function workshopOf(domain: DomainStore, request: Request): Promise<Workshop> {
  const { workshopId } = parseRequestPart(WorkshopParams, request.params, 'path parameters')
  const workshop = await domain.getWorkshop(workshopId)
  if (workshop === null) throw workshopNotFound(workshopId)
  return workshop
}

/**
 * Workshops (verksteder): facilitators create, change, open, close and delete
 * them and manage their links; their participants and observers read them.
 */
export function workshopsRouter(deps: WorkshopApiDeps): Router {
  const { domain, access, live, audit } = deps
  const router = Router()

  router.post('/workshops', async (request, response) => {
    const { account } = requireFacilitator(request, response)
    const fields = parseRequestPart(CreateWorkshopBody, request.body ?? {}, 'request body')
    if ((await domain.getChallenge(fields.challengeId)) === null) {
      throw invalidRequest('request body', [{ path: 'challengeId', message: `There is no challenge ${fields.challengeId}.` }])
    }
    const workshop = await domain.createWorkshop({
      id: newEntityId(),
      ...fields,
      facilitatorIds: [account.id],
      status: 'planned',
    })
    await audit.record(account, 'workshop.create', workshopTarget(workshop))
    const body = await workshopDetail(deps, workshop, 'facilitator')
    response.status(201).location(`/api/workshops/${workshop.id}`).json(body)
  })

  router.get('/workshops/:workshopId', async (request, response) => {
    const workshop = await workshopOf(domain, request)
    const { role } = requireWorkshopRole(request, response, workshop)
    const { language } = parseRequestPart(LanguageQuery, request.query, 'query parameters')
    response.set('Cache-Control', 'no-store').json(await workshopDetail(deps, workshop, role, language))
  })

  router.patch('/workshops/:workshopId', async (request, response) => {
    const { account } = requireFacilitator(request, response)
    const existing = await workshopOf(domain, request)
    const patch = parseRequestPart(UpdateWorkshopBody, request.body ?? {}, 'request body')
    // The merged result is checked as a whole (a new end before the old start), naming body fields.
    parseRequestPart(Workshop, { ...existing, ...patch }, 'request body')
    if (patch.facilitatorIds !== undefined) await requireFacilitatorAccounts(deps, patch.facilitatorIds)
    const updated = await domain.updateWorkshop(existing.id, patch)
    if (updated === null) throw workshopNotFound(existing.id)
    await followStatusChange(deps, updated.id, existing.status, updated.status)
    await recordWorkshopChange(audit, account, existing, updated, patch)
    if (existing.status === 'open' && updated.status !== 'open') {
      // Guests may only be on the boards of an open workshop: drop them now, not at their next reconnect.
      live.endSockets({ workshopId: updated.id, roles: ['participant', 'observer'] }, CloseCode.workshopNotOpen)
    }
    response.json(await workshopDetail(deps, updated, 'facilitator'))
  })

  router.delete('/workshops/:workshopId', async (request, response) => {
    const { account } = requireFacilitator(request, response)
    const workshop = await workshopOf(domain, request)
    // Recorded only by whoever deleted it: someone else may have been first.
    if (await deleteWorkshopWithBoards({ domain, live, maintenance: deps.maintenance }, workshop.id)) await audit.record(account, 'workshop.delete', workshopTarget(workshop))
    response.status(204).end()
  })

  router.put('/workshops/:workshopId/deletion-date', async (request, response) => {
    const { account } = requireFacilitator(request, response)
    const workshop = await workshopOf(domain, request)
    const { deletesAt } = parseRequestPart(DeletionDateBody, request.body ?? {}, 'request body')
    const retention = await changeDeletionDate(deps, workshop.id, deletesAt)
    await audit.record(account, 'workshop.setDeletionDate', { ...workshopTarget(workshop), detail: { until: retention.deletesAt } })
    response.json(retention)
  })

  router.post('/workshops/:workshopId/links/:role/rotate', async (request, response) => {
    const { account } = requireFacilitator(request, response)
    const { workshopId, role } = parseRequestPart(LinkRoleParams, request.params, 'path parameters')
    const workshop = await domain.getWorkshop(workshopId)
    if (workshop === null) throw workshopNotFound(workshopId)
    const links = await rotateWorkshopLink(deps, workshop.id, role)
    await audit.record(account, 'workshop.rotateLink', { ...workshopTarget(workshop), detail: { linkRole: role } })
    response.json(links)
  })

  router.put('/workshops/:workshopId/join-code', async (request, response) => {
    const { account } = requireFacilitator(request, response)
    const workshop = await workshopOf(domain, request)
    const { joinCode } = parseRequestPart(JoinCodeBody, request.body ?? {}, 'request body')
    await access.setJoinCode(workshop.id, joinCode)
    // Whether a code was set or taken away; never the code, which is a secret.
    await audit.record(account, joinCode === null ? 'workshop.removeJoinCode' : 'workshop.setJoinCode', workshopTarget(workshop))
    response.json(await workshopLinks(deps, workshop.id))
  })

  return router
}

/** 400 naming each facilitator id that is not an account. */
async function requireFacilitatorAccounts(deps: WorkshopApiDeps, ids: readonly string[]): Promise<void> {
  const missing: FieldIssue[] = []
  for (const [index, id] of ids.entries()) {
    if ((await deps.access.getFacilitator(id)) === null) {
      missing.push({ path: `facilitatorIds.${index}`, message: `There is no facilitator ${id}.` })
    }
  }
  if (missing.length > 0) throw invalidRequest('request body', missing)
}
