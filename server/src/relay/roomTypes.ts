import type { ClusterBus } from '../cluster/clusterBus.ts'
import type { MaintenanceLease } from '../cluster/maintenanceLease.ts'
import type { ConnectionBudgets } from '../config.ts'
import type { Logger } from '../logger.ts'
import type { BoardStore, PendingUpdate, StoredBoard } from '../store/BoardStore.ts'
import type { AwarenessStats } from './awarenessRelay.ts'
import type { AwarenessLimits } from './awarenessUpdate.ts'
import type { BoardRuleSettings } from './boardAuthority.ts'
import type { CommitQueue } from './commitQueue.ts'
import type { Connection } from './connection.ts'
import type { Room } from './room.ts'

// What a Room is given and what it reports, shared by the room, the registry and the relay.

/** An update message to acknowledge: which connection sent it, and its number there. */
export interface AckDue {
  connection: Connection
  messageNumber: number
}

/** An applied update waiting for (or in) its group commit. */
export interface CommitEntry extends PendingUpdate {
  room: Room
  /** The connection that sent it, to acknowledge; null for the server's own changes. */
  connection: Connection | null
  /** Its update message's number on that connection. */
  messageNumber: number
  /** Called with its log seq once it is committed (the server's own changes wait for this). */
  onCommitted?: (seq: number) => void
  /**
   * Update messages that changed nothing because the relay already had their
   * content, while that content was still uncommitted: they are saved once this
   * entry (the room's newest at the time) is.
   */
  alsoAcknowledges: AckDue[]
}

export interface RoomSettings {
  maxDocumentBytes: number
  maxRejectedUpdates: number
  compactAfterUpdates: number
  compactAfterBytes: number
  roomIdleUnloadMs: number
  /** Backoff for reloading the document after a bad update, and after a failed compaction. */
  retryBaseMs: number
  retryMaxMs: number
  awareness: AwarenessLimits
  /** What the board's rules need: the addresses a board may point at, a participant's share. */
  rules: BoardRuleSettings
  /** What one socket may send per second. */
  budgets: ConnectionBudgets
  /** How long a row committed on another instance may stay missing before the room catches up from the store. */
  gapWaitMs: number
}

export interface RoomOptions {
  boardId: string
  stored: StoredBoard
  store: BoardStore
  commits: CommitQueue<CommitEntry>
  settings: RoomSettings
  logger: Logger
  /** The other instances with this board open. */
  bus: ClusterBus
  /** Who may compact the board now. */
  lease: MaintenanceLease
  /** Called when the room has had no connection for `roomIdleUnloadMs`; the registry decides whether to unload. */
  onIdle: (room: Room) => void
  /** Called once when the room leaves memory (it stops listening to the other instances). */
  onDestroy?: () => void
}

/** Counters tests and benchmarks read; they do not drive anything. */
export interface RoomStats {
  connections: number
  /** How often the full state was encoded (fresh joiners reuse the cached encoding while nothing changes). */
  fullStateEncodings: number
  documentBytes: number
  logCount: number
  logBytes: number
  lastSeq: number
  uncommitted: number
  rebuilds: number
  /** How often the room read rows committed elsewhere from the store (they never arrived over the bus). */
  catchUps: number
  awareness: AwarenessStats
  /** Records on the board (keys with a live entry). */
  records: number
  /** Client ids with a known owner. */
  clientOwners: number
}
