import {
  atom,
  computed,
  createTLStore,
  defaultBindingUtils,
  defaultShapeUtils,
  type Atom,
  type Signal,
  type TLAssetStore,
  type TLRecord,
  type TLStore,
  type TLUser,
} from 'tldraw'
import type { WebsocketProvider } from 'y-websocket'
import type * as Y from 'yjs'
import { BoardMeta, metaMap, readBoardMode, readBoardRecords } from '../../../shared/src/board/boardDoc.ts'
import type { BoardMode as BoardRulesMode } from '../../../shared/src/board/boardMode.ts'
import type { BoardActor } from '../../../shared/src/board/boardRules.ts'
import { syncBasePath } from '../../../shared/src/protocol/boardId.ts'
import { CloseCode } from '../../../shared/src/protocol/closeCodes.ts'
import { UpdateRejection } from '../../../shared/src/protocol/messages.ts'
import { BoardReplica } from './BoardReplica.ts'
import { BoardRuleGuard } from './BoardRuleGuard.ts'
import { ConnectionWatch, type ConnectionState, type Refusal } from './ConnectionWatch.ts'
import { putBack, takeFreshCopy } from './freshCopy.ts'
import { pendingChanges, reactionsToPutBack, type PendingChange } from './pendingChanges.ts'
import { changesAfterErasure } from './staleCopy.ts'
import { PresenceSync } from './PresenceSync.ts'
import { PrivateNoteRouter } from './PrivateNoteRouter.ts'
import { YjsStoreBinding } from './YjsStoreBinding.ts'

export type { ConnectionState } from './ConnectionWatch.ts'

/** What this person may do on the board: edit it, or only watch (observers). */
export type BoardMode = 'edit' | 'observe'

export interface BoardConnectionOptions {
  boardId: string
  /** Where the page was loaded from; the board socket goes to the same host. */
  location: { protocol: string; host: string; origin?: string }
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
  /**
   * Who edits, for the board's rules (the relay applies the same): a facilitator or a
   * participant, with their session's person (null without a session). Default: a participant
   * without a session.
   */
  actor?: BoardActor
  /** Hosts whose embeds the server allows (`EMBED_HOSTS`). */
  embedHosts?: readonly string[]
  /** The longest wait between reconnection attempts (default y-websocket's 2.5 s). */
  reconnectMaxMs?: number
}

/** The URL of the relay's board sockets for a page loaded from `location`. */
export function syncServerUrl(location: { protocol: string; host: string }): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}${syncBasePath}`
}

/** Something the person did that the board's rules did not allow, to tell them in plain words. */
export interface RefusalNotice {
  reason: UpdateRejection
  /** Changes that were undone (0 when a change was simply not made). */
  undone: number
  /** Grows with every notice, so the same reason twice is still news. */
  serial: number
}

/** Rebuilds in a short time after which a page stops trying and shows an error instead. */
const maxRebasesInARow = 5
const rebaseWindowMs = 10_000

/**
 * Everything one open board needs: its replica (Y.Doc, y-websocket provider, IndexedDB copy),
 * the tldraw store bound to it, the board's rules applied before anything is sent, presence,
 * and the connection state the status shows.
 *
 * The store is bound only after the local copy has loaded (so local edits are not
 * overwritten), and, for a board this device has never seen, after the first sync with
 * the relay (so nobody edits before the board's first page and schema are there).
 *
 * When the relay refuses a change as not allowed, the page's copy has diverged: Yjs numbers a
 * client's changes in sequence, so everything after the refused one would be refused too. The
 * page then rebuilds its copy: a fresh replica synced from the relay, the person's other
 * unsaved changes put on top (those the rules allow), the old copy and its IndexedDB data
 * dropped (so a reload does not send the refused change again), and the store bound anew.
 */
export class BoardConnection {
  readonly boardId: string
  readonly store: TLStore
  /** The state the status indicator shows; `ready` once the store is bound to the board. */
  readonly $state: Signal<ConnectionState>
  readonly mode: BoardMode
  /** The board's mode as its document says (facilitators set it; the relay enforces it). */
  readonly $boardMode: Signal<BoardRulesMode>
  /** The latest change that was not allowed, to tell the person; null before the first. */
  readonly $refusal: Signal<RefusalNotice | null>
  /** Which of the store's records go to a private board of this person's, while they write privately (PrivateDesk). */
  readonly privateNotes: PrivateNoteRouter

  private readonly $binding: Atom<YjsStoreBinding | null> = atom('binding', null)
  private readonly $replica: Atom<BoardReplica>
  private readonly $mode: Atom<BoardRulesMode> = atom('boardMode', 'open')
  private readonly $held: Atom<boolean> = atom('held', false)
  private readonly $refusalNotice: Atom<RefusalNotice | null> = atom('refusal', null)
  private readonly watch: ConnectionWatch
  private readonly guard: BoardRuleGuard | null
  private readonly user: Signal<TLUser | null>
  /** The person whose reactions this browser gives (null without a session). */
  private readonly personId: string | null
  private readonly serverUrl: string
  private readonly persist: boolean
  private readonly reconnectMaxMs: number | undefined
  private presence: PresenceSync | null = null
  private readonly disposers: (() => void)[] = []
  private stopFollowingMode: (() => void) | null = null
  private rebasing: Promise<void> | null = null
  private refusedDuringRebase = new Set<string>()
  private recentRebases: number[] = []
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
    actor = { role: 'participant', person: null },
    embedHosts = [],
    reconnectMaxMs,
  }: BoardConnectionOptions) {
    this.boardId = boardId
    this.reconnectMaxMs = reconnectMaxMs
    this.user = user
    this.mode = mode
    this.personId = actor.person?.id ?? null
    this.serverUrl = syncServerUrl(location)
    // An observer's copy would only be a stale duplicate of what the relay serves: keep none.
    this.persist = mode === 'edit' && (persist ?? typeof indexedDB !== 'undefined')
    this.$boardMode = this.$mode
    this.$refusal = this.$refusalNotice
    this.watch = new ConnectionWatch({
      readonlyReason: computed('readonlyReason', () => this.$binding.get()?.$readonlyReason.get() ?? null),
      unwrittenChanges: computed('unwrittenChanges', () => this.$binding.get()?.$hasUnwrittenChanges.get() ?? false),
      WebSocket: Base,
      onRefused: (refusal) => this.rebase(refusal),
      onClosed: (code) => this.closedByRelay(code),
    })
    this.$replica = atom('replica', this.newReplica())
    this.watch.attach(this.replica.provider)
    this.$state = computed('boardConnectionState', () => ({
      ...this.watch.$state.get(),
      ready: this.$binding.get() !== null,
    }))
    // Frozen by the board's mode, or held while the facilitator keeps everyone on another step.
    const frozenForMe = computed('frozenForMe', () => actor.role === 'participant' && (this.$mode.get() === 'frozen' || this.$held.get()))
    this.store = createTLStore({
      shapeUtils: defaultShapeUtils,
      bindingUtils: defaultBindingUtils,
      assets,
      users: { currentUser: user },
      collaboration: {
        // Our own status indicator says whether we are online.
        status: null,
        mode: computed('collaborationMode', () =>
          mode === 'observe' || this.$state.get().status === 'readonly' || frozenForMe.get() ? 'readonly' : 'readwrite',
        ),
      },
    })
    this.privateNotes = new PrivateNoteRouter({ store: this.store, shared: { holds: (id) => this.$binding.get()?.holds(id) ?? false } })
    const origin = location.origin ?? `${location.protocol}//${location.host}`
    this.guard =
      mode === 'edit'
        ? new BoardRuleGuard({
            store: this.store,
            actor,
            mode: this.$mode,
            links: { ownOrigin: origin, embedHosts },
            onRefused: (reason) => this.tell(reason, 0),
          })
        : null
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
    void this.start()
  }

  /** The binding, once the store is bound to the board. */
  get binding(): YjsStoreBinding | null {
    return this.$binding.get()
  }

  /**
   * Whether this person may change `key` from `before` to `after` now, under the board's rules
   * (null: allowed), so that a view can offer only what the canvas would allow. Observers may change nothing.
   */
  refusal(key: string, before: TLRecord | undefined, after: TLRecord | undefined): UpdateRejection | null {
    return this.guard === null ? UpdateRejection.facilitatorsOnly : this.guard.refusal(key, before, after)
  }

  /** The board's current copy in this browser (replaced when the relay refused part of the last one). */
  get replica(): BoardReplica {
    return this.$replica.get()
  }

  get doc(): Y.Doc {
    return this.replica.doc
  }

  get provider(): WebsocketProvider {
    return this.replica.provider
  }

  /** Writes the last edits, disconnects (telling the others we left), stops everything and frees the document. */
  destroy(): void {
    if (this.destroyed) return
    this.destroyed = true
    this.$binding.get()?.flush()
    this.unbind()
    this.guard?.dispose()
    this.privateNotes.destroy()
    this.watch.destroy()
    for (const dispose of this.disposers.splice(0)) dispose()
    this.replica.destroy()
  }

  private newReplica(): BoardReplica {
    return new BoardReplica({
      boardId: this.boardId,
      serverUrl: this.serverUrl,
      WebSocket: this.watch.socketClass,
      persist: this.persist,
      observe: this.mode === 'observe',
      reconnectMaxMs: this.reconnectMaxMs,
    })
  }

  private async start(): Promise<void> {
    const replica = this.replica
    await replica.keepLocally()
    if (this.destroyed) return
    replica.connect()
    if (!replica.hasContent) await replica.whenSynced()
    if (this.destroyed) return
    this.bind(replica)
  }

  private bind(replica: BoardReplica): void {
    const editing = this.mode === 'edit'
    this.followMode(replica.doc)
    this.$binding.set(new YjsStoreBinding({ doc: replica.doc, store: this.store, writable: editing, share: this.privateNotes.sharedShare }))
    this.presence = new PresenceSync({ awareness: replica.provider.awareness, store: this.store, user: this.user, publish: editing })
  }

  private unbind(): void {
    this.presence?.destroy()
    this.presence = null
    this.$binding.get()?.destroy()
    this.$binding.set(null)
    this.stopFollowingMode?.()
    this.stopFollowingMode = null
  }

  /** Keeps $boardMode equal to the document's `meta.mode`. */
  private followMode(doc: Y.Doc): void {
    this.stopFollowingMode?.()
    const meta = metaMap(doc)
    const update = () => this.$mode.set(readBoardMode(doc))
    const observer = (event: Y.YMapEvent<unknown>) => {
      if (event.keysChanged.has(BoardMeta.mode)) update()
    }
    meta.observe(observer)
    update()
    this.stopFollowingMode = () => meta.unobserve(observer)
  }

  /** Tells the person a change of theirs was not allowed (`undone` of them taken back); their private board's refusals come here too. */
  /**
   * Read-only for a participant while the facilitator keeps everyone on another step (the relay
   * refuses their edits then; this way they are not made at all).
   */
  setHeld(held: boolean): void {
    this.$held.set(held)
  }

  tell(reason: UpdateRejection, undone: number): void {
    const serial = (this.$refusalNotice.get()?.serial ?? 0) + 1
    this.$refusalNotice.set({ reason, undone, serial })
  }

  /**
   * The relay refused a change: rebuild this page's copy from the relay's, keeping the person's
   * other unsaved changes (see the class comment). Refusals arriving meanwhile add their keys.
   */
  private rebase(refusal: Refusal): void {
    for (const key of refusal.keys) this.refusedDuringRebase.add(key)
    // A reaction refused because someone else's on the same note came first is given again on
    // the relay's note when the copy is rebuilt (see rebuildCopy): nothing was lost, nothing to tell.
    if (refusal.reason !== UpdateRejection.reaction) this.tell(refusal.reason, refusal.keys.length)
    if (this.rebasing !== null || this.destroyed) return
    const now = Date.now()
    this.recentRebases = [...this.recentRebases.filter((at) => now - at < rebaseWindowMs), now]
    if (this.recentRebases.length > maxRebasesInARow) {
      // Something keeps being refused that the rules here do not foresee: stop, and say so.
      this.watch.markStuck(refusal.reason)
      return
    }
    this.rebasing = this.rebuildCopy().finally(() => {
      this.rebasing = null
    })
  }

  /**
   * The relay closed the socket. A copy of the board older than the board (someone was erased
   * from it since) is taken afresh, keeping this person's unsaved changes (E5); the copy of a
   * person who was erased goes from the device. True when it is taken care of here.
   */
  private closedByRelay(code: number): boolean {
    if (code === CloseCode.erasedFromWorkshop.code) void this.replica.dropLocalCopy()
    if (code !== CloseCode.staleCopy.code || this.destroyed) return false
    if (this.rebasing === null) {
      this.rebasing = this.rebuildCopy({ afterErasure: true }).finally(() => {
        this.rebasing = null
      })
    }
    return true
  }

  private rebuildCopy({ afterErasure = false }: { afterErasure?: boolean } = {}): Promise<void> {
    const steps = {
      old: this.replica,
      watch: this.watch,
      newReplica: () => this.newReplica(),
      destroyed: () => this.destroyed,
      binding: this.$binding,
      unbind: () => this.unbind(),
      adopt: (fresh: BoardReplica) => this.$replica.set(fresh),
      bind: (fresh: BoardReplica) => this.bind(fresh),
    }
    return takeFreshCopy(steps, (old, fresh) => {
      const refused = this.refusedDuringRebase
      this.refusedDuringRebase = new Set()
      const pending = [
        ...pendingChanges(old, fresh, refused),
        ...(this.personId === null || this.guard === null ? [] : reactionsToPutBack(fresh, refused, (key) => this.guard?.ownReactionsOn(key), this.personId)),
      ]
      // A copy kept from before someone was erased: what it would give back of them stays out, and is told.
      const { changes, leftOut } = afterErasure ? changesAfterErasure(pending, old, fresh) : { changes: pending, leftOut: 0 }
      if (leftOut > 0) this.tell(UpdateRejection.identity, leftOut)
      this.guard?.forgetOwnReactions()
      const allowed = this.allowedNow(fresh, changes)
      putBack(fresh, allowed)
      if (allowed.length < changes.length) this.tell(this.lastReason(), changes.length - allowed.length)
    })
  }

  /** The pending changes the board's rules allow on the fresh copy, judged by the board as the relay has it now (a facilitator may have frozen it meanwhile). */
  private allowedNow(doc: Y.Doc, changes: readonly PendingChange[]): PendingChange[] {
    this.$mode.set(readBoardMode(doc))
    if (changes.length === 0 || this.guard === null) return []
    const current = readBoardRecords(doc)
    return changes.filter(({ key, value }) => this.guard?.refusal(key, current.get(key), value) === null)
  }

  private lastReason(): UpdateRejection {
    return this.$refusalNotice.get()?.reason ?? (0 as UpdateRejection)
  }
}
