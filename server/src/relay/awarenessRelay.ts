import * as decoding from 'lib0/decoding'
import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate, removeAwarenessStates } from 'y-protocols/awareness'
import * as Y from 'yjs'
import { Connection } from './connection.ts'
import { encodeAwareness } from './protocol.ts'

interface AwarenessChange {
  added: number[]
  updated: number[]
  removed: number[]
}

/** Sends a frame to every connection in the room except `except`. */
export type Broadcast = (frame: Uint8Array, except: Connection | null) => void

/**
 * A room's presence (cursors, selections, names), relayed through a server-side
 * y-protocols Awareness. `applyAwarenessUpdate` only reports entries whose clock
 * is newer than what the relay has seen, so the echoes that stock providers send
 * back (they re-send every change they receive) stop here instead of fanning
 * out. Nothing is ever sent back to the connection it came from.
 */
export class AwarenessRelay {
  readonly #awareness: Awareness
  readonly #broadcast: Broadcast
  /** The message being applied, so the change handler can forward its bytes unchanged when all of it is new. */
  #current: { connection: Connection; frame: Uint8Array; entries: number } | null = null

  constructor(broadcast: Broadcast) {
    this.#broadcast = broadcast
    // A doc of its own: the awareness only needs a client id, and the room may replace its board document.
    this.#awareness = new Awareness(new Y.Doc())
    // The relay has no presence of its own.
    this.#awareness.setLocalState(null)
    this.#awareness.on('update', (change: AwarenessChange, origin: unknown) => this.#relay(change, origin))
  }

  /**
   * Applies an awareness update from `connection` and relays what is new.
   * Returns false when the update does not decode (the caller closes with 4402).
   */
  apply(connection: Connection, update: Uint8Array, frame: Uint8Array): boolean {
    const entries = countValidEntries(update)
    if (entries === null) return false
    this.#current = { connection, frame, entries }
    try {
      applyAwarenessUpdate(this.#awareness, update, connection)
    } finally {
      this.#current = null
    }
    return true
  }

  /** Every known presence as one awareness message, or null when the room has none. */
  encodeAll(): Uint8Array | null {
    const clients = [...this.#awareness.getStates().keys()]
    if (clients.length === 0) return null
    return encodeAwareness(encodeAwarenessUpdate(this.#awareness, clients))
  }

  /** The connection left: its presences are removed and the others are told. */
  removeConnection(connection: Connection): void {
    const clients = [...connection.awarenessClients].filter((client) => this.#awareness.getStates().has(client))
    connection.awarenessClients.clear()
    if (clients.length > 0) removeAwarenessStates(this.#awareness, clients, connection)
  }

  destroy(): void {
    this.#awareness.destroy()
    this.#awareness.doc.destroy()
  }

  #relay({ added, updated, removed }: AwarenessChange, origin: unknown): void {
    // The relay's own (always empty) presence is nobody's business.
    const changed = [...added, ...updated, ...removed].filter((client) => client !== this.#awareness.clientID)
    if (changed.length === 0) return
    // The origin is the connection the change came from, or 'timeout' when the relay expired a silent client.
    const sender = origin instanceof Connection ? origin : null
    if (sender !== null) {
      for (const client of added) sender.awarenessClients.add(client)
      for (const client of updated) sender.awarenessClients.add(client)
      for (const client of removed) sender.awarenessClients.delete(client)
    }
    const current = this.#current
    const frame =
      current !== null && current.connection === sender && current.entries === changed.length
        ? current.frame
        : encodeAwareness(encodeAwarenessUpdate(this.#awareness, changed))
    this.#broadcast(frame, sender)
  }
}

/** Decodes an awareness update without applying it; null when it is malformed or a state is not an object. */
function countValidEntries(update: Uint8Array): number | null {
  try {
    const decoder = decoding.createDecoder(update)
    const count = decoding.readVarUint(decoder)
    for (let i = 0; i < count; i++) {
      decoding.readVarUint(decoder)
      decoding.readVarUint(decoder)
      const state: unknown = JSON.parse(decoding.readVarString(decoder))
      if (typeof state !== 'object') return null
    }
    return decoding.hasContent(decoder) ? null : count
  } catch {
    return null
  }
}
