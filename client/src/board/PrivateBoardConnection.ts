import type { TLStore } from 'tldraw'
import type * as Y from 'yjs'
import type { UpdateRejection } from '../../../shared/src/protocol/messages.ts'
import { BoardCopy } from './BoardCopy.ts'
import type { BoardReplica } from './BoardReplica.ts'
import type { Refusal } from './ConnectionWatch.ts'
import { putBack } from './freshCopy.ts'
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

/**
 * A participant's private board, bound into the store of the step's board while their notes are
 * private: a copy of its own (relayed like any board, kept in IndexedDB like the step's), and
 * a binding that writes and shows only the router's private part. It publishes no presence: the
 * person is already present on the step's board.
 *
 * When the relay refuses a change, the copy is taken afresh with the person's other unsaved
 * changes on top (BoardCopy); the refused one is dropped.
 */
export class PrivateBoardConnection extends BoardCopy {
  private readonly store: TLStore
  private readonly router: PrivateNoteRouter
  private readonly onRefused: ((reason: UpdateRejection, undone: number) => void) | undefined

  constructor({ boardId, location, store, router, persist, WebSocket = globalThis.WebSocket, reconnectMaxMs, onRefused }: PrivateBoardConnectionOptions) {
    super({
      boardId,
      location,
      persist: persist ?? typeof indexedDB !== 'undefined',
      // No presence of its own: the person is present on the step's board.
      observe: true,
      WebSocket,
      reconnectMaxMs,
      name: 'privateBoard',
    })
    this.store = store
    this.router = router
    this.onRefused = onRefused
    this.start()
  }

  /** True once everything written to this board is stored by the relay. */
  get saved(): boolean {
    const state = this.$state.get()
    return state.ready && state.status === 'saved'
  }

  /** Also takes its notes out of the store (see PrivateNoteRouter.detach). */
  protected override released(): void {
    this.router.detach()
  }

  protected bind(replica: BoardReplica): void {
    const binding = new YjsStoreBinding({ doc: replica.doc, store: this.store, share: this.router.privateShare })
    this.$binding.set(binding)
    this.router.attach(binding)
  }

  protected unbind(): void {
    this.$binding.get()?.destroy()
    this.$binding.set(null)
  }

  protected toldRefused(refusal: Refusal): void {
    this.onRefused?.(refusal.reason, refusal.keys.length)
  }

  protected carryOver(old: Y.Doc, fresh: Y.Doc, refused: ReadonlySet<string>): void {
    putBack(fresh, pendingChanges(old, fresh, refused))
  }
}
