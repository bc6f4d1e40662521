/**
 * Which of a board's log rows a room's document holds. Rows are numbered without gaps per board;
 * with several instances, rows committed elsewhere arrive over the bus and can arrive out of
 * order or (Redis pub/sub is at most once) not at all. `through` is the seq up to which the
 * document has every row: a snapshot may cover no more, and a gap that stays is caught up from
 * the store.
 */
export class CommittedSeqs {
  #through: number
  /** Seqs above `through` the document has, waiting for the ones between. */
  readonly #ahead = new Set<number>()
  #highest: number

  constructor(through: number) {
    this.#through = through
    this.#highest = through
  }

  get through(): number {
    return this.#through
  }

  get highest(): number {
    return this.#highest
  }

  /** True when a row above `through` is here but one below it is not. */
  get hasGap(): boolean {
    return this.#ahead.size > 0
  }

  /** True when the document already has row `seq` (a message for it is a repeat). */
  has(seq: number): boolean {
    return seq <= this.#through || this.#ahead.has(seq)
  }

  /** Notes row `seq`; false when it was noted already. */
  add(seq: number): boolean {
    if (this.has(seq)) return false
    this.#highest = Math.max(this.#highest, seq)
    if (seq !== this.#through + 1) {
      this.#ahead.add(seq)
      return true
    }
    this.#through = seq
    while (this.#ahead.delete(this.#through + 1)) this.#through += 1
    return true
  }

  /** The document now has every row up to `seq` (loaded from the store). */
  reachedThrough(seq: number): void {
    if (seq <= this.#through) return
    this.#through = seq
    this.#highest = Math.max(this.#highest, seq)
    for (const ahead of this.#ahead) if (ahead <= seq) this.#ahead.delete(ahead)
    while (this.#ahead.delete(this.#through + 1)) this.#through += 1
  }
}
