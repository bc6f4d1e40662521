import * as Y from 'yjs'
import { BoardDoc, isRecordEntry, metaMap, recordArray } from '../../../shared/src/board/boardDoc.ts'
import { UpdateRejection } from '../../../shared/src/protocol/messages.ts'
import type { IndexedEntry, RecordIndex } from './recordIndex.ts'
import type { DecodedUpdate } from './updateValidation.ts'

/** What an update would do to one record. */
export interface RecordChange {
  key: string
  /** The record's winning value now, or undefined when the board has none. */
  before: unknown
  /**
   * The values the update would give it: usually one; none when it would be removed. An update
   * can carry several entries for one key (a hostile one): each must be allowed.
   */
  after: unknown[]
}

/** What a (structurally valid) update would change, read before it is applied. */
export interface UpdateReading {
  /** Yjs client ids the update adds content under (each must be its sender's). */
  writers: Set<number>
  /** It writes or deletes in the meta map. */
  writesMeta: boolean
  /** The records whose value it would change. */
  changes: RecordChange[]
  /**
   * Applied, it adds exactly what it carries: every struct is new and lands in the board (none is a
   * gap, garbage or next to garbage), and it deletes only live content the board has. Such an
   * update can be stored and sent on as it came.
   */
  exact: boolean
}

type Parent = 'records' | 'meta' | 'dropped' | 'invalid'

/**
 * Reads, without applying it, what `decoded` would change in `doc`: the records it adds,
 * replaces and removes (as y-utility's YKeyValue would see them once applied), whether it
 * touches the meta map, and under which client ids it writes. Returns `malformed` when the
 * update writes anything a board's structure does not hold: nested types, map keys in the
 * records array, values in it that are not `{ key, val }` entries.
 *
 * Yjs encodes an item's parent only when it has no neighbour to take it from, so a parent is
 * found through the item's origin (or right origin): in the document, or earlier in the update.
 */
export function readUpdate(decoded: DecodedUpdate, doc: Y.Doc, index: RecordIndex): UpdateReading | UpdateRejection {
  const records = recordArray(doc) as unknown as Y.AbstractType<unknown>
  const meta = metaMap(doc) as unknown as Y.AbstractType<unknown>
  // Grouped only when an item's neighbour is in the update itself (several structs of one client).
  let inUpdate: Map<number, Array<Y.Item | Y.GC>> | null = null
  const findInUpdate = (id: Y.ID): Y.Item | Y.GC | undefined => findStruct((inUpdate ??= groupByClient(decoded.structs)), id)
  const parents = new Map<Y.Item, Parent>()
  const docState = (client: number): number => Y.getState(doc.store, client)

  const parentOfDocStruct = (id: Y.ID): Parent => {
    const struct = Y.getItem(doc.store, id) as Y.Item | Y.GC
    if (!(struct instanceof Y.Item)) return 'dropped'
    if (struct.parent === records) return 'records'
    if (struct.parent === meta) return 'meta'
    return 'invalid'
  }
  const parentOf = (item: Y.Item, depth: number): Parent => {
    const known = parents.get(item)
    if (known !== undefined) return known
    let parent: Parent
    if (typeof item.parent === 'string') parent = item.parent === BoardDoc.records ? 'records' : item.parent === BoardDoc.meta ? 'meta' : 'invalid'
    else if (item.parent !== null || depth > 10_000) parent = 'invalid'
    else {
      const neighbour = item.origin ?? item.rightOrigin
      if (neighbour === null) parent = 'invalid'
      else if (neighbour.clock < docState(neighbour.client)) parent = parentOfDocStruct(neighbour)
      else {
        const struct = findInUpdate(neighbour)
        // Yjs turns an item next to garbage-collected content into garbage as well.
        parent = struct instanceof Y.Item ? parentOf(struct, depth + 1) : 'dropped'
      }
    }
    parents.set(item, parent)
    return parent
  }

  /** True when `id` is garbage, in the document or in the update: Yjs turns an item beside it into garbage too. */
  const isGarbage = (id: Y.ID | null): boolean => {
    if (id === null) return false
    if (id.clock < docState(id.client)) return !(Y.getItem(doc.store, id) instanceof Y.Item)
    return !(findInUpdate(id) instanceof Y.Item)
  }

  const reading: UpdateReading = { writers: new Set(), writesMeta: false, changes: [], exact: true }
  const added: Array<{ key: string; value: unknown; client: number; clock: number }> = []
  for (const struct of decoded.structs) {
    if (struct instanceof Y.Skip) {
      reading.exact = false
      continue
    }
    const { client, clock } = struct.id
    const firstNew = Math.max(0, docState(client) - clock)
    if (firstNew > 0) reading.exact = false
    if (firstNew >= struct.length) continue
    reading.writers.add(client)
    if (!(struct instanceof Y.Item)) {
      reading.exact = false
      continue
    }
    const parent = parentOf(struct, 0)
    if (parent === 'invalid') return UpdateRejection.malformed
    if (parent === 'dropped' || isGarbage(struct.origin) || isGarbage(struct.rightOrigin)) reading.exact = false
    if (parent === 'meta') reading.writesMeta = true
    if (parent !== 'records') continue
    if (struct.parentSub !== null) return UpdateRejection.malformed
    if (struct.content instanceof Y.ContentDeleted) {
      reading.exact = false
      continue
    }
    if (!(struct.content instanceof Y.ContentAny)) return UpdateRejection.malformed
    const values = struct.content.arr
    for (let offset = firstNew; offset < values.length; offset++) {
      const value = values[offset]
      if (!isRecordEntry(value)) return UpdateRejection.malformed
      added.push({ key: value.key, value: value.val, client, clock: clock + offset })
    }
  }

  // Deletions: of entries the board has (a record removed or replaced), and of entries the
  // update itself adds (written and deleted before sending: they never show).
  const removed = new Map<string, Set<IndexedEntry>>()
  let deletedNew: Set<string> | null = null
  for (const [client, ranges] of decoded.ds.clients) {
    const known = docState(client)
    for (const { clock, len } of ranges) {
      const end = clock + len
      for (let at = clock; at < Math.min(end, known); ) {
        const struct = Y.getItem(doc.store, Y.createID(client, at)) as Y.Item | Y.GC
        const structEnd = struct.id.clock + struct.length
        if (!(struct instanceof Y.Item) || struct.deleted) reading.exact = false
        if (struct instanceof Y.Item && !struct.deleted) {
          if (struct.parent === meta) reading.writesMeta = true
          else if (struct.parent === records) {
            for (let entryClock = at; entryClock < Math.min(end, structEnd); entryClock++) {
              const entry = index.entryAt(client, entryClock)
              if (entry === undefined) continue
              const set = removed.get(entry.key) ?? new Set<IndexedEntry>()
              set.add(entry)
              removed.set(entry.key, set)
            }
          }
        }
        at = structEnd
      }
      if (end > known) reading.exact = false
      for (let at = Math.max(clock, known); at < end; at++) (deletedNew ??= new Set()).add(`${client}:${at}`)
    }
  }

  const newValues = new Map<string, unknown[]>()
  for (const entry of added) {
    if (deletedNew?.has(`${entry.client}:${entry.clock}`) === true) continue
    const list = newValues.get(entry.key) ?? []
    list.push(entry.value)
    newValues.set(entry.key, list)
  }
  for (const [key, values] of newValues) reading.changes.push({ key, before: index.value(key), after: values })
  for (const [key, gone] of removed) {
    if (newValues.has(key)) continue
    const live = index.entries(key)
    const winner = index.winner(key)
    if (winner === undefined || !gone.has(winner)) continue
    const left = live.filter((entry) => !gone.has(entry))
    const next = index.winner(key, left)
    reading.changes.push({ key, before: winner.value, after: next === undefined ? [] : [next.value] })
  }
  return reading
}

function groupByClient(structs: DecodedUpdate['structs']): Map<number, Array<Y.Item | Y.GC>> {
  const byClient = new Map<number, Array<Y.Item | Y.GC>>()
  for (const struct of structs) {
    if (struct instanceof Y.Skip) continue
    const list = byClient.get(struct.id.client) ?? []
    list.push(struct)
    byClient.set(struct.id.client, list)
  }
  return byClient
}

/** The struct of the update holding `id`, by binary search over its client's structs (in clock order). */
function findStruct(byClient: Map<number, Array<Y.Item | Y.GC>>, id: Y.ID): Y.Item | Y.GC | undefined {
  const list = byClient.get(id.client)
  if (list === undefined) return undefined
  let low = 0
  let high = list.length - 1
  while (low <= high) {
    const middle = (low + high) >> 1
    const struct = list[middle] as Y.Item | Y.GC
    if (id.clock < struct.id.clock) high = middle - 1
    else if (id.clock >= struct.id.clock + struct.length) low = middle + 1
    else return struct
  }
  return undefined
}
