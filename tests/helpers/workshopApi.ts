import { expect } from 'vitest'
import { SessionInfo, type Affiliation } from '../../shared/src/schema/access.ts'
import { ChallengeList } from '../../shared/src/schema/publicApi.ts'
import { AgendaStep, WorkshopDetail, type CreateStepBody } from '../../shared/src/schema/workshopApi.ts'
import { ApiAgent, linkToken, type ApiResponse } from './auth.ts'
import { setupLinkOf, type ChildServer } from './server.ts'

// Workshops made through the real REST API, as a facilitator's browser does it.

/** The server's first facilitator, signed in through the setup link it printed (as the setup page does). */
export async function firstFacilitator(
  server: Pick<ChildServer, 'url' | 'output'>,
  who: { email: string; displayName: string },
): Promise<ApiAgent> {
  const agent = new ApiAgent(server.url)
  expectStatus(await agent.post('/api/setup', { token: linkToken(setupLinkOf(server)), ...who, password: 'et langt nok passord' }), 201)
  return agent
}

/** Grue's seeded Kirkenær challenge. */
export async function grueChallengeId(agent: ApiAgent): Promise<string> {
  const { challenges } = ChallengeList.parse((await agent.get('/api/challenges?q=Kirkenær')).body)
  const challenge = challenges[0]
  if (challenge === undefined) throw new Error('The seed has no Kirkenær challenge.')
  return challenge.id
}

/** A planned workshop on the challenge, as its creator sees it. */
export async function createWorkshop(agent: ApiAgent, challengeId: string, title = 'Kirkenær sentrum'): Promise<WorkshopDetail> {
  const response = await agent.post('/api/workshops', {
    challengeId,
    title,
    startsAt: '2022-03-14T09:00:00Z',
    endsAt: '2022-03-14T15:00:00+01:00',
  })
  return WorkshopDetail.parse(expectStatus(response, 201))
}

export async function addStep(agent: ApiAgent, workshopId: string, body: CreateStepBody): Promise<AgendaStep> {
  return AgendaStep.parse(expectStatus(await agent.post(`/api/workshops/${workshopId}/steps`, body), 201))
}

export async function setStatus(agent: ApiAgent, workshopId: string, status: 'planned' | 'open' | 'closed'): Promise<WorkshopDetail> {
  return WorkshopDetail.parse(expectStatus(await agent.patch(`/api/workshops/${workshopId}`, { status }), 200))
}

/** A new browser joins through a workshop link; resolves to it and its answer. */
export async function joinThrough(
  baseUrl: string,
  url: string,
  body: Record<string, unknown> = {},
): Promise<{ agent: ApiAgent; response: ApiResponse }> {
  const agent = new ApiAgent(baseUrl)
  const response = await agent.post(`/api/join/${linkToken(url)}`, body)
  return { agent, response }
}

/** A browser that joined (201); fails the test otherwise. */
export async function joined(baseUrl: string, url: string, body: Record<string, unknown> = {}) {
  const { agent, response } = await joinThrough(baseUrl, url, body)
  return { agent, session: SessionInfo.parse(expectStatus(response, 201)) }
}

/** A participant who joined a workshop through its link, and the tldraw user id their board edits carry. */
export interface JoinedParticipant {
  agent: ApiAgent
  session: SessionInfo
  displayName: string
  userId: string
}

export interface OpenWorkshopRequest<S extends readonly CreateStepBody[]> {
  baseUrl: string
  challengeId: string
  title?: string
  steps: S
  participant: { displayName: string; affiliation: Affiliation }
}

export interface OpenedWorkshop<S extends readonly CreateStepBody[]> {
  workshopId: string
  /** The steps made from the request's bodies, in the same order. */
  steps: { -readonly [I in keyof S]: AgendaStep }
  participant: JoinedParticipant
}

/**
 * An open workshop on the challenge with one step per body, in order, and a participant joined through the
 * participant link, as a facilitator and a participant's browser make it.
 * @example const { steps: [framing], participant } = await openWorkshop(agent, { baseUrl, challengeId, steps: [framingStep], participant: kari })
 */
export async function openWorkshop<const S extends readonly CreateStepBody[]>(agent: ApiAgent, request: OpenWorkshopRequest<S>): Promise<OpenedWorkshop<S>> {
  const detail = await createWorkshop(agent, request.challengeId, request.title)
  const workshopId = detail.workshop.id
  const steps: AgendaStep[] = []
  for (const body of request.steps) steps.push(await addStep(agent, workshopId, body))
  await setStatus(agent, workshopId, 'open')
  if (detail.links === null) throw new Error('A facilitator sees the links.')
  const { agent: guest, session } = await joined(request.baseUrl, detail.links.participantUrl, request.participant)
  const participant: JoinedParticipant = {
    agent: guest,
    session,
    displayName: request.participant.displayName,
    userId: session.guest?.participantId ?? 'unknown',
  }
  return { workshopId, steps: steps as OpenedWorkshop<S>['steps'], participant }
}

/** The body of a response with the expected status; the message shows the body otherwise. */
export function expectStatus(response: ApiResponse, status: number): unknown {
  expect(response.status, JSON.stringify(response.body)).toBe(status)
  return response.body
}

/** Expects an error answer with this status and code; resolves to its fields' paths (invalid_request). */
export function expectError(response: ApiResponse, status: number, code: string): string[] {
  expect({ status: response.status, code: errorOf(response).code }, JSON.stringify(response.body)).toEqual({ status, code })
  return (errorOf(response).fields ?? []).map((field) => field.path)
}

/** The invalid fields named by a 400 invalid_request. */
export function invalidFields(response: ApiResponse): string[] {
  return expectError(response, 400, 'invalid_request')
}

function errorOf(response: ApiResponse): { code?: string; fields?: { path: string }[] } {
  const body = response.body as { error?: { code?: string; fields?: { path: string }[] } } | null
  return body?.error ?? {}
}
