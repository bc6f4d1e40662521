import { newBoardId } from '../../../shared/src/protocol/boardId.ts'
import { newEntityId } from '../../../shared/src/schema/entityId.ts'
import { writtenLanguageForm } from '../../../shared/src/schema/municipality.ts'
import type { Step } from '../../../shared/src/schema/step.ts'
import type { CreateStepBody } from '../../../shared/src/schema/workshopApi.ts'
import { isTemplateId, methodTemplates, type TemplateRegistry } from '../../../shared/src/templates/index.ts'
import { invalidRequest, tooManySteps } from '../errors.ts'
import type { BoardStore } from '../store/BoardStore.ts'
import type { DomainStore } from '../store/DomainStore.ts'
import { initialBoardRow, templateChallenge } from './stepBoards.ts'
import { challengeAndLead } from './workshopDetail.ts'

/** More steps than any workshop day holds; the cap keeps positions far below the schema's limit. */
export const maxStepsPerWorkshop = 100

export interface StepCreationDeps {
  domain: DomainStore
  boards: BoardStore
  /** The released templates; tests pass a registry of their own. */
  templates?: TemplateRegistry
}

/**
 * Adds a step to a workshop: builds its board from the template's newest
 * version in the asked language (default: the lead municipality's language
 * form), stores that board's first state, then the step recording the
 * version. Resolves to null when there is no such workshop.
 */
export async function createStepWithBoard(
  { domain, boards, templates = methodTemplates }: StepCreationDeps,
  workshopId: string,
  body: CreateStepBody,
): Promise<Step | null> {
  const workshop = await domain.getWorkshop(workshopId)
  if (workshop === null) return null
  if (!isTemplateId(body.templateId)) {
    throw invalidRequest('request body', [
      { path: 'templateId', message: `There is no method template "${body.templateId}".` },
    ])
  }
  const existing = await domain.listSteps(workshopId)
  if (existing.length >= maxStepsPerWorkshop) throw tooManySteps(maxStepsPerWorkshop)

  const { challenge, lead } = await challengeAndLead(domain, workshop)
  const version = templates.latestVersion(body.templateId)
  const { records } = templates.build({
    templateId: body.templateId,
    version,
    language: body.language ?? writtenLanguageForm(lead.languageForm),
    challenge: templateChallenge(challenge, lead.name),
  })
  const boardId = newBoardId()
  // The board's rows first: a step must never point at a board without its content.
  const { row, claim } = initialBoardRow(boardId, records)
  await boards.appendUpdates([row], [claim])
  const last = existing.at(-1)
  const step = await domain.createStep({
    id: newEntityId(),
    workshopId,
    position: last === undefined ? 0 : last.position + 1,
    templateId: body.templateId,
    templateVersion: version,
    boardId,
    instructions: body.instructions ?? '',
    plannedMinutes: body.plannedMinutes,
  })
  if (body.position === undefined || body.position >= existing.length) return step
  // The steps as they are now: another may have been added since `existing` was read.
  const order = (await domain.listSteps(workshopId)).map((other) => other.id).filter((id) => id !== step.id)
  order.splice(body.position, 0, step.id)
  const reordered = await domain.reorderSteps(workshopId, order)
  return reordered?.find((candidate) => candidate.id === step.id) ?? step
}
