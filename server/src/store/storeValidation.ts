import type { z } from 'zod'
import { formatIssues } from '../../../shared/src/schema/validation.ts'
import { invalidInput } from './storeErrors.ts'

// The domain stores validate every record they write with its shared zod schema.

/** The parsed value, or `invalid_input` naming each failed field of `what`. */
export function validated<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const result = schema.safeParse(value)
  if (!result.success) throw invalidInput(`Invalid ${what}: ${formatIssues(result.error)}`)
  return result.data
}

/** The id of a record for an error message, even when the record is malformed. */
export function describeId(input: unknown): string {
  const id = typeof input === 'object' && input !== null && 'id' in input ? input.id : undefined
  return typeof id === 'string' ? id : '(without a valid id)'
}
