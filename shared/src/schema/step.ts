import { z } from 'zod'
import { isBoardId } from '../protocol/boardId.ts'
import { EntityId } from './entityId.ts'

/** Method template ids are lower-case slugs, e.g. 'challenge-framing'. */
export const TemplateId = z
  .string()
  .regex(
    /^[a-z][a-z0-9-]{0,63}$/,
    "A template id is a lower-case slug: letters, digits and '-', e.g. 'challenge-framing'.",
  )

/** One step of a workshop's agenda, with the board made from a method template. */
export const Step = z.strictObject({
  id: EntityId,
  workshopId: EntityId,
  /** Place in the agenda; steps are listed by position. */
  position: z.int().min(0).max(1000),
  templateId: TemplateId,
  /** The template version the board was created from, so a changed template never changes this board. */
  templateVersion: z.int().min(1),
  boardId: z.string().refine(isBoardId, { message: "Expected a board id of 8–64 letters, digits, '-' or '_'." }),
  instructions: z.string().trim().max(4000, 'Must be at most 4000 characters.'),
  plannedMinutes: z.int().min(1, 'A step takes at least one minute.').max(24 * 60),
})
export type Step = z.infer<typeof Step>
