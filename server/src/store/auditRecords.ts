import { z } from 'zod'
import { AuditAction, AuditDetail, AuditTarget } from '../../../shared/src/schema/auditLog.ts'
import { EntityId } from '../../../shared/src/schema/entityId.ts'
import type { AuditFilter, NewAuditEntry, StoredAuditEntry } from './AuditStore.ts'
import { invalidInput } from './storeErrors.ts'
import { integerOf, nullableTextOf, textOf, type StoredRow } from './storeRows.ts'

// What the SQLite and Postgres audit stores share: the checks of what is written and read, and
// the statements, written with `?` and numbered for Postgres by `numbered`.

const EpochMs = z.int().min(0).max(8_640_000_000_000_000)

const NewAuditEntrySchema = z.strictObject({
  at: EpochMs,
  actor: z.strictObject({ facilitatorId: EntityId, displayName: z.string().min(1).max(200) }),
  action: AuditAction,
  target: AuditTarget,
  detail: AuditDetail,
})

const AuditFilterSchema = z.strictObject({
  workshopId: EntityId.optional(),
  challengeId: EntityId.optional(),
  action: AuditAction.optional(),
  since: EpochMs.optional(),
  until: EpochMs.optional(),
  after: z.strictObject({ at: EpochMs, id: EntityId }).optional(),
  limit: z.int().min(1).max(1000),
})

/** The entry to write, checked; `invalid_input` names what failed. */
export function checkedAuditEntry(entry: NewAuditEntry): NewAuditEntry {
  const result = NewAuditEntrySchema.safeParse(entry)
  if (!result.success) throw invalidInput(`The audit entry is not valid: ${issuesOf(result.error)}`)
  return result.data
}

export function checkedAuditFilter(filter: AuditFilter): AuditFilter {
  const result = AuditFilterSchema.safeParse(filter)
  if (!result.success) throw invalidInput(`The audit filter is not valid: ${issuesOf(result.error)}`)
  return result.data
}

function issuesOf(error: z.ZodError): string {
  return error.issues.map((issue) => `${issue.path.join('.') || '(entry)'}: ${issue.message}`).join('; ')
}

/** The columns of a new entry, in the order of `auditStatements.insert`. */
export function auditRowValues(id: string, entry: NewAuditEntry): (string | number | null)[] {
  const { target } = entry
  return [
    id,
    entry.at,
    entry.at,
    entry.actor.facilitatorId,
    entry.actor.displayName,
    entry.action,
    target.workshopId,
    target.challengeId,
    target.stepId,
    target.boardId,
    target.municipalityId,
    target.facilitatorId,
    JSON.stringify(entry.detail),
  ]
}

/** The values of `auditStatements.coalescible`: the same actor, action, targets and detail, recent enough. */
export function coalescibleValues(entry: NewAuditEntry, withinMs: number): (string | number | null)[] {
  const [, , , ...rest] = auditRowValues('', entry)
  return [...rest, entry.at - withinMs, entry.at]
}

/** One stored entry, checked against the shared schemas (a damaged row fails, it is not served). */
export function readAuditRow(row: StoredRow | undefined): StoredAuditEntry {
  if (row === undefined) throw new Error('Expected an audit entry, found no row.')
  const target = AuditTarget.parse({
    workshopId: nullableTextOf(row, 'workshop_id'),
    challengeId: nullableTextOf(row, 'challenge_id'),
    stepId: nullableTextOf(row, 'step_id'),
    boardId: nullableTextOf(row, 'board_id'),
    municipalityId: nullableTextOf(row, 'municipality_id'),
    facilitatorId: nullableTextOf(row, 'facilitator_id'),
  })
  return {
    id: textOf(row, 'id'),
    at: integerOf(row, 'at'),
    lastAt: integerOf(row, 'last_at'),
    times: integerOf(row, 'times'),
    actor: { facilitatorId: textOf(row, 'actor_id'), displayName: textOf(row, 'actor_name') },
    action: AuditAction.parse(textOf(row, 'action')),
    target,
    detail: AuditDetail.parse(JSON.parse(textOf(row, 'detail'))),
  }
}

/**
 * The statement and values listing the entries `filter` asks for, newest first. Ids are
 * compared byte-wise on both databases (SQLite's default; `COLLATE "C"` on Postgres, whatever
 * its locale), so a page ends and the next begins at the same entry on either.
 */
export function auditListQuery(filter: AuditFilter, dialect: 'sqlite' | 'postgres'): { text: string; values: (string | number)[] } {
  const id = dialect === 'postgres' ? 'id COLLATE "C"' : 'id'
  const clauses: string[] = []
  const values: (string | number)[] = []
  const where = (clause: string, ...given: (string | number)[]) => {
    clauses.push(clause)
    values.push(...given)
  }
  if (filter.workshopId !== undefined) where('workshop_id = ?', filter.workshopId)
  if (filter.challengeId !== undefined) where('challenge_id = ?', filter.challengeId)
  if (filter.action !== undefined) where('action = ?', filter.action)
  if (filter.since !== undefined) where('last_at >= ?', filter.since)
  if (filter.until !== undefined) where('at <= ?', filter.until)
  if (filter.after !== undefined) where(`(at < ? OR (at = ? AND ${id} < ?))`, filter.after.at, filter.after.at, filter.after.id)
  const condition = clauses.length === 0 ? '' : `WHERE ${clauses.join(' AND ')}`
  return {
    text: `SELECT * FROM audit_entries ${condition} ORDER BY at DESC, ${id} DESC LIMIT ?`,
    values: [...values, filter.limit],
  }
}

export const auditStatements = {
  insert: `INSERT INTO audit_entries
      (id, at, last_at, actor_id, actor_name, action, workshop_id, challenge_id, step_id, board_id, municipality_id, facilitator_id, detail)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  coalescible: `SELECT * FROM audit_entries
    WHERE actor_id = ? AND actor_name = ? AND action = ?
      AND workshop_id IS NOT DISTINCT FROM ? AND challenge_id IS NOT DISTINCT FROM ? AND step_id IS NOT DISTINCT FROM ?
      AND board_id IS NOT DISTINCT FROM ? AND municipality_id IS NOT DISTINCT FROM ? AND facilitator_id IS NOT DISTINCT FROM ?
      AND detail = ? AND last_at >= ? AND last_at <= ?
    ORDER BY last_at DESC LIMIT 1`,
  countAgain: 'UPDATE audit_entries SET times = times + 1, last_at = ? WHERE id = ?',
  byId: 'SELECT * FROM audit_entries WHERE id = ?',
  deleteBefore: 'DELETE FROM audit_entries WHERE last_at < ?',
} as const

/** A statement's `?` parameters written in Postgres' numbered form ($1, $2 …). */
export function numbered(text: string): string {
  let next = 0
  return text.replace(/\?/g, () => `$${++next}`)
}
