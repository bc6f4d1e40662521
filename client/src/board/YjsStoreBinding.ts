import { atom, isEqual, type Atom, type HistoryEntry, type SerializedSchema, type TLRecord, type TLStore } from 'tldraw'
import type * as Y from 'yjs'
import { classifyDocSchema } from './boardSchema.ts'
import { openBoardRecords, schemaMetaKey, type BoardRecords, type RecordChange } from './boardRecords.ts'
import { applyRemoteRecords } from './remoteRecords.ts'

/** Why a binding refuses to write to its board. */
export type ReadonlyReason = 'newer-schema'

export interface YjsStoreBindingOptions {
  /** The board document; its `records` and `meta` follow shared/src/board/boardDoc.ts. */
  doc: Y.Doc
  /** A tldraw store with the schema this client writes. */
  store: TLStore
  /**
   * False for people who only watch (observers): the binding then never writes to the
   * document, not even our schema or a migration, so nothing goes to the relay (which
   * would disconnect an observer for it). Remote changes still reach the store.
   */
  writable?: boolean
}

/**
 * Binds a tldraw store to a board's Y.Doc, both ways.
 *
 * - Local document changes (source `user`, scope `document`) become one Y transaction
 *   per change, with {@link YjsStoreBinding.origin} as the transaction origin.
 * - Changes from anyone else (the provider, IndexedDB) reach the store through
 *   `mergeRemoteChanges`, so they never come back as local changes.
 * - The board's schema lives in `meta.schema`: an empty board is initialised from the
 *   store, a board written by an older schema is migrated and written back, and a board
 *   written by a newer schema is shown read-only: the binding then writes nothing.
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
  private readonly board: BoardRecords
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

  constructor({ doc, store, writable = true }: YjsStoreBindingOptions) {
    this.doc = doc
    this.store = store
    this.writable = writable
    this.board = openBoardRecords(doc)
    this.open()

    const { records, meta } = this.board
    records.on('change', this.handleRecordChanges)
    this.disposers.push(() => records.off('change', this.handleRecordChanges))
    meta.observe(this.handleMetaChange)
    this.disposers.push(() => meta.unobserve(this.handleMetaChange))
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
    const { records, meta } = this.board
    const status = classifyDocSchema(this.store, meta.get(schemaMetaKey))
    if (!this.writable) {
      this.showWithoutWriting(status.kind === 'older' ? status.schema : null)
      return
    }
    if (status.kind === 'newer') {
      this.enterReadonly()
      this.replaceStoreDocument()
      return
    }
    if (status.kind === 'older') {
      if (!this.migrateDocument(status.schema)) return
    } else {
      if (status.kind === 'absent') this.initializeDocument(records.map.size === 0)
      this.replaceStoreDocument()
    }
    this.listenForLocalChanges()
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

  /** Writes our schema and, for an empty board, the store's document records. */
  private initializeDocument(isEmpty: boolean): void {
    this.doc.transact(() => {
      if (isEmpty) {
        for (const record of Object.values(this.store.serialize('document'))) {
          this.board.records.set(record.id, record)
        }
      }
      this.board.meta.set(schemaMetaKey, this.store.schema.serialize())
    }, this.origin)
  }

  /**
   * Migrates every record of a board written by an older schema, writes back the records
   * that changed (and deletes those the migration removed) together with our schema, and
   * loads the result into the store. Returns false (and goes read-only) if migration fails.
   */
  private migrateDocument(schema: SerializedSchema): boolean {
    const { records, meta } = this.board
    const stored = new Map<string, TLRecord>()
    for (const [key, entry] of records.map) stored.set(key, entry.val)
    const result = this.store.schema.migrateStoreSnapshot({ schema, store: Object.fromEntries(stored) })
    if (result.type === 'error') {
      this.enterReadonly()
      this.replaceStoreDocument()
      return false
    }
    const migrated = result.value as Record<string, TLRecord>
    this.doc.transact(() => {
      for (const key of stored.keys()) if (!(key in migrated)) records.delete(key)
      for (const [key, record] of Object.entries(migrated)) {
        if (!isEqual(stored.get(key), record)) records.set(key, record)
      }
      meta.set(schemaMetaKey, this.store.schema.serialize())
    }, this.origin)
    this.replaceStoreDocument()
    return true
  }

  /**
   * For a binding that never writes: shows the board as it is, migrated in memory when
   * it was written by an older schema (a newer one is shown as far as it validates).
   */
  private showWithoutWriting(olderSchema: SerializedSchema | null): void {
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
    const migrated = Object.entries(result.value as Record<string, TLRecord>)
    const stale = this.store
      .allRecords()
      .filter((record) => this.store.scopedTypes.document.has(record.typeName) && !(record.id in result.value))
      .map((record) => record.id)
    applyRemoteRecords(this.store, migrated, stale)
  }

  /** Makes the store's document records exactly the board's (as far as they validate). */
  private replaceStoreDocument(): void {
    const { records } = this.board
    const stale = this.store
      .allRecords()
      .filter((record) => this.store.scopedTypes.document.has(record.typeName) && !records.has(record.id))
      .map((record) => record.id)
    const entries = [...records.map.values()].map(({ key, val }) => [key, val] as const)
    applyRemoteRecords(this.store, entries, stale)
  }

  private enterReadonly(): void {
    if (this.$readonlyReason.get() !== null) return
    this.stopLocalListener?.()
    this.stopLocalListener = null
    this.$readonlyReason.set('newer-schema')
  }

  private readonly handleLocalChange = ({ changes }: HistoryEntry<TLRecord>): void => {
    const { records } = this.board
    const written = this.keysWrittenByFlush
    this.doc.transact(() => {
      for (const record of Object.values(changes.added)) {
        records.set(record.id, record)
        written?.add(record.id)
      }
      for (const [, record] of Object.values(changes.updated)) {
        records.set(record.id, record)
        written?.add(record.id)
      }
      for (const record of Object.values(changes.removed)) {
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
    if (event.transaction.origin === this.origin) return
    if (event.keysChanged.has(schemaMetaKey)) this.schemaMayHaveChanged = true
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
      else puts.push([key, value])
    }
    applyRemoteRecords(this.store, puts, removes)
  }

  /** Reacts to a schema written by someone else: newer → read-only; older → migrate again. */
  private recheckSchema(): 'unchanged' | 'reloaded' {
    if (this.$readonlyReason.get() !== null) return 'unchanged'
    if (!this.writable) {
      const status = classifyDocSchema(this.store, this.board.meta.get(schemaMetaKey))
      this.showWithoutWriting(status.kind === 'older' ? status.schema : null)
      return 'reloaded'
    }
    const status = classifyDocSchema(this.store, this.board.meta.get(schemaMetaKey))
    if (status.kind === 'newer') {
      this.enterReadonly()
      return 'unchanged'
    }
    if (status.kind === 'older') {
      this.flushPendingLocalChanges()
      this.migrateDocument(status.schema)
      return 'reloaded'
    }
    if (status.kind === 'absent') this.initializeDocument(false)
    return 'unchanged'
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
