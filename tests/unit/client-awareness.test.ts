// Our client sends only its own awareness state; it never re-sends other people's.
import { afterEach, describe, expect, it, vi } from 'vitest'
import * as decoding from 'lib0/decoding'
import { WebsocketProvider } from 'y-websocket'
import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate } from 'y-protocols/awareness'
import * as Y from 'yjs'
import { createOwnAwarenessHandler, replaceAwarenessBroadcast } from '../../client/src/board/awarenessBroadcast.ts'
import { MessageType } from '../../shared/src/protocol/messages.ts'
import { awarenessClients, foreignAwarenessUpdate, startProtocolPeer, type ProtocolPeer } from './client-protocol-peer.ts'

const cleanups: (() => void | Promise<void>)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

function newAwareness(): Awareness {
  const awareness = new Awareness(new Y.Doc())
  cleanups.push(() => awareness.destroy())
  return awareness
}

/** The client ids in a message our handler sent (`[1, awareness update]`). */
function clientsIn(message: Uint8Array): number[] {
  const decoder = decoding.createDecoder(message)
  expect(decoding.readVarUint(decoder)).toBe(MessageType.awareness)
  return awarenessClients(decoding.readVarUint8Array(decoder))
}

describe('createOwnAwarenessHandler', () => {
  it('sends our own changes and none of the states it receives', () => {
    const ours = newAwareness()
    const theirs = newAwareness()
    const sent: Uint8Array[] = []
    ours.on('update', createOwnAwarenessHandler(ours, (message) => sent.push(message)))

    ours.setLocalStateField('user', { name: 'Kari', color: '#175CD3' })
    expect(sent.map(clientsIn)).toEqual([[ours.clientID]])

    theirs.setLocalStateField('user', { name: 'Ola', color: '#067647' })
    applyAwarenessUpdate(ours, encodeAwarenessUpdate(theirs, [theirs.clientID]), 'provider')
    expect(ours.getStates().has(theirs.clientID)).toBe(true)
    expect(sent).toHaveLength(1)

    // Someone marks us as gone: we answer with our state (and a newer clock) to stay visible.
    const goneClock = (ours.meta.get(ours.clientID)?.clock ?? 0) + 1
    const removal = new Awareness(new Y.Doc())
    removal.meta.set(ours.clientID, { clock: goneClock, lastUpdated: 0 })
    applyAwarenessUpdate(ours, encodeAwarenessUpdate(removal, [ours.clientID], new Map()), 'provider')
    removal.destroy()
    expect(sent.map(clientsIn)).toEqual([[ours.clientID], [ours.clientID]])
    expect(ours.getLocalState()).not.toBeNull()
  })
})

describe('replaceAwarenessBroadcast on the y-websocket provider', () => {
  let peer: ProtocolPeer

  async function connect(replace: boolean) {
    peer = await startProtocolPeer()
    // The stock provider has no save-ack handler; this test is about awareness only.
    peer.autoAck = false
    cleanups.push(() => peer.close())
    const doc = new Y.Doc()
    const provider = new WebsocketProvider(peer.url, 'board-under-test', doc, { disableBc: true })
    const restore = replace ? replaceAwarenessBroadcast(provider) : () => undefined
    cleanups.push(() => {
      restore()
      provider.destroy()
      doc.destroy()
    })
    await vi.waitFor(() => expect(provider.synced).toBe(true))
    return provider
  }

  /** What the peer receives after another person's state arrives, then our own change. */
  async function framesAfterForeignState(provider: WebsocketProvider): Promise<number[][]> {
    const connection = peer.connections[0]!
    const before = connection.awarenessReceived.length
    peer.sendAwareness(foreignAwarenessUpdate('Ola'))
    await vi.waitFor(() => expect(provider.awareness.getStates().size).toBe(2))
    provider.awareness.setLocalStateField('user', { name: 'Kari', color: '#175CD3' })
    // Frames arrive in order: once ours is in, any echo would have been, too.
    await vi.waitFor(() =>
      expect(connection.awarenessReceived.slice(before).some((ids) => ids.includes(provider.doc.clientID))).toBe(true),
    )
    return connection.awarenessReceived.slice(before)
  }

  it('sends only our own state', async () => {
    const provider = await connect(true)
    expect(await framesAfterForeignState(provider)).toEqual([[provider.doc.clientID]])
  })

  it('replaces a stock behaviour that echoes other people’s states', async () => {
    const provider = await connect(false)
    const frames = await framesAfterForeignState(provider)
    expect(frames).toHaveLength(2)
    expect(frames[0]).not.toContain(provider.doc.clientID)
  })
})
