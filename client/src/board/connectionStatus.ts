import type { UpdateRejection } from '../../../shared/src/protocol/messages.ts'

/**
 * What the status indicator says (and its `data-state`).
 * - `saved`: connected, synced, and the relay has stored every update we sent.
 * - `saving`: connected, but some edit is not written to the board or not acknowledged yet.
 * - `reconnecting`: the connection dropped a moment ago; the provider is retrying.
 * - `offline`: no connection for a while (or the browser is offline); edits stay on the device.
 * - `connecting`: the first connection of this page is being set up.
 * - `readonly`: the board cannot be edited here (newer schema, or the server refused us).
 * - `error`: the relay refused an update for good (e.g. the board is full).
 */
export type ConnectionStatus = 'connecting' | 'saved' | 'saving' | 'offline' | 'reconnecting' | 'readonly' | 'error'

/** Why a board is read-only: written by a newer Samskap, or the server closed with 4400–4499. */
export type ReadonlyCause = 'newer-schema' | 'refused'

export interface ConnectionFacts {
  readonly: ReadonlyCause | null
  socket: 'connecting' | 'connected' | 'disconnected'
  /** The provider has received the relay's sync step 2 on the current socket. */
  synced: boolean
  /** Some socket of this page has synced before. */
  everSynced: boolean
  /** Update-carrying messages sent on the current socket. */
  updatesSent: number
  /** Highest sequence number the relay acknowledged (or rejected) on the current socket. */
  updatesHandled: number
  /** A rejection on the current socket that resending will not fix. */
  rejection: UpdateRejection | null
  /** The editor holds local changes not yet written to the board document (see YjsStoreBinding). */
  unwrittenChanges: boolean
  /** Disconnected for longer than the grace period, or the browser reports being offline. */
  offline: boolean
}

/** The status to show for the given facts (pure, so it can be tested alone). */
export function deriveConnectionStatus(facts: ConnectionFacts): ConnectionStatus {
  if (facts.readonly !== null) return 'readonly'
  if (facts.socket === 'connected' && facts.synced) {
    if (facts.rejection !== null) return 'error'
    return facts.updatesHandled >= facts.updatesSent && !facts.unwrittenChanges ? 'saved' : 'saving'
  }
  if (facts.offline) return 'offline'
  return facts.everSynced ? 'reconnecting' : 'connecting'
}
