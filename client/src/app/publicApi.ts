import type { z } from 'zod'
import { formatIssues } from '../../../shared/src/schema/validation.ts'
import { ApiRequestError, clientErrorCode, errorFromResponse, networkError } from './apiErrors.ts'

export { ApiNotFoundError, ApiRequestError } from './apiErrors.ts'

/** Reads a response body as JSON; an empty body (204) is `undefined`. */
export async function readJsonBody(response: Response): Promise<unknown> {
  const text = await response.text()
  return text === '' ? undefined : (JSON.parse(text) as unknown)
}

/** Checks a response body with `schema`, or throws an `unexpected_response` error saying why. */
export function parseResponse<T>(path: string, schema: z.ZodType<T>, body: unknown): T {
  const parsed = schema.safeParse(body)
  if (parsed.success) return parsed.data
  throw new ApiRequestError({
    status: 200,
    code: clientErrorCode.unexpectedResponse,
    message: `${path}: unexpected response: ${formatIssues(parsed.error)}`,
  })
}

/**
 * GETs a path of our own REST API and checks the JSON body with `schema`
 * (one of shared/src/schema/*), so the page only ever sees typed values.
 * The browser sends the session cookies (same origin).
 * Throws {@link ApiNotFoundError} on 404 and an {@link ApiRequestError} saying why on any other failure.
 */
export async function fetchApi<T>(path: string, schema: z.ZodType<T>, signal?: AbortSignal): Promise<T> {
  let response: Response
  try {
    response = await fetch(path, { signal, headers: { Accept: 'application/json' } })
  } catch (error) {
    if (signal?.aborted) throw error
    throw networkError(path, error)
  }
  if (!response.ok) throw await errorFromResponse(path, response)
  let body: unknown
  try {
    body = await readJsonBody(response)
  } catch (error) {
    if (signal?.aborted) throw error
    throw new ApiRequestError({ status: response.status, code: clientErrorCode.unexpectedResponse, message: `${path}: not JSON` })
  }
  return parseResponse(path, schema, body)
}
