import type * as Y from 'yjs'
import type { ChangeKind } from '../store/BoardStore.ts'

/** How a change the server makes on someone's behalf appears in the board's history. */
export interface ServerChangeMeta {
  /** The owner it is made for (`person:<id>` of the facilitator who asked), or `server`. */
  author: string
  kind: ChangeKind
  /** JSON with what it did, for the history. */
  detail?: string | null
}

/**
 * Writes a change into a board's document in one transaction; returns the keys of the records
 * it changed (for the history), if it knows them.
 */
export type BoardWrite = (doc: Y.Doc) => readonly string[] | void

/**
 * What the HTTP side may do to a live board, through the relay that holds it: every change goes
 * through the board's room, so it is stored before anyone sees it and reaches everyone connected.
 */
export interface LiveBoards {
  /**
   * Makes a change of the server's own on a board (loading it first if nobody has it open) and
   * resolves with its history row's seq once stored and sent to everyone; null when it changed
   * nothing. Rejects for a board being deleted.
   */
  changeBoard(boardId: string, write: BoardWrite, meta: ServerChangeMeta): Promise<number | null>
  /**
   * Erases a person from a board (loading it first if needed): `write` as a change of the
   * server's own everyone sees, the board's history generation counted up, and its stored
   * history rewritten so that no older snapshot or row keeps them, nor the client ids of `owner`
   * (`person:<id>`). Resolves to false, changing nothing, when the board holds nothing of theirs.
   */
  eraseFromBoard(boardId: string, write: BoardWrite, meta: ServerChangeMeta, owner: string): Promise<boolean>
  /** Reads a board's current document (loading it first if needed). */
  readBoard<T>(boardId: string, read: (doc: Y.Doc) => T): Promise<T>
  /** Resolves once every change the board has accepted so far is stored (so its history has it). */
  settleBoard(boardId: string): Promise<void>
}
