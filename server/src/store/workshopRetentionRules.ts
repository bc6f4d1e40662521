import { z } from 'zod'
import type { WorkshopRetention } from './DomainStore.ts'
import { nullableIntegerOf, type StoredRow } from './storeRows.ts'

// What the SQLite and Postgres DomainStores share about closed workshops' deletion dates
// (retentionSchema.ts): the check of a date they are given and the reading of a row.

const Instant = z.int().min(0).max(Number.MAX_SAFE_INTEGER)

/** A deletion date comes after the closing it is counted from. */
export const StoredRetention = z
  .strictObject({ closedAt: Instant, deleteAfter: Instant })
  .refine((retention) => retention.deleteAfter >= retention.closedAt, {
    message: 'A workshop cannot be deleted before it closed.',
    path: ['deleteAfter'],
  })

/** The row's retention columns (`closed_at`, `delete_after`), or null when the workshop has none. */
export function readRetention(row: StoredRow): WorkshopRetention | null {
  const closedAt = nullableIntegerOf(row, 'closed_at')
  const deleteAfter = nullableIntegerOf(row, 'delete_after')
  return closedAt === null || deleteAfter === null ? null : { closedAt, deleteAfter }
}
