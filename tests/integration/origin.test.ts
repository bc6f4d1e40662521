import { afterEach, describe, expect, it } from 'vitest'
import { newBoardId } from '../../shared/src/protocol/boardId.ts'
import { CloseCode } from '../../shared/src/protocol/closeCodes.ts'
import type { Config } from '../../server/src/config.ts'
import { RawClient } from '../helpers/clients.ts'
import { startTestServer, type TestServer } from '../helpers/server.ts'
import { waitFor } from '../helpers/waitFor.ts'

// The origin policy, for board sockets and uploads alike: with ALLOWED_ORIGINS only the listed origins
// (the Host header is not trusted: DNS rebinding), without it the same origin, scheme included when a
// proxy says which one the browser used.

const cleanups: Array<() => unknown> = []
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.()
})

async function server(config: Partial<Config> = {}): Promise<TestServer> {
  const started = await startTestServer({ config })
  cleanups.push(() => started.close())
  return started
}

interface Attempt {
  origin?: string
  headers?: Record<string, string>
}

/** How a board socket opened with these headers ends up: 'open' once it synced, or the code it was closed with. */
async function socketOutcome(testServer: TestServer, attempt: Attempt): Promise<'open' | number> {
  const raw = await RawClient.connect(testServer.syncUrl, newBoardId(), attempt)
  cleanups.push(() => raw.close())
  const outcome = await waitFor<'open' | number | null>(
    () => {
      if (raw.closeCode !== null) return raw.closeCode
      return raw.received.length > 0 ? 'open' : null
    },
    { message: 'the socket to be greeted or closed' },
  )
  // A refused socket is closed before anything is sent: 'open' here means it was taken.
  return outcome
}

const png = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
)

/** Uploads a one-pixel PNG with these headers; resolves with the status and the error code, if any. */
async function uploadOutcome(testServer: TestServer, headers: Record<string, string>): Promise<{ status: number; code?: string }> {
  const response = await fetch(`${testServer.url}/api/boards/${newBoardId()}/assets`, {
    method: 'POST',
    headers: { 'Content-Type': 'image/png', ...headers },
    body: new Uint8Array(png),
  })
  const body = (await response.json()) as { error?: { code: string } }
  return body.error === undefined ? { status: response.status } : { status: response.status, code: body.error.code }
}

const refused = { status: 403, code: 'origin_not_allowed' }
const stored = { status: 201 }

describe('board sockets with ALLOWED_ORIGINS', () => {
  it('takes only listed origins: not the server’s own unless listed, nor a rebound host', async () => {
    const relay = await server({ allowedOrigins: ['https://samskap.example.no'] })
    const port = new URL(relay.url).port
    const rebound = { origin: `http://rebound.example:${port}`, headers: { Host: `rebound.example:${port}` } }

    expect(await socketOutcome(relay, { origin: 'https://samskap.example.no' })).toBe('open')
    expect(await socketOutcome(relay, {})).toBe('open')
    expect(await socketOutcome(relay, { origin: relay.url })).toBe(CloseCode.originNotAllowed.code)
    expect(await socketOutcome(relay, rebound)).toBe(CloseCode.originNotAllowed.code)
    expect(await socketOutcome(relay, { origin: 'http://samskap.example.no' })).toBe(CloseCode.originNotAllowed.code)
  })
})

describe('board sockets without ALLOWED_ORIGINS (same origin only)', () => {
  it('compares the scheme with X-Forwarded-Proto when a proxy sends it, and the host alone otherwise', async () => {
    const relay = await server()
    const host = new URL(relay.url).host
    const https = `https://${host}`

    expect(await socketOutcome(relay, { origin: relay.url })).toBe('open')
    expect(await socketOutcome(relay, { origin: https })).toBe('open')
    expect(await socketOutcome(relay, { origin: https, headers: { 'X-Forwarded-Proto': 'https' } })).toBe('open')
    expect(await socketOutcome(relay, { origin: relay.url, headers: { 'X-Forwarded-Proto': 'https' } })).toBe(
      CloseCode.originNotAllowed.code,
    )
    expect(await socketOutcome(relay, { origin: https, headers: { 'X-Forwarded-Proto': 'http' } })).toBe(
      CloseCode.originNotAllowed.code,
    )
    expect(await socketOutcome(relay, { origin: 'https://evil.example' })).toBe(CloseCode.originNotAllowed.code)
    // A proxy that writes the default port into Host still matches the origin without it.
    const proxied = { origin: 'https://samskap.example.no', headers: { Host: 'samskap.example.no:443', 'X-Forwarded-Proto': 'https' } }
    expect(await socketOutcome(relay, proxied)).toBe('open')
  })
})

describe('uploads', () => {
  it('refuse a page from an origin the policy refuses with 403, and take their own and Origin-less ones', async () => {
    const sameOrigin = await server()
    expect(await uploadOutcome(sameOrigin, { Origin: sameOrigin.url })).toEqual(stored)
    expect(await uploadOutcome(sameOrigin, {})).toEqual(stored)
    expect(await uploadOutcome(sameOrigin, { Origin: 'https://evil.example' })).toEqual(refused)
    expect(await uploadOutcome(sameOrigin, { Origin: 'null' })).toEqual(refused)
    expect(await uploadOutcome(sameOrigin, { Origin: sameOrigin.url, 'X-Forwarded-Proto': 'https' })).toEqual(refused)

    const listed = await server({ allowedOrigins: ['https://samskap.example.no'] })
    expect(await uploadOutcome(listed, { Origin: 'https://samskap.example.no' })).toEqual(stored)
    expect(await uploadOutcome(listed, {})).toEqual(stored)
    expect(await uploadOutcome(listed, { Origin: listed.url })).toEqual(refused)
  })
})
