import { z } from 'zod'
import { ApiError, type FieldIssue } from '../../../shared/src/schema/publicApi.ts'

/** Codes the client makes up itself for failures that never reached a server answer. */
export const clientErrorCode = {
  /** fetch failed: offline, server down, request blocked. */
  network: 'network_error',
  /** The server answered with something our schema does not accept. */
  unexpectedResponse: 'unexpected_response',
  /** The form did not pass the same schema the server checks with (checked before sending). */
  invalidRequest: 'invalid_request',
} as const

/**
 * A failed API request, as the server explained it (`{ error: { code, message, fields? } }`)
 * or as the client understood it (status 0 for a network failure).
 */
export class ApiRequestError extends Error {
  override name = 'ApiRequestError'
  /** HTTP status, or 0 when no answer came. */
  readonly status: number
  /** A stable code such as `invalid_credentials`; see {@link clientErrorCode} for the client's own. */
  readonly code: string
  /** With `invalid_request`: each invalid field, as `path` ('title', 'problemStatements.2') and why. */
  readonly fields: readonly FieldIssue[]
  /** Seconds the server asked us to wait (`Retry-After`), with 429. */
  readonly retryAfterSeconds: number | null

  constructor(options: {
    status: number
    code: string
    message: string
    fields?: readonly FieldIssue[]
    retryAfterSeconds?: number | null
  }) {
    super(options.message)
    this.status = options.status
    this.code = options.code
    this.fields = options.fields ?? []
    this.retryAfterSeconds = options.retryAfterSeconds ?? null
  }
}

/** The server answered 404: the thing asked for does not exist (or the link no longer works). */
export class ApiNotFoundError extends ApiRequestError {
  override name = 'ApiNotFoundError'
}

function retryAfter(response: Response): number | null {
  const value = response.headers.get('Retry-After')
  if (value === null) return null
  const seconds = Number(value)
  if (Number.isFinite(seconds) && seconds >= 0) return Math.ceil(seconds)
  const date = Date.parse(value)
  return Number.isNaN(date) ? null : Math.max(0, Math.ceil((date - Date.now()) / 1000))
}

/** Reads an error response into an {@link ApiRequestError}; a body that is not our error shape still gives one. */
export async function errorFromResponse(path: string, response: Response): Promise<ApiRequestError> {
  let body: unknown = null
  try {
    body = await response.json()
  } catch {
    // Not JSON (a proxy's error page, an empty body): the status says enough.
  }
  const parsed = ApiError.safeParse(body)
  const options = {
    status: response.status,
    code: parsed.success ? parsed.data.error.code : `http_${response.status}`,
    message: parsed.success ? parsed.data.error.message : `${path}: HTTP ${response.status}`,
    fields: parsed.success ? parsed.data.error.fields : undefined,
    retryAfterSeconds: retryAfter(response),
  }
  return response.status === 404 ? new ApiNotFoundError(options) : new ApiRequestError(options)
}

/** A network failure (fetch rejected) as an {@link ApiRequestError}. */
export function networkError(path: string, cause: unknown): ApiRequestError {
  const detail = cause instanceof Error ? cause.message : String(cause)
  return new ApiRequestError({ status: 0, code: clientErrorCode.network, message: `${path}: ${detail}` })
}

/** Issues of a failed zod check, with paths written as the server writes them ('problemStatements.2'). */
export function fieldIssuesOf(error: z.ZodError): FieldIssue[] {
  return error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message }))
}

/**
 * Checks a request body with the schema the server uses, before sending it, so a
 * person sees every field problem at once without a round trip.
 * Throws an `invalid_request` {@link ApiRequestError} naming each field.
 */
export function checkBody<T>(schema: z.ZodType<T>, value: unknown): T {
  const parsed = schema.safeParse(value)
  if (parsed.success) return parsed.data
  throw new ApiRequestError({
    status: 400,
    code: clientErrorCode.invalidRequest,
    message: 'The form has invalid fields.',
    fields: fieldIssuesOf(parsed.error),
  })
}

/** The issues of `error` about `path` or anything inside it ('problemStatements' matches 'problemStatements.2'). */
export function issuesFor(error: ApiRequestError | null, path: string): FieldIssue[] {
  if (error === null) return []
  return error.fields.filter((issue) => issue.path === path || issue.path.startsWith(`${path}.`))
}

/** The issues of `error` about exactly `path`. */
export function issuesAt(error: ApiRequestError | null, path: string): FieldIssue[] {
  return error === null ? [] : error.fields.filter((issue) => issue.path === path)
}
