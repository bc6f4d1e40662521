/**
 * The log format of the store crash test (tests/integration/sqliteBoardStore.test.ts):
 * the n-th update of a board is the text `<boardId>:<n>`, and a snapshot is the
 * JSON list of the entries it covers. Reading a board back must give exactly
 * entries 1..lastSeq, so a lost, duplicated or reordered row shows.
 */
import type { StoredBoard } from '../../server/src/store/BoardStore.ts'

export const crashBoards = ['crash-board-a', 'crash-board-b'] as const

export function crashEntry(boardId: string, seq: number): string {
  return `${boardId}:${seq}`
}

export function encodeCrashUpdate(boardId: string, seq: number): Uint8Array {
  return new TextEncoder().encode(crashEntry(boardId, seq))
}

export function encodeCrashSnapshot(entries: readonly string[]): Uint8Array {
  return new TextEncoder().encode(JSON.stringify(entries))
}

/** The board's entries in order: the snapshot's, then the log's. */
export function readCrashEntries(board: StoredBoard): string[] {
  const decoder = new TextDecoder()
  const covered: unknown = board.snapshot === null ? [] : JSON.parse(decoder.decode(board.snapshot))
  if (!Array.isArray(covered) || !covered.every((entry) => typeof entry === 'string')) {
    throw new Error('A crash-test snapshot is not a list of entries.')
  }
  return [...covered, ...board.updates.map((update) => decoder.decode(update))]
}
