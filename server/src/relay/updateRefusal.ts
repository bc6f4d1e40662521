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
  if (reason !== UpdateRejection.dependsOnRefused && reason !== UpdateRejection.rateLimited) {
    logger.info({ connection: connection.id, reason, records: keys.length }, 'update refused')
  }
  const tooMany = connection.rejected(messageNumber, reason, keys, counts, maxInARow)
  connection.flushAck()
  return tooMany
}
