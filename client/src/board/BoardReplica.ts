import { IndexeddbPersistence } from 'y-indexeddb'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { BoardMeta, metaMap, readHistoryGeneration } from '../../../shared/src/board/boardDoc.ts'
import { MessageType } from '../../../shared/src/protocol/messages.ts'
import { replaceAwarenessBroadcast } from './awarenessBroadcast.ts'

export interface BoardReplicaOptions {
  boardId: string
  /** The relay's board socket URL (see syncServerUrl). */
  serverUrl: string
  /** The WebSocket class the provider uses (the connection watch's counting one). */
  WebSocket: typeof WebSocket
  /** Keep this copy in IndexedDB (edits made offline survive a reload). */
  persist: boolean
  /** An observer's copy: no presence of its own, and it answers no presence queries. */
  observe: boolean
  /** The longest wait between reconnection attempts (y-websocket's default, 2.5 s, when absent). */
  reconnectMaxMs?: number
}

/** The IndexedDB database a board's copy is kept in on this device. */
export function localCopyName(boardId: string): string {
  return `samskap-board-${boardId}`
}

/**
 * One copy of a board in this browser: a Y.Doc, its y-websocket provider to the relay (every
 * edit goes through the relay: no BroadcastChannel) and, when kept, its IndexedDB copy. A page
 * replaces its replica when the relay refused part of it (see BoardConnection).
 */
export class BoardReplica {
  readonly doc = new Y.Doc()
  readonly provider: WebsocketProvider
  #persistence: IndexeddbPersistence | null = null
  readonly #options: BoardReplicaOptions
  readonly #disposers: Array<() => void> = []
  #destroyed = false

  constructor(options: BoardReplicaOptions) {
    this.#options = options
    this.provider = new WebsocketProvider(options.serverUrl, options.boardId, this.doc, {
      connect: false,
      disableBc: true,
      WebSocketPolyfill: options.WebSocket,
      ...(options.reconnectMaxMs === undefined ? {} : { maxBackoffTime: options.reconnectMaxMs }),
    })
    if (options.observe) {
      // The provider publishes the local awareness state on connect unless it is null, and
      // answers a query with every state it knows: an observer must do neither.
      this.provider.awareness.setLocalState(null)
      this.provider.messageHandlers[MessageType.queryAwareness] = () => undefined
    }
    this.#disposers.push(replaceAwarenessBroadcast(this.provider))
    // The socket says which generation of the board this copy is (see BoardMeta.historyGeneration),
    // so that the relay can turn away a copy older than the board, and this one keeps saying it.
    const meta = metaMap(this.doc)
    const onMeta = (event: Y.YMapEvent<unknown>) => {
      if (!event.keysChanged.has(BoardMeta.historyGeneration)) return
      this.#declareGeneration()
      // The board's history was rewritten while this copy was open: the device's copy still holds
      // what was erased, in the updates it kept; it is replaced by this copy as it is now.
      if (this.#persistence !== null && !event.transaction.local) void this.#keepAfresh()
    }
    meta.observe(onMeta)
    this.#disposers.push(() => meta.unobserve(onMeta))
  }

  /** Tells the relay the generation of this copy on every (re)connection, once it has content. */
  #declareGeneration(): void {
    this.provider.params = this.hasContent ? { generation: String(readHistoryGeneration(this.doc)) } : {}
  }

  /** Replaces the device's copy with the document as it is now. */
  async #keepAfresh(): Promise<void> {
    await this.dropLocalCopy()
    await this.keepLocally()
  }

  /** True when the document has content (from IndexedDB or the relay). */
  get hasContent(): boolean {
    return this.doc.store.clients.size > 0
  }

  /**
   * Starts keeping the copy in IndexedDB and resolves once what the device had is loaded into
   * the document (at once, when there is nothing to keep or IndexedDB is unavailable).
   */
  keepLocally(): Promise<void> {
    if (!this.#options.persist || this.#persistence !== null || this.#destroyed) return Promise.resolve()
    const persistence = new IndexeddbPersistence(localCopyName(this.#options.boardId), this.doc)
    this.#persistence = persistence
    return new Promise((resolve) => {
      persistence.whenSynced.then(() => resolve(), () => resolve())
      persistence._db.catch((error: unknown) => {
        console.warn('Samskap: IndexedDB is not available; edits are kept only while the page is open', error)
        resolve()
      })
    })
  }

  /** Deletes this copy from IndexedDB (it held something the relay refused) and stops keeping it. */
  async dropLocalCopy(): Promise<void> {
    const persistence = this.#persistence
    this.#persistence = null
    await persistence?.clearData().catch((error: unknown) => console.warn('Samskap: could not clear the board’s local copy', error))
  }

  /** Resolves once the provider has synced with the relay (or the replica is destroyed). */
  whenSynced(): Promise<void> {
    if (this.provider.synced) return Promise.resolve()
    return new Promise((resolve) => {
      const onSync = (synced: boolean) => {
        if (!synced) return
        this.provider.off('sync', onSync)
        resolve()
      }
      this.provider.on('sync', onSync)
      this.#disposers.push(() => {
        this.provider.off('sync', onSync)
        resolve()
      })
    })
  }

  connect(): void {
    if (this.#destroyed) return
    this.#declareGeneration()
    this.provider.connect()
  }

  /** Disconnects (telling the others we left), stops keeping the copy and frees the document. */
  destroy(): void {
    if (this.#destroyed) return
    this.#destroyed = true
    for (const dispose of this.#disposers.splice(0)) dispose()
    this.provider.destroy()
    void this.#persistence?.destroy()
    this.#persistence = null
    this.doc.destroy()
  }
}
