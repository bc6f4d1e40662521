/**
 * A minimal y-websocket client on a raw `ws` socket, for seeding boards and
 * timing joins: it decodes only message headers and lets the caller wait for
 * the message it needs.
 */
import { WebSocket, type RawData } from 'ws'
import * as Y from 'yjs'
import { encodeSyncStep1, encodeSyncStep2, encodeSyncUpdate, readMessage, type IncomingMessage } from './yProtocol.ts'

const maxInbox = 1000

type Waiter = { accept: (message: IncomingMessage) => boolean; resolve: (message: IncomingMessage) => void }

export class SyncSocket {
  readonly #socket: WebSocket
  readonly #waiters = new Set<Waiter>()
  readonly #inbox: IncomingMessage[] = []
  #closed: Error | null = null
  /** Update-carrying sync messages sent on this socket (the save-ack sequence). */
  updateMessagesSent = 0
  /** Highest saveAck received. */
  acked = 0
  rejected = 0

  private constructor(socket: WebSocket) {
    this.#socket = socket
    socket.on('message', (data: RawData) => {
      const bytes = Array.isArray(data) ? Buffer.concat(data) : data instanceof ArrayBuffer ? new Uint8Array(data) : data
      const message = readMessage(bytes)
      if (message.type === 'saveAck') this.acked = Math.max(this.acked, message.seq)
      if (message.type === 'updateRejected') this.rejected++
      for (const waiter of this.#waiters) {
        if (waiter.accept(message)) {
          this.#waiters.delete(waiter)
          waiter.resolve(message)
          return
        }
      }
      // Kept for a later next(): the relay speaks first, often before the caller listens.
      this.#inbox.push(message)
      if (this.#inbox.length > maxInbox) this.#inbox.shift()
    })
    socket.on('close', (code, reason) => {
      this.#closed = new Error(`socket closed: ${code} ${reason.toString()}`)
    })
  }

  /** Opens a socket to `${syncUrl}/${boardId}`; `headers` as a browser sends them (Cookie, Origin) for a workshop's board. */
  static open(syncUrl: string, boardId: string, timeoutMs = 10_000, headers: Record<string, string> = {}): Promise<SyncSocket> {
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(`${syncUrl}/${boardId}`, { perMessageDeflate: false, headers })
      const timer = setTimeout(() => {
        socket.terminate()
        reject(new Error(`could not open ${syncUrl}/${boardId} within ${timeoutMs} ms`))
      }, timeoutMs)
      socket.once('open', () => {
        clearTimeout(timer)
        resolve(new SyncSocket(socket))
      })
      socket.once('error', (error) => {
        clearTimeout(timer)
        reject(error)
      })
    })
  }

  /** Resolves with the first message, received or still to come, that `accept` takes; that message is consumed. */
  next(accept: (message: IncomingMessage) => boolean, timeoutMs = 30_000): Promise<IncomingMessage> {
    return new Promise((resolve, reject) => {
      const waiting = this.#inbox.findIndex(accept)
      if (waiting >= 0) {
        resolve(this.#inbox.splice(waiting, 1)[0] as IncomingMessage)
        return
      }
      if (this.#closed !== null) {
        reject(this.#closed)
        return
      }
      const timer = setTimeout(() => {
        this.#waiters.delete(waiter)
        reject(new Error(`no expected message within ${timeoutMs} ms`))
      }, timeoutMs)
      const waiter: Waiter = {
        accept,
        resolve: (message) => {
          clearTimeout(timer)
          resolve(message)
        },
      }
      this.#waiters.add(waiter)
    })
  }

  send(bytes: Uint8Array): void {
    this.#socket.send(bytes)
  }

  sendStep1(doc: Y.Doc): void {
    this.send(encodeSyncStep1(Y.encodeStateVector(doc)))
  }

  sendStep2(doc: Y.Doc, stateVector: Uint8Array): void {
    this.updateMessagesSent++
    this.send(encodeSyncStep2(Y.encodeStateAsUpdate(doc, stateVector)))
  }

  sendUpdate(update: Uint8Array): void {
    this.updateMessagesSent++
    this.send(encodeSyncUpdate(update))
  }

  /** Waits until the relay acknowledged every update-carrying message sent so far. */
  async allSaved(timeoutMs = 60_000): Promise<void> {
    const deadline = performance.now() + timeoutMs
    while (this.acked < this.updateMessagesSent) {
      if (this.#closed !== null) throw this.#closed
      if (performance.now() > deadline) throw new Error(`only ${this.acked} of ${this.updateMessagesSent} updates acknowledged`)
      await this.next((message) => message.type === 'saveAck' || message.type === 'updateRejected', deadline - performance.now())
    }
  }

  /** Resolves when the socket is closed. */
  close(): Promise<void> {
    if (this.#socket.readyState === WebSocket.CLOSED) return Promise.resolve()
    return new Promise((resolve) => {
      this.#socket.once('close', () => resolve())
      this.#socket.close()
    })
  }
}

/**
 * The handshake of a fresh y-websocket provider: step 1 with the doc's state
 * vector, the relay's step 1 answered with a step 2, the relay's step 2
 * awaited. Resolves with the update the relay's step 2 carried.
 */
export async function handshake(socket: SyncSocket, doc: Y.Doc): Promise<Uint8Array> {
  const relayStep1 = socket.next((message) => message.type === 'syncStep1')
  const relayStep2 = socket.next((message) => message.type === 'syncStep2')
  // If step 1 fails, that is the error reported; step 2's must not surface as unhandled.
  relayStep2.catch(() => undefined)
  socket.sendStep1(doc)
  const step1 = await relayStep1
  if (step1.type === 'syncStep1') socket.sendStep2(doc, step1.stateVector)
  const step2 = await relayStep2
  return step2.type === 'syncStep2' ? step2.update : new Uint8Array(0)
}

/** Joins a board as a fresh provider would, then leaves; returns the bytes of board state received. */
export async function joinOnce(syncUrl: string, boardId: string): Promise<number> {
  const socket = await SyncSocket.open(syncUrl, boardId)
  const doc = new Y.Doc()
  try {
    return (await handshake(socket, doc)).length
  } finally {
    await socket.close()
    doc.destroy()
  }
}

/**
 * Stores content on the relay: runs `write` on a fresh doc,
 * sends each of its updates as its own sync message (each under the frame
 * limit), and waits until the relay acknowledged all of them.
 */
export async function seedBoard(
  syncUrl: string,
  boardId: string,
  write: (doc: Y.Doc) => void,
): Promise<{ updates: number; bytes: number }> {
  const socket = await SyncSocket.open(syncUrl, boardId)
  const doc = new Y.Doc()
  try {
    await handshake(socket, doc)
    let bytes = 0
    let updates = 0
    doc.on('update', (update: Uint8Array) => {
      bytes += update.length
      updates++
      socket.sendUpdate(update)
    })
    write(doc)
    await socket.allSaved()
    if (socket.rejected > 0) throw new Error(`the relay rejected ${socket.rejected} seed updates`)
    return { updates, bytes }
  } finally {
    await socket.close()
    doc.destroy()
  }
}
