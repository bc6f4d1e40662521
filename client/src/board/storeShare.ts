import type { TLRecord } from 'tldraw'

/**
 * Which of a tldraw store's records one binding keeps when two board documents share the store:
 * a participant's private board beside the step's board (see PrivateNoteRouter). Both bindings
 * see every change; each writes, shows and removes only its part.
 */
export interface StoreShare {
  /** Whether a local change of `record` (its last value, for a deletion) is written to this binding's document. */
  writes(record: TLRecord): boolean
  /** Whether this document's record under `key` shows in the store. */
  shows(key: string, value: unknown): boolean
  /** Whether a store record this document lacks is this binding's to remove (not another document's). */
  owns(id: string): boolean
  /**
   * Of the records that changes from elsewhere removed from this document, those to remove from
   * the store now; the share sees to the others (they moved to the other document, or may yet).
   */
  removeNow(ids: readonly string[]): string[]
}

/** A binding that has its store to itself: everything is its document's. */
export const wholeStore: StoreShare = {
  writes: () => true,
  shows: () => true,
  owns: () => true,
  removeNow: (ids) => [...ids],
}
