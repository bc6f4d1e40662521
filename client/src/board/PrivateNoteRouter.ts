import { atom, type Atom, type Signal, type TLRecord, type TLStore } from 'tldraw'
import { creatorOf } from '../../../shared/src/board/boardRules.ts'
import { applyRemoteRecords } from './remoteRecords.ts'
import type { StoreShare } from './storeShare.ts'

/** Whose new notes are private now, and where: in one frame of the board, or anywhere on it (null). */
export interface PrivateNotesPolicy {
  personId: string
  frameId: string | null
}

/** What the router asks of a board's binding. */
export interface BoardRecords {
  holds(id: string): boolean
}

/** What the router asks of the private board's binding. */
export interface PrivateRecords extends BoardRecords {
  /** Writes store records the router kept for the private board before it was bound. */
  adopt(records: readonly TLRecord[]): void
}

export interface PrivateNoteRouterOptions {
  store: TLStore
  /** The step's board as bound now. */
  shared: BoardRecords
  /**
   * How long a note the private board lost stays in the store waiting for the shared board to
   * bring it (the reveal writes the shared board first, but the two sockets may deliver in any order).
   */
  revealGraceMs?: number
  setTimer?: (fn: () => void, ms: number) => () => void
}

const defaultSetTimer = (fn: () => void, ms: number) => {
  const handle = setTimeout(fn, ms)
  return () => clearTimeout(handle)
}

/** A note's frame may be nested in groups or other frames, but not deeper than this. */
const maxDepth = 100

/**
 * Decides, for a store shared by the step's board and a participant's private board, which
 * document each record belongs to. A record on the shared board stays there; one on the private
 * board stays there; a note this person makes while their notes are private (in the private frame,
 * or anywhere when the whole board is) goes to the private board, and is kept in the store until
 * that board is bound if it is not yet; everything else goes to the shared board.
 *
 * When the facilitator reveals, the shared board gains the notes and the private board loses
 * them, under the same ids: whichever arrives first, the store keeps one note throughout (a note
 * the private board lost waits for the shared board's copy for a while before it goes).
 */
export class PrivateNoteRouter {
  /** The shared board's part of the store. */
  readonly sharedShare: StoreShare
  /** The private board's part of the store. */
  readonly privateShare: StoreShare
  /** The store's records that live on the private board now (for marking them). */
  readonly $privateIds: Signal<ReadonlySet<string>>

  private readonly store: TLStore
  private readonly shared: BoardRecords
  private readonly revealGraceMs: number
  private readonly setTimer: (fn: () => void, ms: number) => () => void
  private readonly $ids: Atom<ReadonlySet<string>> = atom('privateNoteIds', new Set<string>())
  private policy: PrivateNotesPolicy | null = null
  private board: PrivateRecords | null = null
  /** Records of the store that are the private board's (written, shown, or kept for it). */
  private readonly mine = new Set<string>()
  /** Of those, the ones made before the private board was bound. */
  private readonly unwritten = new Set<string>()
  /** Notes the private board lost, waiting for the shared board's copy. */
  private readonly waiting = new Map<string, () => void>()
  private readonly stopListening: () => void

  constructor({ store, shared, revealGraceMs = 5_000, setTimer = defaultSetTimer }: PrivateNoteRouterOptions) {
    this.store = store
    this.shared = shared
    this.revealGraceMs = revealGraceMs
    this.setTimer = setTimer
    this.$privateIds = this.$ids
    this.sharedShare = {
      writes: (record) => this.documentOf(record) === 'shared',
      shows: (key) => {
        this.movedToShared(key)
        return true
      },
      owns: (id) => !this.isPrivate(id),
      removeNow: (ids) => ids.filter((id) => this.board?.holds(id) !== true),
    }
    this.privateShare = {
      writes: (record) => this.documentOf(record) === 'private',
      shows: (key, value) => {
        if (!isShape(value) || this.shared.holds(key)) return false
        this.mine.add(key)
        return true
      },
      owns: (id) => this.mine.has(id) && !this.unwritten.has(id) && !this.shared.holds(id),
      removeNow: (ids) => {
        for (const id of ids) {
          if (this.shared.holds(id)) this.movedToShared(id)
          else this.waitForShared(id)
        }
        return []
      },
    }
    this.stopListening = store.listen(() => this.publish(), { scope: 'document' })
  }

  /** Starts keeping this person's new notes private (as `policy` says), or stops (null). */
  route(policy: PrivateNotesPolicy | null): void {
    this.policy = policy
  }

  /** Whether new notes are kept private now. */
  get routing(): boolean {
    return this.policy !== null
  }

  /** The private board is bound: it takes the notes kept for it. */
  attach(board: PrivateRecords): void {
    this.board = board
    const kept = [...this.unwritten].flatMap((id) => {
      const record = this.store.unsafeGetWithoutCapture(id as TLRecord['id'])
      return record === undefined || board.holds(id) ? [] : [record]
    })
    this.unwritten.clear()
    board.adopt(kept)
    this.publish()
  }

  /**
   * The private board is closed: its notes leave the store (those the reveal moved stay, as the
   * shared board's), and so do notes kept for a board that was never bound.
   */
  detach(): void {
    this.board = null
    for (const cancel of this.waiting.values()) cancel()
    this.waiting.clear()
    const leaving = [...this.mine].filter((id) => !this.shared.holds(id))
    this.mine.clear()
    this.unwritten.clear()
    applyRemoteRecords(this.store, [], leaving)
    this.publish()
  }

  /** How many of the store's notes are still only the private board's (none once a reveal has arrived). */
  privateCount(): number {
    return this.$ids.get().size
  }

  destroy(): void {
    this.stopListening()
    for (const cancel of this.waiting.values()) cancel()
    this.waiting.clear()
  }

  /** Where a local change of `record` is written. */
  private documentOf(record: TLRecord): 'shared' | 'private' {
    const { id } = record
    if (this.shared.holds(id)) return 'shared'
    if (this.board?.holds(id) === true || this.mine.has(id)) return 'private'
    if (!this.isNewPrivateNote(record)) return 'shared'
    this.mine.add(id)
    if (this.board === null) this.unwritten.add(id)
    this.publish()
    return 'private'
  }

  private isNewPrivateNote(record: TLRecord): boolean {
    const policy = this.policy
    if (policy === null || record.typeName !== 'shape' || record.type !== 'note') return false
    if (creatorOf(record) !== policy.personId) return false
    return policy.frameId === null || this.isInside(record, policy.frameId)
  }

  private isInside(record: TLRecord, frameId: string): boolean {
    let parentId = record.typeName === 'shape' ? record.parentId : null
    for (let depth = 0; parentId !== null && depth < maxDepth; depth++) {
      if (parentId === frameId) return true
      const parent = this.store.unsafeGetWithoutCapture(parentId)
      parentId = parent?.typeName === 'shape' ? parent.parentId : null
    }
    return false
  }

  private isPrivate(id: string): boolean {
    return (this.mine.has(id) || this.board?.holds(id) === true) && !this.shared.holds(id)
  }

  /** The shared board has the record now (the reveal): it is the shared board's from here on. */
  private movedToShared(id: string): void {
    this.waiting.get(id)?.()
    this.waiting.delete(id)
    this.mine.delete(id)
    this.unwritten.delete(id)
  }

  /** The private board lost a note: the reveal's copy on the shared board may be on its way. */
  private waitForShared(id: string): void {
    if (this.waiting.has(id) || !this.mine.has(id)) return
    const cancel = this.setTimer(() => {
      this.waiting.delete(id)
      if (this.shared.holds(id) || this.board?.holds(id) === true) return
      this.mine.delete(id)
      applyRemoteRecords(this.store, [], [id])
      this.publish()
    }, this.revealGraceMs)
    this.waiting.set(id, cancel)
  }

  /** Forgets what the store no longer has, and tells which notes are private now. */
  private publish(): void {
    const ids = new Set<string>()
    for (const id of [...this.mine]) {
      if (!this.store.has(id as TLRecord['id'])) {
        if (!this.waiting.has(id)) {
          this.mine.delete(id)
          this.unwritten.delete(id)
        }
      } else if (!this.shared.holds(id)) ids.add(id)
    }
    const current = this.$ids.get()
    if (current.size !== ids.size || [...ids].some((id) => !current.has(id))) this.$ids.set(ids)
  }
}

function isShape(value: unknown): boolean {
  return typeof value === 'object' && value !== null && (value as { typeName?: unknown }).typeName === 'shape'
}
