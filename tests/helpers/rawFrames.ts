import { randomBytes } from 'node:crypto'
import net from 'node:net'

// A WebSocket client written by hand over a TCP socket, for what a library client will not do:
// announce a frame of any length in its header and then send its payload as slowly as it likes,
// or split a message into fragments. It reads just enough to know how the server answered.

/** What the server did with a hand-written socket. */
export interface RawFrameOutcome {
  /** The close code of the server's close frame, or null when it sent none. */
  closeCode: number | null
  /** The TCP connection is gone (the server ended or destroyed it). */
  ended: boolean
}

/** A WebSocket over a bare TCP socket; frames are written with {@link frameHeader} and payload bytes. */
export class RawFrameSocket {
  readonly socket: net.Socket
  /** Resolves once the server answered the upgrade with 101; rejects on any other answer. */
  readonly upgraded: Promise<void>
  /** Bytes after the handshake's answer: the server's frames. */
  #incoming = Buffer.alloc(0)
  #answered = false
  #closeCode: number | null = null
  #ended = false
  readonly #waiters = new Set<() => void>()

  private constructor(socket: net.Socket, target: URL, headers: Record<string, string>) {
    this.socket = socket
    let settle: { resolve: () => void; reject: (error: Error) => void } = { resolve: () => {}, reject: () => {} }
    this.upgraded = new Promise((resolve, reject) => (settle = { resolve, reject }))
    this.upgraded.catch(() => undefined)
    socket.on('data', (chunk: Buffer) => {
      this.#incoming = Buffer.concat([this.#incoming, chunk])
      if (!this.#answered) {
        const end = this.#incoming.indexOf('\r\n\r\n')
        if (end < 0) return
        this.#answered = true
        const status = this.#incoming.subarray(0, end).toString('latin1').split('\r\n', 1)[0] ?? ''
        this.#incoming = this.#incoming.subarray(end + 4)
        if (status.includes(' 101 ')) settle.resolve()
        else settle.reject(new Error(`The server did not upgrade: ${status}`))
      }
      this.#readFrames()
    })
    socket.on('close', () => {
      this.#ended = true
      settle.reject(new Error('The connection closed before the upgrade was answered.'))
      this.#notify()
    })
    socket.on('error', () => undefined)
    const lines = Object.entries({
      Host: target.host,
      Upgrade: 'websocket',
      Connection: 'Upgrade',
      'Sec-WebSocket-Key': randomBytes(16).toString('base64'),
      'Sec-WebSocket-Version': '13',
      ...headers,
    }).map(([name, value]) => `${name}: ${value}`)
    socket.write(`GET ${target.pathname}${target.search} HTTP/1.1\r\n${lines.join('\r\n')}\r\n\r\n`)
  }

  /**
   * Connects to `url` (ws://host:port/path) and sends the upgrade request; resolves once the TCP
   * connection is up, without waiting for the answer (see `upgraded`), so that a test can send
   * frames while the server still decides whether to take the socket.
   */
  static open(url: string, headers: Record<string, string> = {}): Promise<RawFrameSocket> {
    const target = new URL(url)
    return new Promise((resolve, reject) => {
      // Half-open allowed: a hostile client goes on sending after the server has ended its side.
      const socket = net.connect({ port: Number(target.port), host: target.hostname, allowHalfOpen: true })
      socket.once('error', reject)
      socket.once('connect', () => {
        socket.off('error', reject)
        resolve(new RawFrameSocket(socket, target, headers))
      })
    })
  }

  /** What the server has done so far. */
  get outcome(): RawFrameOutcome {
    return { closeCode: this.#closeCode, ended: this.#ended }
  }

  /**
   * Hands `payloadBytes` of payload to the socket at once, as a client library sends one large
   * message: it goes out as fast as the server reads it, whatever the server answers.
   */
  pour(payloadBytes: number, chunkBytes: number): void {
    const chunk = Buffer.alloc(chunkBytes, 0x61)
    for (let written = 0; written < payloadBytes; written += chunkBytes) {
      this.socket.write(written + chunkBytes <= payloadBytes ? chunk : chunk.subarray(0, payloadBytes - written))
    }
  }

  /**
   * Writes `payloadBytes` of payload, `chunkBytes` at a time, each only once the last has left
   * this process (so that the server reads at its pace, not ours), until all are written or the
   * server closed (unless `pastClose`: a hostile client that ignores the close frame) or ended the
   * connection. Resolves to the payload bytes written.
   */
  async streamPayload(payloadBytes: number, chunkBytes: number, options: { pastClose?: boolean } = {}): Promise<number> {
    const chunk = Buffer.alloc(chunkBytes, 0x61)
    let written = 0
    const refused = (): boolean => (this.#closeCode !== null && options.pastClose !== true) || this.#ended || this.socket.destroyed
    while (written < payloadBytes && !refused()) {
      const size = Math.min(chunkBytes, payloadBytes - written)
      const flushed = await new Promise<boolean>((resolve) => {
        this.socket.write(size === chunkBytes ? chunk : chunk.subarray(0, size), (error) => resolve(error == null))
      })
      if (!flushed) break
      written += size
    }
    return written
  }

  /** Resolves once the server sent a close frame or the connection ended. */
  refused(): Promise<RawFrameOutcome> {
    return new Promise((resolve) => {
      const check = (): void => {
        if (this.#closeCode === null && !this.#ended) return
        this.#waiters.delete(check)
        resolve(this.outcome)
      }
      this.#waiters.add(check)
      check()
    })
  }

  destroy(): void {
    this.socket.destroy()
  }

  #readFrames(): void {
    // Unmasked server frames with a short length are all this needs to read (close frames are).
    while (this.#incoming.length >= 2) {
      const opcode = (this.#incoming[0] ?? 0) & 0x0f
      const length = (this.#incoming[1] ?? 0) & 0x7f
      const headerBytes = length === 126 ? 4 : length === 127 ? 10 : 2
      if (this.#incoming.length < headerBytes) return
      const payloadBytes =
        length === 126 ? this.#incoming.readUInt16BE(2) : length === 127 ? Number(this.#incoming.readBigUInt64BE(2)) : length
      if (this.#incoming.length < headerBytes + payloadBytes) return
      if (opcode === 0x8 && this.#closeCode === null) {
        this.#closeCode = payloadBytes >= 2 ? this.#incoming.readUInt16BE(headerBytes) : 1005
        this.#notify()
      }
      this.#incoming = this.#incoming.subarray(headerBytes + payloadBytes)
    }
  }

  #notify(): void {
    for (const waiter of [...this.#waiters]) waiter()
  }
}

/** WebSocket opcodes a client sends. */
export const Opcode = { continuation: 0x0, text: 0x1, binary: 0x2 } as const

/**
 * The header of a client frame announcing `payloadBytes`, masked with an all-zero mask (so that
 * the payload goes out as it is: the server unmasks with XOR 0).
 */
export function frameHeader(opcode: number, payloadBytes: number, final = true): Buffer {
  const first = (final ? 0x80 : 0) | opcode
  const mask = Buffer.alloc(4)
  if (payloadBytes < 126) return Buffer.concat([Buffer.from([first, 0x80 | payloadBytes]), mask])
  if (payloadBytes < 0x10000) {
    const header = Buffer.from([first, 0x80 | 126, 0, 0])
    header.writeUInt16BE(payloadBytes, 2)
    return Buffer.concat([header, mask])
  }
  const header = Buffer.alloc(10)
  header[0] = first
  header[1] = 0x80 | 127
  header.writeBigUInt64BE(BigInt(payloadBytes), 2)
  return Buffer.concat([header, mask])
}
