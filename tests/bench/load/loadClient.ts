/**
 * One simulated person for the relay load bench: a FrameSocket speaking the
 * y-websocket protocol and a Y.Doc of its own for the sync. Each update
 * rewrites the client's own sticky note (noteEdits.ts, made before the run): a
 * valid tldraw record the relay checks like any other. It depends only on the
 * client's previous update and takes exactly one clock tick: (clientID, clock)
 * names it, and the receiver reads that id from the first bytes of the update,
 * where the message landed, without copying it.
 */
import * as Y from 'yjs'
import { benchNote } from '../boardSeed.ts'
import { MessageType, SyncMessageType } from '../../../shared/src/protocol/messages.ts'
import type { SampleBuffer } from '../lib/stats.ts'
import { encodeSyncStep1, encodeSyncStep2, readMessage } from '../lib/yProtocol.ts'
import { FrameSocket } from './frameSocket.ts'
import { NoteEdits } from './noteEdits.ts'

/** What every client of one room shares: the others, by Yjs client id. */
export interface RoomPeers {
  byClientId: Map<number, LoadClient>
  size: number
}

/** Measurement state shared by all clients of the generator. */
export interface Measurement {
  windowStart: number
  windowEnd: number
  latencies: SampleBuffer
  ackLatencies: SampleBuffer
  windowDelivered: number
  delivered: number
  anomalies: number
  rejected: number
}

export class LoadClient {
  readonly doc = new Y.Doc()
  readonly clientId = this.doc.clientID
  readonly indexInRoom: number
  readonly room: string
  /** Send time (performance.now) of this client's update with clock i. */
  readonly sendTimes: Float64Array
  /** The updates this client sends, in clock order. */
  readonly edits: NoteEdits
  updates = 0
  synced = false
  readonly #socket: FrameSocket
  readonly #peers: RoomPeers
  readonly #measurement: Measurement
  readonly #expectsSync: boolean
  /** Where the varuint reader of #onMessage stands: a field, so that reading allocates nothing. */
  #at = 0
  /** Per sender (index in room): the clock this client expects next from it. */
  readonly #nextClock: Int32Array
  /** Send time of the n-th update-carrying sync message on this socket (n from 1). */
  readonly #messageSendTimes: Float64Array
  /** 1 where the n-th update-carrying message is a bench update (not a sync step 2). */
  readonly #messageIsUpdate: Uint8Array
  #messagesSent = 0
  #acked = 0
  ackedUpdates = 0

  constructor(options: {
    url: string
    room: string
    indexInRoom: number
    peers: RoomPeers
    measurement: Measurement
    expectsSync: boolean
    payloadChars: number
    maxUpdates: number
  }) {
    this.room = options.room
    this.indexInRoom = options.indexInRoom
    this.#peers = options.peers
    this.#measurement = options.measurement
    this.#expectsSync = options.expectsSync
    this.edits = new NoteEdits(this.clientId, benchNote(`load-${this.clientId}`, options.indexInRoom), 'p'.repeat(options.payloadChars), options.maxUpdates)
    this.sendTimes = new Float64Array(options.maxUpdates)
    this.#messageSendTimes = new Float64Array(options.maxUpdates + 1024)
    this.#messageIsUpdate = new Uint8Array(options.maxUpdates + 1024)
    this.#nextClock = new Int32Array(options.peers.size)
    this.#socket = new FrameSocket(`${options.url}/${options.room}`, {
      onOpen: () => {
        this.#socket.send(encodeSyncStep1(Y.encodeStateVector(this.doc)))
        if (!this.#expectsSync) this.synced = true
      },
      onMessage: (bytes, start, end) => this.#onMessage(bytes, start, end),
      onError: (error) => console.error(`load client ${this.clientId} in ${this.room}: ${error.message}`),
    })
  }

  get open(): boolean {
    return this.#socket.open
  }

  /** Sends the next edit. */
  sendUpdate(now: number): void {
    const clock = this.updates
    const frame = this.edits.frame(clock)
    this.updates++
    this.sendTimes[clock] = now
    this.#recordSent(now, true)
    this.#socket.sendFrame(frame)
  }

  /** All deliveries from every peer arrived (in order), and every update was acknowledged if acks are expected. */
  isDrained(): boolean {
    for (const peer of this.#peers.byClientId.values()) {
      if (peer !== this && this.#nextClock[peer.indexInRoom] !== peer.updates) return false
    }
    return !this.#expectsSync || this.#acked >= this.#messagesSent
  }

  /** Updates of `sender` this client received, in order. */
  receivedFrom(sender: LoadClient): number {
    return this.#nextClock[sender.indexInRoom] ?? 0
  }

  get acked(): number {
    return this.#acked
  }

  close(): void {
    this.#socket.terminate()
    this.doc.destroy()
  }

  /** Counts an update-carrying message for the save-ack sequence. */
  #recordSent(now: number, isBenchUpdate: boolean): void {
    this.#messagesSent++
    if (this.#messagesSent >= this.#messageSendTimes.length) throw new Error('more messages than planned')
    this.#messageSendTimes[this.#messagesSent] = now
    this.#messageIsUpdate[this.#messagesSent] = isBenchUpdate ? 1 : 0
  }

  /** Reads one lib0 varuint at #at and moves past it (values up to 2^53, as Yjs client ids need). */
  #readVarUint(bytes: Buffer): number {
    let value = 0
    let scale = 1
    for (;;) {
      const byte = bytes[this.#at++] ?? 0
      value += (byte & 0x7f) * scale
      if (byte < 0x80) return value
      scale *= 128
    }
  }

  #onMessage(bytes: Buffer, start: number, end: number): void {
    const now = performance.now()
    this.#at = start
    const messageType = this.#readVarUint(bytes)
    if (messageType === MessageType.sync) {
      const subType = this.#readVarUint(bytes)
      if (subType !== SyncMessageType.step1) {
        const updateLength = this.#readVarUint(bytes)
        if (subType === SyncMessageType.step2 && !this.synced) {
          this.synced = true
          return
        }
        this.#onUpdate(bytes, this.#at, updateLength, now)
        return
      }
    } else if (messageType === MessageType.saveAck) {
      this.#onAck(this.#readVarUint(bytes), now)
      return
    }
    const message = readMessage(bytes.subarray(start, end))
    switch (message.type) {
      case 'syncStep1': {
        // Only the relay's step 1 is answered: on the plain server a step 1 is another
        // client's, and answering it would broadcast this client's whole history.
        if (!this.#expectsSync) break
        this.#recordSent(now, false)
        this.#socket.send(encodeSyncStep2(Y.encodeStateAsUpdate(this.doc, message.stateVector)))
        break
      }
      case 'updateRejected':
        this.#measurement.rejected++
        this.#onAck(message.seq, now)
        break
      default:
        break
    }
  }

  /** The update of `length` bytes at `start` of `bytes`: one edit of a peer, or several merged. */
  #onUpdate(bytes: Buffer, start: number, length: number, now: number): void {
    const groups = this.#readVarUint(bytes)
    if (groups === 0) return
    const structs = this.#readVarUint(bytes)
    const client = this.#readVarUint(bytes)
    const clock = this.#readVarUint(bytes)
    const sender = this.#peers.byClientId.get(client)
    if (groups === 1 && structs === 1 && sender !== undefined && sender !== this && sender.edits.updateLengths[clock] === length) {
      this.#delivered(sender, clock, now)
      return
    }
    // Merged or re-encoded updates: fall back to the ranges of clocks they carry.
    const meta = Y.parseUpdateMeta(bytes.subarray(start, start + length))
    for (const [peerClient, to] of meta.to) {
      const peer = this.#peers.byClientId.get(peerClient)
      if (peer === undefined || peer === this) continue
      for (let peerClock = meta.from.get(peerClient) ?? 0; peerClock < to; peerClock++) this.#delivered(peer, peerClock, now)
    }
  }

  #delivered(sender: LoadClient, clock: number, now: number): void {
    const measurement = this.#measurement
    if (this.#nextClock[sender.indexInRoom] !== clock) {
      measurement.anomalies++
      if (clock < (this.#nextClock[sender.indexInRoom] ?? 0)) return
    }
    this.#nextClock[sender.indexInRoom] = clock + 1
    measurement.delivered++
    const sentAt = sender.sendTimes[clock] ?? 0
    if (sentAt >= measurement.windowStart && sentAt < measurement.windowEnd) {
      measurement.windowDelivered++
      measurement.latencies.push(now - sentAt)
    }
  }

  #onAck(seq: number, now: number): void {
    const measurement = this.#measurement
    for (let n = this.#acked + 1; n <= seq && n <= this.#messagesSent; n++) {
      this.ackedUpdates += this.#messageIsUpdate[n] ?? 0
      const sentAt = this.#messageSendTimes[n] ?? 0
      if (sentAt >= measurement.windowStart && sentAt < measurement.windowEnd) measurement.ackLatencies.push(now - sentAt)
    }
    this.#acked = Math.max(this.#acked, seq)
  }
}
