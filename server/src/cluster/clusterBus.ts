import type { SocketFilter } from '../relay/boardAccess.ts'

/**
 * How relay instances that serve the same boards tell each other what happened: a board's
 * committed updates, presence and compactions go to the instances that have the board open;
 * live events (a link rotated, a session ended, a workshop closed, boards deleted) go to every
 * instance. Everything is published only after it is committed, so no instance shows anyone
 * what a crash could take back. One process on its own uses the local bus (nothing to tell);
 * several use Redis (redisBus.ts). The wire format is owned by busMessages.ts.
 */
export interface ClusterBus {
  /** This process' id: messages it published come back to it and are ignored by it. */
  readonly instanceId: string
  /** True when other instances may exist (what a room must then expect: updates it did not make). */
  readonly shared: boolean
  /**
   * Delivers the board's messages from other instances to `deliver`, from the moment the returned
   * promise resolves: whatever is committed and published after that reaches this instance. After
   * the bus was cut off and is subscribed again, `missed` is called: what was published meanwhile
   * is lost and must be read from the store. The result stops the delivery.
   */
  subscribeBoard(boardId: string, deliver: (message: BoardMessage) => void, missed: () => void): Promise<() => void>
  /** Sends a board's message to the other instances that have it open. */
  publishBoard(boardId: string, message: BoardMessage): void
  /** Sends a live event to every other instance. */
  publishEvent(event: LiveEvent): void
  /** Adds whoever acts on live events from other instances (the relay, the facilitation streams). */
  onEvent(handle: (event: LiveEvent) => void): void
  close(): Promise<void>
}

/** A board's news, from the instance where it happened. */
export type BoardMessage =
  /** Updates stored as these log rows (in seq order), and the client ids claimed in the same commit. */
  | { kind: 'committed'; updates: CommittedUpdate[]; claims: ClaimedClient[] }
  /** Presence as the relay sent it to its room: a y-websocket awareness message (names stamped). */
  | { kind: 'awareness'; frame: Uint8Array }
  /** A snapshot now covers the log up to `coversSeq`. */
  | { kind: 'compacted'; coversSeq: number }

export interface CommittedUpdate {
  seq: number
  update: Uint8Array
}

export interface ClaimedClient {
  clientId: number
  owner: string
}

/** Something that ends or changes sockets on every instance. */
export type LiveEvent =
  | { kind: 'endSockets'; filter: SocketFilter; closeCode: number }
  | { kind: 'retireBoards'; boardIds: string[] }
  /** A workshop's facilitation state was stored as this version: the instances with its streams read it. */
  | { kind: 'facilitation'; workshopId: string; version: number }

/** One process, no one to tell: the embedded default. */
export class LocalBus implements ClusterBus {
  readonly instanceId: string
  readonly shared = false

  constructor(instanceId: string) {
    this.instanceId = instanceId
  }

  subscribeBoard(): Promise<() => void> {
    return Promise.resolve(() => undefined)
  }

  publishBoard(): void {}

  publishEvent(): void {}

  onEvent(): void {}

  close(): Promise<void> {
    return Promise.resolve()
  }
}
