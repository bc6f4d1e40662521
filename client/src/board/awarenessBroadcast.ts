import * as encoding from 'lib0/encoding'
import type { WebsocketProvider } from 'y-websocket'
import { encodeAwarenessUpdate, type Awareness } from 'y-protocols/awareness'
import { MessageType } from '../../../shared/src/protocol/messages.ts'

/** The payload of an awareness `update` event. */
export interface AwarenessChanges {
  added: number[]
  updated: number[]
  removed: number[]
}

/**
 * An awareness `update` listener that sends only this client's own state.
 *
 * The stock y-websocket listener re-sends every change it sees, including the states it
 * just received from other people, so a room of N people makes about N² frames. Other
 * clients' states are theirs to send. Our own state is sent whatever the origin: a
 * remote message that marks us as gone bumps our clock, and answering it keeps us visible.
 */
export function createOwnAwarenessHandler(
  awareness: Awareness,
  send: (message: Uint8Array<ArrayBuffer>) => void,
): (changes: AwarenessChanges, origin: unknown) => void {
  return ({ added, updated, removed }) => {
    const own = awareness.clientID
    if (!added.includes(own) && !updated.includes(own) && !removed.includes(own)) return
    const encoder = encoding.createEncoder()
    encoding.writeVarUint(encoder, MessageType.awareness)
    encoding.writeVarUint8Array(encoder, encodeAwarenessUpdate(awareness, [own]))
    // lib0 encoders always allocate plain ArrayBuffers.
    send(encoding.toUint8Array(encoder) as Uint8Array<ArrayBuffer>)
  }
}

/**
 * Replaces the provider's awareness broadcast with {@link createOwnAwarenessHandler}.
 * The provider still answers `queryAwareness` with every state it knows, as stock.
 * Returns a function that removes our listener.
 */
export function replaceAwarenessBroadcast(provider: WebsocketProvider): () => void {
  const { awareness } = provider
  awareness.off('update', provider._awarenessUpdateHandler)
  const handler = createOwnAwarenessHandler(awareness, (message) => {
    const socket = provider.ws
    if (provider.wsconnected && socket !== null && socket.readyState === socket.OPEN) socket.send(message)
  })
  awareness.on('update', handler)
  return () => awareness.off('update', handler)
}
