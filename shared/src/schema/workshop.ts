import { z } from 'zod'
import { EntityId, requiredText } from './entityId.ts'

export const WorkshopStatus = z.enum(['planned', 'open', 'closed'])
export type WorkshopStatus = z.infer<typeof WorkshopStatus>

/** An ISO 8601 date and time with a zone ('Z' or an offset), e.g. 2022-03-14T09:00:00Z. */
export const IsoDateTime = z.iso.datetime({
  offset: true,
  message: 'Expected an ISO 8601 date and time with a zone, e.g. 2022-03-14T09:00:00Z.',
})

/** A workshop (verksted) on a challenge; its steps are stored as Step records. */
export const WorkshopFields = z.strictObject({
  id: EntityId,
  challengeId: EntityId,
  title: requiredText(200),
  startsAt: IsoDateTime,
  endsAt: IsoDateTime,
  facilitatorIds: z
    .array(EntityId)
    .max(20)
    .refine((ids) => new Set(ids).size === ids.length, { message: 'The facilitators must be distinct.' }),
  status: WorkshopStatus,
})

/** The check every workshop time range passes (also a PATCH's merged result). */
export function endsAfterStart(workshop: { startsAt: string; endsAt: string }, context: z.RefinementCtx): void {
  const startsAt = Date.parse(workshop.startsAt)
  const endsAt = Date.parse(workshop.endsAt)
  // A malformed time is reported on its own field; comparing it would wrongly blame endsAt as well.
  if (Number.isNaN(startsAt) || Number.isNaN(endsAt) || endsAt > startsAt) return
  context.addIssue({ code: 'custom', message: 'A workshop must end after it starts.', path: ['endsAt'] })
}

export const Workshop = WorkshopFields.superRefine(endsAfterStart)
export type Workshop = z.infer<typeof Workshop>
