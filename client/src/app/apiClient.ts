import { z } from 'zod'
import { ApiRequestError, errorFromResponse, networkError } from './apiErrors.ts'
import { parseResponse, readJsonBody } from './publicApi.ts'
import type { SessionService } from './SessionService.ts'

/** Whose session a write relies on: its CSRF token goes in `X-CSRF-Token`. */
export type ActingAs = 'facilitator' | 'guest' | 'nobody'

/** A changing request to our API. */
export interface WriteRequest<T> {
  method: 'POST' | 'PUT' | 'PATCH' | 'DELETE'
  path: string
  /** Sent as JSON; omitted for none. */
  body?: unknown
  as: ActingAs
  /** Checks the answer; use {@link noContent} for 204 and {@link anyBody} where the answer is not needed. */
  response: z.ZodType<T>
}

/** For 204 No Content answers. */
export const noContent = z.undefined()
/** For answers the page does not read (it loads the resource again instead). */
export const anyBody = z.unknown()

const csrfHeader = 'X-CSRF-Token'

/**
 * Sends changing requests to our API: JSON in and out, the CSRF token of the
 * session the action relies on, and every failure as an {@link ApiRequestError}.
 * A refused CSRF token (the session changed in another tab) is retried once with
 * the token of a freshly loaded session.
 */
export class ApiClient {
  private readonly session: SessionService
  private readonly fetch: typeof fetch

  constructor(options: { session: SessionService; fetch: typeof fetch }) {
    this.session = options.session
    this.fetch = options.fetch
  }

  async send<T>(request: WriteRequest<T>): Promise<T> {
    const session = await this.session.whenKnown()
    let response = await this.attempt(request, this.tokenFor(request.as, session))
    if (response.status === 403 && request.as !== 'nobody') {
      const error = await errorFromResponse(request.path, response.clone())
      if (error.code === 'csrf_token_invalid') {
        const fresh = await this.session.refresh()
        response = await this.attempt(request, this.tokenFor(request.as, fresh))
      }
    }
    if (!response.ok) throw await errorFromResponse(request.path, response)
    let body: unknown
    try {
      body = await readJsonBody(response)
    } catch {
      throw new ApiRequestError({ status: response.status, code: 'unexpected_response', message: `${request.path}: not JSON` })
    }
    return parseResponse(request.path, request.response, body)
  }

  private tokenFor(as: ActingAs, session: ReturnType<SessionService['current']>): string | null {
    if (as === 'facilitator') return session?.facilitator?.csrfToken ?? null
    if (as === 'guest') return session?.guest?.csrfToken ?? null
    return null
  }

  private async attempt(request: WriteRequest<unknown>, csrfToken: string | null): Promise<Response> {
    const headers: Record<string, string> = { Accept: 'application/json' }
    if (request.body !== undefined) headers['Content-Type'] = 'application/json'
    if (csrfToken !== null) headers[csrfHeader] = csrfToken
    try {
      return await this.fetch(request.path, {
        method: request.method,
        headers,
        body: request.body === undefined ? undefined : JSON.stringify(request.body),
        credentials: 'same-origin',
      })
    } catch (error) {
      throw networkError(request.path, error)
    }
  }
}
