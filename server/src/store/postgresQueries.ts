import type { Queryable } from './postgresDatabase.ts'
import type { StoredRow } from './storeRows.ts'

// One statement on the pool or on a transaction's client, its answer as the stores read it:
// rows for the record readers of storeRows.ts, or how many rows it changed.

export async function queryRows(db: Queryable, text: string, values: readonly unknown[] = []): Promise<StoredRow[]> {
  const result = await db.query<Record<string, unknown>>(text, [...values])
  return result.rows
}

/** The first row, or undefined when there is none (as node:sqlite's `get`). */
export async function queryRow(db: Queryable, text: string, values: readonly unknown[] = []): Promise<StoredRow | undefined> {
  return (await queryRows(db, text, values))[0]
}

/** How many rows an INSERT, UPDATE or DELETE changed. */
export async function changedRows(db: Queryable, text: string, values: readonly unknown[] = []): Promise<number> {
  const result = await db.query(text, [...values])
  return result.rowCount ?? 0
}
