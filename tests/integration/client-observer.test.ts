// The board page's observer mode (BoardConnection mode 'observe') against the real relay, with real
// sessions from the join links: an observer receives the board and the participant's cursor, and sends
// nothing but the sync handshake (no edits, no awareness), so the relay never has a reason to close it
// with 4408. A participant's connection in the same workshop edits as usual.
import { afterEach, expect, it } from 'vitest'
import { atom, createShapeId, createUserId, UserRecordType, type TLRecord, type TLUser } from 'tldraw'
import { WebSocket as NodeWebSocket } from 'ws'
import * as Y from 'yjs'
import * as decoding from 'lib0/decoding'
import { BoardConnection, type BoardMode } from '../../client/src/board/BoardConnection.ts'
import type { BoardActor } from '../../shared/src/board/boardRules.ts'
import { MessageType, SyncMessageType } from '../../shared/src/protocol/messages.ts'
import { WorkshopDetail } from '../../shared/src/schema/workshopApi.ts'
import { setUpFirstFacilitator, type ApiAgent } from '../helpers/auth.ts'
import { frameKind } from '../helpers/clients.ts'
import { startTestServer, type TestServer } from '../helpers/server.ts'
import { waitFor } from '../helpers/waitFor.ts'
import { addStep, createWorkshop, expectStatus, grueChallengeId, joined, setStatus } from '../helpers/workshopApi.ts'
import { note } from '../unit/binding-fixtures.ts'

const cleanups: (() => unknown)[] = []
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.()
})

/** A BoardConnection as the browser of `agent` (its cookies), recording every frame it sends. */
function open(server: TestServer, agent: ApiAgent, boardId: string, mode: BoardMode, user: TLUser | null, actor?: BoardActor) {
  const sent: Uint8Array[] = []
  const cookie = agent.cookieHeader()
  class BrowserSocket extends NodeWebSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols, { headers: { cookie } })
    }

    override send(data: Uint8Array, ...rest: never[]): void {
      sent.push(new Uint8Array(data))
      super.send(data, ...rest)
    }
  }
  const connection = new BoardConnection({
    boardId,
    location: new URL(server.url),
    user: atom('user', user),
    mode,
    persist: false,
    page: undefined,
    assets: { upload: async () => ({ src: '' }), resolve: () => null, remove: async () => undefined },
    WebSocket: BrowserSocket as unknown as typeof WebSocket,
    ...(actor === undefined ? {} : { actor }),
  })
  cleanups.push(() => connection.destroy())
  return { connection, sent }
}

/** True for a sync step 2 that carries no changes (the provider's answer to the relay's step 1). */
function isEmptyStep2(frame: Uint8Array): boolean {
  const decoder = decoding.createDecoder(frame)
  decoding.readVarUint(decoder)
  decoding.readVarUint(decoder)
  const update = decoding.readVarUint8Array(decoder)
  const probe = new Y.Doc()
  Y.applyUpdate(probe, update)
  return probe.store.clients.size === 0
}

it('an observer receives the board and the cursors and sends only the sync handshake', async () => {
  const server = await startTestServer()
  cleanups.push(() => server.close())
  const facilitator = await setUpFirstFacilitator(server)
  const created = await createWorkshop(facilitator.agent, await grueChallengeId(facilitator.agent))
  const step = await addStep(facilitator.agent, created.workshop.id, { templateId: 'ideas', plannedMinutes: 15 })
  await setStatus(facilitator.agent, created.workshop.id, 'open')
  const detail = WorkshopDetail.parse(expectStatus(await facilitator.agent.get(`/api/workshops/${created.workshop.id}`), 200))
  const participant = await joined(server.url, detail.links!.participantUrl, { displayName: 'Kari', affiliation: 'citizen' })
  const observer = await joined(server.url, detail.links!.observerUrl)

  const guest = participant.session.guest!
  const person = { id: guest.participantId!, name: 'Kari', color: guest.color! }
  const kari = UserRecordType.create({ id: createUserId(person.id), name: person.name, color: person.color })
  const writer = open(server, participant.agent, step.boardId, 'edit', kari, { role: 'participant', person })
  await waitFor(() => writer.connection.$state.get().ready, { message: 'the participant’s board to open' })
  // What an editor adds on mount: the session records presence is made from.
  writer.connection.store.mergeRemoteChanges(() => undefined)
  writer.connection.store.put([note('observed', 'Sett av følgekommunen') as TLRecord])
  await waitFor(() => writer.connection.$state.get().status === 'saved', { message: 'the note to be saved' })

  const watcher = open(server, observer.agent, step.boardId, 'observe', null)
  const noteId = createShapeId('observed')
  await waitFor(() => watcher.connection.$state.get().ready && watcher.connection.store.has(noteId), {
    message: 'the observer to see the note',
  })
  await waitFor(() => watcher.connection.store.query.records('instance_presence').get().length === 1, {
    message: 'the observer to see the participant’s cursor',
  })
  const presence = watcher.connection.store.query.records('instance_presence').get()[0]
  expect(presence?.userName).toBe('Kari')

  // A write on the observer's own store stays there: the binding never writes for an observer.
  watcher.connection.store.put([note('sneaky', 'Skal ikke lagres', 400) as TLRecord])
  // The participant moves on and edits again; the observer follows and is still connected.
  writer.connection.store.put([note('later', 'Enda en lapp', 200) as TLRecord])
  await waitFor(() => watcher.connection.store.has(createShapeId('later')), { message: 'the observer to see the next note' })

  expect(watcher.connection.$state.get().refusal).toBeNull()
  expect(watcher.connection.provider.awareness.getLocalState()).toBeNull()
  const kinds = watcher.sent.map((frame) => frameKind(frame))
  expect(kinds.some((kind) => kind?.type === MessageType.awareness)).toBe(false)
  expect(kinds.some((kind) => kind?.type === MessageType.sync && kind.syncType === SyncMessageType.update)).toBe(false)
  for (const frame of watcher.sent.filter((each) => frameKind(each)?.syncType === SyncMessageType.step2)) {
    expect(isEmptyStep2(frame)).toBe(true)
  }
  expect(writer.connection.store.has(createShapeId('sneaky'))).toBe(false)
})
