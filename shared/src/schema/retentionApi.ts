import { z } from 'zod'
import { IsoDateTime } from './workshop.ts'

/**
 * A closed workshop's retention as its facilitators see it: when it closed, when its boards and
 * participants are deleted automatically, and the latest date a facilitator may postpone that
 * to today. A published challenge description is not deleted with them.
 */
export const WorkshopRetention = z.strictObject({
  closedAt: z.string().meta({ description: 'When the workshop was closed (ISO 8601, UTC).' }),
  deletesAt: z.string().meta({ description: 'When its boards, participants and sessions are deleted (ISO 8601, UTC).' }),
  latestDeletesAt: z.string().meta({ description: 'The latest deletion date a facilitator may choose now (ISO 8601, UTC).' }),
})
export type WorkshopRetention = z.infer<typeof WorkshopRetention>

/**
 * `PUT /api/workshops/:workshopId/deletion-date`: when the closed workshop's boards and
 * participants are deleted; after now and no later than its `latestDeletesAt`.
 */
export const DeletionDateBody = z.strictObject({ deletesAt: IsoDateTime })
export type DeletionDateBody = z.infer<typeof DeletionDateBody>
