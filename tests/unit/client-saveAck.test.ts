// "Saved" means stored: the client counts update-carrying messages per socket and compares
// them with the relay's acknowledgements.
import { afterEach, describe, expect, it, vi } from 'vitest'
import * as encoding from 'lib0/encoding'
import { atom } from 'tldraw'
import { WebsocketProvider } from 'y-websocket'
import * as syncProtocol from 'y-protocols/sync'
import * as Y from 'yjs'
import { ConnectionWatch } from '../../client/src/board/ConnectionWatch.ts'
import { deriveConnectionStatus, type ConnectionFacts } from '../../client/src/board/connectionStatus.ts'
import { carriesUpdate } from '../../client/src/board/countingWebSocket.ts'
import { MessageType, UpdateRejection } from '../../shared/src/protocol/messages.ts'
import { CloseCode } from '../../shared/src/protocol/closeCodes.ts'
import { startProtocolPeer, type ProtocolPeer } from './client-protocol-peer.ts'

function syncMessage(write: (encoder: encoding.Encoder, doc: Y.Doc) => void): Uint8Array {
  const doc = new Y.Doc()
  doc.getMap('meta').set('schema', 1)
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, MessageType.sync)
  write(encoder, doc)
  return encoding.toUint8Array(encoder)
}

describe('carriesUpdate', () => {
  it('counts sync step 2 and update messages only', () => {
    expect(carriesUpdate(syncMessage((e, doc) => syncProtocol.writeSyncStep1(e, doc)))).toBe(false)
    expect(carriesUpdate(syncMessage((e, doc) => syncProtocol.writeSyncStep2(e, doc)))).toBe(true)
    expect(carriesUpdate(syncMessage((e, doc) => syncProtocol.writeUpdate(e, Y.encodeStateAsUpdate(doc))))).toBe(true)
  })

  it('ignores other message types, text frames and garbage', () => {
    expect(carriesUpdate(new Uint8Array([MessageType.awareness, 0]))).toBe(false)
    expect(carriesUpdate(new Uint8Array([MessageType.queryAwareness]))).toBe(false)
    expect(carriesUpdate(new Uint8Array([]))).toBe(false)
    expect(carriesUpdate(new Uint8Array([MessageType.sync]))).toBe(false)
    expect(carriesUpdate(new Uint8Array([MessageType.sync, 0x80]))).toBe(false)
    expect(carriesUpdate('0 2 text')).toBe(false)
    const update = syncMessage((e, doc) => syncProtocol.writeUpdate(e, Y.encodeStateAsUpdate(doc)))
    expect(carriesUpdate(update.buffer)).toBe(true)
    expect(carriesUpdate(new DataView(update.buffer))).toBe(true)
  })
})

describe('deriveConnectionStatus', () => {
  const synced: ConnectionFacts = {
    readonly: null,
    socket: 'connected',
    synced: true,
    everSynced: true,
    updatesSent: 3,
    updatesHandled: 3,
    rejection: null,
    offline: false,
  }

  it('says saved only when connected, synced and every update is acknowledged', () => {
    expect(deriveConnectionStatus(synced)).toBe('saved')
    expect(deriveConnectionStatus({ ...synced, updatesHandled: 2 })).toBe('saving')
    expect(deriveConnectionStatus({ ...synced, synced: false })).toBe('reconnecting')
    expect(deriveConnectionStatus({ ...synced, synced: false, everSynced: false })).toBe('connecting')
  })

  it('prefers read-only, then offline and refused updates', () => {
    expect(deriveConnectionStatus({ ...synced, readonly: 'newer-schema' })).toBe('readonly')
    expect(deriveConnectionStatus({ ...synced, socket: 'disconnected', offline: true })).toBe('offline')
    expect(deriveConnectionStatus({ ...synced, rejection: UpdateRejection.documentTooLarge })).toBe('error')
  })
})

describe('ConnectionWatch with the y-websocket provider', () => {
  let peer: ProtocolPeer
  const cleanups: (() => void | Promise<void>)[] = []
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
  })

  async function connect(offlineAfterMs = 60_000) {
    peer = await startProtocolPeer()
    cleanups.push(() => peer.close())
    const doc = new Y.Doc()
    const watch = new ConnectionWatch({ readonlyReason: atom('readonlyReason', null), offlineAfterMs })
    const provider = new WebsocketProvider(peer.url, 'board-under-test', doc, {
      connect: false,
      disableBc: true,
      WebSocketPolyfill: watch.socketClass,
    })
    watch.attach(provider)
    cleanups.push(() => {
      watch.destroy()
      provider.destroy()
      doc.destroy()
    })
    provider.connect()
    const status = () => watch.$state.get().status
    return { doc, watch, provider, status }
  }

  it('shows saving until the relay acknowledges, then saved', async () => {
    const { doc, status } = await connect()
    await vi.waitFor(() => expect(status()).toBe('saved'))

    peer.autoAck = false
    doc.getMap('meta').set('note', 'ulagret')
    await vi.waitFor(() => expect(peer.connections[0]?.updatesReceived).toBe(2))
    expect(status()).toBe('saving')

    peer.ack(peer.connections[0]!, 2)
    await vi.waitFor(() => expect(status()).toBe('saved'))
    expect(peer.doc.getMap('meta').get('note')).toBe('ulagret')
  })

  it('restarts counting on a new socket', async () => {
    const { doc, provider, status } = await connect()
    await vi.waitFor(() => expect(status()).toBe('saved'))
    doc.getMap('meta').set('a', 1)
    await vi.waitFor(() => expect(peer.connections[0]?.updatesReceived).toBe(2))

    provider.disconnect()
    provider.connect()
    await vi.waitFor(() => expect(peer.connections.length).toBe(2))
    await vi.waitFor(() => expect(status()).toBe('saved'))
    expect(peer.connections[1]?.updatesReceived).toBe(1)
  })

  it('reports an update the relay refuses for good', async () => {
    const { doc, watch, status } = await connect()
    await vi.waitFor(() => expect(status()).toBe('saved'))
    peer.autoAck = false
    doc.getMap('meta').set('huge', 'x')
    await vi.waitFor(() => expect(peer.connections[0]?.updatesReceived).toBe(2))
    peer.reject(peer.connections[0]!, 2, UpdateRejection.documentTooLarge)
    await vi.waitFor(() => expect(status()).toBe('error'))
    expect(watch.$state.get().rejection).toBe(UpdateRejection.documentTooLarge)
  })

  it('goes read-only and stops reconnecting when the server refuses with 4400–4499', async () => {
    const { watch, status } = await connect()
    await vi.waitFor(() => expect(status()).toBe('saved'))
    const { code, reason } = CloseCode.originNotAllowed
    peer.connections[0]!.socket.close(code, reason)
    await vi.waitFor(() => expect(status()).toBe('readonly'))
    expect(watch.$state.get()).toMatchObject({ readonlyCause: 'refused', refusal: { code, reason } })
    expect(peer.connections.length).toBe(1)
  })

  it('shows reconnecting when the connection drops, and offline when it stays away', async () => {
    const { status } = await connect(300)
    await vi.waitFor(() => expect(status()).toBe('saved'))
    await peer.close()
    await vi.waitFor(() => expect(status()).toBe('reconnecting'))
    await vi.waitFor(() => expect(status()).toBe('offline'))
  })
})
