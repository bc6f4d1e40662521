// The client's side of the writing API: errors read from the server's JSON,
// the CSRF token of the right session, one retry when the token went stale,
// and form checks with the shared schemas before anything is sent.
import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { ApiClient, anyBody, noContent } from '../../client/src/app/apiClient.ts'
import { ApiNotFoundError, ApiRequestError, checkBody, errorFromResponse, issuesAt, issuesFor } from '../../client/src/app/apiErrors.ts'
import { SessionService } from '../../client/src/app/SessionService.ts'
import { LoginBody, type SessionInfo } from '../../shared/src/schema/access.ts'

function sessionWith(tokens: { facilitator?: string; guest?: string }): SessionInfo {
  return {
    setupRequired: false,
    facilitator:
      tokens.facilitator === undefined
        ? null
        : { facilitatorId: 'facilitator-1', email: 'f@k.no', displayName: 'Frida', color: '#175CD3', csrfToken: tokens.facilitator },
    guest:
      tokens.guest === undefined
        ? null
        : {
            role: 'participant',
            workshopId: 'workshop-1',
            participantId: 'participant-1',
            displayName: 'Kari',
            affiliation: 'citizen',
            color: '#067647',
            csrfToken: tokens.guest,
          },
  }
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', ...headers } })

/** A fetch that answers from a list and records what it was asked. */
function scriptedFetch(answers: Response[]) {
  const requests: { url: string; init: RequestInit }[] = []
  const fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    requests.push({ url: String(input), init: init ?? {} })
    const answer = answers.shift()
    if (answer === undefined) throw new TypeError('no more answers')
    return answer
  }) as typeof globalThis.fetch
  return { fetch, requests }
}

const header = (init: RequestInit, name: string) => new Headers(init.headers).get(name)

describe('errors from the server', () => {
  it('reads code, message, fields and Retry-After', async () => {
    const error = await errorFromResponse(
      '/api/auth/login',
      json(429, { error: { code: 'too_many_attempts', message: 'Wait.' } }, { 'Retry-After': '120' }),
    )
    expect(error).toBeInstanceOf(ApiRequestError)
    expect([error.status, error.code, error.message, error.retryAfterSeconds]).toEqual([429, 'too_many_attempts', 'Wait.', 120])

    const invalid = await errorFromResponse(
      '/api/challenges',
      json(400, { error: { code: 'invalid_request', message: 'Bad.', fields: [{ path: 'problemStatements.2', message: 'Must not be empty.' }] } }),
    )
    expect(issuesFor(invalid, 'problemStatements').map((issue) => issue.path)).toEqual(['problemStatements.2'])
    expect(issuesAt(invalid, 'problemStatements')).toEqual([])
  })

  it('turns 404 into ApiNotFoundError and a body that is not ours into a plain status error', async () => {
    expect(await errorFromResponse('/api/join/x', json(404, { error: { code: 'link_invalid', message: 'Gone.' } }))).toBeInstanceOf(ApiNotFoundError)
    const proxy = await errorFromResponse('/api/x', new Response('<html>Bad gateway</html>', { status: 502 }))
    expect([proxy.status, proxy.code]).toEqual([502, 'http_502'])
  })

  it('checks a form with the shared schema and names every bad field before sending', () => {
    expect(() => checkBody(LoginBody, { email: 'not an email', password: '' })).toThrow(ApiRequestError)
    try {
      checkBody(LoginBody, { email: 'not an email', password: '' })
    } catch (error) {
      expect((error as ApiRequestError).fields.map((issue) => issue.path).sort()).toEqual(['email', 'password'])
    }
    expect(checkBody(LoginBody, { email: ' Frida@Kommune.NO ', password: 'x' }).email).toBe('frida@kommune.no')
  })
})

describe('ApiClient', () => {
  it("sends JSON with the acting session's CSRF token, and nothing for 'nobody'", async () => {
    const session = new SessionService(async () => sessionWith({ facilitator: 'f-token', guest: 'g-token' }))
    const { fetch, requests } = scriptedFetch([json(200, { ok: true }), new Response(null, { status: 204 }), json(201, { id: 'x' })])
    const api = new ApiClient({ session, fetch })
    await api.send({ method: 'PATCH', path: '/api/workshops/w', body: { status: 'open' }, as: 'facilitator', response: anyBody })
    await api.send({ method: 'POST', path: '/api/session/leave', as: 'guest', response: noContent })
    await api.send({ method: 'POST', path: '/api/join/t', body: {}, as: 'nobody', response: z.object({ id: z.string() }) })
    expect(requests.map(({ init }) => header(init, 'X-CSRF-Token'))).toEqual(['f-token', 'g-token', null])
    expect(requests[0]?.init.body).toBe('{"status":"open"}')
    expect(header(requests[0]!.init, 'Content-Type')).toBe('application/json')
    expect(requests[1]?.init.body).toBeUndefined()
  })

  it('retries once with a fresh token when the server refuses the token it had', async () => {
    let answer = 0
    const session = new SessionService(async () => sessionWith({ facilitator: answer++ === 0 ? 'stale' : 'fresh' }))
    const { fetch, requests } = scriptedFetch([
      json(403, { error: { code: 'csrf_token_invalid', message: 'No.' } }),
      json(200, { done: true }),
    ])
    const api = new ApiClient({ session, fetch })
    expect(await api.send({ method: 'POST', path: '/api/invitations', body: {}, as: 'facilitator', response: anyBody })).toEqual({ done: true })
    expect(requests.map(({ init }) => header(init, 'X-CSRF-Token'))).toEqual(['stale', 'fresh'])
  })

  it('throws the server’s error, and a network failure as status 0', async () => {
    const session = new SessionService(async () => sessionWith({ facilitator: 't' }))
    const { fetch } = scriptedFetch([json(403, { error: { code: 'facilitators_only', message: 'No.' } })])
    const api = new ApiClient({ session, fetch })
    await expect(api.send({ method: 'DELETE', path: '/api/steps/s', as: 'facilitator', response: anyBody })).rejects.toMatchObject({
      status: 403,
      code: 'facilitators_only',
    })
    await expect(api.send({ method: 'DELETE', path: '/api/steps/s', as: 'facilitator', response: anyBody })).rejects.toMatchObject({
      status: 0,
      code: 'network_error',
    })
  })
})

describe('SessionService', () => {
  it('asks once for concurrent refreshes and keeps what it knew when a later refresh fails', async () => {
    let calls = 0
    let fail = false
    const session = new SessionService(async () => {
      calls++
      if (fail) throw new ApiRequestError({ status: 0, code: 'network_error', message: 'offline' })
      return sessionWith({ facilitator: 't' })
    })
    await Promise.all([session.refresh(), session.refresh()])
    expect(calls).toBe(1)
    fail = true
    expect(await session.refresh()).toBeNull()
    expect(session.current()?.facilitator?.displayName).toBe('Frida')
  })

  it('reports failed when the very first answer never comes', async () => {
    const session = new SessionService(async () => {
      throw new ApiRequestError({ status: 0, code: 'network_error', message: 'offline' })
    })
    await session.refresh()
    expect(session.state.get()).toEqual({ status: 'failed' })
  })
})
