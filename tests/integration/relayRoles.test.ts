// The relay enforces roles against hostile, hand-written WebSocket clients (RawClient speaks the protocol
// byte by byte), with sessions made through the real HTTP API: setup link, workshop, steps, join links.
// Rules: who may open a board (4405 no session, 4406 wrong workshop, 4407 not open, 4412 scratch board),
// observers only watch (4408, nothing they send is applied, stored or relayed), a person's presence
// carries their own name and colour, and ending a session, link or workshop ends its sockets.
import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { newBoardId } from '../../shared/src/protocol/boardId.ts'
import { CloseCode } from '../../shared/src/protocol/closeCodes.ts'
import { MessageType, SyncMessageType } from '../../shared/src/protocol/messages.ts'
import type { SessionInfo } from '../../shared/src/schema/access.ts'
import { WorkshopDetail } from '../../shared/src/schema/workshopApi.ts'
import { type ApiAgent, setUpFirstFacilitator, type SignedInFacilitator } from '../helpers/auth.ts'
import { awarenessMessage, createClient, frameKind, presencesSeenBy, RawClient, updateOfSyncFrame } from '../helpers/clients.ts'
import { loadStoredDoc, startTestServer, type TestServer, type TestServerOptions } from '../helpers/server.ts'
import { noteEntry, testNote } from '../helpers/testRecords.ts'
import { waitFor } from '../helpers/waitFor.ts'
import { addStep, createWorkshop, expectError, expectStatus, grueChallengeId, joined, joinThrough, setStatus } from '../helpers/workshopApi.ts'

const cleanups: Array<() => unknown> = []
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.()
})

interface Guest {
  agent: ApiAgent
  session: SessionInfo
}

interface OpenWorkshop {
  id: string
  boardId: string
  participantUrl: string
  observerUrl: string
}

interface Scene {
  server: TestServer
  facilitator: SignedInFacilitator
  workshop: OpenWorkshop
  participant: Guest
  observer: Guest
  /** Another open workshop of the same facilitator, with a board of its own. */
  otherWorkshop(): Promise<OpenWorkshop>
  /** Opens a board socket as `agent`'s browser (its cookies) and waits until it was let in. */
  connect(agent: ApiAgent | null, boardId?: string): Promise<RawClient>
  /** Opens a board socket as `agent`'s browser and resolves with the code the server closed it with. */
  refusal(agent: ApiAgent | null, boardId?: string): Promise<number>
}

const per = { displayName: 'Per Hansen', affiliation: 'business' }

async function scene(options: TestServerOptions = {}): Promise<Scene> {
  const server = await startTestServer(options)
  cleanups.push(() => server.close())
  const facilitator = await setUpFirstFacilitator(server)
  const challengeId = await grueChallengeId(facilitator.agent)
  const openWorkshop = async (title: string): Promise<OpenWorkshop> => {
    const created = await createWorkshop(facilitator.agent, challengeId, title)
    const step = await addStep(facilitator.agent, created.workshop.id, { templateId: 'stakeholder-mapping', plannedMinutes: 20 })
    await setStatus(facilitator.agent, created.workshop.id, 'open')
    const detail = WorkshopDetail.parse(expectStatus(await facilitator.agent.get(`/api/workshops/${created.workshop.id}`), 200))
    if (detail.links === null) throw new Error('A facilitator sees the workshop links.')
    return { id: created.workshop.id, boardId: step.boardId, ...detail.links }
  }
  const workshop = await openWorkshop('Kirkenær sentrum')
  const participant = await joined(server.url, workshop.participantUrl, per)
  const observer = await joined(server.url, workshop.observerUrl)
  const open = (agent: ApiAgent | null, boardId: string): Promise<RawClient> =>
    RawClient.connect(server.syncUrl, boardId, agent === null ? {} : { headers: { cookie: agent.cookieHeader() } })
  return {
    server,
    facilitator,
    workshop,
    participant,
    observer,
    otherWorkshop: () => openWorkshop('Kirkenær stasjon'),
    async connect(agent, boardId = workshop.boardId) {
      const raw = await open(agent, boardId)
      cleanups.push(() => raw.close())
      await raw.barrier()
      return raw
    },
    async refusal(agent, boardId = workshop.boardId) {
      const raw = await open(agent, boardId)
      cleanups.push(() => raw.close())
      return closeCode(raw)
    },
  }
}

function closeCode(raw: RawClient): Promise<number> {
  return waitFor(() => raw.closeCode, { message: 'the server to close the socket' })
}

/** An update adding a note `shape:<key>` (made by `createdBy`, a person id) to the board, from a doc of its own. */
function recordUpdate(key: string, createdBy?: string): Uint8Array {
  const doc = new Y.Doc()
  doc.getArray('records').push([{ key: `shape:${key}`, val: testNote(`shape:${key}`, createdBy === undefined ? {} : { createdBy }) }])
  return Y.encodeStateAsUpdate(doc)
}

/** The participant's person id, which their notes are made by. */
function personOf(guest: Guest): string {
  return guest.session.guest?.participantId ?? 'unknown'
}

/** Whether any sync update frame `raw` received, or the stored board, holds a record with `key`. */
function updatesReceivedContain(raw: RawClient, key: string): boolean {
  const doc = new Y.Doc()
  for (const frame of raw.received) {
    const kind = frameKind(frame)
    if (kind?.type === MessageType.sync && kind.syncType !== SyncMessageType.step1) Y.applyUpdate(doc, updateOfSyncFrame(frame))
  }
  return recordKeys(doc).includes(`shape:${key}`)
}

function recordKeys(doc: Y.Doc): string[] {
  return doc
    .getArray<{ key: string }>('records')
    .toArray()
    .map((entry) => entry.key)
}

describe('who may open a board', () => {
  it('[A10] refuses a socket without a session with 4405', async () => {
    const s = await scene()
    expect(await s.refusal(null)).toBe(CloseCode.notAuthenticated.code)
  })

  it('[A9] refuses a guest of workshop A on a board of workshop B with 4406', async () => {
    const s = await scene()
    const other = await s.otherWorkshop()
    expect(await s.refusal(s.participant.agent, other.boardId)).toBe(CloseCode.wrongWorkshop.code)
    expect(await s.refusal(s.observer.agent, other.boardId)).toBe(CloseCode.wrongWorkshop.code)
    // The facilitator runs both.
    await s.connect(s.facilitator.agent, other.boardId)
  })

  it('[A10] disconnects live guests when the workshop closes, refuses them (4407) and refuses new joins', async () => {
    const s = await scene()
    const participant = await s.connect(s.participant.agent)
    const observer = await s.connect(s.observer.agent)
    const facilitator = await s.connect(s.facilitator.agent)
    await setStatus(s.facilitator.agent, s.workshop.id, 'closed')
    expect(await closeCode(participant)).toBe(CloseCode.workshopNotOpen.code)
    expect(await closeCode(observer)).toBe(CloseCode.workshopNotOpen.code)
    expect(await s.refusal(s.participant.agent)).toBe(CloseCode.workshopNotOpen.code)
    expectError((await joinThrough(s.server.url, s.workshop.participantUrl, { displayName: 'Sent', affiliation: 'citizen' })).response, 409, 'workshop_closed')
    // Facilitators still work on a closed workshop's boards.
    await facilitator.barrier()
    expect(facilitator.closeCode).toBeNull()
    expect((await facilitator.outcome(facilitator.sendUpdate(recordUpdate('after-closing')))).kind).toBe('acked')
  })

  it('[A11] with SCRATCH_BOARDS=facilitators, refuses guests on a board outside any workshop (4412) and admits a facilitator', async () => {
    const s = await scene({ config: { scratchBoards: 'facilitators' } })
    const scratch = newBoardId()
    expect(await s.refusal(s.participant.agent, scratch)).toBe(CloseCode.boardNotInWorkshop.code)
    expect(await s.refusal(null, scratch)).toBe(CloseCode.boardNotInWorkshop.code)
    const facilitator = await s.connect(s.facilitator.agent, scratch)
    expect((await facilitator.outcome(facilitator.sendUpdate(recordUpdate('scratch')))).kind).toBe('acked')
  })
})

describe('observers only watch', () => {
  it('[A12] closes an observer that sends a document update with 4408; nobody gets it and it is not stored', async () => {
    const s = await scene()
    const participant = await s.connect(s.participant.agent)
    const observer = await s.connect(s.observer.agent)
    observer.sendUpdate(recordUpdate('forged-by-observer'))
    expect(await closeCode(observer)).toBe(CloseCode.readOnlyRole.code)
    // The relay handled the observer's frame before closing; a round trip on the participant's socket
    // comes after anything it could have broadcast.
    await participant.barrier()
    expect(updatesReceivedContain(participant, 'forged-by-observer')).toBe(false)
    expect(recordKeys(await loadStoredDoc(s.server.store, s.workshop.boardId))).not.toContain('shape:forged-by-observer')
    // A fresh joiner's full state does not have it either.
    const late = await s.connect(s.facilitator.agent)
    expect(updatesReceivedContain(late, 'forged-by-observer')).toBe(false)
  })

  it('[A12] closes an observer that publishes a presence with 4408, and relays nothing of it', async () => {
    const s = await scene()
    const participant = await s.connect(s.participant.agent)
    const observer = await s.connect(s.observer.agent)
    observer.send(awarenessMessage(31337, 1, { user: { name: 'Olga Observatør', color: '#067647' } }))
    expect(await closeCode(observer)).toBe(CloseCode.readOnlyRole.code)
    await participant.barrier()
    expect(presencesSeenBy(participant).has(31337)).toBe(false)
  })

  it('[A12] shows an observer the participants’ updates and presence, and answers its queryAwareness', async () => {
    const s = await scene()
    const observer = await s.connect(s.observer.agent)
    const participant = await s.connect(s.participant.agent)
    expect((await participant.outcome(participant.sendUpdate(recordUpdate('sticky-note', personOf(s.participant))))).kind).toBe('acked')
    participant.send(awarenessMessage(4711, 1, { user: { name: 'Per Hansen', color: '#000000' }, cursor: { x: 1, y: 2 } }))
    await waitFor(() => updatesReceivedContain(observer, 'sticky-note'), { message: 'the note at the observer' })
    await waitFor(() => presencesSeenBy(observer).has(4711), { message: 'the participant’s presence at the observer' })
    await observer.presenceBarrier()
    expect(observer.closeCode).toBeNull()
  })

  it('[A12] lets a provider set up as the client sets up observers (no presence of its own) stay and follow the board', async () => {
    const s = await scene()
    const watcher = createClient(s.server.syncUrl, s.workshop.boardId, {
      connect: false,
      headers: { cookie: s.observer.agent.cookieHeader() },
    })
    cleanups.push(() => watcher.destroy())
    // As the app does for observers: no local presence, and only its own presence is ever sent.
    watcher.provider.awareness.setLocalState(null)
    watcher.provider.awareness.off('update', watcher.provider._awarenessUpdateHandler)
    watcher.provider.connect()
    await watcher.waitForSaved()
    const editor = createClient(s.server.syncUrl, s.workshop.boardId, { headers: { cookie: s.participant.agent.cookieHeader() } })
    cleanups.push(() => editor.destroy())
    await editor.waitForSynced()
    editor.provider.awareness.setLocalStateField('user', { name: 'anything' })
    await editor.waitForSaved()
    editor.setRecord(...noteEntry('shape:live-note', { createdBy: personOf(s.participant) }))
    await waitFor(() => recordKeys(watcher.doc).includes('shape:live-note'), { message: 'the note at the observer' })
    await waitFor(() => watcher.provider.awareness.getStates().has(editor.doc.clientID), { message: 'the editor’s presence' })
    editor.records.delete('shape:live-note')
    await waitFor(() => !recordKeys(watcher.doc).includes('shape:live-note'), { message: 'the deletion at the observer' })
    // A reconnect answers the relay's sync step 1 with what the board already has, deletions included: still allowed.
    watcher.provider.disconnect()
    watcher.provider.connect()
    await watcher.waitForSaved()
    expect(watcher.closeCodes.filter((code) => code >= 4000)).toEqual([])
  })
})

describe('presence', () => {
  it('[A13] shows a participant under the name and colour of their session, whatever they claim', async () => {
    const s = await scene()
    const guest = s.participant.session.guest
    const account = s.facilitator.session.facilitator
    if (guest === null || account === null) throw new Error('sessions expected')
    const facilitator = await s.connect(s.facilitator.agent)
    const participant = await s.connect(s.participant.agent)
    participant.send(
      awarenessMessage(5150, 1, {
        user: { name: account.displayName, color: account.color },
        presence: {
          typeName: 'instance_presence',
          id: 'instance_presence:5150',
          userId: account.facilitatorId,
          userName: account.displayName,
          color: account.color,
          cursor: { x: 10, y: 20, type: 'default', rotation: 0 },
        },
      }),
    )
    const seen = await waitFor(() => presencesSeenBy(facilitator).get(5150), { message: 'the participant’s presence' })
    expect(seen).toEqual({
      user: { name: 'Per Hansen', color: guest.color },
      presence: {
        typeName: 'instance_presence',
        id: 'instance_presence:5150',
        userId: `user:${guest.participantId}`,
        userName: 'Per Hansen',
        color: guest.color,
        cursor: { x: 10, y: 20, type: 'default', rotation: 0 },
      },
    })
  })
})

describe('ending sessions ends their sockets', () => {
  it('[A8] drops the sockets of a rotated participant link within a second, and refuses its old cookie', async () => {
    const s = await scene()
    const participant = await s.connect(s.participant.agent)
    const observer = await s.connect(s.observer.agent)
    const started = performance.now()
    expectStatus(await s.facilitator.agent.post(`/api/workshops/${s.workshop.id}/links/participant/rotate`), 200)
    expect(await waitFor(() => participant.closeCode, { message: 'the participant dropped', intervalMs: 1 })).toBe(
      CloseCode.linkRotated.code,
    )
    expect(performance.now() - started).toBeLessThan(1000)
    expect(await s.refusal(s.participant.agent)).toBe(CloseCode.notAuthenticated.code)
    // The observer came in through the other link.
    await observer.barrier()
    expect(observer.closeCode).toBeNull()
  })

  it('[A5] closes a facilitator’s sockets with 4410 when they sign out', async () => {
    const s = await scene()
    const onStep = await s.connect(s.facilitator.agent)
    const onScratch = await s.connect(s.facilitator.agent, newBoardId())
    const participant = await s.connect(s.participant.agent)
    expect((await s.facilitator.agent.post('/api/auth/logout')).status).toBe(204)
    expect(await closeCode(onStep)).toBe(CloseCode.sessionEnded.code)
    expect(await closeCode(onScratch)).toBe(CloseCode.sessionEnded.code)
    await participant.barrier()
    expect(participant.closeCode).toBeNull()
  })
})
