import type { Atom } from 'tldraw'
import type * as Y from 'yjs'
import { openRecordMap } from '../../../shared/src/board/boardDoc.ts'
import type { BoardReplica } from './BoardReplica.ts'
import type { ConnectionWatch } from './ConnectionWatch.ts'
import type { PendingChange } from './pendingChanges.ts'
import type { YjsStoreBinding } from './YjsStoreBinding.ts'

/** What a board's connection lends to taking its copy afresh from the relay. */
export interface FreshCopySteps {
  /** The copy being replaced. */
  old: BoardReplica
  watch: ConnectionWatch
  newReplica(): BoardReplica
  destroyed(): boolean
  /** The binding of the store to the copy, if the store is bound now. */
  binding: Atom<YjsStoreBinding | null>
  unbind(): void
  /** Makes `fresh` the connection's copy. */
  adopt(fresh: BoardReplica): void
  bind(fresh: BoardReplica): void
}

/**
 * Replaces a connection's copy of a board with the relay's (after a refused change, or a copy
 * from before someone was erased): connects a fresh copy and waits for the relay's state, drops
 * the old copy from the device, then unbinds the store, lets `carryOver` write into the fresh copy
 * what of the old one should stay (the person's other unsaved changes), and binds the store to it.
 */
export async function takeFreshCopy(steps: FreshCopySteps, carryOver: (old: Y.Doc, fresh: Y.Doc) => void): Promise<void> {
  const { old, watch } = steps
  // Nothing more of the old copy goes to the relay: everything after a refused change would be refused too.
  watch.detach()
  old.provider.disconnect()
  const fresh = steps.newReplica()
  watch.attach(fresh.provider)
  fresh.connect()
  await fresh.whenSynced()
  // The device's copy holds what the relay did not take: it goes, so a reload cannot send it again.
  // Edits made meanwhile still land in the old copy, and are carried over below.
  await old.dropLocalCopy()
  if (steps.destroyed()) {
    fresh.destroy()
    return
  }
  const binding = steps.binding.get()
  binding?.flush()
  steps.unbind()
  carryOver(old.doc, fresh.doc)
  steps.adopt(fresh)
  old.destroy()
  if (binding !== null) steps.bind(fresh)
  await fresh.keepLocally()
}

/** The origin of the transaction that puts a person's unsaved changes back on a fresh copy. */
const putBackOrigin = { name: 'putBack' }

/** Writes `changes` into `doc` in one transaction (a removal where the value is undefined). */
export function putBack(doc: Y.Doc, changes: readonly PendingChange[]): void {
  if (changes.length === 0) return
  const map = openRecordMap(doc)
  try {
    doc.transact(() => {
      for (const { key, value } of changes) {
        if (value === undefined) map.records.delete(key)
        else map.records.set(key, value)
      }
    }, putBackOrigin)
  } finally {
    map.dispose()
  }
}
