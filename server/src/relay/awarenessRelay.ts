import { Awareness, applyAwarenessUpdate, removeAwarenessStates } from 'y-protocols/awareness'
import * as Y from 'yjs'
import type { Logger } from '../logger.ts'
import {
  decodeAwarenessUpdate,
  encodeAwarenessEntries,
  encodeAwarenessStates,
  type AwarenessEntry,
  type AwarenessLimits,
} from './awarenessUpdate.ts'
import { Connection } from './connection.ts'
import { stampPresence } from './presenceStamp.ts'
import { encodeAwareness } from './protocol.ts'

interface AwarenessChange {
  added: number[]
  updated: number[]
  removed: number[]
}

/** Sends a frame to every connection in the room except `except`. */
export type Broadcast = (frame: Uint8Array, except: Connection | null) => void

export interface AwarenessRelayOptions {
  broadcast: Broadcast
  limits: AwarenessLimits
  logger: Logger
  /**
   * Whether `connection` may publish a presence under `clientId`, which no connection holds now:
   * the board's client id owners decide (an id in presence is an id someone writes with), and
   * claim it for the connection's person when it is new. Default: yes.
   */
  mayClaim?: (connection: Connection, clientId: number) => boolean
  /** Hands what this room's own connections changed, as the frame sent to the room, to the other instances. */
  publish?: (frame: Uint8Array) => void
}

/** The origin of presence changes made on another instance. */
const remoteOrigin = Symbol('another instance')

/** Sizes of a room's presence bookkeeping (tests check that it returns to its baseline). */
export interface AwarenessStats {
  /** Presences held (client ids with a state). */
  states: number
  /** Clocks held by y-protocols: one per presence, plus one for the relay's own (empty) presence. */
  meta: number
  /** Client ids claimed by a connection. */
  owned: number
}

/**
 * A room's presence (cursors, selections, names), relayed through a server-side
 * y-protocols Awareness. `applyAwarenessUpdate` only reports entries whose clock
 * is newer than what the relay has seen, so the echoes that stock providers send
 * back (they re-send every change they receive) stop here instead of fanning
 * out. Nothing is ever sent back to the connection it came from.
 *
 * Ownership: a client id belongs to the first connection that publishes a state
 * for it, up to `maxClientsPerConnection` ids per connection and
 * `maxClientsPerRoom` per room. Entries for ids owned by another connection,
 * for ids nobody owns when they only remove, and past either limit are ignored
 * rather than punished, because stock providers echo everyone's entries and an
 * echo can race a departure. Only entries that do not decode or break the state
 * limits close the connection (4402). When a connection leaves, its ids are
 * removed with their clocks, so memory returns to what it was; a reconnecting
 * provider publishes its (higher) clock again and is taken as new.
 *
 * Names: when a connection's grant names a person, every state it publishes
 * carries that person's name and colour (stampPresence), whatever it claimed.
 */
export class AwarenessRelay {
  readonly #awareness: Awareness
  readonly #broadcast: Broadcast
  readonly #limits: AwarenessLimits
  readonly #logger: Logger
  readonly #mayClaim: (connection: Connection, clientId: number) => boolean
  readonly #publish: (frame: Uint8Array) => void
  readonly #owners = new Map<number, Connection>()
  /** Connections already logged for going over a limit: one line each is enough. */
  readonly #warned = new WeakSet<Connection>()
  /** The message being applied, so the change handler can forward its bytes unchanged when all of it is new. */
  #current: { connection: Connection; frame: Uint8Array | null; entries: number } | null = null

  constructor(options: AwarenessRelayOptions) {
    this.#broadcast = options.broadcast
    this.#limits = options.limits
    this.#logger = options.logger
    this.#mayClaim = options.mayClaim ?? (() => true)
    this.#publish = options.publish ?? (() => undefined)
    // A doc of its own: the awareness only needs a client id, and the room may replace its board document.
    this.#awareness = new Awareness(new Y.Doc())
    // The relay has no presence of its own.
    this.#awareness.setLocalState(null)
    this.#awareness.on('update', (change: AwarenessChange, origin: unknown) => this.#relay(change, origin))
  }

  get stats(): AwarenessStats {
    return { states: this.#awareness.getStates().size, meta: this.#awareness.meta.size, owned: this.#owners.size }
  }

  /**
   * Applies what `connection` may publish of an awareness update and relays what
   * is new. Returns false when the update is malformed or breaks the state
   * limits (the caller closes with 4402).
   */
  apply(connection: Connection, update: Uint8Array, frame: Uint8Array): boolean {
    const person = connection.grant.person
    const entries = decodeAwarenessUpdate(update, this.#limits, person === null ? null : (state, clientId) => stampPresence(state, person, clientId))
    if (entries === null) return false
    const accepted = entries.filter((entry) => this.#mayPublish(connection, entry))
    if (accepted.length === 0) return true
    // The frame as received can be relayed only if every entry is in it unchanged.
    const whole = accepted.length === entries.length && !accepted.some((entry) => entry.rewritten)
    this.#current = { connection, frame: whole ? frame : null, entries: accepted.length }
    try {
      applyAwarenessUpdate(this.#awareness, whole ? update : encodeAwarenessEntries(accepted), connection)
    } finally {
      this.#current = null
    }
    return true
  }

  /**
   * Presence that another instance's relay accepted (and stamped), as the awareness update in
   * the frame it sent its room: applied and relayed to this room's connections. The presences of
   * an instance that died expire like any silent one (y-protocols' 30 s).
   */
  applyRemote(update: Uint8Array): void {
    try {
      applyAwarenessUpdate(this.#awareness, update, remoteOrigin)
    } catch (error) {
      this.#logger.warn({ err: error }, 'ignoring presence from another instance that does not apply')
    }
  }

  /** Every known presence as one awareness message, or null when the room has none. */
  encodeAll(): Uint8Array | null {
    const clients = [...this.#awareness.getStates().keys()]
    if (clients.length === 0) return null
    const { update, dropped } = encodeAwarenessStates(this.#awareness, clients)
    this.#dropUnencodable(dropped)
    return update === null ? null : encodeAwareness(update)
  }

  /** The connection left: its presences are removed, the others are told, and its ids and their clocks are forgotten. */
  removeConnection(connection: Connection): void {
    const clients = [...connection.awarenessClients]
    const present = clients.filter((client) => this.#awareness.getStates().has(client))
    if (present.length > 0) removeAwarenessStates(this.#awareness, present, connection)
    for (const client of clients) this.#release(client)
  }

  destroy(): void {
    this.#awareness.destroy()
    this.#awareness.doc.destroy()
    this.#owners.clear()
  }

  /** Whether `connection` may publish this entry; claims the client id for it when nobody has. */
  #mayPublish(connection: Connection, entry: AwarenessEntry): boolean {
    const owner = this.#owners.get(entry.clientId)
    if (owner !== undefined) return owner === connection
    // Removing a presence nobody holds changes nothing, and applying it would leave a clock behind.
    if (entry.removes || entry.clientId === this.#awareness.clientID) return false
    if (connection.awarenessClients.size >= this.#limits.maxClientsPerConnection || this.#owners.size >= this.#limits.maxClientsPerRoom) {
      if (!this.#warned.has(connection)) {
        this.#warned.add(connection)
        this.#logger.warn(
          { connection: connection.id, owned: connection.awarenessClients.size, inRoom: this.#owners.size },
          'ignoring presences over the per-connection or per-room limit',
        )
      }
      return false
    }
    if (!this.#mayClaim(connection, entry.clientId)) return false
    this.#owners.set(entry.clientId, connection)
    connection.awarenessClients.add(entry.clientId)
    return true
  }

  #release(client: number): void {
    this.#owners.get(client)?.awarenessClients.delete(client)
    this.#owners.delete(client)
    this.#awareness.meta.delete(client)
  }

  /** States that fail to encode would fail every joiner's greeting: they are removed, and the room goes on. */
  #dropUnencodable(clients: readonly number[]): void {
    if (clients.length === 0) return
    this.#logger.warn({ clients: clients.length }, 'removing presences that could not be encoded')
    removeAwarenessStates(this.#awareness, [...clients], 'unencodable')
    for (const client of clients) this.#release(client)
  }

  #relay({ added, updated, removed }: AwarenessChange, origin: unknown): void {
    // The relay's own (always empty) presence is nobody's business.
    const changed = [...added, ...updated, ...removed].filter((client) => client !== this.#awareness.clientID)
    if (changed.length === 0) return
    // The origin is the connection the change came from, or a reason ('timeout', 'unencodable') when the relay removed it.
    const sender = origin instanceof Connection ? origin : null
    const current = this.#current
    let frame: Uint8Array | null = null
    if (current !== null && current.frame !== null && current.connection === sender && current.entries === changed.length) {
      frame = current.frame
    } else {
      const { update, dropped } = encodeAwarenessStates(this.#awareness, changed)
      if (update !== null) frame = encodeAwareness(update)
      this.#dropUnencodable(dropped)
    }
    if (frame !== null) {
      this.#broadcast(frame, sender)
      if (origin !== remoteOrigin) this.#publish(frame)
    }
    // A presence the relay expired is no one's any more; its owner may publish it again (and is counted again).
    if (sender === null) for (const client of removed) this.#release(client)
  }
}
