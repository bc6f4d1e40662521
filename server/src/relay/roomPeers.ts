import type { BoardMessage, ClaimedClient, ClusterBus, CommittedUpdate } from '../cluster/clusterBus.ts'
import type { Logger } from '../logger.ts'
import type { ClientOwners } from './clientOwners.ts'
import { decodeClientMessage, encodeSyncUpdate } from './protocol.ts'
import type { RoomDocument } from './roomDocument.ts'
import type { RoomLog } from './roomLog.ts'
import type { AwarenessRelay } from './awarenessRelay.ts'

export interface RoomPeersOptions {
  boardId: string
  bus: ClusterBus
  document: RoomDocument
  log: RoomLog
  owners: ClientOwners
  awareness: () => AwarenessRelay
  logger: Logger
  /** Sends a frame to every connection of this room. */
  broadcast: (frame: Uint8Array) => void
  /** True while the room is rebuilding or catching up: messages wait until it is done. */
  busy: () => boolean
  /** Loads what the store has and applies it (rows that never arrived); holds the room meanwhile. */
  catchUp: () => void
  /** How long a missing row may stay missing before the room catches up from the store. */
  gapWaitMs: number
  /** Rows committed elsewhere were applied (the log grew, and a gap may have closed). */
  arrived: () => void
}

/**
 * A room's link to the same board's rooms on other instances: what was committed here goes out
 * (after the commit), what was committed there comes in and is applied and relayed to this
 * room's connections without being judged again. Rows arrive in any order and may not arrive at
 * all; a row that stays missing, or an update that needs one, makes the room catch up from the
 * store, which has every committed row.
 */
export class RoomPeers {
  readonly #options: RoomPeersOptions
  /** Messages that came while the room was busy, in order. */
  #waiting: BoardMessage[] = []
  #gapTimer: NodeJS.Timeout | null = null
  #destroyed = false

  constructor(options: RoomPeersOptions) {
    this.#options = options
  }

  /** Updates stored here as these rows, with the client ids claimed in their commit. */
  publishCommitted(updates: CommittedUpdate[], claims: ClaimedClient[]): void {
    if (!this.#options.bus.shared || (updates.length === 0 && claims.length === 0)) return
    this.#options.bus.publishBoard(this.#options.boardId, { kind: 'committed', updates, claims })
  }

  publishPresence(frame: Uint8Array): void {
    if (this.#options.bus.shared) this.#options.bus.publishBoard(this.#options.boardId, { kind: 'awareness', frame })
  }

  publishCompacted(coversSeq: number): void {
    if (this.#options.bus.shared) this.#options.bus.publishBoard(this.#options.boardId, { kind: 'compacted', coversSeq })
  }

  receive(message: BoardMessage): void {
    if (this.#destroyed) return
    if (this.#options.busy()) {
      this.#waiting.push(message)
      return
    }
    switch (message.kind) {
      case 'committed':
        this.#applyCommitted(message.updates, message.claims)
        break
      case 'awareness': {
        const decoded = decodeClientMessage(message.frame)
        if (decoded.ok && decoded.message.kind === 'awareness') this.#options.awareness().applyRemote(decoded.message.update)
        break
      }
      case 'compacted':
        this.#options.log.compactedElsewhere(message.coversSeq)
        break
    }
  }

  /** The room is no longer busy: what came meanwhile is applied now (repeats of what it loaded are skipped). */
  resume(): void {
    const waiting = this.#waiting
    this.#waiting = []
    for (const message of waiting) this.receive(message)
    this.#watchGap()
  }

  destroy(): void {
    this.#destroyed = true
    this.#waiting = []
    if (this.#gapTimer !== null) clearTimeout(this.#gapTimer)
    this.#gapTimer = null
  }

  #applyCommitted(updates: readonly CommittedUpdate[], claims: readonly ClaimedClient[]): void {
    const { document, log, owners } = this.#options
    for (const { clientId, owner } of claims) owners.claim(clientId, owner)
    const fresh = updates.filter(({ seq }) => !log.seqs.has(seq))
    if (fresh.length === 0) return
    const { added, complete } = document.applyCommitted(fresh.map(({ update }) => update))
    for (const { seq, update } of fresh) {
      log.applied(update.length)
      log.committed(update.length, seq)
    }
    if (added !== null) this.#options.broadcast(encodeSyncUpdate(added))
    if (!complete) {
      this.#options.logger.info({ seqs: fresh.map(({ seq }) => seq) }, 'an update from another instance needs rows not here yet; catching up')
      this.#options.catchUp()
      return
    }
    this.#watchGap()
    this.#options.arrived()
  }

  /** A missing row gets a moment to arrive (another instance may publish out of order); then the store is asked. */
  #watchGap(): void {
    if (this.#destroyed || this.#gapTimer !== null || !this.#options.log.seqs.hasGap) return
    this.#gapTimer = setTimeout(() => {
      this.#gapTimer = null
      if (this.#destroyed || !this.#options.log.seqs.hasGap) return
      this.#options.logger.info({ through: this.#options.log.seqs.through }, 'a committed row never arrived; catching up from the store')
      this.#options.catchUp()
    }, this.#options.gapWaitMs)
    this.#gapTimer.unref()
  }
}
