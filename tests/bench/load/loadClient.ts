/**
 * One simulated person for the relay load bench: a raw `ws` socket speaking
 * the y-websocket protocol and a small Y.Doc of its own. Each update rewrites
 * the client's own sticky note (its text ends with the update's number), as a
 * person typing does: a valid tldraw record the relay checks like any other.
 * It depends only on the client's previous update and takes exactly one clock
 * tick: (clientID, clock) names it, and the receiver reads that id from the
 * first bytes of the update.
 */
import * as decoding from 'lib0/decoding'
import { WebSocket, type RawData } from 'ws'
import * as Y from 'yjs'
import { toRichText, type TLNoteShape } from '@tldraw/tlschema'
import { openRecordMap, type RecordMap } from '../../../shared/src/board/boardDoc.ts'
import { benchNote } from '../boardSeed.ts'
import { MessageType, SyncMessageType } from '../../../shared/src/protocol/messages.ts'
import type { SampleBuffer } from '../lib/stats.ts'
import { encodeSyncStep1, encodeSyncStep2, encodeSyncUpdate, readMessage, readUpdateHead } from '../lib/yProtocol.ts'

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
  /** Byte length of the update with clock i, to recognise it unmerged on arrival. */
  readonly sentLengths: Uint32Array
  updates = 0
  synced = false
  readonly #socket: WebSocket
  readonly #peers: RoomPeers
  readonly #measurement: Measurement
  readonly #expectsSync: boolean
  readonly #payload: string
  readonly #records: RecordMap
  readonly #note: TLNoteShape
  /** Per sender (index in room): the clock this client expects next from it. */
  readonly #nextClock: Int32Array
  /** Send time of the n-th update-carrying sync message on this socket (n from 1). */
  readonly #messageSendTimes: Float64Array
  /** 1 where the n-th update-carrying message is a bench update (not a sync step 2). */
  readonly #messageIsUpdate: Uint8Array
  #messagesSent = 0
  #acked = 0
  ackedUpdates = 0
  #lastUpdate: Uint8Array | null = null

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
    this.#payload = 'p'.repeat(options.payloadChars)
    this.#records = openRecordMap(this.doc)
    this.#note = benchNote(`load-${this.clientId}`, options.indexInRoom)
    this.sendTimes = new Float64Array(options.maxUpdates)
    this.sentLengths = new Uint32Array(options.maxUpdates)
    this.#messageSendTimes = new Float64Array(options.maxUpdates + 1024)
    this.#messageIsUpdate = new Uint8Array(options.maxUpdates + 1024)
    this.#nextClock = new Int32Array(options.peers.size)
    this.doc.on('update', (update: Uint8Array) => {
      this.#lastUpdate = update
    })
    this.#socket = new WebSocket(`${options.url}/${options.room}`, { perMessageDeflate: false })
    this.#socket.on('open', () => {
      this.#socket.send(encodeSyncStep1(Y.encodeStateVector(this.doc)))
      if (!this.#expectsSync) this.synced = true
    })
    this.#socket.on('message', (data: RawData) => this.#onMessage(data))
    this.#socket.on('error', (error) => {
      console.error(`load client ${this.clientId} in ${this.room}: ${error.message}`)
    })
  }

  get open(): boolean {
    return this.#socket.readyState === WebSocket.OPEN
  }

  /** Makes one update on the own doc and sends it. */
  sendUpdate(now: number): void {
    const clock = this.updates
    if (clock >= this.sendTimes.length) throw new Error('more updates than planned')
    this.#records.records.set(this.#note.id, { ...this.#note, props: { ...this.#note.props, richText: toRichText(`${this.#payload}${clock}`) } })
    const update = this.#lastUpdate
    if (update === null) throw new Error('a map set made no update')
    this.#lastUpdate = null
    this.updates++
    this.sendTimes[clock] = now
    this.sentLengths[clock] = update.length
    this.#sendUpdateMessage(encodeSyncUpdate(update), now, true)
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
    this.#records.dispose()
  }

  #sendUpdateMessage(message: Uint8Array, now: number, isBenchUpdate: boolean): void {
    this.#messagesSent++
    if (this.#messagesSent >= this.#messageSendTimes.length) throw new Error('more messages than planned')
    this.#messageSendTimes[this.#messagesSent] = now
    this.#messageIsUpdate[this.#messagesSent] = isBenchUpdate ? 1 : 0
    this.#socket.send(message)
  }

  #onMessage(data: RawData): void {
    const now = performance.now()
    const bytes = Array.isArray(data) ? Buffer.concat(data) : data instanceof ArrayBuffer ? new Uint8Array(data) : data
    // Hot path: an update from another client, read without allocating a message object.
    if (bytes[0] === MessageType.sync && bytes[1] !== SyncMessageType.step1) {
      const decoder = decoding.createDecoder(bytes)
      decoding.readVarUint(decoder)
      const subType = decoding.readVarUint(decoder)
      const update = decoding.readVarUint8Array(decoder)
      if (subType === SyncMessageType.step2 && !this.synced) {
        this.synced = true
        return
      }
      this.#onUpdate(update, now)
      return
    }
    const message = readMessage(bytes)
    switch (message.type) {
      case 'syncStep1':
        // Only the relay's step 1 is answered: on the plain server a step 1 is another
        // client's, and answering it would broadcast this client's whole history.
        if (!this.#expectsSync) break
        this.#sendUpdateMessage(encodeSyncStep2(Y.encodeStateAsUpdate(this.doc, message.stateVector)), now, false)
        break
      case 'saveAck':
        this.#onAck(message.seq, now)
        break
      case 'updateRejected':
        this.#measurement.rejected++
        this.#onAck(message.seq, now)
        break
      default:
        break
    }
  }

  #onUpdate(update: Uint8Array, now: number): void {
    const head = readUpdateHead(update)
    if (head === null) return
    if (head.groups === 1 && head.structs === 1) {
      const sender = this.#peers.byClientId.get(head.client)
      if (sender !== undefined && sender !== this && sender.sentLengths[head.clock] === update.length) {
        this.#delivered(sender, head.clock, now)
        return
      }
    }
    // Merged or re-encoded updates: fall back to the ranges of clocks they carry.
    const meta = Y.parseUpdateMeta(update)
    for (const [client, to] of meta.to) {
      const sender = this.#peers.byClientId.get(client)
      if (sender === undefined || sender === this) continue
      for (let clock = meta.from.get(client) ?? 0; clock < to; clock++) this.#delivered(sender, clock, now)
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
