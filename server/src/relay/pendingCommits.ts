import type { CommitQueue } from './commitQueue.ts'
import type { Connection } from './connection.ts'
import type { CommitEntry } from './roomTypes.ts'

/**
 * A room's updates that are applied but not stored yet. Joiners wait while there are any (no
 * one is shown what a crash could take back), an update the room already had is acknowledged
 * with the newest of them, and the HTTP side can wait for all of them to be stored.
 */
export class PendingCommits {
  readonly #commits: CommitQueue<CommitEntry>
  #count = 0
  /** The newest entry of this room that is not committed yet. */
  #newest: CommitEntry | null = null
  #waiters: Array<() => void> = []

  constructor(commits: CommitQueue<CommitEntry>) {
    this.#commits = commits
  }

  get count(): number {
    return this.#count
  }

  /** Queues an applied update for the group commit. */
  add(entry: CommitEntry): void {
    this.#count += 1
    this.#newest = entry
    this.#commits.enqueue(entry)
  }

  /** An entry is stored; true when nothing of the room waits any more (and those waiting are told). */
  stored(entry: CommitEntry): boolean {
    this.#count -= 1
    if (entry === this.#newest) this.#newest = null
    if (this.#count > 0) return false
    this.release()
    return true
  }

  /**
   * Update message `n` changed nothing, because the room already had its content: it is saved
   * when that content is (with the newest pending entry), or at once when nothing is pending.
   */
  acknowledgeUnchanged(connection: Connection, n: number): void {
    connection.accepted()
    if (this.#newest !== null) {
      connection.awaitCommit(n)
      this.#newest.alsoAcknowledges.push({ connection, messageNumber: n })
    } else {
      connection.flushAck()
    }
  }

  /** Resolves once nothing is pending (at once when nothing is), or the room is dropped (release). */
  settled(): Promise<void> {
    if (this.#count === 0) return Promise.resolve()
    return new Promise((resolve) => this.#waiters.push(resolve))
  }

  /** Lets everyone waiting go (the room is dropped, or everything is stored). */
  release(): void {
    for (const resolve of this.#waiters.splice(0)) resolve()
  }
}
