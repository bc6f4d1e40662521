import type { Role } from '../../../shared/src/schema/access.ts'
import type { Challenge } from '../../../shared/src/schema/challenge.ts'
import { writtenLanguageForm, type LanguageForm, type Municipality } from '../../../shared/src/schema/municipality.ts'
import type { Step } from '../../../shared/src/schema/step.ts'
import type { Workshop } from '../../../shared/src/schema/workshop.ts'
import type {
  AgendaStep,
  BoardLanguage,
  WorkshopDetail,
  WorkshopPerson,
} from '../../../shared/src/schema/workshopApi.ts'
import { isTemplateId, methodTemplates } from '../../../shared/src/templates/index.ts'
import type { LiveSessions } from '../relay/boardAccess.ts'
import type { AccessStore } from '../store/AccessStore.ts'
import type { DomainStore } from '../store/DomainStore.ts'
import { workshopLinks, type WorkshopLinkDeps } from './workshopLinks.ts'
import { workshopRetention } from './workshopRetention.ts'

// The views of a workshop that its role holders read: the agenda with the
// templates' names, who is here, and (for facilitators) the links.

export interface WorkshopViewDeps extends WorkshopLinkDeps {
  domain: DomainStore
  access: AccessStore
  live: LiveSessions
}

/** A step with its template's name in `language`; a template no longer released shows its id. */
export function agendaStep(step: Step, language: BoardLanguage): AgendaStep {
  const templateName = isTemplateId(step.templateId) ? methodTemplates.get(step.templateId).name[language] : step.templateId
  return { ...step, templateName }
}

/** A workshop's challenge and its lead municipality. */
export async function challengeAndLead(
  domain: DomainStore,
  workshop: Workshop,
): Promise<{ challenge: Challenge; lead: Municipality }> {
  const challenge = await domain.getChallenge(workshop.challengeId)
  const lead = challenge === null ? null : await domain.getMunicipality(challenge.leadMunicipalityId)
  // The database's references make these impossible; a miss is a bug, not the caller's error.
  if (challenge === null || lead === null) throw new Error(`Workshop ${workshop.id} has lost its challenge or municipality.`)
  return { challenge, lead }
}

/**
 * The challenge a workshop works on, as its pages name it, and the language form the workshop
 * speaks: its boards' and its pages' unless a person chose another.
 */
export async function workshopChallenge(
  domain: DomainStore,
  workshop: Workshop,
): Promise<{ summary: WorkshopDetail['challenge']; language: LanguageForm }> {
  const { challenge, lead } = await challengeAndLead(domain, workshop)
  const summary = { id: challenge.id, name: challenge.name, title: challenge.title, municipality: lead.name }
  return { summary, language: writtenLanguageForm(lead.languageForm) }
}

/**
 * The workshop as `role` sees it. `language` names the templates (default:
 * the lead municipality's language form). Links and the deletion date only for facilitators.
 */
export async function workshopDetail(
  deps: WorkshopViewDeps,
  workshop: Workshop,
  role: Role,
  language?: BoardLanguage,
): Promise<WorkshopDetail> {
  const steps = deps.domain.listSteps(workshop.id)
  const [{ summary, language: defaultLanguage }, agenda, people, links, retention] = await Promise.all([
    workshopChallenge(deps.domain, workshop),
    steps,
    workshopPeople(deps, workshop, steps),
    role === 'facilitator' ? workshopLinks(deps, workshop.id) : null,
    role === 'facilitator' ? workshopRetention(deps, workshop.id) : null,
  ])
  const agendaLanguage = language ?? defaultLanguage
  return {
    workshop,
    challenge: summary,
    steps: agenda.map((step) => agendaStep(step, agendaLanguage)),
    people,
    role,
    links,
    language: defaultLanguage,
    retention,
  }
}

/**
 * Its facilitators, then its participants by when they joined, each with the steps whose boards
 * they have open now. Observers are never listed: they only watch.
 */
async function workshopPeople(deps: WorkshopViewDeps, workshop: Workshop, steps: Promise<readonly Step[]>): Promise<WorkshopPerson[]> {
  const [online, agenda, accounts, participants] = await Promise.all([
    deps.live.onlinePeople(workshop.id),
    steps,
    Promise.all(workshop.facilitatorIds.map((id) => deps.access.getFacilitator(id))),
    deps.access.listParticipants(workshop.id),
  ])
  const presence = (id: string): Pick<WorkshopPerson, 'online' | 'onStepIds'> => {
    const boardIds = online.get(id)
    if (boardIds === undefined) return { online: false, onStepIds: [] }
    return { online: true, onStepIds: agenda.filter((step) => boardIds.has(step.boardId)).map((step) => step.id) }
  }
  const facilitators = accounts.flatMap((account): WorkshopPerson[] =>
    account === null
      ? []
      : [
          {
            id: account.id,
            role: 'facilitator',
            displayName: account.displayName,
            affiliation: null,
            color: account.color,
            ...presence(account.id),
            removed: false,
          },
        ],
  )
  const guests = participants.map(
    (participant): WorkshopPerson => ({
      id: participant.id,
      role: 'participant',
      displayName: participant.displayName,
      affiliation: participant.affiliation,
      color: participant.color,
      ...presence(participant.id),
      removed: participant.removedAt != null,
    }),
  )
  return [...facilitators, ...guests]
}
