// Our awareness filter on real y-websocket providers against the real relay: a cursor move
// is one frame to the relay and one frame to each other person, not one per person.
import { afterEach, describe, expect, it } from 'vitest'
import * as decoding from 'lib0/decoding'
import { WebsocketProvider } from 'y-websocket'
import * as syncProtocol from 'y-protocols/sync'
import * as Y from 'yjs'
import * as encoding from 'lib0/encoding'
import { WebSocket as NodeWebSocket, type RawData } from 'ws'
import { replaceAwarenessBroadcast } from '../../client/src/board/awarenessBroadcast.ts'
import { newBoardId } from '../../shared/src/protocol/boardId.ts'
import { MessageType, SyncMessageType } from '../../shared/src/protocol/messages.ts'
import { frameKind } from '../helpers/clients.ts'
import { startTestServer, type TestServer } from '../helpers/server.ts'
import { waitFor } from '../helpers/waitFor.ts'

const cleanups: (() => unknown)[] = []
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.()
})

function bytesOf(data: unknown): Uint8Array {
  if (data instanceof Uint8Array) return data
  if (data instanceof ArrayBuffer) return new Uint8Array(data)
  if (Array.isArray(data)) return new Uint8Array(Buffer.concat(data as Buffer[]))
  throw new Error('unexpected frame data')
}

/** The client ids in an awareness frame `[1, update]`. */
function awarenessClientsOf(frame: Uint8Array): number[] {
  const decoder = decoding.createDecoder(frame)
  if (decoding.readVarUint(decoder) !== MessageType.awareness) return []
  const update = decoding.createDecoder(decoding.readVarUint8Array(decoder))
  const clients: number[] = []
  for (let count = decoding.readVarUint(update); count > 0; count--) {
    clients.push(decoding.readVarUint(update))
    decoding.readVarUint(update)
    decoding.readVarString(update)
  }
  return clients
}

interface Person {
  name: string
  provider: WebsocketProvider
  /** Awareness frames this client sent, on every socket. */
  sent: Uint8Array[]
  /** Every frame this client received, on every socket. */
  received: Uint8Array[]
}

/** A person on the board: a real provider on `ws`, with the app's awareness filter unless `stock`. */
function person(relay: TestServer, boardId: string, name: string, stock = false): Person {
  const sent: Uint8Array[] = []
  const received: Uint8Array[] = []
  class FrameCountingWebSocket extends NodeWebSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols)
      this.on('message', (data: RawData) => received.push(bytesOf(data)))
    }

    override send(data: Uint8Array, ...rest: never[]): void {
      if (frameKind(data)?.type === MessageType.awareness) sent.push(data)
      super.send(data, ...rest)
    }
  }
  const doc = new Y.Doc()
  const provider = new WebsocketProvider(relay.syncUrl, boardId, doc, {
    connect: false,
    disableBc: true,
    WebSocketPolyfill: FrameCountingWebSocket as unknown as typeof globalThis.WebSocket,
  })
  const restore = stock ? () => undefined : replaceAwarenessBroadcast(provider)
  provider.awareness.setLocalStateField('user', { name })
  provider.connect()
  cleanups.push(() => {
    restore()
    provider.destroy()
    doc.destroy()
  })
  return { name, provider, sent, received }
}

/** Sends sync step 1 and waits for the relay's step 2: every frame the relay sent this socket before is in. */
async function barrier(someone: Person): Promise<void> {
  const before = someone.received.length
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, MessageType.sync)
  syncProtocol.writeSyncStep1(encoder, someone.provider.doc)
  someone.provider.ws?.send(encoding.toUint8Array(encoder))
  await waitFor(
    () =>
      someone.received.slice(before).some((frame) => {
        const kind = frameKind(frame)
        return kind?.type === MessageType.sync && kind.syncType === SyncMessageType.step2
      }),
    { message: `${someone.name}'s barrier` },
  )
}

/** Three people on one board, all seeing each other; then Anna moves her cursor once. */
async function cursorMoveInRoomOfThree(stock: boolean) {
  const relay = await startTestServer()
  cleanups.push(() => relay.close())
  const boardId = newBoardId()
  const people = ['Anna', 'Bo', 'Cleo'].map((name) => person(relay, boardId, name, stock))
  const [anna, bo, cleo] = people as [Person, Person, Person]
  await waitFor(() => people.every(({ provider }) => provider.synced && provider.awareness.getStates().size === 3), {
    message: 'everyone synced and seeing everyone',
  })
  for (const someone of people) await barrier(someone)

  const annaId = anna.provider.awareness.clientID
  const sentBefore = people.map(({ sent }) => sent.length)
  const receivedBefore = people.map(({ received }) => received.length)
  anna.provider.awareness.setLocalStateField('cursor', { x: 120, y: 80 })
  await waitFor(
    () =>
      [bo, cleo].every(({ provider }) => {
        const state = provider.awareness.getStates().get(annaId) as { cursor?: { x: number } } | undefined
        return state?.cursor?.x === 120
      }),
    { message: 'Bo and Cleo seeing the cursor' },
  )
  // Anything the relay still had to send anyone for this move now arrives before the barrier.
  for (const someone of people) await barrier(someone)

  const sentSince = people.map(({ sent }, index) => sent.slice(sentBefore[index]))
  /** Frames carrying Anna's state that each person has received since the move. */
  const annasFramesReceived = () =>
    people.map(
      ({ received }, index) =>
        received.slice(receivedBefore[index]).filter((frame) => awarenessClientsOf(frame).includes(annaId)).length,
    )
  return { annaId, sentSince, annasFramesReceived }
}

describe('the awareness filter with the real relay', () => {
  it('sends one frame to the relay for one cursor move in a room of three, and each other person receives it once', async () => {
    const { annaId, sentSince, annasFramesReceived } = await cursorMoveInRoomOfThree(false)
    expect(sentSince.flat()).toHaveLength(1)
    expect(sentSince[0]?.map(awarenessClientsOf)).toEqual([[annaId]])
    expect(annasFramesReceived().slice(1)).toEqual([1, 1])
  })

  it('is needed: with stock providers the same move costs the relay three frames (Bo and Cleo echo it)', async () => {
    const { annaId, sentSince } = await cursorMoveInRoomOfThree(true)
    expect(sentSince.flat()).toHaveLength(3)
    expect(sentSince.flat().map(awarenessClientsOf)).toEqual([[annaId], [annaId], [annaId]])
  })
})
