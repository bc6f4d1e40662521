import { setUpFirstFacilitator, type SignedInFacilitator } from './auth.ts'
import { openParticipantBoard } from './boardNotes.ts'
import type { TestClient } from './clients.ts'
import { startTestServer, type TestServer, type TestServerOptions } from './server.ts'
import { grueChallengeId, openWorkshop, type JoinedParticipant, type OpenedWorkshop, type OpenWorkshopRequest } from './workshopApi.ts'
import type { CreateStepBody } from '../../shared/src/schema/workshopApi.ts'

// Where the workshop and description tests start: a real server on port 0, its first facilitator signed in
// through the setup link, and Grue's seeded challenge. Start one in beforeEach and close it in afterEach.

export interface WorkshopScene {
  server: TestServer
  facilitator: SignedInFacilitator
  /** Grue's seeded Kirkenær challenge. */
  challengeId: string
  /** An open workshop on the challenge with these steps, and a participant joined through its link (see openWorkshop). */
  openWorkshop<const S extends readonly CreateStepBody[]>(
    steps: S,
    participant: OpenWorkshopRequest<S>['participant'],
  ): Promise<OpenedWorkshop<S>>
  /** The participant's board through a real y-websocket client (see openParticipantBoard); destroyed by close(). */
  openBoard(boardId: string, participant: JoinedParticipant): Promise<TestClient>
  /** Destroys the boards' clients, then closes the server. */
  close(): Promise<void>
}

export async function startWorkshopScene(options: TestServerOptions = {}): Promise<WorkshopScene> {
  const server = await startTestServer(options)
  const clients: TestClient[] = []
  const close = async () => {
    for (const client of clients.splice(0)) client.destroy()
    await server.close()
  }
  try {
    const facilitator = await setUpFirstFacilitator(server)
    const challengeId = await grueChallengeId(facilitator.agent)
    return {
      server,
      facilitator,
      challengeId,
      openWorkshop: (steps, participant) => openWorkshop(facilitator.agent, { baseUrl: server.url, challengeId, steps, participant }),
      async openBoard(boardId, participant) {
        const client = await openParticipantBoard(server.syncUrl, boardId, participant)
        clients.push(client)
        return client
      },
      close,
    }
  } catch (error) {
    await close()
    throw error
  }
}
