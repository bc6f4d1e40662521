import * as decoding from 'lib0/decoding'
import { MessageType, SyncMessageType } from '../../../shared/src/protocol/messages.ts'

type SocketData = Parameters<WebSocket['send']>[0]

function asBytes(data: unknown): Uint8Array | null {
  if (data instanceof Uint8Array) return data
  if (data instanceof ArrayBuffer) return new Uint8Array(data)
  if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength)
  return null
}

/**
 * True when an outgoing frame is a sync message that carries an update: message type
 * `sync` with sub-type `step2` or `update`. These are the messages the relay acknowledges
 * with `saveAck`, counted from 1 on each socket (see the save-ack protocol in
 * shared/src/protocol/messages.ts).
 */
export function carriesUpdate(data: unknown): boolean {
  const bytes = asBytes(data)
  if (bytes === null || bytes.length < 2) return false
  try {
    const decoder = decoding.createDecoder(bytes)
    if (decoding.readVarUint(decoder) !== MessageType.sync) return false
    const syncType = decoding.readVarUint(decoder)
    return syncType === SyncMessageType.step2 || syncType === SyncMessageType.update
  } catch {
    return false
  }
}

/** A WebSocket that counts the update-carrying messages sent through it. */
export interface CountingWebSocket extends WebSocket {
  /** Update-carrying sync messages sent on this socket so far; the n-th has sequence number n. */
  readonly updatesSent: number
}

export type CountingWebSocketClass = typeof WebSocket & {
  new (url: string | URL, protocols?: string | string[]): CountingWebSocket
}

export interface CountingWebSocketEvents {
  /** A socket was created; counting restarts for it. */
  onCreated(socket: CountingWebSocket): void
  /** `socket` sent its `updatesSent`-th update-carrying message. */
  onUpdateSent(socket: CountingWebSocket): void
}

/**
 * A WebSocket class for the provider's `WebSocketPolyfill` option that reports every
 * update-carrying message it sends. One class per connection, so the counts belong to it.
 */
export function createCountingWebSocket(
  events: CountingWebSocketEvents,
  Base: typeof WebSocket = WebSocket,
): CountingWebSocketClass {
  return class extends Base implements CountingWebSocket {
    updatesSent = 0

    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols)
      events.onCreated(this)
    }

    override send(data: SocketData): void {
      super.send(data)
      if (carriesUpdate(data)) {
        this.updatesSent++
        events.onUpdateSent(this)
      }
    }
  }
}
