/** An upgrade on its way to a room, between its access decision and its join. */
export interface PendingAdmission {
  readonly boardId: string
  /** True once its board started being deleted: the decision saw a step that is going away. */
  stale: boolean
}

/**
 * Boards being deleted, and the upgrades a deletion overtakes.
 *
 * An upgrade's access is decided from the store before its socket joins a
 * room. A board's deletion may start in between, and then that decision is
 * stale: it let the socket in because of the step being deleted. Such an
 * upgrade, and any join while the board is retiring, is refused with 4411, so
 * nothing loads the board back into memory (or writes to it) until its rows
 * are gone. Upgrades decided after that see no step and are judged as any
 * board outside a workshop.
 */
export class RetiringBoards {
  /** Board id → how many deletions of it are under way (two DELETE requests may race). */
  readonly #retiring = new Map<string, number>()
  readonly #admissions = new Set<PendingAdmission>()

  has(boardId: string): boolean {
    return this.#retiring.has(boardId)
  }

  /** Call as an upgrade's access check starts; read `stale` before it joins, then `settle` it. */
  admit(boardId: string): PendingAdmission {
    const admission = { boardId, stale: this.has(boardId) }
    this.#admissions.add(admission)
    return admission
  }

  settle(admission: PendingAdmission): void {
    this.#admissions.delete(admission)
  }

  begin(boardIds: readonly string[]): void {
    for (const boardId of boardIds) this.#retiring.set(boardId, (this.#retiring.get(boardId) ?? 0) + 1)
    for (const admission of this.#admissions) {
      if (boardIds.includes(admission.boardId)) admission.stale = true
    }
  }

  end(boardIds: readonly string[]): void {
    for (const boardId of boardIds) {
      const count = (this.#retiring.get(boardId) ?? 1) - 1
      if (count > 0) this.#retiring.set(boardId, count)
      else this.#retiring.delete(boardId)
    }
  }
}
