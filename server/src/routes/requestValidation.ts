import type { z } from 'zod'
import type { FieldIssue } from '../../../shared/src/schema/publicApi.ts'
import { invalidRequest } from '../errors.ts'

/** Which part of the request a schema checks, as the error message names it. */
export type RequestPart = 'query parameters' | 'path parameters' | 'request body'

/**
 * Validates one part of a request at the edge: the parsed value, or a 400
 * invalid_request naming every bad field (an unknown parameter is named too).
 *
 * @example const { status } = parseRequestPart(ChallengeQuery, request.query, 'query parameters')
 */
export function parseRequestPart<Schema extends z.ZodType>(
  schema: Schema,
  value: unknown,
  part: RequestPart,
): z.output<Schema> {
  const result = schema.safeParse(value)
  if (result.success) return result.data
  const unknown = part === 'request body' ? 'Not a known field.' : 'Not a known parameter.'
  throw invalidRequest(part, result.error.issues.flatMap((issue) => fieldIssues(issue, unknown)))
}

function fieldIssues(issue: z.core.$ZodIssue, unknown: string): FieldIssue[] {
  const path = issue.path.map(String).join('.')
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => ({ path: path === '' ? key : `${path}.${key}`, message: unknown }))
  }
  return [{ path, message: issue.message }]
}
