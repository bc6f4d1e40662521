import type { TLRecord } from '@tldraw/tlschema'
import { atom, createUserId, UserRecordType } from 'tldraw'
import { WebSocket as NodeWebSocket } from 'ws'
import { BoardConnection } from '../../client/src/board/BoardConnection.ts'
import * as decoding from 'lib0/decoding'
import type { YKeyValue } from 'y-utility/y-keyvalue'
import { expect } from 'vitest'
import * as Y from 'yjs'
import { openRecordMap, readBoardRecords } from '../../shared/src/board/boardDoc.ts'
import type { BoardMode } from '../../shared/src/board/boardMode.ts'
import { MessageType, SyncMessageType, type UpdateRejection } from '../../shared/src/protocol/messages.ts'
import type { SessionInfo } from '../../shared/src/schema/access.ts'
import type { AgendaStep } from '../../shared/src/schema/workshopApi.ts'
import { setUpFirstFacilitator, type ApiAgent, type SignedInFacilitator } from './auth.ts'
import { participantUser } from './boardNotes.ts'
import { createClient, frameKind, RawClient, updateOfSyncFrame, type TestClient } from './clients.ts'
import { loadStoredDoc, startTestServer, type TestServer, type TestServerOptions } from './server.ts'
import { addStep, createWorkshop, expectStatus, grueChallengeId, joined, setStatus } from './workshopApi.ts'

// Where the tests of the relay's authority over a board start: a real server on port 0, an open
// workshop with a stakeholder-mapping step, its facilitator, two participants (Ada, the hostile
// one, and Bo, a bystander) and an observer, and the means to send exactly the update a test wants.

export type Who = 'facilitator' | 'ada' | 'bo' | 'observer'

export interface AuthorityScene {
  server: TestServer
  facilitator: SignedInFacilitator
  workshopId: string
  step: AgendaStep
  boardId: string
  /** The session answers of the guests (Ada and Bo participants, the observer). */
  sessions: Record<Exclude<Who, 'facilitator'>, SessionInfo>
  agent(who: Who): ApiAgent
  /** The person id behind `who` (their notes' `meta.createdBy`). */
  personId(who: Who): string
  /** A template shape's id on the step's board, e.g. templateShape('grid'). */
  templateShape(key: string): string
  /** The id of the page the template built on the step's board. */
  pageId: string
  /** A raw socket as `who` on the board, let in and synced. */
  raw(who: Who): Promise<RawClient>
  /** A participant's board page as the browser runs it: a BoardConnection with their cookie, person and rules. */
  page(who: 'ada' | 'bo'): BoardConnection
  /** A y-websocket client as `who`, synced, with their user record written (participants). */
  client(who: Who): Promise<TestClient>
  /** The board as the relay serves it now, in a fresh document (under `clientId` when given). */
  copy(raw: RawClient, clientId?: number): Promise<Y.Doc>
  /** The update one change to `doc` makes; `write` gets the board's records as a YKeyValue. */
  change(doc: Y.Doc, write: (records: YKeyValue<TLRecord>, doc: Y.Doc) => void): Uint8Array
  /** The board's records as stored, and its last seq. */
  stored(): Promise<{ lastSeq: number; records: Map<string, TLRecord>; meta: Record<string, unknown> }>
  /**
   * Sends `update` as `raw` and expects it refused for `reason`: not stored, not relayed to a
   * bystander (Bo's raw socket), the sender told which records (`keys`, when given).
   */
  expectRefused(raw: RawClient, update: Uint8Array, reason: UpdateRejection, keys?: string[]): Promise<void>
  /** Sends `update` as `raw` and expects it stored. */
  expectAccepted(raw: RawClient, update: Uint8Array): Promise<void>
  setMode(mode: BoardMode): Promise<void>
  close(): Promise<void>
}

export async function startAuthorityScene(options: TestServerOptions = {}): Promise<AuthorityScene> {
  const server = await startTestServer(options)
  const closers: Array<() => unknown> = []
  const close = async () => {
    for (const closer of closers.splice(0).reverse()) await closer()
    await server.close()
  }
  try {
    const facilitator = await setUpFirstFacilitator(server)
    const created = await createWorkshop(facilitator.agent, await grueChallengeId(facilitator.agent))
    const workshopId = created.workshop.id
    const step = await addStep(facilitator.agent, workshopId, { templateId: 'stakeholder-mapping', plannedMinutes: 20 })
    await setStatus(facilitator.agent, workshopId, 'open')
    const links = created.links
    if (links === null) throw new Error('A facilitator sees the links.')
    const ada = await joined(server.url, links.participantUrl, { displayName: 'Ada Angrip', affiliation: 'citizen' })
    const bo = await joined(server.url, links.participantUrl, { displayName: 'Bo Bystander', affiliation: 'business' })
    const observer = await joined(server.url, links.observerUrl)
    const guests = { ada, bo, observer }
    const agent = (who: Who): ApiAgent => (who === 'facilitator' ? facilitator.agent : guests[who].agent)
    const personId = (who: Who): string =>
      who === 'facilitator' ? facilitator.id : (guests[who].session.guest?.participantId ?? `no person for ${who}`)

    const scene: AuthorityScene = {
      server,
      facilitator,
      workshopId,
      step,
      boardId: step.boardId,
      sessions: { ada: ada.session, bo: bo.session, observer: observer.session },
      agent,
      personId,
      templateShape: (key) => `shape:${step.templateId}.v${step.templateVersion}.${key}`,
      pageId: `page:${step.templateId}.v${step.templateVersion}`,
      page(who) {
        const guest = guests[who].session.guest
        if (guest?.participantId == null || guest.displayName === null || guest.color === null) throw new Error(`${who} is a participant`)
        const person = { id: guest.participantId, name: guest.displayName, color: guest.color }
        const cookie = agent(who).cookieHeader()
        class BrowserSocket extends NodeWebSocket {
          constructor(url: string | URL, protocols?: string | string[]) {
            super(url, protocols, { headers: { cookie } })
          }
        }
        const connection = new BoardConnection({
          boardId: step.boardId,
          location: new URL(server.url),
          user: atom('user', UserRecordType.create({ id: createUserId(person.id), name: person.name, color: person.color })),
          persist: false,
          page: undefined,
          assets: { upload: async () => ({ src: '' }), resolve: () => null, remove: async () => undefined },
          WebSocket: BrowserSocket as unknown as typeof WebSocket,
          actor: { role: 'participant', person },
        })
        closers.push(() => connection.destroy())
        return connection
      },
      async raw(who) {
        const raw = await RawClient.connect(server.syncUrl, step.boardId, { headers: { cookie: agent(who).cookieHeader() } })
        closers.push(() => raw.close())
        await raw.barrier()
        return raw
      },
      async client(who) {
        const client = createClient(server.syncUrl, step.boardId, { headers: { cookie: agent(who).cookieHeader() } })
        closers.push(() => client.destroy())
        await client.waitForSynced()
        if (who === 'ada' || who === 'bo') {
          const user = participantUser(guests[who].session)
          client.setRecord(user.id, user)
          await client.waitForSaved()
        }
        return client
      },
      async copy(raw, clientId) {
        const doc = new Y.Doc()
        Y.applyUpdate(doc, updateOfSyncFrame(await raw.barrier()))
        // Set after the state is in: Yjs gives a doc a new id when a remote update carries its own.
        if (clientId !== undefined) doc.clientID = clientId
        return doc
      },
      change(doc, write) {
        const before = Y.encodeStateVector(doc)
        const map = openRecordMap(doc)
        try {
          doc.transact(() => write(map.records, doc))
        } finally {
          map.dispose()
        }
        return Y.encodeStateAsUpdate(doc, before)
      },
      async stored() {
        const doc = await loadStoredDoc(server.store, step.boardId)
        const { lastSeq } = await server.store.loadBoard(step.boardId)
        return { lastSeq, records: readBoardRecords(doc), meta: doc.getMap('meta').toJSON() }
      },
      async expectRefused(raw, update, reason, keys) {
        const bystander = await scene.raw('bo')
        const before = await scene.stored()
        const seq = raw.sendUpdate(update)
        const outcome = await raw.outcome(seq)
        expect(outcome).toEqual({ kind: 'rejected', reason })
        if (keys !== undefined) expect(rejectedKeys(raw, seq)).toEqual(keys)
        // The relay handles a socket's frames in order: after this round trip, anything it would have relayed has arrived.
        await raw.barrier().catch(() => undefined)
        await bystander.barrier()
        const relayed = bystander.received.filter((frame) => {
          const kind = frameKind(frame)
          return kind?.type === MessageType.sync && kind.syncType === SyncMessageType.update
        })
        expect(relayed).toEqual([])
        expect((await scene.stored()).lastSeq).toBe(before.lastSeq)
        bystander.close()
      },
      async expectAccepted(raw, update) {
        const before = (await scene.stored()).lastSeq
        expect(await raw.outcome(raw.sendUpdate(update))).toEqual({ kind: 'acked' })
        expect((await scene.stored()).lastSeq).toBeGreaterThan(before)
      },
      async setMode(mode) {
        expectStatus(await facilitator.agent.put(`/api/boards/${step.boardId}/mode`, { mode }), 200)
      },
      close,
    }
    return scene
  } catch (error) {
    await close()
    throw error
  }
}

/** The keys an `updateRejected` message for update `seq` named. */
export function rejectedKeys(raw: RawClient, seq: number): string[] {
  return rejectionsOf(raw).find((rejection) => rejection.seq === seq)?.keys ?? []
}

/** Every `updateRejected` message a raw socket received: the update's number, the reason and the keys. */
export function rejectionsOf(raw: RawClient): Array<{ seq: number; reason: number; keys: string[] }> {
  const found: Array<{ seq: number; reason: number; keys: string[] }> = []
  for (const frame of raw.received) {
    const decoder = decodingOf(frame)
    if (decoder.readUint() !== MessageType.updateRejected) continue
    const seq = decoder.readUint()
    const reason = decoder.readUint()
    const count = decoder.hasContent() ? decoder.readUint() : 0
    const keys: string[] = []
    for (let index = 0; index < count; index++) keys.push(decoder.readString())
    found.push({ seq, reason, keys })
  }
  return found
}

function decodingOf(frame: Uint8Array) {
  const decoder = decoding.createDecoder(frame)
  return {
    readUint: () => decoding.readVarUint(decoder),
    readString: () => decoding.readVarString(decoder),
    hasContent: () => decoding.hasContent(decoder),
  }
}
