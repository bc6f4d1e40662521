import * as Y from 'yjs'
import { UpdateRejection } from '../../../shared/src/protocol/messages.ts'
import type { Logger } from '../logger.ts'
import type { StoredState } from '../store/BoardStore.ts'
import { encodeSyncStep2, isEmptyStateVector } from './protocol.ts'
import { RecordIndex } from './recordIndex.ts'
import { applyDecoded, decodeUpdateOnce, type DecodedValues } from './updateDecoding.ts'
import { readUpdate, type UpdateReading } from './updateReading.ts'
import { checkUpdateStructure, foreignTopLevelNames, isDocumentSound } from './updateValidation.ts'

/** The origin of the server's own transactions on a room's document. */
export const serverOrigin = Symbol('server change')

/** The origin of updates committed elsewhere (another instance) or loaded from the store to catch up. */
const committedOrigin = Symbol('committed elsewhere')

export type ApplyResult =
  /** Applied; `update` is what it added, as the document encoded it (the bytes to store and broadcast). */
  | { kind: 'applied'; update: Uint8Array }
  /** Valid, but the document already had all of it. */
  | { kind: 'unchanged' }
  /** Slipped past validation and left the document unsound: it must be rebuilt without this update. */
  | { kind: 'damaged'; reason: UpdateRejection }

/** True when a transaction changed the document (Yjs's own test before it emits 'update'). */
function changedDocument(transaction: Y.Transaction): boolean {
  if (transaction.deleteSet.clients.size > 0) return true
  for (const [client, clock] of transaction.afterState) if (transaction.beforeState.get(client) !== clock) return true
  return false
}

/** The update Yjs encodes for "nothing": no structs, no deletions (`[0, 0]`). */
function isEmptyUpdate(update: Uint8Array): boolean {
  return update.length === 2 && update[0] === 0 && update[1] === 0
}

/**
 * A room's Yjs document with the encodings joins need, and an index of its
 * records (so an update is read before it is applied). The full state (and the
 * sync step 2 message carrying it) is encoded at most once per change: every
 * fresh joiner gets the same cached bytes.
 *
 * The server writes to it too (a new board's first records, its settings, a
 * restore) under a client id of its own, chosen so that it is new to the board.
 */
export class RoomDocument {
  readonly #logger: Logger
  #doc: Y.Doc
  #index: RecordIndex
  #fullState: Uint8Array | null = null
  #fullStateMessage: Uint8Array | null = null
  #fullStateEncodings = 0
  /**
   * The update {@link read} read last: what it decoded, so that applying it does not decode it
   * again, and whether applying it adds exactly what it carries (see UpdateReading.exact).
   */
  #lastRead: { update: Uint8Array; values: DecodedValues; exact: boolean } | null = null
  /** Foreign top-level names storage already had (only a bug or a hand edit puts them there). */
  #tolerated: ReadonlySet<string> = new Set()

  constructor(stored: StoredState, logger: Logger) {
    this.#logger = logger
    this.#doc = this.#adopt(this.#fromStorage(stored, []))
    this.#index = new RecordIndex(this.#doc)
  }

  /** The document itself, for reading (the relay writes only through apply and change). */
  get doc(): Y.Doc {
    return this.#doc
  }

  get index(): RecordIndex {
    return this.#index
  }

  /** The client id the server's changes are written under. */
  get serverClientId(): number {
    return this.#doc.clientID
  }

  /** True when the document has content under `clientId`. */
  hasClient(clientId: number): boolean {
    return Y.getState(this.#doc.store, clientId) > 0
  }

  /** Decodes an update and reads what it would change, or says why it cannot be applied at all. */
  read(update: Uint8Array): UpdateReading | UpdateRejection {
    this.#lastRead = null
    let once: ReturnType<typeof decodeUpdateOnce>
    try {
      once = decodeUpdateOnce(update)
    } catch {
      return UpdateRejection.malformed
    }
    const refusal = checkUpdateStructure(once.decoded, this.#doc)
    if (refusal !== null) return refusal
    const reading = readUpdate(once.decoded, this.#doc, this.#index)
    if (typeof reading !== 'number') {
      this.#lastRead = { update, values: once.values, exact: reading.exact && once.decoded.structs.length > 0 }
    }
    return reading
  }

  /**
   * Makes a change of the server's own in one transaction and returns the update it made (the
   * bytes to store and broadcast), or null when it changed nothing.
   */
  change(write: (doc: Y.Doc) => void): Uint8Array | null {
    this.#lastRead = null
    return this.#encodingWhat(() => this.#doc.transact(() => write(this.#doc), serverOrigin))
  }

  /** How often the full state was encoded since the room loaded. */
  get fullStateEncodings(): number {
    return this.#fullStateEncodings
  }

  stateVector(): Uint8Array {
    return Y.encodeStateVector(this.#doc)
  }

  fullState(): Uint8Array {
    if (this.#fullState === null) {
      this.#fullState = Y.encodeStateAsUpdate(this.#doc)
      this.#fullStateEncodings += 1
    }
    return this.#fullState
  }

  /** The sync step 2 answering a client's state vector; throws when the state vector does not decode. */
  syncStep2For(stateVector: Uint8Array): Uint8Array {
    if (isEmptyStateVector(stateVector)) {
      this.#fullStateMessage ??= encodeSyncStep2(this.fullState())
      return this.#fullStateMessage
    }
    return encodeSyncStep2(Y.encodeStateAsUpdate(this.#doc, stateVector))
  }

  /**
   * The size of the part of `update` the document lacks: a reconnecting client
   * re-sending what the board already has adds nothing. Falls back to the whole
   * length when the update does not decode (applying will refuse it).
   */
  newBytes(update: Uint8Array): number {
    try {
      return Y.diffUpdate(update, this.stateVector()).length
    } catch {
      return update.length
    }
  }

  /**
   * True when `update` holds nothing the document lacks: every struct is
   * already in it and every deletion already made. Anything that does not
   * decode counts as something new.
   */
  hasAllOf(update: Uint8Array): boolean {
    if (isEmptyUpdate(update)) return true
    try {
      return Y.snapshotContainsUpdate(Y.snapshot(this.#doc), update)
    } catch {
      return false
    }
  }

  /** Applies an update that {@link read} has read and the room has allowed. */
  apply(update: Uint8Array, origin: unknown): ApplyResult {
    const read = this.#lastRead?.update === update ? this.#lastRead : null
    this.#lastRead = null
    let threw = false
    const run = () => {
      try {
        if (read !== null) applyDecoded(this.#doc, update, read.values, origin)
        else Y.applyUpdate(this.#doc, update, origin)
      } catch (error) {
        threw = true
        this.#logger.warn({ err: error }, 'a validated update failed to apply')
      }
    }
    // An update that adds exactly what it carries is stored and sent on as it came (copied out of
    // the socket's buffer), which spares Yjs encoding it again. Otherwise what it added is what
    // Yjs encodes.
    let applied: Uint8Array | null
    if (read?.exact === true) {
      run()
      applied = update.slice()
    } else {
      applied = this.#encodingWhat(run)
    }
    if (threw || !isDocumentSound(this.#doc, this.#tolerated)) {
      return { kind: 'damaged', reason: threw ? UpdateRejection.malformed : UpdateRejection.missingDependency }
    }
    return applied === null ? { kind: 'unchanged' } : { kind: 'applied', update: applied }
  }

  /**
   * Applies updates that are committed already (another instance judged and stored them, or the
   * store holds them) in one transaction, and returns what they added (null: nothing new). Not
   * judged again: the rules were applied where they came in. `complete` is false when some of it
   * waits for content this document lacks (a row that has not arrived yet).
   */
  applyCommitted(updates: readonly Uint8Array[]): { added: Uint8Array | null; complete: boolean } {
    this.#lastRead = null
    const added = this.#encodingWhat(() =>
      Y.transact(this.#doc, () => {
        for (const update of updates) Y.applyUpdate(this.#doc, update, committedOrigin)
      }),
    )
    const complete = this.#doc.store.pendingStructs === null && this.#doc.store.pendingDs === null
    return { added, complete }
  }

  /** Runs `change` and returns the update Yjs encodes for what it did, or null when it did nothing. */
  #encodingWhat(change: () => void): Uint8Array | null {
    let made: Uint8Array | null = null
    const listener = (update: Uint8Array) => {
      made = update
    }
    this.#doc.on('update', listener)
    try {
      change()
    } finally {
      this.#doc.off('update', listener)
    }
    return made
  }

  /** Replaces the document with the stored one plus `updates` (accepted but not yet committed). */
  rebuild(stored: StoredState, updates: readonly Uint8Array[]): void {
    this.#lastRead = null
    const doc = this.#fromStorage(stored, updates)
    this.#index.destroy()
    this.#doc.destroy()
    this.#doc = this.#adopt(doc)
    this.#index = new RecordIndex(this.#doc)
  }

  destroy(): void {
    this.#index.destroy()
    this.#doc.destroy()
  }

  /**
   * The board's document as stored (its snapshot with the log after it on top),
   * plus `extra` updates. Storage only ever gets validated updates, so anything
   * pending or foreign here is damage from outside the relay: pending content is
   * dropped (it could never be integrated) and foreign names are tolerated, so
   * that the board stays writable.
   */
  #fromStorage(stored: StoredState, extra: readonly Uint8Array[]): Y.Doc {
    const doc = new Y.Doc()
    Y.transact(doc, () => {
      if (stored.snapshot !== null) Y.applyUpdate(doc, stored.snapshot)
      for (const update of stored.updates) Y.applyUpdate(doc, update)
      for (const update of extra) Y.applyUpdate(doc, update)
    })
    if (doc.store.pendingStructs !== null || doc.store.pendingDs !== null) {
      this.#logger.error('the stored board has content with missing dependencies; leaving it out')
      doc.store.pendingStructs = null
      doc.store.pendingDs = null
    }
    this.#tolerated = foreignTopLevelNames(doc)
    if (this.#tolerated.size > 0) {
      this.#logger.error({ names: [...this.#tolerated] }, 'the stored board has top-level types a board does not have')
    }
    // The server's own changes must not land under an id someone already wrote with.
    while (Y.getState(doc.store, doc.clientID) > 0) doc.clientID = Math.floor(Math.random() * 2 ** 32)
    return doc
  }

  /** Every change invalidates the cached encodings. */
  #adopt(doc: Y.Doc): Y.Doc {
    this.#fullState = null
    this.#fullStateMessage = null
    doc.on('afterTransaction', (transaction: Y.Transaction) => {
      if (!changedDocument(transaction)) return
      this.#fullState = null
      this.#fullStateMessage = null
    })
    return doc
  }
}

