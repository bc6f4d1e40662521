import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import { WebsocketProvider } from 'y-websocket'
import { YKeyValue } from 'y-utility/y-keyvalue'
import * as Y from 'yjs'
import { WebSocket, type RawData } from 'ws'
import { MessageType, SyncMessageType } from '../../shared/src/protocol/messages.ts'
import { BoardDoc } from '../../shared/src/board/boardDoc.ts'
import { waitFor, type WaitOptions } from './waitFor.ts'

/** Which message a frame is: its first varuint and, for sync messages, the second. */
export interface FrameKind {
  type: number
  syncType: number | null
}

export function frameKind(frame: Uint8Array): FrameKind | null {
  try {
    const decoder = decoding.createDecoder(frame)
    const type = decoding.readVarUint(decoder)
    return { type, syncType: type === MessageType.sync ? decoding.readVarUint(decoder) : null }
  } catch {
    return null
  }
}

/** True for the sync messages save acks count: step 2 or update. */
export function isUpdateMessage(frame: Uint8Array): boolean {
  const kind = frameKind(frame)
  return kind?.type === MessageType.sync && (kind.syncType === SyncMessageType.step2 || kind.syncType === SyncMessageType.update)
}

function toBytes(data: unknown): Uint8Array {
  if (data instanceof Uint8Array) return data
  if (data instanceof ArrayBuffer) return new Uint8Array(data)
  if (Array.isArray(data)) return new Uint8Array(Buffer.concat(data as Buffer[]))
  if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength)
  return new Uint8Array(0)
}

/** One socket of a client, with the save-ack counters the client keeps for it. */
export interface CountedSocket {
  /** Update messages sent on this socket (the n of the last one). */
  sent: number
  /** The highest save ack received on this socket. */
  acked: number
}

/** Where an edit went out: on which socket, as which update message. Null when it was made offline. */
export type EditMark = { socket: CountedSocket; seq: number } | null

export interface TestClient {
  doc: Y.Doc
  provider: WebsocketProvider
  /**
   * The board's records as the app sees them (a YKeyValue), made on first use.
   * A YKeyValue reacts to remote changes (it deletes entries with a duplicate
   * key), so tests that need a client to stay passive do not touch it.
   */
  readonly records: YKeyValue<unknown>
  /** Every frame received, on every socket, in order. */
  received: Uint8Array[]
  /** `[101, n, reason]` messages received. */
  rejections: Array<{ seq: number; reason: number }>
  /** Close codes of the sockets the server closed. */
  closeCodes: number[]
  /** The current socket's counters, or null while there is none. */
  socket(): CountedSocket | null
  /** Connected, synced, and every update message sent on this socket acknowledged. */
  isSaved(): boolean
  waitForSynced(options?: WaitOptions): Promise<void>
  waitForSaved(options?: WaitOptions): Promise<void>
  /** Call right after a local edit: where it was sent (null if offline). */
  markEdit(): EditMark
  /** Sets a record in the board's YKeyValue and returns where the update went. */
  setRecord(key: string, value: unknown): EditMark
  destroy(): void
}

export interface ClientOptions {
  doc?: Y.Doc
  /** Connect at once (default true). */
  connect?: boolean
  /** The Origin header to send (Node clients send none by default). */
  origin?: string
  /** More headers for every upgrade request, e.g. `{ cookie }` to connect with a session. */
  headers?: Record<string, string>
  /**
   * Where each connection and reconnection goes (given the provider's URL), as a load balancer
   * without sticky sessions would send it: e.g. to another relay instance once one has died.
   */
  route?: (url: string) => string
}

/**
 * A real y-websocket provider in Node, on `ws`, counting update messages per
 * socket and handling saveAck (100) and updateRejected (101) as the app does.
 *
 * @example const a = createClient(server.syncUrl, boardId); await a.waitForSaved()
 */
export function createClient(syncUrl: string, boardId: string, options: ClientOptions = {}): TestClient {
  const doc = options.doc ?? new Y.Doc()
  const received: Uint8Array[] = []
  const rejections: Array<{ seq: number; reason: number }> = []
  const closeCodes: number[] = []
  const counters = new WeakMap<object, CountedSocket>()

  class CountingWebSocket extends WebSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(options.route === undefined ? url : options.route(url.toString()), protocols, {
        ...(options.origin === undefined ? {} : { origin: options.origin }),
        ...(options.headers === undefined ? {} : { headers: options.headers }),
      })
      const counted: CountedSocket = { sent: 0, acked: 0 }
      counters.set(this, counted)
      this.on('message', (data: RawData) => received.push(toBytes(data)))
      const send = this.send.bind(this)
      this.send = ((data: Uint8Array, ...rest: never[]) => {
        if (isUpdateMessage(toBytes(data))) counted.sent += 1
        return send(data, ...rest)
      }) as typeof this.send
    }
  }

  const provider = new WebsocketProvider(syncUrl, boardId, doc, {
    connect: options.connect ?? true,
    disableBc: true,
    maxBackoffTime: 250,
    WebSocketPolyfill: CountingWebSocket as unknown as typeof globalThis.WebSocket,
  })
  const current = (): CountedSocket | null => (provider.ws === null ? null : (counters.get(provider.ws) ?? null))
  provider.messageHandlers[MessageType.saveAck] = (_encoder: encoding.Encoder, decoder: decoding.Decoder) => {
    const socket = current()
    if (socket !== null) socket.acked = Math.max(socket.acked, decoding.readVarUint(decoder))
  }
  provider.messageHandlers[MessageType.updateRejected] = (_encoder: encoding.Encoder, decoder: decoding.Decoder) => {
    const seq = decoding.readVarUint(decoder)
    rejections.push({ seq, reason: decoding.readVarUint(decoder) })
  }
  provider.on('connection-close', (event) => {
    if (event !== null) closeCodes.push(event.code)
  })

  const isSaved = (): boolean => {
    const socket = current()
    return provider.wsconnected && provider.synced && socket !== null && socket.acked >= socket.sent
  }
  const markEdit = (): EditMark => {
    const socket = current()
    return provider.wsconnected && socket !== null && socket.sent > 0 ? { socket, seq: socket.sent } : null
  }
  let records: YKeyValue<unknown> | null = null
  const keyValue = (): YKeyValue<unknown> => (records ??= new YKeyValue<unknown>(doc.getArray(BoardDoc.records)))
  return {
    doc,
    provider,
    get records() {
      return keyValue()
    },
    received,
    rejections,
    closeCodes,
    socket: current,
    isSaved,
    async waitForSynced(waitOptions) {
      await waitFor(() => provider.synced, { message: `client of ${boardId} synced`, ...waitOptions })
    },
    async waitForSaved(waitOptions) {
      await waitFor(isSaved, { message: `client of ${boardId} saved`, ...waitOptions })
    },
    markEdit,
    setRecord(key, value) {
      keyValue().set(key, value)
      return markEdit()
    },
    destroy() {
      provider.destroy()
      doc.destroy()
    },
  }
}

/** True when the edit's update message was acknowledged as stored. */
export function isAcknowledged(mark: EditMark): boolean {
  return mark !== null && mark.socket.acked >= mark.seq
}

export type Outcome = { kind: 'acked' } | { kind: 'rejected'; reason: number } | { kind: 'closed'; code: number }

/**
 * A bare `ws` socket speaking the protocol by hand, for sending exactly the
 * bytes a test wants (junk included) and seeing every frame that comes back.
 */
export class RawClient {
  readonly socket: WebSocket
  readonly received: Uint8Array[] = []
  closeCode: number | null = null
  readonly closed: Promise<number>
  #updatesSent = 0
  /** Per update number, how many frames had arrived when it was sent: its answer comes after them. */
  readonly #answersFrom = new Map<number, number>()

  private constructor(socket: WebSocket) {
    this.socket = socket
    socket.on('message', (data: RawData) => this.received.push(toBytes(data)))
    this.closed = new Promise((resolve) => {
      socket.on('close', (code) => {
        this.closeCode = code
        resolve(code)
      })
    })
  }

  /**
   * Opens `<syncUrl>/<boardId>`; resolves once the socket is open (the server may still close it at once).
   * `headers` are sent with the upgrade request (e.g. a Host or X-Forwarded-Proto a proxy would send,
   * or the `cookie` carrying a session).
   */
  static async connect(
    syncUrl: string,
    boardId: string,
    options: { origin?: string; headers?: Record<string, string> } = {},
  ): Promise<RawClient> {
    const socket = new WebSocket(`${syncUrl}/${boardId}`, {
      ...(options.origin === undefined ? {} : { origin: options.origin }),
      ...(options.headers === undefined ? {} : { headers: options.headers }),
    })
    socket.on('error', () => {})
    const client = new RawClient(socket)
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve())
      socket.once('unexpected-response', (_request, response) => reject(new Error(`HTTP ${response.statusCode}`)))
      socket.once('close', (code) => reject(new Error(`closed with ${code} before opening`)))
    })
    return client
  }

  send(frame: Uint8Array): void {
    this.socket.send(frame)
  }

  /** Sends sync step 1 with `doc`'s state vector (an empty one by default). */
  sendStep1(stateVector: Uint8Array = Y.encodeStateVector(new Y.Doc())): void {
    this.send(syncMessage(SyncMessageType.step1, stateVector))
  }

  /** Sends an update message and returns its number for save acks. */
  sendUpdate(update: Uint8Array): number {
    this.#updatesSent += 1
    this.#answersFrom.set(this.#updatesSent, this.received.length)
    this.send(syncMessage(SyncMessageType.update, update))
    return this.#updatesSent
  }

  /** How the server answered update message `seq`: acknowledged, refused (101), or the socket closed. */
  async outcome(seq: number, options: WaitOptions = {}): Promise<Outcome> {
    return waitFor<Outcome | null>(
      () => {
        const answers = this.received.slice(this.#answersFrom.get(seq) ?? 0)
        for (const frame of answers) {
          const decoder = decoding.createDecoder(frame)
          const type = decoding.readVarUint(decoder)
          if (type === MessageType.updateRejected && decoding.readVarUint(decoder) === seq) {
            return { kind: 'rejected', reason: decoding.readVarUint(decoder) }
          }
        }
        if (answers.some((frame) => saveAckOf(frame) >= seq)) return { kind: 'acked' }
        if (this.closeCode !== null) return { kind: 'closed', code: this.closeCode }
        return null
      },
      { message: `an answer to update ${seq}`, intervalMs: 1, ...options },
    )
  }

  /**
   * Sends sync step 1 and waits for the sync step 2 answering it: everything
   * sent before is handled. Rejects at once if the socket closes instead.
   */
  async barrier(options: WaitOptions = {}): Promise<Uint8Array> {
    const before = this.received.length
    if (this.socket.readyState === this.socket.OPEN) this.sendStep1()
    const result = await waitFor<{ frame: Uint8Array } | { closed: number } | null>(
      () => {
        for (const frame of this.received.slice(before)) {
          const kind = frameKind(frame)
          if (kind?.type === MessageType.sync && kind.syncType === SyncMessageType.step2) return { frame }
        }
        return this.closeCode === null ? null : { closed: this.closeCode }
      },
      { message: 'the answer to sync step 1', intervalMs: 1, ...options },
    )
    if ('closed' in result) throw new Error(`the socket closed with ${result.closed}`)
    return result.frame
  }

  /**
   * Sends queryAwareness and waits for the presences it returns: a barrier that
   * works even while sync answers are held back (storage down), as long as the
   * room has at least one presence. Rejects at once if the socket closes instead.
   */
  async presenceBarrier(options: WaitOptions = {}): Promise<void> {
    const before = this.received.length
    if (this.socket.readyState === this.socket.OPEN) this.send(new Uint8Array([MessageType.queryAwareness]))
    // waitFor takes a throwing probe for "not yet", so a close is returned as a value and thrown here.
    const result = await waitFor<'answered' | { closed: number } | null>(
      () => {
        const answered = this.received.slice(before).some((frame) => frameKind(frame)?.type === MessageType.awareness && frame.length > 3)
        if (answered) return 'answered'
        return this.closeCode === null ? null : { closed: this.closeCode }
      },
      { message: 'the answer to queryAwareness', intervalMs: 1, ...options },
    )
    if (result !== 'answered') throw new Error(`the socket closed with ${result.closed} before answering queryAwareness`)
  }

  close(): void {
    this.socket.close()
  }
}

/** The n of a saveAck frame, or 0 for any other frame. */
export function saveAckOf(frame: Uint8Array): number {
  try {
    const decoder = decoding.createDecoder(frame)
    return decoding.readVarUint(decoder) === MessageType.saveAck ? decoding.readVarUint(decoder) : 0
  } catch {
    return 0
  }
}

/** `[0, syncType, varUint8Array payload]` */
export function syncMessage(syncType: number, payload: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, MessageType.sync)
  encoding.writeVarUint(encoder, syncType)
  encoding.writeVarUint8Array(encoder, payload)
  return encoding.toUint8Array(encoder)
}

/** The update inside a sync step 2 or update frame. */
export function updateOfSyncFrame(frame: Uint8Array): Uint8Array {
  const decoder = decoding.createDecoder(frame)
  decoding.readVarUint(decoder)
  decoding.readVarUint(decoder)
  return decoding.readVarUint8Array(decoder)
}

/** An awareness message `[1, update]` with one entry, as a provider would send it. */
export function awarenessMessage(clientId: number, clock: number, state: unknown): Uint8Array {
  return awarenessEntriesMessage([{ clientId, clock, json: JSON.stringify(state) }])
}

/** An awareness message with any number of entries, each state given as its JSON text (which may be anything). */
export function awarenessEntriesMessage(entries: Iterable<{ clientId: number; clock: number; json: string }>): Uint8Array {
  const update = encoding.createEncoder()
  const list = [...entries]
  encoding.writeVarUint(update, list.length)
  for (const { clientId, clock, json } of list) {
    encoding.writeVarUint(update, clientId)
    encoding.writeVarUint(update, clock)
    encoding.writeVarString(update, json)
  }
  const message = encoding.createEncoder()
  encoding.writeVarUint(message, MessageType.awareness)
  encoding.writeVarUint8Array(message, encoding.toUint8Array(update))
  return encoding.toUint8Array(message)
}

/** Each awareness client's latest state in the frames a raw client received, by client id. */
export function presencesSeenBy(raw: RawClient): Map<number, unknown> {
  const seen = new Map<number, unknown>()
  for (const frame of raw.received) {
    const message = decoding.createDecoder(frame)
    if (decoding.readVarUint(message) !== MessageType.awareness) continue
    const update = decoding.createDecoder(decoding.readVarUint8Array(message))
    const count = decoding.readVarUint(update)
    for (let i = 0; i < count; i++) {
      const client = decoding.readVarUint(update)
      decoding.readVarUint(update)
      seen.set(client, JSON.parse(decoding.readVarString(update)))
    }
  }
  return seen
}
