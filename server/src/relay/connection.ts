import { Socket } from 'node:net'
import type { WebSocket } from 'ws'
import type { CloseCode } from '../../../shared/src/protocol/closeCodes.ts'
import type { UpdateRejection } from '../../../shared/src/protocol/messages.ts'
import type { BoardGrant } from './boardAccess.ts'
import type { ConnectionBudget } from './connectionBudget.ts'
import { encodeSaveAck, encodeUpdateRejected } from './protocol.ts'

/** The options of every frame sent: one object for all of them (a relay sends tens of thousands a second). */
const binaryFrame = { binary: true } as const

/** The net.Socket under a ws WebSocket (ws keeps it in `_socket`). */
export function rawSocket(socket: WebSocket): Socket | undefined {
  const raw = (socket as unknown as { _socket?: unknown })._socket
  return raw instanceof Socket ? raw : undefined
}

export type FrameHandler = (connection: Connection, frame: Uint8Array) => void

/** What the relay knows about a socket when it admits it. */
export interface Admission {
  boardId: string
  /** Who is behind the socket, decided once at the upgrade. */
  grant: BoardGrant
  /** What the socket may send per second. */
  budget: ConnectionBudget
  /**
   * The history generation of the board copy the browser keeps (`?generation=` on the socket's
   * URL), or null when it declared none (a browser with nothing kept, or another client).
   */
  copyGeneration?: number | null
}

/**
 * One client's socket in a room, and its save-ack bookkeeping.
 *
 * Frames are handed to a handler only while the connection is released: before
 * its room has loaded, and while the room rebuilds its document, the socket is
 * paused and frames that were already read wait in order in a small buffer.
 *
 * Save acks: every update message this socket sends gets the next number,
 * starting at 1. The ack sent is the highest n such that every update message up
 * to n is handled: committed, a no-op, or refused.
 *
 * Once the relay closes a connection, it is over at once: buffered frames are
 * dropped, nothing more is read or sent, and `onEnd` listeners run (the room
 * removes its presence) without waiting for the peer to finish the close
 * handshake, which a hostile peer can drag out.
 */
export class Connection {
  readonly id: number
  readonly socket: WebSocket
  readonly boardId: string
  readonly grant: BoardGrant
  readonly budget: ConnectionBudget
  /** See Admission.copyGeneration. */
  readonly copyGeneration: number | null
  /**
   * Yjs client ids whose update this socket had refused: their later updates build on it, so
   * they miss a dependency for that reason, not because of an attack.
   */
  readonly refusedClients = new Set<number>()
  /** True once an update was refused for going over budget (undecoded: its client ids are unknown). */
  refusedOverBudget = false
  /**
   * Records whose change this socket had refused (at most {@link maxRememberedRefusedKeys}): the
   * sender's copy still holds its refused value of each, so a deletion it sends of one of them
   * without writing anything new clears away the relay's value as a duplicate of its own, not a
   * deletion of the record (see buildsOnRefusedKeys).
   */
  readonly refusedKeys = new Set<string>()
  /** Awareness client ids this connection owns (see AwarenessRelay); removed from the room when it closes. */
  readonly awarenessClients = new Set<number>()
  /** When the relay last sent this socket anything (for the keep-alive). */
  lastSentAt = Date.now()
  /** Cleared when a ping goes out, set by the pong; a socket that stays cleared for a whole interval is dead. */
  answeredPing = true
  readonly #buffer: Uint8Array[] = []
  #handler: FrameHandler | null = null
  #held = true
  #closed = false
  #updatesReceived = 0
  /** Numbers of this socket's update messages that wait for a commit, ascending. */
  readonly #awaitingCommit: number[] = []
  #acked = 0
  #rejectedInARow = 0
  readonly #endListeners: Array<() => void> = []
  #ended = false

  constructor(id: number, socket: WebSocket, admission: Admission) {
    this.id = id
    this.socket = socket
    this.boardId = admission.boardId
    this.grant = admission.grant
    this.budget = admission.budget
    this.copyGeneration = admission.copyGeneration ?? null
    socket.pause()
    socket.on('message', (data, isBinary) => this.#receive(data, isBinary))
    socket.on('pong', () => {
      this.answeredPing = true
    })
    socket.on('close', () => {
      this.#closed = true
      this.#buffer.length = 0
      this.#end()
    })
  }

  /** Runs `listener` once, when the relay closes this connection or the socket closes, whichever comes first. */
  onEnd(listener: () => void): void {
    if (this.#ended) listener()
    else this.#endListeners.push(listener)
  }

  get closed(): boolean {
    return this.#closed || this.socket.readyState !== this.socket.OPEN
  }

  /** Stop handing frames on; frames already read are kept, in order, until release(). */
  hold(): void {
    if (this.#held) return
    this.#held = true
    if (!this.#closed) this.socket.pause()
  }

  /** Hand buffered and future frames to `handler` (which may hold again, e.g. to rebuild). */
  release(handler: FrameHandler): void {
    this.#handler = handler
    this.#held = false
    while (!this.#held && !this.closed && this.#buffer.length > 0) {
      this.#dispatch(this.#buffer.shift() as Uint8Array)
    }
    if (!this.#held && !this.#closed) this.socket.resume()
  }

  send(frame: Uint8Array): void {
    if (this.closed) return
    this.lastSentAt = Date.now()
    // No per-frame callback: a failed write surfaces as the socket's 'error' event,
    // and a callback per frame is measurable overhead at tens of thousands of frames/s.
    this.socket.send(frame, binaryFrame)
  }

  /**
   * Holds this socket's writes until `uncork()`, so the frames of one group commit
   * (updates and the save ack) leave in one system call instead of one each — the
   * relay's largest cost under load (tests/bench/RESULTS.md). ws has no public
   * cork, so this reaches its underlying net.Socket.
   */
  cork(): void {
    if (!this.closed) rawSocket(this.socket)?.cork()
  }

  uncork(): void {
    rawSocket(this.socket)?.uncork()
  }

  close(close: CloseCode): void {
    if (this.#closed) return
    this.#closed = true
    this.#buffer.length = 0
    this.socket.close(close.code, close.reason)
    // A held socket must still read the peer's close frame, or the handshake never completes.
    this.socket.resume()
    this.#end()
  }

  /** The number of the update message just received (1 for the first on this socket). */
  nextUpdateNumber(): number {
    this.#updatesReceived += 1
    return this.#updatesReceived
  }

  /** Update message `n` was applied and is waiting for its group commit. */
  awaitCommit(n: number): void {
    this.#awaitingCommit.push(n)
  }

  /** Update message `n` is committed (commits complete in the order they were queued). */
  committed(n: number): void {
    const index = this.#awaitingCommit.indexOf(n)
    if (index >= 0) this.#awaitingCommit.splice(index, 1)
  }

  /**
   * Update message `n` was refused: tell the client why, and which records' changes were not
   * allowed. Returns true when the connection has now been refused more than `maxInARow` times
   * in a row.
   */
  rejected(n: number, reason: UpdateRejection, keys: readonly string[], countsTowardLimit: boolean, maxInARow: number): boolean {
    this.send(encodeUpdateRejected(n, reason, keys))
    if (!countsTowardLimit) return false
    this.#rejectedInARow += 1
    return this.#rejectedInARow > maxInARow
  }

  /** An update was accepted (applied or a no-op): the run of refusals is broken. */
  accepted(): void {
    this.#rejectedInARow = 0
  }

  /** Sends a save ack if more update messages are handled than the last ack said. */
  flushAck(): void {
    const handledUpTo = this.#awaitingCommit.length > 0 ? (this.#awaitingCommit[0] as number) - 1 : this.#updatesReceived
    if (handledUpTo > this.#acked) {
      this.#acked = handledUpTo
      this.send(encodeSaveAck(handledUpTo))
    }
  }

  #receive(data: unknown, isBinary: boolean): void {
    if (this.#closed) return
    const frame = isBinary && data instanceof Uint8Array ? data : null
    if (frame === null) {
      // y-websocket only sends binary frames; a text frame is not our protocol.
      this.#buffer.push(new Uint8Array(0))
    } else {
      this.#buffer.push(frame)
    }
    if (!this.#held) {
      while (!this.#held && !this.closed && this.#buffer.length > 0) {
        this.#dispatch(this.#buffer.shift() as Uint8Array)
      }
    }
  }

  #end(): void {
    if (this.#ended) return
    this.#ended = true
    for (const listener of this.#endListeners.splice(0)) listener()
  }

  #dispatch(frame: Uint8Array): void {
    this.#handler?.(this, frame)
  }
}
