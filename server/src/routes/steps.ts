import { Router, type Request } from 'express'
import type { Step } from '../../../shared/src/schema/step.ts'
import {
  CreateStepBody,
  StepOrderBody,
  StepParams,
  UpdateStepBody,
  type AgendaStep,
  type AgendaStepList,
} from '../../../shared/src/schema/workshopApi.ts'
import { changedFields, workshopTarget } from '../audit/auditLog.ts'
import { requireFacilitator } from '../auth/requestAccess.ts'
import { invalidRequest, stepNotFound, workshopNotFound } from '../errors.ts'
import type { DomainStore } from '../store/DomainStore.ts'
import { createStepWithBoard } from '../workshop/stepCreation.ts'
import { agendaStep, workshopChallenge } from '../workshop/workshopDetail.ts'
import { parseRequestPart } from './requestValidation.ts'
import { workshopOf, type WorkshopApiDeps } from './workshops.ts'

/**
 * A workshop's agenda, facilitators only: add a step (its board built from a
 * method template), change, delete and reorder steps. Answers name templates
 * in the workshop's language form.
 */
export function stepsRouter(deps: WorkshopApiDeps): Router {
  const { domain, live, audit } = deps
  const router = Router()

  router.post('/workshops/:workshopId/steps', async (request, response) => {
    const { account } = requireFacilitator(request, response)
    const workshop = await workshopOf(domain, request)
    const fields = parseRequestPart(CreateStepBody, request.body ?? {}, 'request body')
    const step = await createStepWithBoard(deps, workshop.id, fields)
    if (step === null) throw workshopNotFound(workshop.id)
    const about = { ...workshopTarget(workshop), stepId: step.id, boardId: step.boardId }
    await audit.record(account, 'step.add', { ...about, detail: { templateId: step.templateId } })
    response.status(201).json(await withTemplateName(domain, step))
  })

  router.patch('/steps/:stepId', async (request, response) => {
    const { account } = requireFacilitator(request, response)
    const existing = await stepOf(domain, request)
    const patch = parseRequestPart(UpdateStepBody, request.body ?? {}, 'request body')
    const step = await domain.updateStep(existing.id, patch)
    if (step === null) throw stepNotFound(existing.id)
    await audit.record(account, 'step.update', { ...(await stepTarget(domain, step)), detail: { fields: changedFields(patch, existing) } })
    response.json(await withTemplateName(domain, step))
  })

  router.delete('/steps/:stepId', async (request, response) => {
    const { account } = requireFacilitator(request, response)
    const step = await stepOf(domain, request)
    const about = await stepTarget(domain, step)
    const privateBoardIds = (await domain.listPrivateBoards(step.id)).map((board) => board.boardId)
    // Through the relay, so that no socket, queued update or idle room writes to a board after its rows go.
    if (await live.retireBoards([step.boardId, ...privateBoardIds], () => domain.deleteStep(step.id))) {
      await audit.record(account, 'step.remove', about)
      // Its boards held the names of the people who wrote on them.
      await deps.maintenance.scrubDeleted()
    }
    response.status(204).end()
  })

  router.put('/workshops/:workshopId/step-order', async (request, response) => {
    const { account } = requireFacilitator(request, response)
    const workshop = await workshopOf(domain, request)
    const { stepIds } = parseRequestPart(StepOrderBody, request.body ?? {}, 'request body')
    const current = new Set((await domain.listSteps(workshop.id)).map((step) => step.id))
    if (stepIds.length !== current.size || !stepIds.every((id) => current.has(id))) {
      throw invalidRequest('request body', [
        { path: 'stepIds', message: `Must list each of the workshop's ${current.size} steps exactly once.` },
      ])
    }
    const steps = await domain.reorderSteps(workshop.id, stepIds)
    if (steps === null) throw workshopNotFound(workshop.id)
    await audit.record(account, 'step.reorder', { ...workshopTarget(workshop), detail: { steps: steps.length } })
    const { language } = await workshopChallenge(domain, workshop)
    const body: AgendaStepList = { steps: steps.map((step) => agendaStep(step, language)) }
    response.json(body)
  })

  return router
}

/** The step named by the path, or 404 `step_not_found`. */
export async function stepOf(domain: DomainStore, request: Request): Promise<Step> {
  const { stepId } = parseRequestPart(StepParams, request.params, 'path parameters')
  const step = await domain.getStep(stepId)
  if (step === null) throw stepNotFound(stepId)
  return step
}

/** A step as the audit log names it: with its board, workshop and challenge. */
async function stepTarget(domain: DomainStore, step: Step) {
  const workshop = await domain.getWorkshop(step.workshopId)
  return { workshopId: step.workshopId, challengeId: workshop?.challengeId ?? null, stepId: step.id, boardId: step.boardId }
}

async function withTemplateName(domain: DomainStore, step: Step): Promise<AgendaStep> {
  const workshop = await domain.getWorkshop(step.workshopId)
  if (workshop === null) throw workshopNotFound(step.workshopId)
  const { language } = await workshopChallenge(domain, workshop)
  return agendaStep(step, language)
}
