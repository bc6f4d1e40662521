import type { Connection } from './connection.ts'
import { keepAliveMessage } from './protocol.ts'

export interface KeepAliveTimings {
  /** A connection that has been sent nothing for this long gets an empty awareness message. */
  idleSendMs: number
  /** How often sockets are pinged; one that has not answered the previous ping is terminated. */
  pingIntervalMs: number
}

/**
 * Keeps sockets alive and finds dead ones. The y-websocket provider drops a
 * socket that received nothing for 30 s, and browsers never show ws pings to
 * it, so quiet connections get an awareness message with zero entries; ws
 * ping/pong detects peers that vanished without closing.
 */
export class KeepAlive {
  readonly #connections: () => Iterable<Connection>
  readonly #timings: KeepAliveTimings
  readonly #timers: NodeJS.Timeout[] = []

  constructor(connections: () => Iterable<Connection>, timings: KeepAliveTimings) {
    this.#connections = connections
    this.#timings = timings
  }

  start(): void {
    const sendEvery = Math.max(10, Math.floor(this.#timings.idleSendMs / 3))
    this.#timers.push(setInterval(() => this.#sendToIdle(), sendEvery))
    this.#timers.push(setInterval(() => this.#ping(), this.#timings.pingIntervalMs))
  }

  stop(): void {
    for (const timer of this.#timers) clearInterval(timer)
    this.#timers.length = 0
  }

  #sendToIdle(): void {
    const quietSince = Date.now() - this.#timings.idleSendMs
    for (const connection of this.#connections()) {
      if (connection.lastSentAt <= quietSince) connection.send(keepAliveMessage)
    }
  }

  #ping(): void {
    for (const connection of this.#connections()) {
      if (!connection.answeredPing) {
        connection.socket.terminate()
        continue
      }
      connection.answeredPing = false
      try {
        connection.socket.ping()
      } catch {
        connection.socket.terminate()
      }
    }
  }
}
