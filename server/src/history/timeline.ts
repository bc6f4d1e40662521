import type { Role } from '../../../shared/src/schema/access.ts'
import type {
  BoardTimeline,
  TimelineBucket,
  TimelineEvent,
  TimelinePerson,
  TimelineRun,
} from '../../../shared/src/schema/boardHistoryApi.ts'
import type { HistoryEntry } from '../store/BoardStore.ts'

/** Who an owner key is, for a facilitator's view of the timeline. */
export interface OwnerName {
  name: string
  role: Role
}

export interface TimelineOptions {
  since: number
  until: number
  /** The earliest moment still restorable (see BoardTimeline). */
  restorableFrom: number | null
  /** Names by owner key for facilitators; null for everyone else, who see counts only. */
  names: ReadonlyMap<string, OwnerName> | null
}

/** At most this many stretches: a workshop day in six-minute stretches, an hour in fifteen-second ones. */
const maxBuckets = 240
const minBucketMs = 1000
/** A pause this long ends a run of someone's changes. */
const runPauseMs = 10_000
/** Runs returned at most (the newest). */
const maxRuns = 300

/** What a restore's history row says about itself (server/src/routes/boardHistory.ts writes it). */
export interface RestoreDetail {
  toSeq: number
  toAt: number | null
  /** When the restore undid another, that one's seq. */
  undoes?: number
}

export function parseRestoreDetail(detail: string | null): RestoreDetail | null {
  if (detail === null) return null
  try {
    const parsed = JSON.parse(detail) as Partial<RestoreDetail>
    if (typeof parsed.toSeq !== 'number') return null
    return {
      toSeq: parsed.toSeq,
      toAt: typeof parsed.toAt === 'number' ? parsed.toAt : null,
      ...(typeof parsed.undoes === 'number' ? { undoes: parsed.undoes } : {}),
    }
  } catch {
    return null
  }
}

/**
 * A board's history as a timeline: up to 240 stretches of equal length (a second or more) with how many
 * records each person changed, and the server's own changes made for a facilitator (restores,
 * modes) as events. Facilitators see names; everyone else sees counts only.
 */
export function buildTimeline(entries: readonly HistoryEntry[], options: TimelineOptions): BoardTimeline {
  const span = Math.max(1, options.until - options.since)
  const bucketMs = Math.max(minBucketMs, Math.ceil(span / maxBuckets / minBucketMs) * minBucketMs)
  const runs: TimelineRun[] = []
  const buckets = new Map<number, { bucket: TimelineBucket; people: Map<string, TimelinePerson> }>()
  const events: TimelineEvent[] = []
  const undone = new Map<number, number>()

  for (const entry of entries) {
    if (entry.createdAt < options.since || entry.createdAt > options.until) continue
    const changes = entry.touched?.length ?? 0
    if (entry.kind !== 'edit') {
      const detail = entry.kind === 'restore' ? parseRestoreDetail(entry.detail) : null
      if (detail?.undoes !== undefined) undone.set(detail.undoes, entry.seq)
      events.push({
        seq: entry.seq,
        at: entry.createdAt,
        kind: entry.kind,
        by: options.names === null || entry.author === null ? null : (options.names.get(entry.author)?.name ?? null),
        restoredTo: detail?.toAt ?? null,
        changes,
        undoTo: entry.kind === 'restore' ? entry.seq - 1 : null,
        undoneBy: null,
      })
    }
    const start = options.since + Math.floor((entry.createdAt - options.since) / bucketMs) * bucketMs
    let slot = buckets.get(start)
    if (slot === undefined) {
      slot = { bucket: { from: start, to: Math.min(start + bucketMs, options.until), lastSeq: entry.seq, changes: 0, people: [] }, people: new Map() }
      buckets.set(start, slot)
    }
    slot.bucket.lastSeq = entry.seq
    slot.bucket.changes += changes
    const key = options.names === null ? '' : (entry.author ?? 'unknown')
    const person = slot.people.get(key) ?? personFor(entry.author, options.names)
    person.changes += changes
    slot.people.set(key, person)

    const run = runs.at(-1)
    if (run !== undefined && run.key === person.key && run.kind === entry.kind && entry.createdAt - run.to <= runPauseMs) {
      run.toSeq = entry.seq
      run.to = entry.createdAt
      run.changes += changes
    } else {
      runs.push({ fromSeq: entry.seq, toSeq: entry.seq, from: entry.createdAt, to: entry.createdAt, key: person.key, name: person.name, kind: entry.kind, changes })
    }
  }
  for (const event of events) event.undoneBy = undone.get(event.seq) ?? null

  return {
    since: options.since,
    until: options.until,
    bucketMs,
    restorableFrom: options.restorableFrom,
    buckets: [...buckets.values()].map(({ bucket, people }) => ({ ...bucket, people: [...people.values()] })),
    events,
    runs: runs.slice(-maxRuns),
    names: options.names !== null,
  }
}

function personFor(author: string | null, names: ReadonlyMap<string, OwnerName> | null): TimelinePerson {
  if (names === null) return { key: null, name: null, role: null, changes: 0 }
  const known = author === null ? undefined : names.get(author)
  return { key: author, name: known?.name ?? null, role: known?.role ?? null, changes: 0 }
}
