import { atom, computed, type Atom, type Signal } from 'tldraw'
import type * as Y from 'yjs'
import { syncBasePath } from '../../../shared/src/protocol/boardId.ts'
import { CloseCode } from '../../../shared/src/protocol/closeCodes.ts'
import { BoardReplica } from './BoardReplica.ts'
import { ConnectionWatch, type ConnectionState, type Refusal } from './ConnectionWatch.ts'
import type { YjsStoreBinding } from './YjsStoreBinding.ts'

/** The URL of the relay's board sockets for a page loaded from `location`. */
export function syncServerUrl(location: { protocol: string; host: string }): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}${syncBasePath}`
}

export interface BoardCopyOptions {
  boardId: string
  location: { protocol: string; host: string }
  /** Keep the copy in IndexedDB. */
  persist: boolean
  /** Send nothing but the sync handshake (an observer's copy, or one whose person is present elsewhere). */
  observe: boolean
  WebSocket: typeof WebSocket
  reconnectMaxMs: number | undefined
  /** Names the copy's signals, to tell them apart when debugging. */
  name: string
}

/** Rebuilds in a short time after which the copy is left as it is and shown as stuck. */
const maxRebuildsInARow = 5
const rebuildWindowMs = 10_000

/**
 * One board's copy in this browser, as a connection keeps it: the replica (Y.Doc, y-websocket
 * provider, IndexedDB copy), the watch over its socket, and the tldraw store's binding to it.
 *
 * The store is bound only after the local copy has loaded (so local edits are not
 * overwritten), and, for a board this device has never seen, after the first sync with
 * the relay (so nobody edits before the board's first page and schema are there).
 *
 * When the relay refuses a change as not allowed, the copy has diverged: Yjs numbers a client's
 * changes in sequence, so everything after the refused one would be refused too. The copy is
 * then taken afresh: a fresh replica synced from the relay, what of the old one should stay put
 * on top (`carryOver`), the old copy and its IndexedDB data dropped (so a reload does not send
 * the refused change again), and the store bound anew.
 */
export abstract class BoardCopy {
  readonly boardId: string
  /** The state the status indicator shows; `ready` once the store is bound to the board. */
  readonly $state: Signal<ConnectionState>

  protected readonly watch: ConnectionWatch
  protected readonly $binding: Atom<YjsStoreBinding | null>
  protected destroyed = false

  readonly #options: BoardCopyOptions
  readonly #serverUrl: string
  readonly #replica: Atom<BoardReplica>
  #rebuilding: Promise<void> | null = null
  /** The copy being taken afresh, until it replaces the current one (destroyed with the connection). */
  #fresh: BoardReplica | null = null
  /** Keys refused since the last rebuild began: their changes are not carried over. */
  #refusedMeanwhile = new Set<string>()
  #recentRebuilds: number[] = []

  constructor(options: BoardCopyOptions) {
    this.#options = options
    this.boardId = options.boardId
    this.#serverUrl = syncServerUrl(options.location)
    this.$binding = atom(`${options.name}Binding`, null)
    this.watch = new ConnectionWatch({
      readonlyReason: computed(`${options.name}ReadonlyReason`, () => this.$binding.get()?.$readonlyReason.get() ?? null),
      unwrittenChanges: computed(`${options.name}Unwritten`, () => this.$binding.get()?.$hasUnwrittenChanges.get() ?? false),
      WebSocket: options.WebSocket,
      onRefused: (refusal) => this.#refused(refusal),
      onClosed: (code) => this.#closed(code),
    })
    this.#replica = atom(`${options.name}Replica`, this.#newReplica())
    this.watch.attach(this.replica.provider)
    this.$state = computed(`${options.name}State`, () => ({ ...this.watch.$state.get(), ready: this.$binding.get() !== null }))
  }

  /** The board's current copy in this browser (replaced when it is taken afresh). */
  get replica(): BoardReplica {
    return this.#replica.get()
  }

  get doc(): Y.Doc {
    return this.replica.doc
  }

  /** Writes the last edits, stops everything and frees the document. */
  destroy(): void {
    if (this.destroyed) return
    this.destroyed = true
    this.$binding.get()?.flush()
    this.unbind()
    this.released()
    this.watch.destroy()
    this.#fresh?.destroy()
    this.replica.destroy()
  }

  /** Binds the store to `replica`, making the binding the value of `$binding`. */
  protected abstract bind(replica: BoardReplica): void

  /** Undoes `bind`, leaving `$binding` null. */
  protected abstract unbind(): void

  /** Writes into the fresh copy what of the old one should stay (not the `refused` keys' changes). */
  protected abstract carryOver(old: Y.Doc, fresh: Y.Doc, refused: ReadonlySet<string>, afterErasure: boolean): void

  /** The relay refused a change: tell the person (the copy is taken afresh after this). */
  protected abstract toldRefused(refusal: Refusal): void

  /** Frees what the subclass holds besides the copy (called once, by destroy, after unbind). */
  protected released(): void {}

  /** The relay closed the socket for another reason than an erasure; true when the subclass takes care of it (see ConnectionWatch). */
  protected closedByRelay(_code: number): boolean {
    return false
  }

  /** Loads the local copy, connects, and binds the store; subclasses call it last in their constructor. */
  protected start(): void {
    void this.#open()
  }

  /** Takes the copy afresh because it is older than the board's history (someone was erased since). */
  protected takeAfreshAfterErasure(): void {
    if (this.#rebuilding === null && !this.destroyed) this.#takeAfresh(true)
  }

  /** A person erased from the workshop leaves no copy of this board on the device, whichever board it is. */
  #closed(code: number): boolean {
    if (code === CloseCode.erasedFromWorkshop.code) void this.replica.dropLocalCopy()
    return this.closedByRelay(code)
  }

  async #open(): Promise<void> {
    const replica = this.replica
    await replica.keepLocally()
    if (this.destroyed) return
    replica.connect()
    if (!replica.hasContent) await replica.whenSynced()
    if (this.destroyed) return
    this.bind(replica)
  }

  #newReplica(): BoardReplica {
    const { boardId, persist, observe, reconnectMaxMs } = this.#options
    return new BoardReplica({ boardId, serverUrl: this.#serverUrl, WebSocket: this.watch.socketClass, persist, observe, reconnectMaxMs })
  }

  /** Refusals arriving while the copy is taken afresh add their keys to what is left out. */
  #refused(refusal: Refusal): void {
    for (const key of refusal.keys) this.#refusedMeanwhile.add(key)
    this.toldRefused(refusal)
    if (this.#rebuilding !== null || this.destroyed) return
    const now = Date.now()
    this.#recentRebuilds = [...this.#recentRebuilds.filter((at) => now - at < rebuildWindowMs), now]
    if (this.#recentRebuilds.length > maxRebuildsInARow) {
      // Something keeps being refused that the rules here do not foresee: stop, and say so.
      this.watch.markStuck(refusal.reason)
      return
    }
    this.#takeAfresh(false)
  }

  #takeAfresh(afterErasure: boolean): void {
    this.#rebuilding = this.#replaceCopy(afterErasure).finally(() => {
      this.#rebuilding = null
    })
  }

  /**
   * Connects a fresh copy and waits for the relay's state, drops the old copy from the device,
   * then unbinds the store, carries over what of the old copy should stay, and binds the store
   * to the fresh one.
   */
  async #replaceCopy(afterErasure: boolean): Promise<void> {
    const old = this.replica
    // Nothing more of the old copy goes to the relay: everything after a refused change would be refused too.
    this.watch.detach()
    old.provider.disconnect()
    const fresh = this.#newReplica()
    this.#fresh = fresh
    this.watch.attach(fresh.provider)
    fresh.connect()
    await fresh.whenSynced()
    // The device's copy holds what the relay did not take: it goes, so a reload cannot send it again.
    // Edits made meanwhile still land in the old copy, and are carried over below.
    await old.dropLocalCopy()
    this.#fresh = null
    if (this.destroyed) {
      fresh.destroy()
      return
    }
    const binding = this.$binding.get()
    binding?.flush()
    this.unbind()
    const refused = this.#refusedMeanwhile
    this.#refusedMeanwhile = new Set()
    this.carryOver(old.doc, fresh.doc, refused, afterErasure)
    this.#replica.set(fresh)
    old.destroy()
    if (binding !== null) this.bind(fresh)
    await fresh.keepLocally()
  }
}
