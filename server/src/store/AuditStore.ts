import type { AuditAction, AuditDetail, AuditTarget } from '../../../shared/src/schema/auditLog.ts'

/**
 * Where the audit log lives: facilitators' actions, newest first. Implemented for SQLite
 * (sqliteAuditStore.ts) and Postgres (postgresAuditStore.ts) on the connection or pool the other
 * stores share (migration 10, auditSchema.ts); both pass tests/integration/auditStore.test.ts.
 *
 * Entries refer to workshops, steps, boards and accounts by id without foreign keys: they outlive
 * what they name (a deleted workshop, a closed account) and go only when `deleteBefore` says so.
 * Every entry and filter is validated with the shared schemas (shared/src/schema/auditLog.ts)
 * when written and read. Errors as in DomainStore: `invalid_input`, `store_closed`, `storage_failed`.
 */
export interface AuditStore {
  /**
   * Adds an entry. With `coalesceWithinMs`, an entry of the same facilitator, action, targets and
   * detail whose last time is at most that long before `at` is counted once more (its `times`
   * and `lastAt` move) instead; two such appends racing on Postgres may both add one.
   */
  append(entry: NewAuditEntry, options?: { coalesceWithinMs?: number }): Promise<StoredAuditEntry>
  /** Entries matching every filter given, newest first (by `at`, then id), at most `limit`. */
  list(filter: AuditFilter): Promise<StoredAuditEntry[]>
  /** Deletes the entries whose last time is before `cutoff` (ms); resolves to how many. */
  deleteBefore(cutoff: number): Promise<number>
  close(): Promise<void>
}

/** A facilitator as the log names them: their account's id and display name at the time. */
export interface AuditActor {
  facilitatorId: string
  displayName: string
}

export interface NewAuditEntry {
  /** The server's clock, ms since the epoch. */
  at: number
  actor: AuditActor
  action: AuditAction
  target: AuditTarget
  detail: AuditDetail
}

export interface StoredAuditEntry extends NewAuditEntry {
  id: string
  /** The last time a coalesced entry was counted; `at` otherwise. */
  lastAt: number
  times: number
}

export interface AuditFilter {
  workshopId?: string
  challengeId?: string
  action?: AuditAction
  /** Entries whose time span reaches `since` or later… */
  since?: number
  /** …and began at or before `until` (ms). */
  until?: number
  /** Only entries after this one in the order (older): the last entry of the page before. */
  after?: { at: number; id: string }
  limit: number
}
