// "Saved" means stored: the client counts update-carrying messages per socket and compares
// them with the relay's acknowledgements. The same classes against the real relay are in
// tests/integration/client-saveAck.test.ts.
import { describe, expect, it } from 'vitest'
import * as encoding from 'lib0/encoding'
import * as syncProtocol from 'y-protocols/sync'
import * as Y from 'yjs'
import { deriveConnectionStatus, type ConnectionFacts } from '../../client/src/board/connectionStatus.ts'
import { carriesUpdate } from '../../client/src/board/countingWebSocket.ts'
import { MessageType, UpdateRejection } from '../../shared/src/protocol/messages.ts'

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
    unwrittenChanges: false,
    offline: false,
  }

  it('says saved only when connected, synced and every update is acknowledged', () => {
    expect(deriveConnectionStatus(synced)).toBe('saved')
    expect(deriveConnectionStatus({ ...synced, updatesHandled: 2 })).toBe('saving')
    expect(deriveConnectionStatus({ ...synced, unwrittenChanges: true })).toBe('saving')
    expect(deriveConnectionStatus({ ...synced, synced: false })).toBe('reconnecting')
    expect(deriveConnectionStatus({ ...synced, synced: false, everSynced: false })).toBe('connecting')
  })

  it('prefers read-only, then offline and refused updates', () => {
    expect(deriveConnectionStatus({ ...synced, readonly: 'newer-schema' })).toBe('readonly')
    expect(deriveConnectionStatus({ ...synced, socket: 'disconnected', offline: true })).toBe('offline')
    expect(deriveConnectionStatus({ ...synced, rejection: UpdateRejection.documentTooLarge })).toBe('error')
  })
})
