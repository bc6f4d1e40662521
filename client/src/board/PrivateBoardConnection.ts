import { atom, computed, type Atom, type Signal, type TLStore } from 'tldraw'
import type * as Y from 'yjs'
import type { UpdateRejection } from '../../../shared/src/protocol/messages.ts'
import { syncServerUrl } from './BoardConnection.ts'
import { BoardReplica } from './BoardReplica.ts'
import { ConnectionWatch, type ConnectionState, type Refusal } from './ConnectionWatch.ts'
import { putBack, takeFreshCopy } from './freshCopy.ts'
import { pendingChanges } from './pendingChanges.ts'
import type { PrivateNoteRouter } from './PrivateNoteRouter.ts'
import { YjsStoreBinding } from './YjsStoreBinding.ts'

export interface PrivateBoardConnectionOptions {
  /** The person's private board on the step (`POST /api/steps/:stepId/private-board`). */
  boardId: string
  location: { protocol: string; host: string }
  /** The store of the step's board, which shows this board's notes too. */
  store: TLStore
  /** Which records are this board's (the step's board connection's router). */
  router: PrivateNoteRouter
  /** Keep the board in IndexedDB, as the step's board is (default: when available). */
  persist?: boolean
  WebSocket?: typeof WebSocket
  reconnectMaxMs?: number
  /** Told when the relay refused a change (`undone`: how many records it took back), to tell the person. */
  onRefused?: (reason: UpdateRejection, undone: number) => void
}

/** Rebuilds in a short time after which the copy is left as it is and shown as stuck. */
const maxRebuildsInARow = 5
const rebuildWindowMs = 10_000

/**
 * A participant's private board, bound into the store of the step's board while their notes are
 * private: a replica of its own (relayed like any board, kept in IndexedDB like the step's), and
 * a binding that writes and shows only the router's private part. It publishes no presence: the
 * person is already present on the step's board.
 *
 * When the relay refuses a change, the copy is rebuilt from the relay's with the person's other
 * unsaved changes on top, as the step's board does (BoardConnection); the refused one is dropped.
 */
export class PrivateBoardConnection {
  readonly boardId: string
  readonly $state: Signal<ConnectionState>

  private readonly store: TLStore
  private readonly router: PrivateNoteRouter
  private readonly watch: ConnectionWatch
  private readonly serverUrl: string
  private readonly persist: boolean
  private readonly reconnectMaxMs: number | undefined
  private readonly onRefused: ((reason: UpdateRejection, undone: number) => void) | undefined
  private readonly $binding: Atom<YjsStoreBinding | null> = atom('privateBinding', null)
  private replica: BoardReplica
  private rebuilding: Promise<void> | null = null
  private refusedMeanwhile = new Set<string>()
  private recentRebuilds: number[] = []
  private destroyed = false

  constructor({ boardId, location, store, router, persist, WebSocket: Base = globalThis.WebSocket, reconnectMaxMs, onRefused }: PrivateBoardConnectionOptions) {
    this.boardId = boardId
    this.store = store
    this.router = router
    this.serverUrl = syncServerUrl(location)
    this.persist = persist ?? typeof indexedDB !== 'undefined'
    this.reconnectMaxMs = reconnectMaxMs
    this.onRefused = onRefused
    this.watch = new ConnectionWatch({
      readonlyReason: computed('privateReadonly', () => this.$binding.get()?.$readonlyReason.get() ?? null),
      unwrittenChanges: computed('privateUnwritten', () => this.$binding.get()?.$hasUnwrittenChanges.get() ?? false),
      WebSocket: Base,
      onRefused: (refusal) => this.rebuild(refusal),
    })
    this.replica = this.newReplica()
    this.watch.attach(this.replica.provider)
    this.$state = computed('privateBoardState', () => ({ ...this.watch.$state.get(), ready: this.$binding.get() !== null }))
    void this.start()
  }

  /** True once everything written to this board is stored by the relay. */
  get saved(): boolean {
    const state = this.$state.get()
    return state.ready && state.status === 'saved'
  }

  get doc(): Y.Doc {
    return this.replica.doc
  }

  /** Writes the last edits, closes the board and takes its notes out of the store (see PrivateNoteRouter.detach). */
  destroy(): void {
    if (this.destroyed) return
    this.destroyed = true
    this.$binding.get()?.flush()
    this.unbind()
    this.router.detach()
    this.watch.destroy()
    this.replica.destroy()
  }

  private newReplica(): BoardReplica {
    return new BoardReplica({
      boardId: this.boardId,
      serverUrl: this.serverUrl,
      WebSocket: this.watch.socketClass,
      persist: this.persist,
      // No presence of its own: the person is present on the step's board.
      observe: true,
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
    const binding = new YjsStoreBinding({ doc: replica.doc, store: this.store, share: this.router.privateShare })
    this.$binding.set(binding)
    this.router.attach(binding)
  }

  private unbind(): void {
    this.$binding.get()?.destroy()
    this.$binding.set(null)
  }

  private rebuild(refusal: Refusal): void {
    for (const key of refusal.keys) this.refusedMeanwhile.add(key)
    this.onRefused?.(refusal.reason, refusal.keys.length)
    if (this.rebuilding !== null || this.destroyed) return
    const now = Date.now()
    this.recentRebuilds = [...this.recentRebuilds.filter((at) => now - at < rebuildWindowMs), now]
    if (this.recentRebuilds.length > maxRebuildsInARow) {
      this.watch.markStuck(refusal.reason)
      return
    }
    this.rebuilding = this.rebuildCopy().finally(() => {
      this.rebuilding = null
    })
  }

  private rebuildCopy(): Promise<void> {
    const steps = {
      old: this.replica,
      watch: this.watch,
      newReplica: () => this.newReplica(),
      destroyed: () => this.destroyed,
      binding: this.$binding,
      unbind: () => this.unbind(),
      adopt: (fresh: BoardReplica) => {
        this.replica = fresh
      },
      bind: (fresh: BoardReplica) => this.bind(fresh),
    }
    return takeFreshCopy(steps, (old, fresh) => {
      const refused = this.refusedMeanwhile
      this.refusedMeanwhile = new Set()
      putBack(fresh, pendingChanges(old, fresh, refused))
    })
  }
}
