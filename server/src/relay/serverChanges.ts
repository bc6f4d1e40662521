import { readBoardRecords } from '../../../shared/src/board/boardDoc.ts'
import { uploadIds } from '../../../shared/src/board/boardLinks.ts'
import { bumpHistoryGeneration } from '../../../shared/src/board/personErasure.ts'
import type { BoardWrite, ServerChangeMeta } from '../board/liveBoards.ts'
import { serverOwner, type ClientOwners } from './clientOwners.ts'
import type { CommitQueue } from './commitQueue.ts'
import type { PendingCommits } from './pendingCommits.ts'
import type { Room } from './room.ts'
import type { RoomDocument } from './roomDocument.ts'
import type { RoomLog } from './roomLog.ts'
import type { CommitEntry } from './roomTypes.ts'

/** A board was dropped from memory (deleted, or the relay is closing) before a change of the server's own was stored. */
export class RoomClosedError extends Error {
  constructor(boardId: string) {
    super(`Board ${boardId} left memory before the change was stored.`)
    this.name = 'RoomClosedError'
  }
}

export interface ServerChangesOptions {
  room: Room
  document: RoomDocument
  owners: ClientOwners
  commits: CommitQueue<CommitEntry>
  pending: PendingCommits
  log: RoomLog
  retryBaseMs: number
  /** True while the room reloads its document: a change made now would be lost with it. */
  rebuilding: () => boolean
  destroyed: () => boolean
}

/**
 * The server's own changes to a room's board (settings, restores, migrations, erasing a person):
 * made on the document as the server's client id, committed like anyone's update and sent to
 * everyone in the room, each promise settled by its commit or by the room leaving memory.
 */
export class ServerChanges {
  readonly #options: ServerChangesOptions
  /** The changes waiting for their commit: rejected if the room goes first. */
  readonly #waiting = new Set<(error: Error) => void>()

  constructor(options: ServerChangesOptions) {
    this.#options = options
  }

  get #boardId(): string {
    return this.#options.room.boardId
  }

  /** See Room.serverChange. */
  make(write: BoardWrite, meta: ServerChangeMeta): Promise<number | null> {
    const { document, owners, commits, pending, log, room } = this.#options
    if (this.#options.destroyed() || this.#options.rebuilding()) return Promise.reject(new RoomClosedError(this.#boardId))
    let touched: readonly string[] | null = null
    const update = document.change((doc) => {
      touched = write(doc) ?? null
    })
    if (update === null) return Promise.resolve(null)
    const clientId = document.serverClientId
    if (owners.claim(clientId, serverOwner)) {
      commits.enqueueClaims([{ boardId: this.#boardId, clientId, owner: serverOwner }])
    }
    return new Promise<number>((resolve, reject) => {
      this.#waiting.add(reject)
      log.applied(update.length)
      pending.add({
        boardId: this.#boardId,
        update,
        author: meta.author,
        touched,
        kind: meta.kind,
        detail: meta.detail ?? null,
        room,
        connection: null,
        messageNumber: 0,
        alsoAcknowledges: [],
        onCommitted: (seq) => {
          this.#waiting.delete(reject)
          resolve(seq)
        },
      })
    })
  }

  /** See Room.erase. */
  async erase(write: BoardWrite, meta: ServerChangeMeta, owner: string): Promise<boolean> {
    // Uploads stored from now on stay whatever the board holds when its history is rewritten: one
    // may be on its way onto the board (the erased person can no longer upload).
    const startedAt = Date.now()
    const claimed = this.#options.owners.hasClaims(owner)
    const seq = await this.make((doc) => {
      const keys = write(doc) ?? []
      if (keys.length > 0 || claimed) bumpHistoryGeneration(doc)
      return keys
    }, meta)
    if (seq === null) return false
    await this.#rewriteHistory(owner, startedAt)
    this.#options.owners.forget(owner)
    return true
  }

  /** The room left memory: every change still waiting for its commit fails. */
  rejectAll(): void {
    for (const reject of this.#waiting) reject(new RoomClosedError(this.#boardId))
    this.#waiting.clear()
  }

  /**
   * Rewrites the stored history once nothing applied is uncommitted and no snapshot is being written.
   * The uploads that only the old history pointed at (an erased person's images) go with it.
   */
  async #rewriteHistory(owner: string, uploadsSince: number): Promise<void> {
    const { pending, log, document } = this.#options
    for (;;) {
      if (this.#options.destroyed()) throw new RoomClosedError(this.#boardId)
      await pending.settled()
      await log.compaction?.catch(() => undefined)
      if (pending.count === 0 && !this.#options.rebuilding() && !this.#options.destroyed()) {
        const keepAssets = { referenced: uploadIds(readBoardRecords(document.doc).values()), since: uploadsSince }
        if (await log.rewrite(() => document.fullState(), owner, keepAssets)) return
      }
      await new Promise((resolve) => setTimeout(resolve, this.#options.retryBaseMs))
    }
  }
}
