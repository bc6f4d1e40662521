import type { z } from 'zod'
import { formatIssues } from '../../../shared/src/schema/validation.ts'

/** The server answered 404: the thing asked for does not exist. */
export class ApiNotFoundError extends Error {
  override name = 'ApiNotFoundError'
}

/**
 * GETs a path of our own REST API and checks the JSON body with `schema`
 * (one of shared/src/schema/publicApi.ts), so the page only ever sees typed values.
 * Throws {@link ApiNotFoundError} on 404, and an Error saying why on any other failure.
 */
export async function fetchApi<T>(path: string, schema: z.ZodType<T>, signal?: AbortSignal): Promise<T> {
  const response = await fetch(path, { signal, headers: { Accept: 'application/json' } })
  if (response.status === 404) throw new ApiNotFoundError(`${path}: not found`)
  if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`)
  const parsed = schema.safeParse(await response.json())
  if (!parsed.success) throw new Error(`${path}: unexpected response: ${formatIssues(parsed.error)}`)
  return parsed.data
}
