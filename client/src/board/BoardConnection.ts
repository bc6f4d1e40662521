import {
  atom,
  computed,
  createTLStore,
  defaultBindingUtils,
  defaultShapeUtils,
  type Atom,
  type Signal,
  type TLAssetStore,
  type TLStore,
  type TLUser,
} from 'tldraw'
import { IndexeddbPersistence } from 'y-indexeddb'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { syncBasePath } from '../../../shared/src/protocol/boardId.ts'
import { MessageType } from '../../../shared/src/protocol/messages.ts'
import { replaceAwarenessBroadcast } from './awarenessBroadcast.ts'
import { ConnectionWatch, type ConnectionState } from './ConnectionWatch.ts'
import { PresenceSync } from './PresenceSync.ts'
import { YjsStoreBinding } from './YjsStoreBinding.ts'

export type { ConnectionState } from './ConnectionWatch.ts'

/** What this person may do on the board: edit it, or only watch (observers). */
export type BoardMode = 'edit' | 'observe'

export interface BoardConnectionOptions {
  boardId: string
  /** Where the page was loaded from; the board socket goes to the same host. */
  location: { protocol: string; host: string }
  /** The person at this client, for presence and attribution. */
  user: Signal<TLUser | null>
  /** How files dropped on the board are uploaded (see createBoardAssetStore). */
  assets: TLAssetStore
  /** Where `pagehide`/`beforeunload` come from, to write the last edit before the page goes (default: window). */
  page?: Pick<Window, 'addEventListener' | 'removeEventListener'>
  /** Keep the board in IndexedDB so edits made offline survive a reload (default: when available). */
  persist?: boolean
  /** The WebSocket class to build on (default: the global one). */
  WebSocket?: typeof WebSocket
  /**
   * 'observe' for observers: the board is read-only, nothing is ever sent but the
   * sync handshake (no edits, no presence, no awareness at all: the relay closes an
   * observer's socket on either), and nothing is kept on the device. Default: 'edit'.
   */
  mode?: BoardMode
}

/** The URL of the relay's board sockets for a page loaded from `location`. */
export function syncServerUrl(location: { protocol: string; host: string }): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}${syncBasePath}`
}

/**
 * Everything one open board needs: the Y.Doc, its IndexedDB copy, the y-websocket
 * provider to the relay (every edit goes through the relay: no BroadcastChannel), the
 * tldraw store bound to the doc, presence, and the connection state the status shows.
 *
 * The store is bound only after the local copy has loaded (so local edits are not
 * overwritten), and, for a board this device has never seen, after the first sync with
 * the relay (so a new client does not initialise a board that already exists).
 */
export class BoardConnection {
  readonly boardId: string
  readonly doc = new Y.Doc()
  readonly store: TLStore
  readonly provider: WebsocketProvider
  /** The state the status indicator shows; `ready` once the store is bound to the board. */
  readonly $state: Signal<ConnectionState>
  readonly mode: BoardMode

  private readonly $binding: Atom<YjsStoreBinding | null> = atom('binding', null)
  private readonly watch: ConnectionWatch
  private readonly persistence: IndexeddbPersistence | null
  private readonly user: Signal<TLUser | null>
  private presence: PresenceSync | null = null
  private readonly disposers: (() => void)[] = []
  private destroyed = false

  constructor({
    boardId,
    location,
    user,
    assets,
    persist,
    page = typeof window === 'undefined' ? undefined : window,
    WebSocket: Base = globalThis.WebSocket,
    mode = 'edit',
  }: BoardConnectionOptions) {
    this.boardId = boardId
    this.user = user
    this.mode = mode
    this.watch = new ConnectionWatch({
      readonlyReason: computed('readonlyReason', () => this.$binding.get()?.$readonlyReason.get() ?? null),
      unwrittenChanges: computed('unwrittenChanges', () => this.$binding.get()?.$hasUnwrittenChanges.get() ?? false),
      WebSocket: Base,
    })
    this.provider = new WebsocketProvider(syncServerUrl(location), boardId, this.doc, {
      connect: false,
      disableBc: true,
      WebSocketPolyfill: this.watch.socketClass,
    })
    this.watch.attach(this.provider)
    if (mode === 'observe') {
      // The provider publishes the local awareness state on connect unless it is null, and
      // answers a query with every state it knows: an observer must do neither.
      this.provider.awareness.setLocalState(null)
      this.provider.messageHandlers[MessageType.queryAwareness] = () => undefined
    }
    this.$state = computed('boardConnectionState', () => ({
      ...this.watch.$state.get(),
      ready: this.$binding.get() !== null,
    }))
    this.store = createTLStore({
      shapeUtils: defaultShapeUtils,
      bindingUtils: defaultBindingUtils,
      assets,
      users: { currentUser: user },
      collaboration: {
        // Our own status indicator says whether we are online.
        status: null,
        mode: computed('collaborationMode', () =>
          mode === 'observe' || this.$state.get().status === 'readonly' ? 'readonly' : 'readwrite',
        ),
      },
    })
    this.disposers.push(replaceAwarenessBroadcast(this.provider))
    if (page !== undefined) {
      // tldraw writes an edit to the document on the next animation frame, which a closing
      // tab may never get: write it now, so IndexedDB and the relay still receive it.
      const flush = () => this.$binding.get()?.flush()
      page.addEventListener('pagehide', flush)
      page.addEventListener('beforeunload', flush)
      this.disposers.push(() => {
        page.removeEventListener('pagehide', flush)
        page.removeEventListener('beforeunload', flush)
      })
    }

    // An observer's copy would only be a stale duplicate of what the relay serves: keep none.
    const canPersist = mode === 'edit' && (persist ?? typeof indexedDB !== 'undefined')
    this.persistence = canPersist ? new IndexeddbPersistence(`samskap-board-${boardId}`, this.doc) : null
    void this.start()
  }

  /** The binding, once the store is bound to the board. */
  get binding(): YjsStoreBinding | null {
    return this.$binding.get()
  }

  /** Writes the last edits, disconnects (telling the others we left), stops everything and frees the document. */
  destroy(): void {
    if (this.destroyed) return
    this.destroyed = true
    this.$binding.get()?.flush()
    this.presence?.destroy()
    this.$binding.get()?.destroy()
    this.watch.destroy()
    for (const dispose of this.disposers.splice(0)) dispose()
    this.provider.destroy()
    void this.persistence?.destroy()
    this.doc.destroy()
  }

  private async start(): Promise<void> {
    await this.localCopyLoaded()
    if (this.destroyed) return
    this.provider.connect()
    const hasLocalCopy = this.doc.store.clients.size > 0
    if (!hasLocalCopy) await this.firstSync()
    if (this.destroyed) return
    const editing = this.mode === 'edit'
    this.$binding.set(new YjsStoreBinding({ doc: this.doc, store: this.store, writable: editing }))
    this.presence = new PresenceSync({ awareness: this.provider.awareness, store: this.store, user: this.user, publish: editing })
  }

  /** Resolves once IndexedDB has loaded, or at once if it is unavailable or fails to open. */
  private localCopyLoaded(): Promise<void> {
    const persistence = this.persistence
    if (persistence === null) return Promise.resolve()
    return new Promise((resolve) => {
      persistence.whenSynced.then(() => resolve(), () => resolve())
      persistence._db.catch((error: unknown) => {
        console.warn('Samskap: IndexedDB is not available; edits are kept only while the page is open', error)
        resolve()
      })
    })
  }

  private firstSync(): Promise<void> {
    if (this.provider.synced) return Promise.resolve()
    return new Promise((resolve) => {
      const onSync = (synced: boolean) => {
        if (!synced) return
        this.provider.off('sync', onSync)
        resolve()
      }
      this.provider.on('sync', onSync)
      this.disposers.push(() => {
        this.provider.off('sync', onSync)
        resolve()
      })
    })
  }
}
