import * as Y from 'yjs'
import { UpdateRejection } from '../../../shared/src/protocol/messages.ts'
import type { Logger } from '../logger.ts'
import type { Connection } from './connection.ts'

/** The Yjs client ids an update carries content under (none when it does not decode). */
function updateWriters(update: Uint8Array): number[] {
  try {
    return [...Y.parseUpdateMeta(update).to.keys()]
  } catch {
    return []
  }
}

/** Refused record keys a socket remembers at most (a hostile socket must not grow the set without bound). */
export const maxRememberedRefusedKeys = 1000

/**
 * True when `update` only deletes (it writes under no client id) and deletes one of the records
 * whose change this socket had refused. Its sender's copy still holds the refused value: when
 * someone else's value of the same record reached it and sorts after its own, its key-value map
 * deletes the other value as a duplicate; applied here, where the refused value is not, that would
 * delete the record itself. It builds on the refused update as much as one that misses it.
 *
 * @example buildsOnRefusedKeys(connection, update, decision.touched) // then refuse: dependsOnRefused
 */
export function buildsOnRefusedKeys(connection: Connection, update: Uint8Array, touched: readonly string[]): boolean {
  if (connection.refusedKeys.size === 0 || !touched.some((key) => connection.refusedKeys.has(key))) return false
  return updateWriters(update).length === 0
}

export interface Refusal {
  connection: Connection
  /** The update message's number on the connection. */
  messageNumber: number
  update: Uint8Array
  reason: UpdateRejection
  /** The records whose changes were not allowed. */
  keys: readonly string[]
  /** Whether it counts toward the refusals in a row that close the socket (4403). */
  counts: boolean
}

/**
 * Tells a connection that its update was refused, and remembers whose client ids it carried:
 * a client builds its next updates on the refused one, so when one of those misses a
 * dependency, it is told that it depends on a refused update, and that does not count against
 * the socket. Returns true when the socket has been refused too often in a row (close it).
 */
export function refuseUpdate(refusal: Refusal, maxInARow: number, logger: Logger): boolean {
  const { connection, messageNumber, update } = refusal
  let { reason, keys, counts } = refusal
  const writers = reason === UpdateRejection.rateLimited ? [] : updateWriters(update)
  if (reason === UpdateRejection.missingDependency) {
    const dependent = connection.refusedOverBudget || writers.some((client) => connection.refusedClients.has(client))
    if (dependent) [reason, keys, counts] = [UpdateRejection.dependsOnRefused, [], false]
  }
  if (reason === UpdateRejection.rateLimited) connection.refusedOverBudget = true
  for (const client of writers) connection.refusedClients.add(client)
  for (const key of keys) {
    if (connection.refusedKeys.size >= maxRememberedRefusedKeys) break
    connection.refusedKeys.add(key)
  }
  if (reason !== UpdateRejection.dependsOnRefused && reason !== UpdateRejection.rateLimited) {
    logger.info({ connection: connection.id, reason, records: keys.length }, 'update refused')
  }
  const tooMany = connection.rejected(messageNumber, reason, keys, counts, maxInARow)
  connection.flushAck()
  return tooMany
}
