import { z } from 'zod'
import { LinkToken } from '../../../shared/src/schema/access.ts'
import { ChallengeParams } from '../../../shared/src/schema/publicApi.ts'
import { BoardParams, LinkRoleParams, MunicipalityParams, StepParams, WorkshopParams } from '../../../shared/src/schema/workshopApi.ts'
import { maxPostponementDays } from '../privacy/retentionRules.ts'
import { error, json, operation, type PathItem } from './openApiSchema.ts'
import { LanguageQuery } from './templates.ts'

const ok = (description: string, schema?: string) => ({
  description,
  ...(schema === undefined ? {} : { content: json(schema) }),
})

/** The writing API and the workshop views. */
export function workshopPaths(): Record<string, PathItem> {
  return {
    '/api/challenges/{challengeId}/workshops': {
      get: operation({
        summary: 'The public facts of a challenge’s workshops (no boards, no people), by start time.',
        access: 'public',
        params: ChallengeParams,
        responses: { '200': ok('The workshops.', 'WorkshopSummaryList'), '404': error('No such challenge (challenge_not_found).') },
      }),
    },
    '/api/challenges': {
      post: operation({
        summary: 'Create a challenge; every municipality it names must exist.',
        access: 'facilitator',
        unsafe: true,
        body: 'CreateChallengeBody',
        responses: { '201': ok('The challenge, with its municipalities’ names.', 'ChallengeDetail') },
      }),
    },
    '/api/challenges/{challengeId}': {
      patch: operation({
        summary: 'Change some fields of a challenge; the result must still be a valid challenge.',
        access: 'facilitator',
        unsafe: true,
        params: ChallengeParams,
        body: 'UpdateChallengeBody',
        responses: { '200': ok('The challenge.', 'ChallengeDetail'), '404': error('No such challenge (challenge_not_found).') },
      }),
    },
    '/api/municipalities/{municipalityId}': {
      patch: operation({
        summary:
          'Correct a municipality’s official language form (nb, nn or neutral) or county (null: not given). Its workshops speak the written form it gives (bokmål for neutral) from then on.',
        access: 'facilitator',
        unsafe: true,
        params: MunicipalityParams,
        body: 'UpdateMunicipalityBody',
        responses: { '200': ok('The municipality.', 'Municipality'), '404': error('No such municipality (municipality_not_found).') },
      }),
    },
    '/api/workshops': {
      post: operation({
        summary: 'Create a workshop (planned) on a challenge; the caller becomes its facilitator and its links are made.',
        access: 'facilitator',
        unsafe: true,
        body: 'CreateWorkshopBody',
        responses: { '201': ok('The workshop as its facilitators see it.', 'WorkshopDetail') },
      }),
    },
    '/api/workshops/{workshopId}': {
      get: operation({
        summary: 'A workshop, its agenda and who is here, for its role holders; links only for facilitators.',
        access: 'workshop',
        params: WorkshopParams,
        query: LanguageQuery,
        responses: { '200': ok('The workshop.', 'WorkshopDetail'), '404': error('No such workshop (workshop_not_found).') },
      }),
      patch: operation({
        summary: 'Change a workshop: title, times, facilitators, or status (closing it disconnects its guests, 4407).',
        access: 'facilitator',
        unsafe: true,
        params: WorkshopParams,
        body: 'UpdateWorkshopBody',
        responses: { '200': ok('The workshop.', 'WorkshopDetail'), '404': error('No such workshop (workshop_not_found).') },
      }),
      delete: operation({
        summary: 'Delete a workshop with its steps, boards and participants; open boards are closed (4411).',
        access: 'facilitator',
        unsafe: true,
        params: WorkshopParams,
        responses: { '204': ok('Deleted.'), '404': error('No such workshop (workshop_not_found).') },
      }),
    },
    '/api/workshops/{workshopId}/live': {
      get: operation({
        summary:
          'The workshop’s room as Server-Sent Events: `facilitation` with a FacilitationSnapshot at once and after every change, `clock` with `{ serverNow }` every 15 s. Ends with the session.',
        access: 'workshop',
        params: WorkshopParams,
        responses: {
          '200': { description: 'The event stream (text/event-stream).', content: { 'text/event-stream': { schema: { type: 'string' } } } },
          '404': error('No such workshop (workshop_not_found).'),
        },
      }),
    },
    '/api/workshops/{workshopId}/facilitation': {
      post: operation({
        summary:
          'One action on the room: facilitators start steps, run timers, summon, present, lower hands, reset readiness; participants raise their own hand and say they are done. Observers take no part.',
        access: 'workshop',
        unsafe: true,
        params: WorkshopParams,
        body: 'FacilitationAction',
        responses: {
          '200': ok('The state after the action.', 'FacilitationSnapshot'),
          '403': error('The role may not take this action (facilitation_forbidden), a guest of another workshop (wrong_workshop), or no X-CSRF-Token.'),
          '404': error('No such workshop (workshop_not_found).'),
          '409': error('The room’s state does not allow it: facilitation_unknown_step, facilitation_no_current_step, facilitation_timer_state, facilitation_timer_too_long.'),
        },
      }),
    },
    '/api/workshops/{workshopId}/steps': {
      post: operation({
        summary: 'Add a step whose board is built from the newest version of a method template.',
        access: 'facilitator',
        unsafe: true,
        params: WorkshopParams,
        body: 'CreateStepBody',
        responses: {
          '201': ok('The step.', 'AgendaStep'),
          '404': error('No such workshop (workshop_not_found).'),
          '409': error('The workshop has the most steps it can have (too_many_steps).'),
        },
      }),
    },
    '/api/workshops/{workshopId}/step-order': {
      put: operation({
        summary: 'Reorder the agenda: every step id of the workshop exactly once.',
        access: 'facilitator',
        unsafe: true,
        params: WorkshopParams,
        body: 'StepOrderBody',
        responses: { '200': ok('The agenda in its new order.', 'AgendaStepList'), '404': error('No such workshop.') },
      }),
    },
    '/api/workshops/{workshopId}/links/{role}/rotate': {
      post: operation({
        summary: 'Replace the participant or observer link; sessions that came through the old one end at once (4409).',
        access: 'facilitator',
        unsafe: true,
        params: LinkRoleParams,
        responses: { '200': ok('The links now.', 'WorkshopLinks'), '404': error('No such workshop.') },
      }),
    },
    '/api/workshops/{workshopId}/join-code': {
      put: operation({
        summary: 'Require a join code (or, with null, stop requiring one).',
        access: 'facilitator',
        unsafe: true,
        params: WorkshopParams,
        body: 'JoinCodeBody',
        responses: { '200': ok('The links now.', 'WorkshopLinks'), '404': error('No such workshop.') },
      }),
    },
    '/api/workshops/{workshopId}/deletion-date': {
      put: operation({
        summary:
          `Choose when a closed workshop’s boards, participants and sessions are deleted automatically (RETENTION_DAYS after closing unless changed): after now, at most ${maxPostponementDays} days ahead. Its published description stays.`,
        access: 'facilitator',
        unsafe: true,
        params: WorkshopParams,
        body: 'DeletionDateBody',
        responses: {
          '200': ok('The deletion date now.', 'WorkshopRetention'),
          '404': error('No such workshop.'),
          '409': error('The workshop is not closed (workshop_not_closed).'),
        },
      }),
    },
    '/api/steps/{stepId}': {
      patch: operation({
        summary: 'Change a step’s instructions or planned minutes.',
        access: 'facilitator',
        unsafe: true,
        params: StepParams,
        body: 'UpdateStepBody',
        responses: { '200': ok('The step.', 'AgendaStep'), '404': error('No such step (step_not_found).') },
      }),
      delete: operation({
        summary: 'Delete a step and its board; open sockets on the board are closed (4411).',
        access: 'facilitator',
        unsafe: true,
        params: StepParams,
        responses: { '204': ok('Deleted.'), '404': error('No such step (step_not_found).') },
      }),
    },
    '/api/steps/{stepId}/private-board': {
      post: operation({
        summary:
          'The asking participant’s private board on the step (made, empty, the first time): where they write alone while the facilitator keeps writing private. Opens for them and the facilitators only; anyone else’s socket is closed with 4415.',
        access: 'workshop',
        unsafe: true,
        params: StepParams,
        responses: {
          '200': ok('The board’s id.', 'PrivateBoardAnswer'),
          '403': error('A facilitator or observer (participants_only), a guest of another workshop (wrong_workshop), or no X-CSRF-Token.'),
          '404': error('No such step (step_not_found).'),
        },
      }),
    },
    '/api/steps/{stepId}/private-boards': {
      get: operation({
        summary: 'Whose private boards the step has, by when they were made.',
        access: 'facilitator',
        params: StepParams,
        responses: { '200': ok('The boards.', 'PrivateBoardList'), '404': error('No such step (step_not_found).') },
      }),
    },
    '/api/join/{token}': {
      get: operation({
        summary: 'What the join page of a workshop link shows.',
        access: 'public',
        params: z.strictObject({ token: LinkToken }),
        responses: { '200': ok('The workshop and the link’s role.', 'JoinInfo'), '404': error('Unknown or replaced link (link_invalid).') },
      }),
      post: operation({
        summary: 'Join the workshop in the link’s role; sets the samskap_guest cookie. Participants give name and affiliation.',
        access: 'public',
        params: z.strictObject({ token: LinkToken }),
        body: 'JoinBody',
        responses: {
          '201': ok('The browser’s sessions now.', 'SessionInfo'),
          '403': error('Wrong join code (join_code_wrong).'),
          '404': error('Unknown or replaced link (link_invalid).'),
          '409': error('The workshop is closed (workshop_closed).'),
          '429': error('Too many wrong join codes (too_many_attempts); see Retry-After.'),
        },
      }),
    },
    '/api/boards/{boardId}/context': {
      get: operation({
        summary: 'The workshop step a board belongs to, with the previous and next step, for the board page.',
        access: 'workshop',
        params: BoardParams,
        query: LanguageQuery,
        responses: {
          '200': ok('The step and its neighbours (with privateTo on a participant’s private board), or null for a board outside any workshop.', 'BoardPlacement'),
          '403': error('A guest of another workshop (wrong_workshop), or at another participant’s private board (not_your_board).'),
        },
      }),
    },
    '/api/templates': {
      get: operation({
        summary: 'The method templates a step can be made from, named in the given language (default nb).',
        access: 'public',
        query: LanguageQuery,
        responses: { '200': ok('The templates.', 'TemplateList') },
      }),
    },
  }
}
