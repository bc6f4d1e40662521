import type { TLRecord } from 'tldraw'
import * as Y from 'yjs'
import { readBoardEntries, readBoardRecords } from '../../../shared/src/board/boardDoc.ts'
import { sameReactions, withOwnReactions } from '../../../shared/src/board/noteReactions.ts'

/** A record change this copy of the board holds and the relay does not: a value, or undefined for a deletion. */
export interface PendingChange {
  key: string
  value: TLRecord | undefined
}

/**
 * The changes in `local` (this browser's copy of a board, which the relay refused part of)
 * that `server` (a fresh copy of what the relay holds) lacks, leaving out the `refused` keys:
 * what the person did that is not stored yet and may still be. Everything the relay ever sent
 * is in `server`, so a value in `local` whose Yjs item `server` does not have is this
 * browser's own; a record `server` has under an item `local` has deleted was deleted here.
 * A record someone else changed that `local` has not heard of yet is the relay's to keep.
 */
export function pendingChanges(local: Y.Doc, server: Y.Doc, refused: ReadonlySet<string>): PendingChange[] {
  const localEntries = readBoardEntries(local)
  const serverEntries = readBoardEntries(server)
  const serverState = Y.decodeStateVector(Y.encodeStateVector(server))
  const localState = Y.decodeStateVector(Y.encodeStateVector(local))
  const has = (state: Map<number, number>, client: number, clock: number) => clock < (state.get(client) ?? 0)
  const changes: PendingChange[] = []
  for (const [key, entry] of localEntries) {
    if (refused.has(key) || has(serverState, entry.client, entry.clock)) continue
    changes.push({ key, value: entry.value })
  }
  for (const [key, entry] of serverEntries) {
    if (refused.has(key) || localEntries.has(key)) continue
    // The relay's value is one this copy had and deleted: the deletion is still to be made.
    if (has(localState, entry.client, entry.clock)) changes.push({ key, value: undefined })
  }
  return changes
}

/**
 * The person's own reactions on the `refused` notes, given again on the notes as `server` has them.
 * A reaction is refused when someone else's on the same note reached the relay first (the note this
 * browser sent lacked theirs, so it would have taken it back); given again on the relay's note, it
 * is what the person did and nothing more. `reactedOn` gives the note as the person last reacted on
 * it (this browser's copy may have lost it since to the other person's).
 */
export function reactionsToPutBack(
  server: Y.Doc,
  refused: ReadonlySet<string>,
  reactedOn: (key: string) => TLRecord | undefined,
  personId: string,
): PendingChange[] {
  const serverRecords = readBoardRecords(server)
  const changes: PendingChange[] = []
  for (const key of refused) {
    const mine = reactedOn(key)
    const theirs = serverRecords.get(key)
    if (mine === undefined || theirs?.typeName !== 'shape' || theirs.type !== 'note') continue
    const value = withOwnReactions(theirs, mine, personId)
    if (!sameReactions(value, theirs)) changes.push({ key, value })
  }
  return changes
}
