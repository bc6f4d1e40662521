// How long a closed workshop keeps what names its people, in one place: the configuration's
// default (RETENTION_DAYS), the sweep that deletes, the facilitators' postponement and the
// records of processing all read these.

const dayMs = 24 * 60 * 60 * 1000

/** RETENTION_DAYS when unset: a closed workshop's boards and participants go this many days after it closed. */
export const defaultRetentionDays = 90

/** The most RETENTION_DAYS may be (ten years): past that, "retention" would mean keeping for good. */
export const maxRetentionDays = 3650

/**
 * A facilitator may postpone a workshop's deletion to at most this many days from the day they
 * do it: keeping names longer is a decision someone makes again, not one made once for good.
 */
export const maxPostponementDays = 365

/** How often the retention sweep looks for closed workshops that are due (besides at start). */
export const retentionSweepIntervalMs = 60 * 60 * 1000

/** Days as milliseconds. */
export function daysMs(days: number): number {
  return days * dayMs
}

/** When a workshop closed at `closedAt` is deleted, under RETENTION_DAYS = `retentionDays`. */
export function deletionDateOf(closedAt: number, retentionDays: number): number {
  return closedAt + daysMs(retentionDays)
}

/** The latest deletion date a facilitator may choose at `now`. */
export function latestPostponementAt(now: number): number {
  return now + daysMs(maxPostponementDays)
}
