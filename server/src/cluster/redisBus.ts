import type { Redis } from 'ioredis'
import type { Logger } from '../logger.ts'
import { decodeBoardMessage, decodeLiveEvent, encodeBoardMessage, encodeLiveEvent } from './busMessages.ts'
import type { BoardMessage, ClusterBus, LiveEvent } from './clusterBus.ts'
import { closeRedis, openRedis, whenReady } from './redisConnection.ts'

export interface RedisBusOptions {
  /** REDIS_URL: redis://host:port */
  url: string
  instanceId: string
  logger: Logger
  /** Prefix of every channel, so that several deployments can share one Redis. */
  prefix?: string
}

/**
 * The bus over Redis pub/sub: a channel per board (only instances with the board open subscribe)
 * and one for live events. Pub/sub delivers at most once: a message lost while an instance was
 * cut off from Redis is caught up from the store (rooms notice the gap in the log's seqs), and
 * ioredis subscribes again after a reconnect on its own.
 */
export class RedisBus implements ClusterBus {
  readonly instanceId: string
  readonly shared = true
  readonly #publisher: Redis
  readonly #subscriber: Redis
  readonly #logger: Logger
  readonly #prefix: string
  readonly #boards = new Map<string, Set<BoardListener>>()
  readonly #eventHandlers: Array<(event: LiveEvent) => void> = []
  #connectedBefore = false

  constructor(options: RedisBusOptions) {
    this.instanceId = options.instanceId
    this.#logger = options.logger.child({ component: 'bus' })
    this.#prefix = options.prefix ?? 'samskap'
    this.#publisher = openRedis(options.url, this.#logger, 'bus publisher')
    this.#subscriber = openRedis(options.url, this.#logger, 'bus subscriber')
    this.#subscriber.on('messageBuffer', (channel: Buffer, payload: Buffer) => this.#receive(channel.toString(), payload))
    this.#subscriber.on('ready', () => {
      if (this.#connectedBefore) void this.#recover()
      this.#connectedBefore = true
    })
  }

  /** Resolves once both connections are up and the events channel is subscribed. */
  async start(): Promise<void> {
    await Promise.all([whenReady(this.#subscriber), whenReady(this.#publisher)])
    await this.#subscriber.subscribe(this.#eventsChannel)
  }

  async subscribeBoard(boardId: string, deliver: (message: BoardMessage) => void, missed: () => void): Promise<() => void> {
    let handlers = this.#boards.get(boardId)
    if (handlers === undefined) {
      handlers = new Set()
      this.#boards.set(boardId, handlers)
    }
    const listener: BoardListener = { deliver, missed }
    handlers.add(listener)
    // SUBSCRIBE is answered once Redis has it: from then on every publish reaches us. Without
    // Redis the board still opens; it is subscribed, and caught up, when Redis is back.
    await this.#subscriber.subscribe(this.#boardChannel(boardId)).catch(() => undefined)
    return () => {
      const current = this.#boards.get(boardId)
      if (current === undefined || !current.delete(listener) || current.size > 0) return
      this.#boards.delete(boardId)
      this.#subscriber.unsubscribe(this.#boardChannel(boardId)).catch((error: unknown) => {
        this.#logger.debug({ err: error, boardId }, 'unsubscribing from a board failed')
      })
    }
  }

  publishBoard(boardId: string, message: BoardMessage): void {
    const payload = Buffer.from(encodeBoardMessage(this.instanceId, message))
    // Lost when Redis is down (logged once by the connection): the others catch up from the store
    // when they see the gap or Redis comes back, and the browsers renew their presence.
    this.#publisher.publish(this.#boardChannel(boardId), payload).catch(() => undefined)
  }

  publishEvent(event: LiveEvent): void {
    this.#publisher.publish(this.#eventsChannel, encodeLiveEvent(this.instanceId, event)).catch((error: unknown) => {
      // The sockets on this instance are ended all the same; those elsewhere keep their session's
      // check (a rotated link or ended session is refused at their next connection).
      this.#logger.error({ err: error, kind: event.kind }, 'publishing a live event failed')
    })
  }

  onEvent(handle: (event: LiveEvent) => void): void {
    this.#eventHandlers.push(handle)
  }

  async close(): Promise<void> {
    this.#boards.clear()
    await Promise.all([closeRedis(this.#subscriber), closeRedis(this.#publisher)])
  }

  get #eventsChannel(): string {
    return `${this.#prefix}:events`
  }

  #boardChannel(boardId: string): string {
    return `${this.#prefix}:board:${boardId}`
  }

  #receive(channel: string, payload: Buffer): void {
    if (channel === this.#eventsChannel) {
      const decoded = decodeLiveEvent(payload.toString())
      if (decoded === null) {
        this.#logger.warn('ignoring a live event that does not decode')
        return
      }
      if (decoded.from !== this.instanceId) for (const handle of this.#eventHandlers) handle(decoded.event)
      return
    }
    const boardId = channel.slice(`${this.#prefix}:board:`.length)
    const handlers = this.#boards.get(boardId)
    if (handlers === undefined) return
    const decoded = decodeBoardMessage(payload)
    if (decoded === null) {
      this.#logger.warn({ boardId }, 'ignoring a board message that does not decode')
      return
    }
    if (decoded.from === this.instanceId) return
    for (const { deliver } of handlers) deliver(decoded.message)
  }

  /**
   * The subscriber connection came back after a cut: what was published meanwhile never reached
   * us. Once every channel is subscribed again (so nothing more is missed), each board reads what
   * it lacks from the store.
   */
  async #recover(): Promise<void> {
    const boardIds = [...this.#boards.keys()]
    this.#logger.warn({ boards: boardIds.length }, 'the Redis subscription was cut; catching the open boards up from the store')
    try {
      await this.#subscriber.subscribe(this.#eventsChannel, ...boardIds.map((boardId) => this.#boardChannel(boardId)))
    } catch (error) {
      // The connection went again; its next 'ready' recovers.
      this.#logger.warn({ err: error }, 'subscribing again after a cut failed')
      return
    }
    for (const boardId of boardIds) for (const { missed } of this.#boards.get(boardId) ?? []) missed()
  }
}

interface BoardListener {
  deliver: (message: BoardMessage) => void
  missed: () => void
}
