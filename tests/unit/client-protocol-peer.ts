// A minimal peer that speaks the board socket protocol as the brief fixes it (sync step 1
// before step 2, `[100, n]` save acks, `[101, n, reason]` rejections), so the client's
// counting can be checked through the real y-websocket provider without the full relay.
import { once } from 'node:events'
import type { AddressInfo } from 'node:net'
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import { WebSocketServer, type WebSocket } from 'ws'
import * as awarenessProtocol from 'y-protocols/awareness'
import * as syncProtocol from 'y-protocols/sync'
import * as Y from 'yjs'
import { MessageType, SyncMessageType } from '../../shared/src/protocol/messages.ts'

export interface PeerConnection {
  socket: WebSocket
  /** Update-carrying messages received on this socket (the relay's sequence numbers). */
  updatesReceived: number
  /** Client ids in each awareness message received on this socket. */
  awarenessReceived: number[][]
}

export interface ProtocolPeer {
  url: string
  doc: Y.Doc
  connections: PeerConnection[]
  /** Acknowledge automatically (default) or only when told to. */
  autoAck: boolean
  ack(connection: PeerConnection, sequence: number): void
  reject(connection: PeerConnection, sequence: number, reason: number): void
  /** Sends an awareness update to every connection, as if relayed from someone else. */
  sendAwareness(update: Uint8Array): void
  close(): Promise<void>
}

function frame(write: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder()
  write(encoder)
  return encoding.toUint8Array(encoder)
}

/** A message of varuints only, e.g. `[100, n]`. */
function numbers(...values: number[]): Uint8Array {
  return frame((encoder) => {
    for (const value of values) encoding.writeVarUint(encoder, value)
  })
}

function syncFrame(write: (encoder: encoding.Encoder) => void): Uint8Array {
  return frame((encoder) => {
    encoding.writeVarUint(encoder, MessageType.sync)
    write(encoder)
  })
}

export async function startProtocolPeer(): Promise<ProtocolPeer> {
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0 })
  await once(server, 'listening')
  const doc = new Y.Doc()
  let closed: Promise<void> | null = null
  const peer: ProtocolPeer = {
    url: `ws://127.0.0.1:${(server.address() as AddressInfo).port}`,
    doc,
    connections: [],
    autoAck: true,
    ack(connection, sequence) {
      connection.socket.send(numbers(MessageType.saveAck, sequence))
    },
    reject(connection, sequence, reason) {
      connection.socket.send(numbers(MessageType.updateRejected, sequence, reason))
    },
    sendAwareness(update) {
      const message = frame((encoder) => {
        encoding.writeVarUint(encoder, MessageType.awareness)
        encoding.writeVarUint8Array(encoder, update)
      })
      for (const { socket } of peer.connections) socket.send(message)
    },
    close() {
      closed ??= new Promise((resolve) => {
        for (const { socket } of peer.connections) socket.terminate()
        server.close(() => resolve())
      })
      return closed
    },
  }

  server.on('connection', (socket) => {
    const connection: PeerConnection = { socket, updatesReceived: 0, awarenessReceived: [] }
    peer.connections.push(connection)
    socket.send(syncFrame((encoder) => syncProtocol.writeSyncStep1(encoder, doc)))
    socket.send(syncFrame((encoder) => syncProtocol.writeSyncStep2(encoder, doc)))
    socket.on('message', (data: Buffer) => {
      const decoder = decoding.createDecoder(new Uint8Array(data))
      const type = decoding.readVarUint(decoder)
      if (type === MessageType.awareness) {
        connection.awarenessReceived.push(awarenessClients(decoding.readVarUint8Array(decoder)))
        return
      }
      if (type !== MessageType.sync) return
      const reply = encoding.createEncoder()
      encoding.writeVarUint(reply, MessageType.sync)
      const syncType = syncProtocol.readSyncMessage(decoder, reply, doc, connection)
      if (encoding.length(reply) > 1) socket.send(encoding.toUint8Array(reply))
      if (syncType === SyncMessageType.step2 || syncType === SyncMessageType.update) {
        connection.updatesReceived++
        if (peer.autoAck) peer.ack(connection, connection.updatesReceived)
      }
    })
  })
  return peer
}

/** The client ids an awareness update carries. */
export function awarenessClients(update: Uint8Array): number[] {
  const decoder = decoding.createDecoder(update)
  const clients: number[] = []
  for (let count = decoding.readVarUint(decoder); count > 0; count--) {
    clients.push(decoding.readVarUint(decoder))
    decoding.readVarUint(decoder)
    decoding.readVarString(decoder)
  }
  return clients
}

/** An awareness update from a made-up other client. */
export function foreignAwarenessUpdate(name: string): Uint8Array {
  const awareness = new awarenessProtocol.Awareness(new Y.Doc())
  awareness.setLocalState({ user: { name, color: '#175CD3' }, presence: null })
  const update = awarenessProtocol.encodeAwarenessUpdate(awareness, [awareness.clientID])
  awareness.destroy()
  return update
}
