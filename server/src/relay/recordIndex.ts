import type { TLRecord } from '@tldraw/tlschema'
import * as Y from 'yjs'
import { isRecordEntry, recordArray } from '../../../shared/src/board/boardDoc.ts'
import { creatorOf } from '../../../shared/src/board/boardRules.ts'
import { encodedSize } from './valueForms.ts'

/** One entry of the records array as the index knows it: its Yjs id and value. */
export interface IndexedEntry {
  client: number
  clock: number
  key: string
  value: unknown
}

/** What the person-share rule counts: the encoded size of a record, to the person who created it. */
function ownerOf(value: unknown): string | null {
  if (typeof value !== 'object' || value === null) return null
  const record = value as TLRecord
  if (record.typeName === 'user') return typeof record.id === 'string' ? record.id.slice('user:'.length) : null
  return typeof record.meta === 'object' && record.meta !== null ? creatorOf(record) : null
}

/**
 * The records of a room's document by key, kept current from the document's own change events,
 * so that the relay can tell what an incoming update would change before applying it.
 *
 * Entries are known by their Yjs id (client, clock), which stays the same when Yjs splits or
 * merges the items holding them. A key normally has one live entry; two people writing it at
 * once leave two until a client deletes the loser, and the rightmost wins meanwhile, as in
 * y-utility's YKeyValue.
 *
 * It also keeps, per person, the size of the records they created that are on the board now.
 */
export class RecordIndex {
  readonly #doc: Y.Doc
  readonly #array: Y.Array<unknown>
  readonly #byKey = new Map<string, IndexedEntry[]>()
  /** Live entries by Yjs client and clock (numbers: a string id per entry was most of what the index allocated). */
  readonly #byId = new Map<number, Map<number, IndexedEntry>>()
  /** Per person id, the encoded bytes of the winning values they created. */
  readonly #ownedBytes = new Map<string, number>()
  /** Per key, the owner and size its winning value is counted with. */
  readonly #counted = new Map<string, { owner: string; bytes: number }>()
  readonly #listener = (transaction: Y.Transaction): void => this.#onTransaction(transaction)

  constructor(doc: Y.Doc) {
    this.#doc = doc
    this.#array = recordArray(doc) as Y.Array<unknown>
    const touched = new Set<string>()
    for (let item = this.#array._start; item !== null; item = item.right) {
      if (!item.deleted) for (const key of this.#addItem(item)) touched.add(key)
    }
    for (const key of touched) this.#recount(key)
    // Not the array's observer: computing an array event's changes walks the whole array,
    // tombstones included, while a transaction's own state and delete set name just what changed.
    doc.on('afterTransaction', this.#listener)
  }

  /** How many keys have a live entry. */
  get size(): number {
    return this.#byKey.size
  }

  /** The winning value of `key` (as stored, not validated), or undefined. */
  value(key: string): unknown {
    return this.winner(key)?.value
  }

  /** The live entries of `key`, in no particular order. */
  entries(key: string): readonly IndexedEntry[] {
    return this.#byKey.get(key) ?? []
  }

  /** The live entry with this Yjs id, if there is one. */
  entryAt(client: number, clock: number): IndexedEntry | undefined {
    return this.#byId.get(client)?.get(clock)
  }

  /** The entry of `key` that wins: the only one, or the rightmost of several (optionally among `among`). */
  winner(key: string, among: readonly IndexedEntry[] = this.entries(key)): IndexedEntry | undefined {
    if (among.length <= 1) return among[0]
    const wanted = new Set(among)
    let found: IndexedEntry | undefined
    // Rare (only while a conflict waits for its clean-up), so a walk along the array is fine.
    for (let item = this.#array._start; item !== null; item = item.right) {
      if (item.deleted) continue
      for (let offset = 0; offset < item.length; offset++) {
        const entry = this.entryAt(item.id.client, item.id.clock + offset)
        if (entry !== undefined && wanted.has(entry)) found = entry
      }
    }
    return found ?? among[among.length - 1]
  }

  /** Encoded bytes of what `personId` created that is on the board now. */
  ownedBytes(personId: string): number {
    return this.#ownedBytes.get(personId) ?? 0
  }

  /** Every key with a live entry. */
  keys(): IterableIterator<string> {
    return this.#byKey.keys()
  }

  destroy(): void {
    this.#doc.off('afterTransaction', this.#listener)
    this.#byKey.clear()
    this.#byId.clear()
  }

  #onTransaction(transaction: Y.Transaction): void {
    if (!(transaction.changed as Map<unknown, unknown>).has(this.#array)) return
    const touched = new Set<string>()
    Y.iterateDeletedStructs(transaction, transaction.deleteSet, (struct) => {
      if (!(struct instanceof Y.Item) || struct.parent !== this.#array) return
      const clocks = this.#byId.get(struct.id.client)
      if (clocks === undefined) return
      for (let offset = 0; offset < struct.length; offset++) {
        const entry = clocks.get(struct.id.clock + offset)
        if (entry === undefined) continue
        clocks.delete(entry.clock)
        const list = this.#byKey.get(entry.key) ?? []
        const at = list.indexOf(entry)
        if (at >= 0) list.splice(at, 1)
        if (list.length === 0) this.#byKey.delete(entry.key)
        touched.add(entry.key)
      }
      if (clocks.size === 0) this.#byId.delete(struct.id.client)
    })
    // forEach rather than for…of: iterating a Map's entries makes an array per entry, and the state
    // has an entry for every client the board ever had, on every transaction.
    transaction.afterState.forEach((after, client) => {
      const before = transaction.beforeState.get(client) ?? 0
      if (after <= before) return
      const structs = this.#doc.store.clients.get(client) ?? []
      for (let index = Y.findIndexSS(structs, before); index < structs.length; index++) {
        const struct = structs[index] as Y.Item | Y.GC
        if (struct.id.clock >= after) break
        if (struct instanceof Y.Item && struct.parent === this.#array && !struct.deleted) {
          for (const key of this.#addItem(struct, Math.max(0, before - struct.id.clock))) touched.add(key)
        }
      }
    })
    for (const key of touched) this.#recount(key)
  }

  /** Indexes the entries an item holds, from `from` on; returns their keys. */
  #addItem(item: Y.Item, from = 0): string[] {
    if (!(item.content instanceof Y.ContentAny)) return []
    const keys: string[] = []
    item.content.arr.forEach((value, offset) => {
      if (offset < from || !isRecordEntry(value)) return
      const entry: IndexedEntry = { client: item.id.client, clock: item.id.clock + offset, key: value.key, value: value.val }
      const clocks = this.#byId.get(entry.client)
      if (clocks === undefined) this.#byId.set(entry.client, new Map([[entry.clock, entry]]))
      else clocks.set(entry.clock, entry)
      const list = this.#byKey.get(entry.key)
      if (list === undefined) this.#byKey.set(entry.key, [entry])
      else list.push(entry)
      keys.push(entry.key)
    })
    return keys
  }

  #recount(key: string): void {
    const previous = this.#counted.get(key)
    if (previous !== undefined) {
      this.#ownedBytes.set(previous.owner, (this.#ownedBytes.get(previous.owner) ?? 0) - previous.bytes)
      this.#counted.delete(key)
    }
    const value = this.winner(key)?.value
    const owner = ownerOf(value)
    if (owner === null) return
    const bytes = recordBytes(value)
    this.#counted.set(key, { owner, bytes })
    this.#ownedBytes.set(owner, (this.#ownedBytes.get(owner) ?? 0) + bytes)
  }
}

/**
 * The size a record is counted with in a person's share: the bytes it takes in the board's
 * document (its encoding in a Yjs update), as the document size cap counts too.
 */
export function recordBytes(value: unknown): number {
  return encodedSize(value)
}

export { ownerOf as recordOwner }
