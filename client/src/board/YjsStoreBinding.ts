import { atom, type Atom, type HistoryEntry, type SerializedSchema, type TLRecord, type TLStore } from 'tldraw'
import type * as Y from 'yjs'
import { BoardMeta, metaMap, openRecordMap, type RecordMap } from '../../../shared/src/board/boardDoc.ts'
import { classifyDocSchema } from '../../../shared/src/board/boardSchemaVersion.ts'
import { applyRemoteRecords } from './remoteRecords.ts'
import { wholeStore, type StoreShare } from './storeShare.ts'

/** Why a binding refuses to write to its board. */
export type ReadonlyReason = 'newer-schema'

/** A change y-utility's YKeyValue reports for one key (shaped like Y.Map's key changes). */
type RecordChange = { action: 'add' | 'update' | 'delete' }

export interface YjsStoreBindingOptions {
  /** The board document (its format: shared/src/board/boardDoc.ts). */
  doc: Y.Doc
  /** A tldraw store with the schema this client writes. */
  store: TLStore
  /**
   * False for people who only watch (observers): the binding then never writes to the
   * document, so nothing goes to the relay (which would disconnect an observer for it).
   * Remote changes still reach the store.
   */
  writable?: boolean
  /** The part of the store this binding keeps, when another board's binding shares it (default: all of it). */
  share?: StoreShare
}

/**
 * Binds a tldraw store to a board's Y.Doc, both ways.
 *
 * - Local document changes (source `user`, scope `document`) become one Y transaction
 *   per change, with {@link YjsStoreBinding.origin} as the transaction origin.
 * - Changes from anyone else (the provider, IndexedDB) reach the store through
 *   `mergeRemoteChanges`, so they never come back as local changes.
 * - The board's settings (`meta`: schema, mode) are the server's: the binding only reads
 *   them. A board written by an older schema is shown migrated (the server migrates it when
 *   it loads; until then this copy's records are read as they would become); a board written
 *   by a newer schema is shown read-only: the binding then writes nothing.
 *
 * @example
 * const binding = new YjsStoreBinding({ doc, store })
 * if (binding.readonlyReason) showReloadNotice()
 * // later
 * binding.destroy()
 */
export class YjsStoreBinding {
  /** The origin of every Y transaction this binding writes. */
  readonly origin: object = { name: 'YjsStoreBinding' }
  /** Non-null once the binding has stopped writing; see {@link ReadonlyReason}. */
  readonly $readonlyReason: Atom<ReadonlyReason | null> = atom('readonlyReason', null)
  /**
   * True while the store holds local document changes not yet written to the board.
   * tldraw hands store changes to listeners on the next animation frame, so for up to a
   * frame an edit exists only in the store; "Saved" must not show meanwhile.
   */
  readonly $hasUnwrittenChanges: Atom<boolean> = atom('hasUnwrittenChanges', false)

  private readonly doc: Y.Doc
  private readonly store: TLStore
  private readonly board: RecordMap
  private readonly meta: Y.Map<unknown>
  private readonly disposers: (() => void)[] = []
  private stopLocalListener: (() => void) | null = null
  /** Keys that changed remotely and wait for the end of the current Y transactions. */
  private pendingRemoteKeys = new Set<string>()
  private schemaMayHaveChanged = false
  /** Collects the keys written while pending local changes are flushed. */
  private keysWrittenByFlush: Set<string> | null = null
  private processing = false
  private destroyed = false
  private readonly writable: boolean
  private readonly share: StoreShare

  constructor({ doc, store, writable = true, share = wholeStore }: YjsStoreBindingOptions) {
    this.doc = doc
    this.store = store
    this.writable = writable
    this.share = share
    this.board = openRecordMap(doc)
    this.meta = metaMap(doc)
    this.open()

    const { records } = this.board
    records.on('change', this.handleRecordChanges)
    this.disposers.push(() => records.off('change', this.handleRecordChanges))
    this.meta.observe(this.handleMetaChange)
    this.disposers.push(() => this.meta.unobserve(this.handleMetaChange))
    doc.on('afterAllTransactions', this.handleAfterAllTransactions)
    this.disposers.push(() => doc.off('afterAllTransactions', this.handleAfterAllTransactions))
  }

  /** `'newer-schema'` when the board was written by a newer Samskap; the binding then writes nothing. */
  get readonlyReason(): ReadonlyReason | null {
    return this.$readonlyReason.get()
  }

  /**
   * Writes any local changes tldraw has not handed over yet to the board now, e.g. when
   * the page is being closed and the next animation frame may never come.
   */
  flush(): void {
    this.flushPendingLocalChanges()
  }

  /** Whether the board holds a record under `key`. */
  holds(key: string): boolean {
    return !this.destroyed && this.board.records.has(key)
  }

  /**
   * Writes records of the store to the board as this binding's own changes: those that were made
   * before this board was bound and are its to keep (see PrivateNoteRouter).
   */
  adopt(records: readonly TLRecord[]): void {
    if (records.length === 0 || this.stopLocalListener === null) return
    const { records: board } = this.board
    this.doc.transact(() => {
      for (const record of records) board.set(record.id, record)
    }, this.origin)
  }

  /** Unsubscribes from the store and the document. */
  destroy(): void {
    if (this.destroyed) return
    this.destroyed = true
    this.stopLocalListener?.()
    this.stopLocalListener = null
    for (const dispose of this.disposers.splice(0)) dispose()
    this.board.dispose()
  }

  private open(): void {
    const status = classifyDocSchema(this.store.schema, this.meta.get(BoardMeta.schema))
    if (status.kind === 'newer') {
      this.enterReadonly()
      this.replaceStoreDocument()
      return
    }
    this.showBoard(status.kind === 'older' ? status.schema : null)
    if (this.writable) this.listenForLocalChanges()
  }

  /**
   * Local document changes reach {@link handleLocalChange} when tldraw flushes its history
   * (next frame, or {@link flush}). The store's after-change side effects run synchronously
   * with each change, so they mark the change as unwritten until that flush.
   */
  private listenForLocalChanges(): void {
    const { store } = this
    const markUnwritten = (source: 'user' | 'remote') => {
      if (source === 'user' && !this.$hasUnwrittenChanges.get()) this.$hasUnwrittenChanges.set(true)
    }
    const stops = [
      store.listen(this.handleLocalChange, { source: 'user', scope: 'document' }),
      // Registered second, so it runs after the document listener for each flushed entry.
      store.listen(this.handleHistoryFlushed, { source: 'all', scope: 'all' }),
    ]
    for (const typeName of store.scopedTypes.document) {
      stops.push(
        store.sideEffects.registerAfterCreateHandler(typeName, (_record, source) => markUnwritten(source)),
        store.sideEffects.registerAfterChangeHandler(typeName, (_before, _after, source) => markUnwritten(source)),
        store.sideEffects.registerAfterDeleteHandler(typeName, (_record, source) => markUnwritten(source)),
      )
    }
    this.stopLocalListener = () => {
      for (const stop of stops) stop()
      this.$hasUnwrittenChanges.set(false)
    }
  }

  /**
   * Shows the board as it is: migrated in memory when it was written by an older schema
   * (records that do not migrate are shown as far as they validate).
   */
  private showBoard(olderSchema: SerializedSchema | null): void {
    if (olderSchema === null) {
      this.replaceStoreDocument()
      return
    }
    const stored = Object.fromEntries([...this.board.records.map.values()].map(({ key, val }) => [key, val]))
    const result = this.store.schema.migrateStoreSnapshot({ schema: olderSchema, store: stored })
    if (result.type === 'error') {
      this.replaceStoreDocument()
      return
    }
    const migrated = Object.entries(result.value as Record<string, TLRecord>).filter(([key, value]) => this.share.shows(key, value))
    applyRemoteRecords(this.store, migrated, this.staleStoreRecords((id) => id in result.value))
  }

  /** Makes the store's document records exactly the board's (as far as they validate). */
  private replaceStoreDocument(): void {
    const { records } = this.board
    const entries = [...records.map.values()].filter(({ key, val }) => this.share.shows(key, val)).map(({ key, val }) => [key, val] as const)
    applyRemoteRecords(this.store, entries, this.staleStoreRecords((id) => records.has(id)))
  }

  /** Document records the store holds that the board does not (and that are not another board's). */
  private staleStoreRecords(onBoard: (id: string) => boolean): string[] {
    return this.store
      .allRecords()
      .filter((record) => this.store.scopedTypes.document.has(record.typeName) && !onBoard(record.id) && this.share.owns(record.id))
      .map((record) => record.id)
  }

  private enterReadonly(): void {
    if (this.$readonlyReason.get() !== null) return
    this.stopLocalListener?.()
    this.stopLocalListener = null
    this.$readonlyReason.set('newer-schema')
  }

  private readonly handleLocalChange = ({ changes }: HistoryEntry<TLRecord>): void => {
    const { records } = this.board
    const { share } = this
    const written = this.keysWrittenByFlush
    const puts = [...Object.values(changes.added), ...Object.values(changes.updated).map(([, record]) => record)].filter((record) => share.writes(record))
    const removals = Object.values(changes.removed).filter((record) => share.writes(record))
    if (puts.length === 0 && removals.length === 0) return
    this.doc.transact(() => {
      for (const record of puts) {
        records.set(record.id, record)
        written?.add(record.id)
      }
      for (const record of removals) {
        records.delete(record.id)
        written?.add(record.id)
      }
    }, this.origin)
  }

  private readonly handleHistoryFlushed = (): void => {
    if (this.$hasUnwrittenChanges.get()) this.$hasUnwrittenChanges.set(false)
  }

  private readonly handleRecordChanges = (changes: Map<string, RecordChange>, transaction: Y.Transaction): void => {
    if (transaction.origin === this.origin) return
    for (const key of changes.keys()) this.pendingRemoteKeys.add(key)
  }

  private readonly handleMetaChange = (event: Y.YMapEvent<unknown>): void => {
    if (event.keysChanged.has(BoardMeta.schema)) this.schemaMayHaveChanged = true
  }

  /**
   * Remote changes are applied once Yjs has finished all transactions (including the
   * clean-up transactions YKeyValue runs from its observer), so the key-value map is
   * current and writes made here are not nested inside a remote transaction.
   */
  private readonly handleAfterAllTransactions = (): void => {
    if (this.processing) return
    if (this.pendingRemoteKeys.size === 0 && !this.schemaMayHaveChanged) return
    this.processing = true
    try {
      this.applyPendingRemoteChanges()
    } catch (error) {
      // An exception here would abort the provider's message handling; report it instead.
      console.error('Samskap: could not apply a remote board change', error)
    } finally {
      this.processing = false
    }
  }

  private applyPendingRemoteChanges(): void {
    const keys = this.pendingRemoteKeys
    this.pendingRemoteKeys = new Set()
    if (this.schemaMayHaveChanged) {
      this.schemaMayHaveChanged = false
      if (this.recheckSchema() === 'reloaded') return
    }
    const writtenLocally = this.flushPendingLocalChanges()
    const { records } = this.board
    const puts: (readonly [string, unknown])[] = []
    const removes: string[] = []
    for (const key of keys) {
      // A local change not yet written when the remote one arrived has just been written
      // on top of it, so the board and the store both keep the local value.
      if (writtenLocally.has(key)) continue
      const value = records.get(key)
      if (value === undefined) removes.push(key)
      else if (this.share.shows(key, value)) puts.push([key, value])
    }
    applyRemoteRecords(this.store, puts, removes.length === 0 ? removes : this.share.removeNow(removes))
  }

  /** Reacts to a schema the server wrote: newer → read-only; older or current → show the board again. */
  private recheckSchema(): 'unchanged' | 'reloaded' {
    if (this.$readonlyReason.get() !== null) return 'unchanged'
    const status = classifyDocSchema(this.store.schema, this.meta.get(BoardMeta.schema))
    if (status.kind === 'newer') {
      this.enterReadonly()
      return 'unchanged'
    }
    this.flushPendingLocalChanges()
    this.showBoard(status.kind === 'older' ? status.schema : null)
    return 'reloaded'
  }

  /**
   * tldraw delivers store changes to listeners on the next animation frame. Writing any
   * pending ones before a remote change is applied keeps the store and the board equal.
   */
  private flushPendingLocalChanges(): ReadonlySet<string> {
    const written = new Set<string>()
    if (this.stopLocalListener === null) return written
    this.keysWrittenByFlush = written
    try {
      this.store._flushHistory()
    } finally {
      this.keysWrittenByFlush = null
    }
    return written
  }
}
