// Builders for the binding tests: real tldraw stores (they run in Node) and real Y.Docs.
import {
  DocumentRecordType,
  PageRecordType,
  TLDOCUMENT_ID,
  createShapeId,
  createTLStore,
  defaultBindingUtils,
  defaultShapeUtils,
  toRichText,
  type IndexKey,
  type TLNoteShape,
  type TLRecord,
  type TLStore,
} from 'tldraw'
import * as Y from 'yjs'
import { boardPreparation } from '../../server/src/relay/boardPreparation.ts'
import type { RecordEntry } from '../../shared/src/board/boardDoc.ts'

export const pageId = PageRecordType.createId('page')

/** A store with tldraw's default shapes, as the client creates it. */
export function newStore(): TLStore {
  return createTLStore({ shapeUtils: defaultShapeUtils, bindingUtils: defaultBindingUtils })
}

/** The document and page records the server writes into a new board (server/src/relay/boardPreparation.ts). */
export function addDocumentAndPage(store: TLStore): void {
  store.put([
    DocumentRecordType.create({ id: TLDOCUMENT_ID }),
    PageRecordType.create({ id: pageId, name: 'Side 1', index: 'a1' as IndexKey }),
  ] as TLRecord[])
}

/**
 * A new board as the server prepares it before anyone opens it: its document, first page and
 * schema (the server writes them; clients never write the board's settings).
 */
export function preparedBoard(): Y.Doc {
  const doc = new Y.Doc()
  const preparation = boardPreparation(doc)
  if (preparation === null) throw new Error('An empty board needs preparing.')
  doc.transact(() => preparation.write(doc), { name: 'server' })
  return doc
}

/** A sticky note with the given text, as tldraw's note tool makes it. */
export function note(name: string, text: string, x = 0): TLNoteShape {
  return {
    id: createShapeId(name),
    typeName: 'shape',
    type: 'note',
    parentId: pageId,
    index: 'a1' as IndexKey,
    x,
    y: 0,
    rotation: 0,
    isLocked: false,
    opacity: 1,
    meta: {},
    props: {
      color: 'yellow',
      labelColor: 'black',
      richText: toRichText(text),
      size: 'm',
      font: 'draw',
      align: 'middle',
      verticalAlign: 'middle',
      growY: 0,
      fontSizeAdjustment: 1,
      url: '',
      scale: 1,
      textLastEditedBy: null,
    },
  }
}

/** The document-scoped records of a store, by id, for comparing two stores. */
export function documentRecords(store: TLStore): Record<string, unknown> {
  return Object.fromEntries(
    Object.values(store.serialize('document'))
      .map((record) => [record.id, record] as const)
      .sort(([a], [b]) => a.localeCompare(b)),
  )
}

/** The records of a board document (the rightmost entry per key wins, as in YKeyValue). */
export function docRecords(doc: Y.Doc): Record<string, unknown> {
  const records = new Map<string, unknown>()
  for (const { key, val } of doc.getArray<RecordEntry>('records').toArray()) records.set(key, val)
  return Object.fromEntries([...records].sort(([a], [b]) => a.localeCompare(b)))
}

/** The origin updates carry when a {@link DocLink} delivers them. */
export const peerOrigin = { name: 'peer' }

/**
 * Connects two Y.Docs as the relay would: each update of one is applied to the other.
 * `pause()` holds updates back (as if offline); `resume()` delivers everything missed.
 */
export class DocLink {
  private paused = false
  private readonly a: Y.Doc
  private readonly b: Y.Doc
  private readonly stop: () => void

  constructor(a: Y.Doc, b: Y.Doc) {
    this.a = a
    this.b = b
    const forward = (to: Y.Doc) => (update: Uint8Array, origin: unknown) => {
      if (origin !== peerOrigin && !this.paused) Y.applyUpdate(to, update, peerOrigin)
    }
    const toB = forward(b)
    const toA = forward(a)
    a.on('update', toB)
    b.on('update', toA)
    this.stop = () => {
      a.off('update', toB)
      b.off('update', toA)
    }
  }

  pause(): void {
    this.paused = true
  }

  resume(): void {
    this.paused = false
    Y.applyUpdate(this.b, Y.encodeStateAsUpdate(this.a, Y.encodeStateVector(this.b)), peerOrigin)
    Y.applyUpdate(this.a, Y.encodeStateAsUpdate(this.b, Y.encodeStateVector(this.a)), peerOrigin)
  }

  close(): void {
    this.stop()
  }
}

/** Counts the updates a doc emits with the given origin. */
export function countUpdates(doc: Y.Doc, origin: unknown): { readonly count: number; stop(): void } {
  const counter = { count: 0, stop: () => doc.off('update', onUpdate) }
  const onUpdate = (_update: Uint8Array, updateOrigin: unknown) => {
    if (updateOrigin === origin) counter.count++
  }
  doc.on('update', onUpdate)
  return counter
}
