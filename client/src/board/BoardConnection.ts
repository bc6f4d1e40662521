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
import { CloseCode } from '../../../shared/src/protocol/closeCodes.ts'
import { UpdateRejection } from '../../../shared/src/protocol/messages.ts'
import { BoardCopy } from './BoardCopy.ts'
import type { BoardReplica } from './BoardReplica.ts'
import { BoardRuleGuard } from './BoardRuleGuard.ts'
import type { Refusal } from './ConnectionWatch.ts'
import { putBack } from './freshCopy.ts'
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

/** Something the person did that the board's rules did not allow, to tell them in plain words. */
export interface RefusalNotice {
  reason: UpdateRejection
  /** Changes that were undone (0 when a change was simply not made). */
  undone: number
  /** Grows with every notice, so the same reason twice is still news. */
  serial: number
}

/**
 * Everything one open board needs: its copy in this browser (BoardCopy: replica, socket watch,
 * binding, taking it afresh after a refusal), the tldraw store bound to it, the board's rules
 * applied before anything is sent, presence, and the connection state the status shows.
 *
 * A copy taken afresh gets the person's other unsaved changes put back on top, those the rules
 * allow on the board as the relay has it now.
 */
export class BoardConnection extends BoardCopy {
  readonly store: TLStore
  readonly mode: BoardMode
  /** The board's mode as its document says (facilitators set it; the relay enforces it). */
  readonly $boardMode: Signal<BoardRulesMode>
  /** The latest change that was not allowed, to tell the person; null before the first. */
  readonly $refusal: Signal<RefusalNotice | null>
  /** Which of the store's records go to a private board of this person's, while they write privately (PrivateDesk). */
  readonly privateNotes: PrivateNoteRouter

  private readonly $mode: Atom<BoardRulesMode> = atom('boardMode', 'open')
  private readonly $held: Atom<boolean> = atom('held', false)
  private readonly $refusalNotice: Atom<RefusalNotice | null> = atom('refusal', null)
  private readonly guard: BoardRuleGuard | null
  private readonly user: Signal<TLUser | null>
  /** The person whose reactions this browser gives (null without a session). */
  private readonly personId: string | null
  private presence: PresenceSync | null = null
  private readonly disposers: (() => void)[] = []
  private stopFollowingMode: (() => void) | null = null

  constructor({
    boardId,
    location,
    user,
    assets,
    persist,
    page = typeof window === 'undefined' ? undefined : window,
    WebSocket = globalThis.WebSocket,
    mode = 'edit',
    actor = { role: 'participant', person: null },
    embedHosts = [],
    reconnectMaxMs,
  }: BoardConnectionOptions) {
    super({
      boardId,
      location,
      // An observer's copy would only be a stale duplicate of what the relay serves: keep none.
      persist: mode === 'edit' && (persist ?? typeof indexedDB !== 'undefined'),
      observe: mode === 'observe',
      WebSocket,
      reconnectMaxMs,
      name: 'board',
    })
    this.user = user
    this.mode = mode
    this.personId = actor.person?.id ?? null
    this.$boardMode = this.$mode
    this.$refusal = this.$refusalNotice
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
    this.start()
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

  get provider(): WebsocketProvider {
    return this.replica.provider
  }

  /** Also stops the rules and the private notes' routing, and forgets the page's events; disconnecting tells the others we left. */
  protected override released(): void {
    this.guard?.dispose()
    this.privateNotes.destroy()
    for (const dispose of this.disposers.splice(0)) dispose()
  }

  protected bind(replica: BoardReplica): void {
    const editing = this.mode === 'edit'
    this.followMode(replica.doc)
    this.$binding.set(new YjsStoreBinding({ doc: replica.doc, store: this.store, writable: editing, share: this.privateNotes.sharedShare }))
    this.presence = new PresenceSync({ awareness: replica.provider.awareness, store: this.store, user: this.user, publish: editing })
  }

  protected unbind(): void {
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

  /**
   * Read-only for a participant while the facilitator keeps everyone on another step (the relay
   * refuses their edits then; this way they are not made at all).
   */
  setHeld(held: boolean): void {
    this.$held.set(held)
  }

  /** Tells the person a change of theirs was not allowed (`undone` of them taken back); their private board's refusals come here too. */
  tell(reason: UpdateRejection, undone: number): void {
    const serial = (this.$refusalNotice.get()?.serial ?? 0) + 1
    this.$refusalNotice.set({ reason, undone, serial })
  }

  protected toldRefused(refusal: Refusal): void {
    // A reaction refused because someone else's on the same note came first is given again on
    // the relay's note when the copy is taken afresh (see carryOver): nothing was lost, nothing to tell.
    if (refusal.reason !== UpdateRejection.reaction) this.tell(refusal.reason, refusal.keys.length)
  }

  /**
   * The relay closed the socket. A copy of the board older than the board (someone was erased
   * from it since) is taken afresh, keeping this person's unsaved changes (E5). (The copy of a
   * person who was erased goes from the device in BoardCopy.) True when it is taken care of here.
   */
  protected override closedByRelay(code: number): boolean {
    if (code !== CloseCode.staleCopy.code || this.destroyed) return false
    this.takeAfreshAfterErasure()
    return true
  }

  /** The person's other unsaved changes that the rules allow now, and their reactions the relay took back; after an erasure, nothing of the erased person. */
  protected carryOver(old: Y.Doc, fresh: Y.Doc, refused: ReadonlySet<string>, afterErasure: boolean): void {
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
