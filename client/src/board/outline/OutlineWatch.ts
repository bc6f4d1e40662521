import { atom, computed, react, unsafe__withoutCapture, type Atom, type Signal, type TLStore } from 'tldraw'
import { newNotesOfOthers, outlineOf, type BoardOutline, type OutlineNote } from './boardOutline.ts'

export interface OutlineWatchOptions {
  store: TLStore
  /** The notes on this person's private board now (PrivateNoteRouter.$privateIds). */
  privateIds: Signal<ReadonlySet<string>>
  /** This person's tldraw user id: their own new notes are not news to them. */
  ownId: string | null
  /** Told of notes others added, once their text has stopped changing for a moment. */
  onNewNotes(notes: readonly OutlineNote[], outline: BoardOutline): void
  /** How long a new note's text must stay as it is before it is told (default 1.5 s). */
  settleMs?: number
  setTimer?: (fn: () => void, ms: number) => () => void
}

const defaultSetTimer = (fn: () => void, ms: number) => {
  const handle = setTimeout(fn, ms)
  return () => clearTimeout(handle)
}

/**
 * The board's outline, kept up to date with the store's document (not with cursors and cameras),
 * and news of the notes others add. Someone typing a note changes it with every key: it is told
 * once it has stayed as it is for `settleMs`, with the text it has then.
 */
export class OutlineWatch {
  readonly $outline: Signal<BoardOutline>
  readonly #options: OutlineWatchOptions
  readonly #setTimer: (fn: () => void, ms: number) => () => void
  readonly #revision: Atom<number> = atom('outlineRevision', 0)
  readonly #disposers: (() => void)[] = []
  /** The outline as of the last news told (or the start): notes not in it are new. */
  #told: BoardOutline
  #cancelTimer: (() => void) | null = null
  /** The new notes and their texts the timer waits on (a change elsewhere does not hold them back). */
  #waitingOn = ''

  constructor(options: OutlineWatchOptions) {
    this.#options = options
    this.#setTimer = options.setTimer ?? defaultSetTimer
    const { store, privateIds } = options
    this.$outline = computed('boardOutline', () => {
      this.#revision.get()
      const ids = privateIds.get()
      return unsafe__withoutCapture(() => outlineOf(store.allRecords(), ids))
    })
    this.#told = this.$outline.get()
    this.#disposers.push(store.listen(() => this.#revision.update((n) => n + 1), { scope: 'document' }))
    this.#disposers.push(react('outlineNews', () => this.#looked(this.$outline.get())))
  }

  destroy(): void {
    this.#cancelTimer?.()
    for (const dispose of this.#disposers.splice(0)) dispose()
  }

  #looked(outline: BoardOutline): void {
    const fresh = newNotesOfOthers(this.#told, outline, this.#options.ownId)
    if (fresh.length === 0) {
      if (this.#cancelTimer === null) this.#told = outline
      return
    }
    const waitingOn = fresh.map((note) => `${note.id}\u0000${note.text}`).join('\u0001')
    if (waitingOn === this.#waitingOn && this.#cancelTimer !== null) return
    this.#waitingOn = waitingOn
    this.#cancelTimer?.()
    this.#cancelTimer = this.#setTimer(() => this.#tell(), this.#options.settleMs ?? 1_500)
  }

  #tell(): void {
    this.#cancelTimer = null
    this.#waitingOn = ''
    const outline = unsafe__withoutCapture(() => this.$outline.get())
    const fresh = newNotesOfOthers(this.#told, outline, this.#options.ownId)
    this.#told = outline
    if (fresh.length > 0) this.#options.onNewNotes(fresh, outline)
  }
}
