import { parseSetCookie } from 'cookie'
import { colorForUser } from '../../shared/src/people/personColors.ts'
import type { Affiliation, GuestRole } from '../../shared/src/schema/access.ts'
import { SessionInfo } from '../../shared/src/schema/access.ts'
import { newEntityId } from '../../shared/src/schema/entityId.ts'
import { hashSecret, newSecret } from '../../server/src/auth/secrets.ts'
import { guestCookieName } from '../../server/src/auth/sessionCookies.ts'
import type { AccessStore, Participant, StoredSession } from '../../server/src/store/AccessStore.ts'
import type { TestServer } from './server.ts'

// HTTP as a browser of the app does it: cookies kept between requests, the
// app's own Origin on every request, and the CSRF token of the last session
// answer sent back on changing requests. Plus the real account flows (setup
// link, invitation, sign-in) for tests that need a facilitator.

export interface ApiResponse {
  status: number
  headers: Headers
  /** The parsed JSON body, or null when there is none (204) or it is not JSON. */
  body: unknown
}

export interface RequestOptions {
  /** Extra or replacing headers, e.g. `{ 'x-csrf-token': 'wrong' }` or `{ origin: 'https://evil.example' }`. */
  headers?: Record<string, string>
  /** Send the remembered CSRF token (default true). */
  csrf?: boolean
}

/**
 * A cookie-jar HTTP client for one browser: keeps Set-Cookie, sends
 * `Origin: <server url>` (unless `origin` is null), and sends `X-CSRF-Token`
 * from the last SessionInfo it received (the facilitator's token when there
 * is one, else the guest's).
 *
 * @example const agent = new ApiAgent(server.url); await agent.post('/api/auth/login', { email, password })
 */
export class ApiAgent {
  readonly baseUrl: string
  /** The Origin header to send; null sends none (as a non-browser client would). */
  origin: string | null
  /** The CSRF token sent on changing requests (from the last SessionInfo seen). */
  csrfToken: string | null = null
  readonly #cookies = new Map<string, string>()

  constructor(baseUrl: string, options: { origin?: string | null } = {}) {
    this.baseUrl = baseUrl
    this.origin = options.origin === undefined ? new URL(baseUrl).origin : options.origin
  }

  get(path: string, options?: RequestOptions): Promise<ApiResponse> {
    return this.request('GET', path, undefined, options)
  }

  post(path: string, body?: unknown, options?: RequestOptions): Promise<ApiResponse> {
    return this.request('POST', path, body, options)
  }

  patch(path: string, body?: unknown, options?: RequestOptions): Promise<ApiResponse> {
    return this.request('PATCH', path, body, options)
  }

  put(path: string, body?: unknown, options?: RequestOptions): Promise<ApiResponse> {
    return this.request('PUT', path, body, options)
  }

  delete(path: string, options?: RequestOptions): Promise<ApiResponse> {
    return this.request('DELETE', path, undefined, options)
  }

  /** The session answer of `GET /api/session` (which also refreshes the CSRF token). */
  async session(): Promise<SessionInfo> {
    const response = await this.get('/api/session')
    return SessionInfo.parse(response.body)
  }

  /** The `Cookie` header this browser sends, e.g. for a WebSocket upgrade. */
  cookieHeader(): string {
    return [...this.#cookies].map(([name, value]) => `${name}=${value}`).join('; ')
  }

  /** Puts a cookie in the jar, as if the server had set it (e.g. a session a test made in the store). */
  setCookie(name: string, value: string): void {
    this.#cookies.set(name, value)
  }

  /** The same browser (cookies, CSRF token) at another address: another instance, or the server restarted on a new port. */
  at(baseUrl: string): ApiAgent {
    const moved = new ApiAgent(baseUrl)
    for (const [name, value] of this.#cookies) moved.setCookie(name, value)
    moved.csrfToken = this.csrfToken
    return moved
  }

  /** The value of one cookie, or undefined. */
  cookie(name: string): string | undefined {
    return this.#cookies.get(name)
  }

  async request(method: string, path: string, body?: unknown, options: RequestOptions = {}): Promise<ApiResponse> {
    const headers: Record<string, string> = { accept: 'application/json' }
    if (body !== undefined) headers['content-type'] = 'application/json'
    if (this.origin !== null) headers['origin'] = this.origin
    const cookies = this.cookieHeader()
    if (cookies !== '') headers['cookie'] = cookies
    if ((options.csrf ?? true) && this.csrfToken !== null) headers['x-csrf-token'] = this.csrfToken
    Object.assign(headers, options.headers)
    const response = await fetch(new URL(path, this.baseUrl), {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    this.#remember(response.headers.getSetCookie())
    const text = await response.text()
    const parsed = parseJson(text)
    const session = SessionInfo.safeParse(parsed)
    if (session.success) this.csrfToken = session.data.facilitator?.csrfToken ?? session.data.guest?.csrfToken ?? null
    return { status: response.status, headers: response.headers, body: parsed }
  }

  #remember(setCookies: string[]): void {
    for (const header of setCookies) {
      const { name, value, maxAge, expires } = parseSetCookie(header)
      // Clearing a cookie is a Set-Cookie with an empty value and a past expiry.
      const expired =
        (maxAge !== undefined && maxAge <= 0) || (expires !== undefined && expires.getTime() <= Date.now())
      if (value === undefined || value === '' || expired) this.#cookies.delete(name)
      else this.#cookies.set(name, value)
    }
  }
}

/** The `Cookie` header of an agent, for a WebSocket upgrade as that browser. */
export function cookieHeader(agent: ApiAgent): string {
  return agent.cookieHeader()
}

export interface FacilitatorCredentials {
  email: string
  displayName: string
  password: string
}

export interface SignedInFacilitator {
  agent: ApiAgent
  session: SessionInfo
  credentials: FacilitatorCredentials
  /** The facilitator's account id. */
  id: string
}

export const firstFacilitator: FacilitatorCredentials = {
  email: 'kari.nordmann@grue.kommune.no',
  displayName: 'Kari Nordmann',
  password: 'correct horse battery staple',
}

/** The token at the end of a setup, invitation or join URL. */
export function linkToken(url: string): string {
  const token = new URL(url).pathname.split('/').at(-1)
  if (token === undefined || token === '') throw new Error(`No token in ${url}.`)
  return token
}

/**
 * Creates the first facilitator through the real setup link the server
 * printed at start, and returns a browser signed in as them.
 */
export async function setUpFirstFacilitator(
  server: Pick<TestServer, 'url' | 'running'>,
  credentials: FacilitatorCredentials = firstFacilitator,
): Promise<SignedInFacilitator> {
  const setupUrl = server.running.setupUrl
  if (setupUrl === null) throw new Error('The server printed no setup link: a facilitator already exists.')
  const agent = new ApiAgent(server.url)
  const response = await agent.post('/api/setup', { token: linkToken(setupUrl), ...credentials })
  return signedIn(agent, response, credentials, 'setup')
}

/** `inviter` invites a co-facilitator, who accepts in a browser of their own. */
export async function inviteFacilitator(
  server: Pick<TestServer, 'url'>,
  inviter: ApiAgent,
  credentials: FacilitatorCredentials = {
    email: 'ola.hansen@grue.kommune.no',
    displayName: 'Ola Hansen',
    password: 'another long passphrase',
  },
): Promise<SignedInFacilitator> {
  const invitation = await inviter.post('/api/invitations', { email: credentials.email })
  if (invitation.status !== 201) throw new Error(`Inviting failed: ${invitation.status} ${JSON.stringify(invitation.body)}`)
  const { invitationUrl } = invitation.body as { invitationUrl: string }
  const agent = new ApiAgent(server.url)
  const { displayName, password } = credentials
  const response = await agent.post(`/api/invitations/${linkToken(invitationUrl)}/accept`, { displayName, password })
  return signedIn(agent, response, credentials, 'accepting the invitation')
}

/** Signs in with email and password in a new browser. */
export async function logIn(
  server: Pick<TestServer, 'url'>,
  credentials: Pick<FacilitatorCredentials, 'email' | 'password'>,
): Promise<ApiAgent> {
  const agent = new ApiAgent(server.url)
  const response = await agent.post('/api/auth/login', { email: credentials.email, password: credentials.password })
  if (response.status !== 200) throw new Error(`Signing in failed: ${response.status} ${JSON.stringify(response.body)}`)
  return agent
}

export interface StoredGuest {
  /** The session id, the value of the `samskap_guest` cookie. */
  sessionId: string
  /** `samskap_guest=<id>`: the Cookie header of a browser with this session. */
  cookie: string
  session: StoredSession
  participant: Participant | null
}

/**
 * A participant's or observer's session made directly in the store, through
 * the workshop's active link (as joining would), for tests that do not go
 * through the join route. Put `cookie` in an upgrade's headers, or
 * `agent.setCookie(guestCookieName, sessionId)`.
 */
export async function guestSessionInStore(
  access: AccessStore,
  workshopId: string,
  role: GuestRole,
  person: { displayName: string; affiliation: Affiliation } = { displayName: 'Per Deltaker', affiliation: 'citizen' },
  now: number = Date.now(),
): Promise<StoredGuest> {
  const link = await access.activeLink(workshopId, role, () => ({
    id: newEntityId(),
    workshopId,
    role,
    token: newSecret(),
    createdAt: now,
    revokedAt: null,
  }))
  let participant: Participant | null = null
  if (role === 'participant') {
    const id = newEntityId()
    participant = await access.createParticipant({
      id,
      workshopId,
      ...person,
      color: colorForUser(id),
      linkId: link.id,
      createdAt: now,
    })
  }
  const sessionId = newSecret()
  const session: StoredSession = {
    idHash: hashSecret(sessionId),
    role,
    facilitatorId: null,
    workshopId,
    linkId: link.id,
    participantId: participant?.id ?? null,
    csrfToken: newSecret(),
    createdAt: now,
    expiresAt: now + 24 * 60 * 60 * 1000,
  }
  await access.createSession(session)
  return { sessionId, cookie: `${guestCookieName}=${sessionId}`, session, participant }
}

function signedIn(
  agent: ApiAgent,
  response: ApiResponse,
  credentials: FacilitatorCredentials,
  what: string,
): SignedInFacilitator {
  const session = SessionInfo.safeParse(response.body)
  if (response.status !== 201 || !session.success || session.data.facilitator === null) {
    throw new Error(`${what} failed: ${response.status} ${JSON.stringify(response.body)}`)
  }
  return { agent, session: session.data, credentials, id: session.data.facilitator.facilitatorId }
}

function parseJson(text: string): unknown {
  if (text === '') return null
  try {
    return JSON.parse(text) as unknown
  } catch {
    return null
  }
}
