import { CloseCode } from '../../../shared/src/protocol/closeCodes.ts'
import type { Connection } from './connection.ts'

export interface DeferredJoinsOptions {
  /** The sync step 2 that brings a client with `stateVector` up to the room's document (throws on a bad vector). */
  syncStep2For: (stateVector: Uint8Array) => Uint8Array
  /** False while something applied is still uncommitted, or the document is being rebuilt. */
  canAnswer: () => boolean
}

/**
 * How a room answers a joiner's sync step 1: at once when everything applied is committed,
 * otherwise once it is, so that no joiner is shown state a crash could take back. One answer
 * per connection is enough: the latest state vector is the most complete.
 */
export class DeferredJoins {
  readonly #options: DeferredJoinsOptions
  #joins: Array<{ connection: Connection; stateVector: Uint8Array }> = []

  constructor(options: DeferredJoinsOptions) {
    this.#options = options
  }

  /** A connection's sync step 1: answered now, or kept for {@link answerWaiting}. */
  request(connection: Connection, stateVector: Uint8Array): void {
    if (this.#options.canAnswer()) {
      this.#answer(connection, stateVector)
      return
    }
    const pending = this.#joins.find((join) => join.connection === connection)
    if (pending) pending.stateVector = stateVector
    else this.#joins.push({ connection, stateVector })
  }

  /** Answers the kept requests, oldest first, if the room can answer now. */
  answerWaiting(): void {
    if (!this.#options.canAnswer()) return
    const joins = this.#joins
    this.#joins = []
    for (const { connection, stateVector } of joins) this.#answer(connection, stateVector)
  }

  forget(connection: Connection): void {
    this.#joins = this.#joins.filter((join) => join.connection !== connection)
  }

  /** Drops every kept request unanswered (the room is leaving memory). */
  clear(): void {
    this.#joins = []
  }

  #answer(connection: Connection, stateVector: Uint8Array): void {
    if (connection.closed) return
    let reply: Uint8Array
    try {
      reply = this.#options.syncStep2For(stateVector)
    } catch {
      connection.close(CloseCode.malformedMessage)
      return
    }
    connection.send(reply)
  }
}
