import { z } from 'zod'
import { Affiliation, Color, JoinCode, Role } from './access.ts'
import { ChallengeFields, checkMunicipalityRoles } from './challenge.ts'
import { EntityId, requiredText } from './entityId.ts'
import { Municipality, WorkshopLanguage } from './municipality.ts'
import { WorkshopRetention } from './retentionApi.ts'
import { Step, TemplateId } from './step.ts'
import { endsAfterStart, IsoDateTime, WorkshopFields, WorkshopStatus } from './workshop.ts'

/** A board's id, as isBoardId (shared/src/protocol/boardId.ts) checks it. */
const BoardId = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, "Expected a board id of 8–64 letters, digits, '-' or '_'.")

// The writing part of the REST API (facilitators only) and the workshop views
// that role holders read. Every body is a strict object: an unknown field is a
// 400 naming it.

/** `POST /api/challenges`: a new challenge; the server assigns the id. */
export const CreateChallengeBody = ChallengeFields.omit({ id: true }).superRefine(checkMunicipalityRoles)
export type CreateChallengeBody = z.infer<typeof CreateChallengeBody>

/** `PATCH /api/challenges/:challengeId`: any subset of the fields; the result must still be a valid Challenge. */
export const UpdateChallengeBody = ChallengeFields.omit({ id: true }).partial()
export type UpdateChallengeBody = z.infer<typeof UpdateChallengeBody>

/** `PATCH /api/municipalities/:municipalityId`: a municipality's official language form or county; null clears the county. */
export const UpdateMunicipalityBody = z.strictObject({
  languageForm: Municipality.shape.languageForm.optional(),
  county: Municipality.shape.county.optional(),
})
export type UpdateMunicipalityBody = z.infer<typeof UpdateMunicipalityBody>

/** `GET /api/challenges/:challengeId/workshops`: public facts of a challenge's workshops (no boards, no people). */
export const WorkshopSummary = z.strictObject({
  id: EntityId,
  title: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  status: WorkshopStatus,
  stepCount: z.int(),
})
export type WorkshopSummary = z.infer<typeof WorkshopSummary>

export const WorkshopSummaryList = z.strictObject({ workshops: z.array(WorkshopSummary) })
export type WorkshopSummaryList = z.infer<typeof WorkshopSummaryList>

/** `POST /api/workshops`: the signed-in facilitator becomes its first facilitator. Starts 'planned'. */
export const CreateWorkshopBody = z
  .strictObject({
    challengeId: EntityId,
    title: requiredText(200),
    startsAt: IsoDateTime,
    endsAt: IsoDateTime,
  })
  .superRefine(endsAfterStart)
export type CreateWorkshopBody = z.infer<typeof CreateWorkshopBody>

/**
 * `PATCH /api/workshops/:workshopId`. Setting status 'closed' disconnects its
 * participants and observers; 'open' lets them in.
 */
export const UpdateWorkshopBody = z.strictObject({
  title: requiredText(200).optional(),
  startsAt: IsoDateTime.optional(),
  endsAt: IsoDateTime.optional(),
  status: WorkshopStatus.optional(),
  facilitatorIds: WorkshopFields.shape.facilitatorIds.optional(),
})
export type UpdateWorkshopBody = z.infer<typeof UpdateWorkshopBody>

/** Languages a step's board can be built in. */
export const BoardLanguage = z.enum(['nb', 'nn', 'en'])
export type BoardLanguage = z.infer<typeof BoardLanguage>

/**
 * `POST /api/workshops/:workshopId/steps`: adds a step whose board is built
 * from the template's newest version, in `language` (default: the lead
 * municipality's language form). Appended at the end unless `position` is given.
 */
export const CreateStepBody = z.strictObject({
  templateId: TemplateId,
  language: BoardLanguage.optional(),
  instructions: Step.shape.instructions.optional(),
  plannedMinutes: Step.shape.plannedMinutes,
  position: z.int().min(0).max(1000).optional(),
})
export type CreateStepBody = z.infer<typeof CreateStepBody>

/** `PATCH /api/steps/:stepId` */
export const UpdateStepBody = z.strictObject({
  instructions: Step.shape.instructions.optional(),
  plannedMinutes: Step.shape.plannedMinutes.optional(),
})
export type UpdateStepBody = z.infer<typeof UpdateStepBody>

/** `PUT /api/workshops/:workshopId/step-order`: every step id of the workshop exactly once, in the new order. */
export const StepOrderBody = z.strictObject({
  stepIds: z
    .array(EntityId)
    .max(1000)
    .refine((ids) => new Set(ids).size === ids.length, { message: 'Each step must appear once.' }),
})
export type StepOrderBody = z.infer<typeof StepOrderBody>

/** `PUT /api/workshops/:workshopId/join-code`: null removes the requirement. */
export const JoinCodeBody = z.strictObject({ joinCode: JoinCode.nullable() })
export type JoinCodeBody = z.infer<typeof JoinCodeBody>

/** The links a facilitator shares; only facilitators see them. */
export const WorkshopLinks = z.strictObject({
  participantUrl: z.string(),
  observerUrl: z.string(),
  joinCode: z.string().nullable(),
})
export type WorkshopLinks = z.infer<typeof WorkshopLinks>

/** A step as the agenda shows it: the stored step plus its template's name in the asked language. */
export const AgendaStep = z.strictObject({
  ...Step.shape,
  templateName: z.string(),
})
export type AgendaStep = z.infer<typeof AgendaStep>

/** `PUT /api/workshops/:workshopId/step-order` answers with the agenda in its new order. */
export const AgendaStepList = z.strictObject({ steps: z.array(AgendaStep) })
export type AgendaStepList = z.infer<typeof AgendaStepList>

/** Someone in the workshop, for "who is here". */
export const WorkshopPerson = z.strictObject({
  id: EntityId,
  role: Role,
  displayName: z.string(),
  /** Null for facilitators. */
  affiliation: Affiliation.nullable(),
  color: Color,
  /** Has at least one board of the workshop open right now. */
  online: z.boolean(),
  /** The steps whose boards they have open right now (several tabs: several steps), in agenda order. */
  onStepIds: z.array(EntityId).meta({
    description: 'The steps whose boards they have open right now, in agenda order; empty when offline.',
  }),
  /** A facilitator removed them from the workshop (they are listed, since their notes remain). */
  removed: z.boolean().meta({
    description: 'A facilitator removed them from the workshop; they stay listed, offline, since their notes remain.',
  }),
})
export type WorkshopPerson = z.infer<typeof WorkshopPerson>

/**
 * `GET /api/workshops/:workshopId` for its facilitators, participants and
 * observers: the workshop, its challenge, the agenda and who is here; the
 * links only for facilitators. Observers are never listed.
 */
export const WorkshopDetail = z.strictObject({
  workshop: WorkshopFields,
  challenge: z.strictObject({ id: EntityId, name: z.string(), title: z.string(), municipality: z.string() }),
  steps: z.array(AgendaStep),
  people: z.array(WorkshopPerson),
  /** The asking session's role in this workshop. */
  role: Role,
  links: WorkshopLinks.nullable(),
  language: WorkshopLanguage,
  /** When a closed workshop's boards and participants are deleted; only for facilitators, null otherwise. */
  retention: WorkshopRetention.nullable(),
})
export type WorkshopDetail = z.infer<typeof WorkshopDetail>

/**
 * `GET /api/boards/:boardId/context`: the workshop step a board belongs to,
 * for the board page's step bar (instructions, previous and next); see
 * BoardPlacement for a board outside any workshop.
 */
export const BoardContext = z.strictObject({
  workshop: z.strictObject({ id: EntityId, title: z.string(), status: WorkshopStatus }),
  step: AgendaStep,
  previous: AgendaStep.nullable(),
  next: AgendaStep.nullable(),
  stepCount: z.int(),
  role: Role,
  language: WorkshopLanguage,
  /** On a participant's private board of the step: whose it is (their participant id). Absent on the step's own board. */
  privateTo: EntityId.optional(),
})
export type BoardContext = z.infer<typeof BoardContext>

/**
 * The body of `GET /api/boards/:boardId/context`: null for a board outside any
 * workshop (a scratch board, or an id nobody used yet). A 200 with null rather
 * than a 404, because a browser logs every 404 as a console error and every
 * scratch board page would show one.
 */
export const BoardPlacement = BoardContext.nullable()
export type BoardPlacement = z.infer<typeof BoardPlacement>

/** `POST /api/steps/:stepId/private-board`: the asking participant's private board on the step, made the first time. */
export const PrivateBoardAnswer = z.strictObject({ boardId: BoardId })
export type PrivateBoardAnswer = z.infer<typeof PrivateBoardAnswer>

/** `GET /api/steps/:stepId/private-boards` (facilitators): whose private boards the step has, by when they were made. */
export const PrivateBoardList = z.strictObject({
  boards: z.array(z.strictObject({ personId: EntityId, boardId: BoardId })),
})
export type PrivateBoardList = z.infer<typeof PrivateBoardList>

/** `GET /api/templates?language=`: the method templates a facilitator can add as steps. */
export const TemplateSummary = z.strictObject({
  id: TemplateId,
  name: z.string(),
  purpose: z.string(),
  latestVersion: z.int(),
})
export type TemplateSummary = z.infer<typeof TemplateSummary>

export const TemplateList = z.strictObject({ templates: z.array(TemplateSummary) })
export type TemplateList = z.infer<typeof TemplateList>

/** Path parameters. */
export const WorkshopParams = z.strictObject({ workshopId: EntityId })
export const MunicipalityParams = z.strictObject({ municipalityId: EntityId })
export const StepParams = z.strictObject({ stepId: EntityId })
export const LinkRoleParams = z.strictObject({ workshopId: EntityId, role: z.enum(['participant', 'observer']) })
export const BoardParams = z.strictObject({ boardId: BoardId })
