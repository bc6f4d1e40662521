import * as Y from 'yjs'
import { boardTopLevelTypes } from '../../../shared/src/board/boardDoc.ts'
import { UpdateRejection } from '../../../shared/src/protocol/messages.ts'

/**
 * Clocks past this are not something a real client produces (Yjs clocks count
 * inserted items); a bit flip in a length easily makes one, and applying it
 * would make the relay ignore that client's real edits from then on.
 */
const maxPlausibleClock = 2 ** 31

/** An update as Yjs decodes it: its structs (by client, in clock order) and its delete set. */
export type DecodedUpdate = ReturnType<typeof Y.decodeUpdate>

/**
 * Checks a decoded update against the room's document before it is
 * applied: everything it builds on must be in the document or in
 * the update itself (otherwise Yjs keeps it as pending structs or a pending
 * delete set that no later update clears), and it may only write into the
 * board's top-level types. Returns null, or why it is refused.
 *
 * One pass over the decoded structs covers what `Y.parseUpdateMeta`'s `from`
 * against the state vector tells, and also gaps inside the update (Skip
 * structs), references (origin, rightOrigin, parent) and delete-set ranges.
 */
export function checkUpdateStructure(decoded: DecodedUpdate, doc: Y.Doc): UpdateRejection | null {
  // Per client, the clocks [0, end) that are present in the document or the update.
  const covered = new Map<number, number>()
  const coveredEnd = (client: number): number => covered.get(client) ?? Y.getState(doc.store, client)

  // Per client, where its structs in the update have reached: Yjs writes each client's structs
  // once, in clock order. A client listed twice would be applied as its last run but merged (for
  // the history) as its first, so the board and its history would disagree.
  const reached = new Map<number, number>()
  for (const struct of decoded.structs) {
    const { client, clock } = struct.id
    if (clock + struct.length > maxPlausibleClock) return UpdateRejection.malformed
    // Yjs never writes an empty struct; an empty item next to a map value would delete that value unseen.
    if (struct.length < 1) return UpdateRejection.malformed
    if (clock < (reached.get(client) ?? 0)) return UpdateRejection.malformed
    reached.set(client, clock + struct.length)
    if (struct instanceof Y.Skip) continue
    const end = coveredEnd(client)
    if (clock > end) return UpdateRejection.missingDependency
    covered.set(client, Math.max(end, clock + struct.length))
    if (struct instanceof Y.Item) {
      const parent: unknown = struct.parent
      if (typeof parent === 'string' && !boardTopLevelTypes.has(parent)) return UpdateRejection.foreignType
      // A subdocument is a whole other document inside the board: not part of a board's shape.
      if (struct.content instanceof Y.ContentDoc) return UpdateRejection.foreignType
    }
  }

  for (const struct of decoded.structs) {
    if (!(struct instanceof Y.Item)) continue
    const parent: unknown = struct.parent
    const references = [struct.origin, struct.rightOrigin, parent instanceof Y.ID ? parent : null]
    for (const id of references) {
      if (id !== null && id.clock >= coveredEnd(id.client)) return UpdateRejection.missingDependency
    }
  }

  for (const [client, ranges] of decoded.ds.clients) {
    const end = coveredEnd(client)
    for (const range of ranges) {
      // Yjs never writes an empty range; applied, one would sit in the pending delete set forever.
      if (range.len < 1) return UpdateRejection.malformed
      if (range.clock + range.len > end) return UpdateRejection.missingDependency
    }
  }
  return null
}

/**
 * After applying, the document must hold nothing pending and no top-level type
 * outside the board's (except names `tolerated` because storage already had
 * them); otherwise something slipped past {@link checkUpdateStructure} and the room's
 * document has to be rebuilt without that update.
 */
export function isDocumentSound(doc: Y.Doc, tolerated: ReadonlySet<string> = noNames): boolean {
  if (doc.store.pendingStructs !== null || doc.store.pendingDs !== null) return false
  for (const name of doc.share.keys()) {
    if (!boardTopLevelTypes.has(name) && !tolerated.has(name)) return false
  }
  return true
}

/** Top-level names in `doc` that a board does not have. */
export function foreignTopLevelNames(doc: Y.Doc): Set<string> {
  return new Set([...doc.share.keys()].filter((name) => !boardTopLevelTypes.has(name)))
}

const noNames: ReadonlySet<string> = new Set()
