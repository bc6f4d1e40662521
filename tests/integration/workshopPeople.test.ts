// Who is here, as the facilitator's people panel reads it from the workshop's detail: who is online,
// on which steps, and in which colour; against a real server on port 0 with real SQLite.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { colorDifference } from '../../shared/src/people/colorDifference.ts'
import { WorkshopDetail, type WorkshopPerson } from '../../shared/src/schema/workshopApi.ts'
import { setUpFirstFacilitator, type ApiAgent, type SignedInFacilitator } from '../helpers/auth.ts'
import { RawClient } from '../helpers/clients.ts'
import { startTestServer, type TestServer } from '../helpers/server.ts'
import { waitFor } from '../helpers/waitFor.ts'
import { expectStatus, grueChallengeId, joined, openWorkshop } from '../helpers/workshopApi.ts'

let server: TestServer
let facilitator: SignedInFacilitator
const cleanups: Array<() => unknown> = []

beforeEach(async () => {
  server = await startTestServer()
  facilitator = await setUpFirstFacilitator(server)
})
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.()
  await server.close()
})

/** An open workshop with two steps and Per, a participant who joined. */
async function workshopWithTwoSteps() {
  const opened = await openWorkshop(facilitator.agent, {
    baseUrl: server.url,
    challengeId: await grueChallengeId(facilitator.agent),
    steps: [
      { templateId: 'stakeholder-mapping', plannedMinutes: 20 },
      { templateId: 'ideas', plannedMinutes: 15 },
    ],
    participant: { displayName: 'Per Hansen', affiliation: 'business' },
  })
  return { ...opened, participantId: opened.participant.session.guest?.participantId ?? '' }
}

/** A board socket of that browser, let in. */
async function boardSocket(agent: ApiAgent, boardId: string): Promise<RawClient> {
  const socket = await RawClient.connect(server.syncUrl, boardId, { origin: server.url, headers: { cookie: agent.cookieHeader() } })
  cleanups.push(() => socket.close())
  await socket.barrier()
  return socket
}

/** A new participant joins through the workshop's participant link; resolves to the colour they got. */
async function joinAs(workshopId: string, displayName: string): Promise<string> {
  const { links } = WorkshopDetail.parse(expectStatus(await facilitator.agent.get(`/api/workshops/${workshopId}`), 200))
  const { session } = await joined(server.url, links?.participantUrl ?? '', { displayName, affiliation: 'municipality' })
  return session.guest?.color ?? ''
}

/** The people as the facilitator's page reads them. */
async function people(workshopId: string): Promise<WorkshopPerson[]> {
  return WorkshopDetail.parse(expectStatus(await facilitator.agent.get(`/api/workshops/${workshopId}`), 200)).people
}

async function personIn(workshopId: string, id: string): Promise<WorkshopPerson | undefined> {
  return (await people(workshopId)).find((person) => person.id === id)
}

describe('who is here', () => {
  it('shows the steps whose boards a participant has open, in agenda order, and none once they closed them', async () => {
    const { workshopId, steps: [first, second], participant, participantId } = await workshopWithTwoSteps()
    expect(await personIn(workshopId, participantId)).toMatchObject({ online: false, onStepIds: [], affiliation: 'business', removed: false })

    const onSecond = await boardSocket(participant.agent, second.boardId)
    expect(await personIn(workshopId, participantId)).toMatchObject({ online: true, onStepIds: [second.id] })
    // A second tab on the first step: both, in the agenda's order.
    const onFirst = await boardSocket(participant.agent, first.boardId)
    expect(await personIn(workshopId, participantId)).toMatchObject({ online: true, onStepIds: [first.id, second.id] })
    expect(await personIn(workshopId, facilitator.id)).toMatchObject({ online: false, onStepIds: [] })

    onSecond.close()
    await waitFor(async () => (await personIn(workshopId, participantId))?.onStepIds.length === 1, { message: 'the second step closed' })
    expect(await personIn(workshopId, participantId)).toMatchObject({ online: true, onStepIds: [first.id] })
    onFirst.close()
    await waitFor(async () => (await personIn(workshopId, participantId))?.online === false, { message: 'the participant offline' })
    expect(await personIn(workshopId, participantId)).toMatchObject({ onStepIds: [] })
  })

  it('lists a removed participant apart, offline, and gives their colour to the next one to join', async () => {
    const { workshopId, steps: [first], participant, participantId } = await workshopWithTwoSteps()
    // With fourteen more, the facilitator and Per, every colour is held.
    for (let index = 0; index < 14; index++) await joinAs(workshopId, `Deltaker ${index}`)
    const socket = await boardSocket(participant.agent, first.boardId)
    expectStatus(await facilitator.agent.post(`/api/workshops/${workshopId}/participants/${participantId}/removal`, {}), 200)
    await waitFor(() => socket.closeCode !== null, { message: 'the removed participant’s socket closed' })
    const removed = await waitFor(async () => {
      const person = await personIn(workshopId, participantId)
      return person?.online === false ? person : undefined
    }, { message: 'the removed participant offline' })
    expect(removed).toMatchObject({ removed: true, onStepIds: [] })

    // A removed participant holds no colour: theirs is the one free.
    expect(await joinAs(workshopId, 'Nykommer')).toBe(removed.color)
  })

  it('gives twelve participants joining one after another twelve colours, each unlike the others and the facilitator’s', async () => {
    const { workshopId } = await workshopWithTwoSteps()
    for (let index = 0; index < 11; index++) await joinAs(workshopId, `Deltaker ${index}`)
    const everyone = await people(workshopId)
    expect(everyone.filter((person) => person.role === 'participant')).toHaveLength(12)
    const colors = everyone.map((person) => person.color)
    expect(new Set(colors).size).toBe(13)
    for (const [index, color] of colors.entries()) {
      for (const other of colors.slice(index + 1)) expect(colorDifference(color, other), `${color} and ${other}`).toBeGreaterThanOrEqual(15)
    }
  })
})
