// Reading a column of a stored row, whichever database returned it: node:sqlite gives numbers,
// strings, null and bytes; pg gives the same for the column types the schema uses (BIGINT read as
// a number, see postgresDatabase.ts). The record readers both stores share (accessRecords.ts,
// descriptionRecords.ts) read their rows through these, so a damaged row fails alike on both.

/** One row as a driver returns it: column name to value. */
export type StoredRow = Readonly<Record<string, unknown>>

export function integerOf(row: StoredRow | undefined, column: string): number {
  const value = row?.[column]
  if (typeof value === 'number' && Number.isSafeInteger(value)) return value
  throw new Error(`Expected an integer in column ${column}, found ${describeValue(value)}.`)
}

export function textOf(row: StoredRow | undefined, column: string): string {
  const value = row?.[column]
  if (typeof value === 'string') return value
  throw new Error(`Expected text in column ${column}, found ${describeValue(value)}.`)
}

export function nullableTextOf(row: StoredRow, column: string): string | null {
  return row[column] === null ? null : textOf(row, column)
}

export function nullableIntegerOf(row: StoredRow, column: string): number | null {
  return row[column] === null ? null : integerOf(row, column)
}

/** How a value that is not what a column should hold reads in an error. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'no row'
  if (value === null) return 'NULL'
  return value instanceof Uint8Array ? 'bytes' : typeof value
}
