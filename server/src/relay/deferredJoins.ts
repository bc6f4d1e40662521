import type { Connection } from './connection.ts'

/**
 * Sync step 1 messages the room cannot answer yet (something applied is still
 * uncommitted, or the document is being rebuilt), so that no joiner is shown
 * state a crash could take back. One answer per connection is enough: the
 * latest state vector is the most complete.
 */
export class DeferredJoins {
  #joins: Array<{ connection: Connection; stateVector: Uint8Array }> = []

  defer(connection: Connection, stateVector: Uint8Array): void {
    const pending = this.#joins.find((join) => join.connection === connection)
    if (pending) pending.stateVector = stateVector
    else this.#joins.push({ connection, stateVector })
  }

  forget(connection: Connection): void {
    this.#joins = this.#joins.filter((join) => join.connection !== connection)
  }

  /** Every deferred join, oldest first; the list is empty afterwards. */
  takeAll(): Array<{ connection: Connection; stateVector: Uint8Array }> {
    const joins = this.#joins
    this.#joins = []
    return joins
  }
}
