import type { SnapshotRetention } from './BoardStore.ts'

/** What the retention policy needs to know about one snapshot. */
export interface SnapshotStamp {
  /** Grows with every snapshot written for the board, so the highest id is the newest. */
  id: number
  /** Milliseconds since the epoch; decides the snapshot's calendar day (UTC). */
  createdAt: number
  /** The last log seq the snapshot covers (needed when history is kept). */
  coversSeq?: number
}

/** The board's history window: every moment since `now - keepMs` stays restorable. */
export interface HistoryWindow {
  now: number
  keepMs: number
}

export interface RetentionPlan {
  /** Ids to keep, newest first. */
  keep: number[]
  /** Ids to delete, newest first. */
  prune: number[]
  /**
   * Log rows up to this seq are no longer needed (0: keep them all): the newest snapshot from
   * before the history window covers them, and every moment after it is rebuilt from it.
   */
  logNeededAfter: number
}

const hourMs = 60 * 60 * 1000

const dayMs = 24 * hourMs

/**
 * Throws a RangeError unless the policy is usable. `keepLast` must be at least 1:
 * the newest snapshot is what a board loads from once its log rows are compacted
 * away, so a policy that could delete it would lose the board.
 */
export function validateSnapshotRetention(retention: SnapshotRetention): void {
  if (!Number.isSafeInteger(retention.keepLast) || retention.keepLast < 1) {
    throw new RangeError(`Snapshot retention keepLast must be an integer >= 1, got ${retention.keepLast}.`)
  }
  if (!Number.isSafeInteger(retention.keepDaily) || retention.keepDaily < 0) {
    throw new RangeError(`Snapshot retention keepDaily must be an integer >= 0, got ${retention.keepDaily}.`)
  }
}

/**
 * Decides which of one board's snapshots to keep: the newest `keepLast`, plus the
 * newest snapshot of each calendar day (UTC) for the last `keepDaily` days that
 * have snapshots (days without any are skipped, not counted).
 *
 * "Newest" follows the id, not the clock, so a clock that steps back can never
 * make the policy drop the snapshot a board loads from. Applying the plan after
 * every write gives the same result as applying it once to the whole history.
 *
 * @example planSnapshotRetention(stamps, { keepLast: 10, keepDaily: 30 }).prune // ids to delete
 */
export function planSnapshotRetention(
  snapshots: readonly SnapshotStamp[],
  retention: SnapshotRetention,
  history: HistoryWindow | null = null,
): RetentionPlan {
  validateSnapshotRetention(retention)
  const newestFirst = [...snapshots].sort((a, b) => b.id - a.id)
  const keep = new Set<number>()
  for (const snapshot of newestFirst.slice(0, retention.keepLast)) keep.add(snapshot.id)

  const newestOfDay = new Map<number, number>()
  for (const snapshot of newestFirst) {
    const day = Math.floor(snapshot.createdAt / dayMs)
    if (!newestOfDay.has(day)) newestOfDay.set(day, snapshot.id)
  }
  const latestDays = [...newestOfDay].sort(([dayA], [dayB]) => dayB - dayA).slice(0, retention.keepDaily)
  for (const [, id] of latestDays) keep.add(id)

  let logNeededAfter = 0
  if (history !== null) {
    // Within the window, the newest snapshot of each hour keeps rebuilding a moment short;
    // the newest one from before the window is where the window's first moments start from.
    const windowStart = history.now - history.keepMs
    const newestOfHour = new Set<number>()
    for (const snapshot of newestFirst) {
      if (snapshot.createdAt < windowStart) continue
      const hour = Math.floor(snapshot.createdAt / hourMs)
      if (!newestOfHour.has(hour)) {
        newestOfHour.add(hour)
        keep.add(snapshot.id)
      }
    }
    const base = newestFirst.find((snapshot) => snapshot.createdAt < windowStart)
    if (base !== undefined) {
      keep.add(base.id)
      logNeededAfter = base.coversSeq ?? 0
    }
  }

  const plan: RetentionPlan = { keep: [], prune: [], logNeededAfter }
  for (const snapshot of newestFirst) (keep.has(snapshot.id) ? plan.keep : plan.prune).push(snapshot.id)
  return plan
}
