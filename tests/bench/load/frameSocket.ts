/**
 * A WebSocket client for the load generator that reads frames where they land.
 * One process plays hundreds of people and reads tens of thousands of
 * messages a second; with a `ws` client per person, the buffer, event and
 * stream machinery per message made the generator's own pauses part of what
 * the bench measured. Here every socket reads into one shared buffer
 * (`onread`), a message is handed on as a byte range of it, and frames are
 * sent as they were prepared. Bytes on the wire are the same as a `ws` client's.
 */
import { createHash, randomBytes } from 'node:crypto'
import net from 'node:net'

/** Valid only during the call: the range is part of a buffer the next read overwrites. */
export type MessageListener = (bytes: Buffer, start: number, end: number) => void

const opcode = { continuation: 0x0, text: 0x1, binary: 0x2, close: 0x8, ping: 0x9, pong: 0xa } as const
const acceptGuid = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11'
const headerEnd = Buffer.from('\r\n\r\n')

/**
 * Frames `payload` as one masked binary frame, as a client must send it. The
 * mask key is zero, so the payload is written unchanged and a frame can be
 * prepared once and sent many times (as `ws`'s own `generateMask` option allows);
 * the server unmasks it like any other.
 */
export function clientFrame(payload: Uint8Array, frameOpcode: number = opcode.binary): Buffer {
  const length = payload.length
  const lengthBytes = length < 126 ? 0 : length < 65_536 ? 2 : 8
  const frame = Buffer.alloc(2 + lengthBytes + 4 + length)
  frame[0] = 0x80 | frameOpcode
  if (lengthBytes === 0) frame[1] = 0x80 | length
  else if (lengthBytes === 2) {
    frame[1] = 0x80 | 126
    frame.writeUInt16BE(length, 2)
  } else {
    frame[1] = 0x80 | 127
    frame.writeBigUInt64BE(BigInt(length), 2)
  }
  frame.set(payload, 2 + lengthBytes + 4)
  return frame
}

/** Every socket reads into this: a read is handled completely before the next one starts. */
const sharedReadBuffer = Buffer.allocUnsafe(256 * 1024)

export class FrameSocket {
  open = false
  readonly #socket: net.Socket
  readonly #key = randomBytes(16).toString('base64')
  readonly #onOpen: () => void
  readonly #onMessage: MessageListener
  readonly #onError: (error: Error) => void
  /** Bytes of a frame (or of the handshake answer) that a read ended in the middle of. */
  #carry: Buffer = Buffer.alloc(0)
  #carried = 0
  /** Parts of a fragmented message so far. */
  #fragments: Buffer[] | null = null
  #upgraded = false
  #ended = false

  constructor(url: string, listeners: { onOpen: () => void; onMessage: MessageListener; onError: (error: Error) => void }) {
    const target = new URL(url)
    if (target.protocol !== 'ws:') throw new Error(`the load generator speaks plain ws://, not ${target.protocol}`)
    this.#onOpen = listeners.onOpen
    this.#onMessage = listeners.onMessage
    this.#onError = listeners.onError
    this.#socket = net.connect({
      host: target.hostname,
      port: Number(target.port || 80),
      noDelay: true,
      onread: { buffer: sharedReadBuffer, callback: (length: number, buffer: Uint8Array) => this.#read(length, buffer as Buffer) },
    })
    this.#socket.on('connect', () => {
      this.#socket.write(
        `GET ${target.pathname}${target.search} HTTP/1.1\r\nHost: ${target.host}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
          `Sec-WebSocket-Key: ${this.#key}\r\nSec-WebSocket-Version: 13\r\n\r\n`,
      )
    })
    this.#socket.on('error', (error) => this.#fail(error))
    this.#socket.on('close', () => {
      this.open = false
    })
  }

  /** Sends a frame made by `clientFrame`. */
  sendFrame(frame: Uint8Array): void {
    if (this.open) this.#socket.write(frame)
  }

  /** Frames and sends one binary message. */
  send(payload: Uint8Array): void {
    this.sendFrame(clientFrame(payload))
  }

  terminate(): void {
    this.open = false
    this.#ended = true
    this.#socket.destroy()
  }

  #read(length: number, buffer: Buffer): boolean {
    if (this.#ended) return false
    try {
      if (this.#carried === 0) {
        const used = this.#consume(buffer, 0, length)
        if (used < length) this.#keep(buffer, used, length)
      } else {
        this.#keep(buffer, 0, length)
        const used = this.#consume(this.#carry, 0, this.#carried)
        this.#carry.copyWithin(0, used, this.#carried)
        this.#carried -= used
      }
    } catch (error) {
      this.#fail(error instanceof Error ? error : new Error(String(error)))
      return false
    }
    return true
  }

  /** Appends bytes to the carry, growing it when a frame is larger than any before. */
  #keep(buffer: Buffer, start: number, end: number): void {
    const needed = this.#carried + (end - start)
    if (needed > this.#carry.length) {
      const grown = Buffer.allocUnsafe(Math.max(needed, this.#carry.length * 2, 4096))
      this.#carry.copy(grown, 0, 0, this.#carried)
      this.#carry = grown
    }
    buffer.copy(this.#carry, this.#carried, start, end)
    this.#carried = needed
  }

  /** Handles every whole frame in [start, end) and returns where the first incomplete one begins. */
  #consume(bytes: Buffer, start: number, end: number): number {
    let at = start
    if (!this.#upgraded) {
      const answerEnd = bytes.subarray(start, end).indexOf(headerEnd)
      if (answerEnd < 0) return start
      this.#checkUpgrade(bytes.toString('latin1', start, start + answerEnd))
      at = start + answerEnd + headerEnd.length
    }
    while (end - at >= 2) {
      const first = bytes[at] ?? 0
      const second = bytes[at + 1] ?? 0
      if ((second & 0x80) !== 0) throw new Error('the server sent a masked frame')
      let length = second & 0x7f
      let header = 2
      if (length === 126) {
        if (end - at < 4) break
        length = bytes.readUInt16BE(at + 2)
        header = 4
      } else if (length === 127) {
        if (end - at < 10) break
        length = bytes.readUInt32BE(at + 2) * 2 ** 32 + bytes.readUInt32BE(at + 6)
        header = 10
      }
      if (end - at < header + length) break
      this.#frame(first, bytes, at + header, at + header + length)
      at += header + length
      if (this.#ended) return end
    }
    return at
  }

  #frame(first: number, bytes: Buffer, start: number, end: number): void {
    const final = (first & 0x80) !== 0
    const code = first & 0x0f
    if (code === opcode.binary || code === opcode.text || code === opcode.continuation) {
      if (final && this.#fragments === null) {
        this.#onMessage(bytes, start, end)
        return
      }
      // Rare: a message in several frames is gathered into a buffer of its own.
      if (code !== opcode.continuation) this.#fragments = []
      if (this.#fragments === null) throw new Error('a continuation frame without a message to continue')
      this.#fragments.push(Buffer.from(bytes.subarray(start, end)))
      if (final) {
        const whole = Buffer.concat(this.#fragments)
        this.#fragments = null
        this.#onMessage(whole, 0, whole.length)
      }
    } else if (code === opcode.ping) {
      this.sendFrame(clientFrame(bytes.subarray(start, end), opcode.pong))
    } else if (code === opcode.close) {
      this.sendFrame(clientFrame(bytes.subarray(start, Math.min(end, start + 2)), opcode.close))
      this.terminate()
    } else if (code !== opcode.pong) {
      throw new Error(`unknown frame opcode ${code}`)
    }
  }

  #checkUpgrade(answer: string): void {
    const [status = '', ...headerLines] = answer.split('\r\n')
    if (!/^HTTP\/1\.1 101 /.test(status)) throw new Error(`the server refused the upgrade: ${status}`)
    const accept = headerLines.find((line) => line.toLowerCase().startsWith('sec-websocket-accept:'))?.slice(21).trim()
    const expected = createHash('sha1').update(this.#key + acceptGuid).digest('base64')
    if (accept !== expected) throw new Error('the server answered the upgrade with a wrong Sec-WebSocket-Accept')
    this.#upgraded = true
    this.open = true
    this.#onOpen()
  }

  #fail(error: Error): void {
    if (this.#ended) return
    this.terminate()
    this.#onError(error)
  }
}
