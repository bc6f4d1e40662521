import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { pino } from 'pino'
import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { newBoardId } from '../../shared/src/protocol/boardId.ts'
import { CloseCode } from '../../shared/src/protocol/closeCodes.ts'
import { SyncMessageType } from '../../shared/src/protocol/messages.ts'
import type { BoardAccess, BoardGrant } from '../../server/src/relay/boardAccess.ts'
import { Relay } from '../../server/src/relay/relay.ts'
import { awarenessMessage, presencesSeenBy, RawClient, syncMessage } from '../helpers/clients.ts'
import { createDataDir, loadStoredDoc, openTestStore, removeDataDir, testConfig } from '../helpers/server.ts'
import { testNote } from '../helpers/testRecords.ts'
import { waitFor } from '../helpers/waitFor.ts'

// The relay's side of roles, against a stand-in BoardAccess: what it does with a grant or a refusal,
// with an observer's frames, with a person's presence, and when the HTTP side ends sockets.
// tests/integration/relayRoles.test.ts covers the same rules end to end through the real sessions.

const cleanups: Array<() => unknown> = []
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.()
})

const workshopId = 'w-1'
const grants: Record<string, BoardGrant> = {
  ada: grant('participant', { id: 'p-ada', name: 'Ada', color: '#067647' }, 'link-p', 'session-ada'),
  bo: grant('participant', { id: 'p-bo', name: 'Bo', color: '#175CD3' }, 'link-p', 'session-bo'),
  olga: grant('observer', null, 'link-o', 'session-olga'),
  anon: {
    kind: 'granted',
    role: 'participant',
    workshopId: null,
    stepBoardId: null,
    privateBoard: false,
    sessionIdHash: null,
    linkId: null,
    sessionExpiresAt: null,
    person: null,
  },
}

function grant(role: BoardGrant['role'], person: BoardGrant['person'], linkId: string, sessionIdHash: string): BoardGrant {
  return { kind: 'granted', role, workshopId, stepBoardId: null, privateBoard: false, sessionIdHash, linkId, sessionExpiresAt: null, person }
}

/** Admits `cookie: who=<name>` as that grant; anything else is refused as not signed in. */
class StandInAccess implements BoardAccess {
  asked = 0
  failWith: Error | null = null
  authorize(headers: http.IncomingHttpHeaders): Promise<BoardGrant | { kind: 'refused'; closeCode: CloseCode }> {
    this.asked += 1
    if (this.failWith !== null) return Promise.reject(this.failWith)
    const who = /who=(\w+)/.exec(headers.cookie ?? '')?.[1]
    const found = who === undefined ? undefined : grants[who]
    return Promise.resolve(found ?? { kind: 'refused', closeCode: CloseCode.notAuthenticated })
  }
}

interface Scene {
  relay: Relay
  access: StandInAccess
  syncUrl: string
  boardId: string
  storedDoc(): Promise<Y.Doc>
  /** Connects as `who` and waits until the relay handles its frames (a sync round trip). */
  join(who: keyof typeof grants, options?: { origin?: string }): Promise<RawClient>
}

async function scene(): Promise<Scene> {
  const dataDir = createDataDir()
  const config = testConfig(dataDir)
  const store = openTestStore(dataDir, config)
  const access = new StandInAccess()
  const relay = new Relay({ config, store, logger: pino({ level: 'silent' }), access })
  const server = http.createServer((_request, response) => response.writeHead(404).end())
  server.on('upgrade', relay.handleUpgrade)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  cleanups.push(async () => {
    await relay.close()
    await new Promise((resolve) => server.close(resolve))
    await store.close()
    removeDataDir(dataDir)
  })
  const syncUrl = `ws://127.0.0.1:${(server.address() as AddressInfo).port}/sync`
  const boardId = newBoardId()
  return {
    relay,
    access,
    syncUrl,
    boardId,
    storedDoc: () => loadStoredDoc(store, boardId),
    async join(who, options = {}) {
      const raw = await RawClient.connect(syncUrl, boardId, { ...options, headers: { cookie: `who=${who}` } })
      cleanups.push(() => raw.close())
      await raw.barrier()
      return raw
    },
  }
}

/** An update that adds a note of Ada's under `key` to the board's records, made by a doc of its own. */
function recordUpdate(key: string, base?: Y.Doc): { doc: Y.Doc; update: Uint8Array } {
  const doc = base ?? new Y.Doc()
  const before = Y.encodeStateVector(doc)
  doc.getArray('records').push([{ key: `shape:${key}`, val: testNote(`shape:${key}`, { createdBy: 'p-ada' }) }])
  return { doc, update: Y.encodeStateAsUpdate(doc, before) }
}

/** The notes a stored board holds (the server's own document and page left out). */
function storedNotes(doc: Y.Doc): number {
  return doc.getArray<{ key: string }>('records').toArray().filter((entry) => entry.key.startsWith('shape:')).length
}

function closeCode(raw: RawClient): Promise<number> {
  return waitFor(() => raw.closeCode, { message: 'the server to close the socket' })
}

describe('admission', () => {
  it('refuses a socket the access check refuses with its close code, and one whose check fails with 1011', async () => {
    const s = await scene()
    const stranger = await RawClient.connect(s.syncUrl, s.boardId)
    expect(await closeCode(stranger)).toBe(CloseCode.notAuthenticated.code)
    s.access.failWith = new Error('the access store is down')
    const unlucky = await RawClient.connect(s.syncUrl, s.boardId, { headers: { cookie: 'who=ada' } })
    expect(await closeCode(unlucky)).toBe(CloseCode.internalError.code)
    expect(s.relay.connectionCount).toBe(0)
  })

  it('checks the origin before asking about the session', async () => {
    const s = await scene()
    const raw = await RawClient.connect(s.syncUrl, s.boardId, { origin: 'https://evil.example', headers: { cookie: 'who=ada' } })
    expect(await closeCode(raw)).toBe(CloseCode.originNotAllowed.code)
    expect(s.access.asked).toBe(0)
  })
})

describe('observers', () => {
  it('may answer the relay’s sync step 1 with nothing new, also after a reconnect with the whole board', async () => {
    const s = await scene()
    const ada = await s.join('ada')
    const { doc, update } = recordUpdate('note')
    doc.getArray('records').delete(0, 1)
    const withDeletion = Y.encodeStateAsUpdate(doc)
    expect((await ada.outcome(ada.sendUpdate(update))).kind).toBe('acked')
    expect((await ada.outcome(ada.sendUpdate(withDeletion))).kind).toBe('acked')

    const olga = await s.join('olga')
    olga.send(syncMessage(SyncMessageType.step2, Y.encodeStateAsUpdate(new Y.Doc())))
    // A reconnecting observer's provider still holds the board, its deletions included.
    olga.send(syncMessage(SyncMessageType.step2, withDeletion))
    await olga.barrier()
    expect(olga.closeCode).toBeNull()
  })

  it('is closed with 4408 for an update the board lacks, and nobody gets it', async () => {
    const s = await scene()
    const ada = await s.join('ada')
    const olga = await s.join('olga')
    const before = ada.received.length
    olga.sendUpdate(recordUpdate('forged').update)
    expect(await closeCode(olga)).toBe(CloseCode.readOnlyRole.code)
    await ada.barrier()
    expect(ada.received.slice(before).filter((frame) => frame[0] === 0 && frame[1] === SyncMessageType.update)).toEqual([])
    expect(storedNotes(await s.storedDoc())).toBe(0)
  })

  it('is closed with 4408 for deleting what the board has', async () => {
    const s = await scene()
    const ada = await s.join('ada')
    const { doc, update } = recordUpdate('keep me')
    expect((await ada.outcome(ada.sendUpdate(update))).kind).toBe('acked')
    const before = Y.encodeStateVector(doc)
    doc.getArray('records').delete(0, 1)
    const olga = await s.join('olga')
    olga.sendUpdate(Y.encodeStateAsUpdate(doc, before))
    expect(await closeCode(olga)).toBe(CloseCode.readOnlyRole.code)
    expect(storedNotes(await s.storedDoc())).toBe(1)
  })

  it('is closed with 4408 for publishing a presence, which nobody sees', async () => {
    const s = await scene()
    const ada = await s.join('ada')
    const olga = await s.join('olga')
    olga.send(awarenessMessage(4242, 1, { user: { name: 'Olga', color: '#000000' } }))
    expect(await closeCode(olga)).toBe(CloseCode.readOnlyRole.code)
    await ada.barrier()
    expect(presencesSeenBy(ada).has(4242)).toBe(false)
  })
})

describe('presence stamping', () => {
  it('shows a person’s presence under their own name and colour, whatever they claim', async () => {
    const s = await scene()
    const bo = await s.join('bo')
    const ada = await s.join('ada')
    ada.send(
      awarenessMessage(777, 1, {
        user: { name: 'Bo', color: '#175CD3' },
        presence: { typeName: 'instance_presence', id: 'instance_presence:777', userId: 'p-bo', userName: 'Bo', color: '#175CD3' },
      }),
    )
    const state = await waitFor(() => presencesSeenBy(bo).get(777), { message: 'Ada’s presence at Bo' })
    expect(state).toEqual({
      user: { name: 'Ada', color: '#067647' },
      presence: { typeName: 'instance_presence', id: 'instance_presence:777', userId: 'user:p-ada', userName: 'Ada', color: '#067647' },
    })
    // A joiner's greeting carries the stamped state too.
    const late = await s.join('olga')
    expect(presencesSeenBy(late).get(777)).toEqual(state)
  })

  it('keys a presence record by its awareness client id, so nobody can replace another person’s cursor', async () => {
    const s = await scene()
    const bo = await s.join('bo')
    const ada = await s.join('ada')
    // Ada publishes under client 778 a presence record claiming Bo's record id (client 777).
    ada.send(
      awarenessMessage(778, 1, {
        user: { name: 'Ada', color: '#067647' },
        presence: { typeName: 'instance_presence', id: 'instance_presence:777', userId: 'user:p-ada', userName: 'Ada', color: '#067647' },
      }),
    )
    const state = await waitFor(() => presencesSeenBy(bo).get(778), { message: 'Ada’s presence at Bo' })
    expect(state).toMatchObject({ presence: { id: 'instance_presence:778', userName: 'Ada' } })
  })

  it('leaves the presence of a grant without a person as sent', async () => {
    const s = await scene()
    const bo = await s.join('bo')
    const anon = await s.join('anon')
    anon.send(awarenessMessage(778, 1, { user: { name: 'Anyone', color: '#123456' } }))
    expect(await waitFor(() => presencesSeenBy(bo).get(778))).toEqual({ user: { name: 'Anyone', color: '#123456' } })
  })
})

describe('live sessions', () => {
  it('ends exactly the sockets a filter names, at once, and their presence with them', async () => {
    const s = await scene()
    const ada = await s.join('ada')
    const bo = await s.join('bo')
    const olga = await s.join('olga')
    ada.send(awarenessMessage(901, 1, { user: {} }))
    await waitFor(() => presencesSeenBy(bo).has(901), { message: 'Ada’s presence at Bo' })
    expect(await s.relay.onlinePeople(workshopId)).toEqual(new Map([['p-ada', new Set([s.boardId])], ['p-bo', new Set([s.boardId])]]))

    expect(s.relay.endSockets({ sessionIdHash: 'session-ada' }, CloseCode.sessionEnded)).toBe(1)
    // Ended within the call: no longer online, even before the close handshake finished.
    expect(await s.relay.onlinePeople(workshopId)).toEqual(new Map([['p-bo', new Set([s.boardId])]]))
    expect(await closeCode(ada)).toBe(CloseCode.sessionEnded.code)
    await waitFor(() => presencesSeenBy(bo).get(901) === null, { message: 'Ada’s presence removed at Bo' })

    expect(s.relay.endSockets({ workshopId, roles: ['observer'] }, CloseCode.linkRotated)).toBe(1)
    expect(await closeCode(olga)).toBe(CloseCode.linkRotated.code)
    expect(s.relay.endSockets({ linkId: 'link-o' }, CloseCode.linkRotated)).toBe(0)
    expect(s.relay.endSockets({ boardIds: [newBoardId()] }, CloseCode.boardDeleted)).toBe(0)
    expect(s.relay.endSockets({ boardIds: [s.boardId], linkId: 'link-p' }, CloseCode.boardDeleted)).toBe(1)
    expect(await closeCode(bo)).toBe(CloseCode.boardDeleted.code)
  })

  it('applies nothing more of an ended socket, not even frames it had already sent', async () => {
    const s = await scene()
    const ada = await s.join('ada')
    const bo = await s.join('bo')
    const doc = new Y.Doc()
    for (let i = 0; i < 200; i++) ada.sendUpdate(recordUpdate(`n${i}`, doc).update)
    s.relay.endSockets({ sessionIdHash: 'session-ada' }, CloseCode.sessionEnded)
    const atEnd = s.relay.rooms.stats(s.boardId)?.documentBytes
    await closeCode(ada)
    await bo.barrier()
    expect(s.relay.rooms.stats(s.boardId)?.documentBytes).toBe(atEnd)
    expect(bo.received.filter((frame) => frame[0] === 0 && frame[1] === SyncMessageType.update)).toEqual([])
  })
})
