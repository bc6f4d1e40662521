// The board's schema: empty boards get ours, older boards are migrated, newer ones are read-only.
import { afterEach, describe, expect, it } from 'vitest'
import type { SerializedSchemaV2, TLNoteShape, TLRecord } from 'tldraw'
import * as Y from 'yjs'
import { classifyDocSchema } from '../../shared/src/board/boardSchemaVersion.ts'
import { YjsStoreBinding } from '../../client/src/board/YjsStoreBinding.ts'
import { addDocumentAndPage, newStore, note, peerOrigin, preparedBoard } from './binding-fixtures.ts'

const cleanups: (() => void)[] = []
afterEach(() => {
  for (const cleanup of cleanups.splice(0).reverse()) cleanup()
})

const noteSequence = 'com.tldraw.shape.note'
const foreign = { name: 'another client' }

function bind(doc: Y.Doc) {
  const store = newStore()
  const binding = new YjsStoreBinding({ doc, store })
  cleanups.push(() => binding.destroy())
  return { store, binding }
}

function currentSchema(): SerializedSchemaV2 {
  return newStore().schema.serialize()
}

function withNoteVersion(schema: SerializedSchemaV2, version: number): SerializedSchemaV2 {
  return { ...schema, sequences: { ...schema.sequences, [noteSequence]: version } }
}

/** A board the server prepared, with two notes today's client made. */
function boardWithNotes(): Y.Doc {
  const store = newStore()
  const doc = preparedBoard()
  const binding = new YjsStoreBinding({ doc, store })
  store.put([note('one', 'En'), note('two', 'To', 300)])
  binding.destroy()
  return doc
}

function copyOf(doc: Y.Doc): Y.Doc {
  const copy = new Y.Doc()
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc), peerOrigin)
  return copy
}

describe('classifyDocSchema', () => {
  const store = newStore()
  const ours = store.schema.serialize()

  it('tells absent, same, older and newer apart', () => {
    expect(classifyDocSchema(store.schema, undefined)).toEqual({ kind: 'absent' })
    expect(classifyDocSchema(store.schema, structuredClone(ours))).toEqual({ kind: 'same' })
    const older = withNoteVersion(ours, ours.sequences[noteSequence]! - 1)
    expect(classifyDocSchema(store.schema, older)).toEqual({ kind: 'older', schema: older })
    expect(classifyDocSchema(store.schema, withNoteVersion(ours, ours.sequences[noteSequence]! + 1))).toEqual({
      kind: 'newer',
    })
  })

  it('treats unknown sequences, future formats and garbage as newer', () => {
    const unknownShape = { ...ours, sequences: { ...ours.sequences, 'com.tldraw.shape.hologram': 0 } }
    expect(classifyDocSchema(store.schema, unknownShape).kind).toBe('newer')
    expect(classifyDocSchema(store.schema, { schemaVersion: 3, sequences: {} }).kind).toBe('newer')
    expect(classifyDocSchema(store.schema, { schemaVersion: 2, sequences: { [noteSequence]: 'x' } }).kind).toBe('newer')
    expect(classifyDocSchema(store.schema, 'not a schema').kind).toBe('newer')
  })
})

describe('a board written by a newer schema', () => {
  it('opens read-only, writes nothing and still shows the records it can read', () => {
    const original = boardWithNotes()
    original.getMap('meta').set('schema', withNoteVersion(currentSchema(), 99))
    const doc = copyOf(original)
    const stateBefore = Y.encodeStateAsUpdate(doc)
    let anyUpdate = 0
    doc.on('update', () => anyUpdate++)

    const { store, binding } = bind(doc)
    expect(binding.readonlyReason).toBe('newer-schema')
    expect(binding.$readonlyReason.get()).toBe('newer-schema')
    expect(store.has(note('one', '').id)).toBe(true)

    // Edits in the store (the editor is read-only, but nothing may reach the board anyway).
    store.put([note('three', 'Tre')])
    store.remove([note('one', '').id])
    expect(anyUpdate).toBe(0)
    expect(Y.encodeStateAsUpdate(doc)).toEqual(stateBefore)
  })

  it('goes read-only when a newer client migrates the board while it is open', () => {
    const doc = boardWithNotes()
    const { store, binding } = bind(doc)
    expect(binding.readonlyReason).toBeNull()

    doc.transact(() => doc.getMap('meta').set('schema', withNoteVersion(currentSchema(), 99)), foreign)
    expect(binding.readonlyReason).toBe('newer-schema')

    const before = Y.encodeStateVector(doc)
    store.put([note('after', 'Etter')])
    expect(Y.encodeStateVector(doc)).toEqual(before)
  })
})

describe('a board written by an older schema', () => {
  it('is shown migrated, and left for the server to migrate: records read in their current shape, nothing written', () => {
    const ours = currentSchema()
    const older = withNoteVersion(ours, ours.sequences[noteSequence]! - 1)
    const store = newStore()
    const current = { ...note('old', 'Gammel lapp'), props: { ...note('old', '').props, textLastEditedBy: 'user:kari' } }
    const migratedDown = store.schema.migratePersistedRecord(current, older, 'down')
    if (migratedDown.type !== 'success') throw new Error('could not build the old-shape note')
    const oldNote = migratedDown.value as TLRecord & { props: Record<string, unknown> }
    // The previous note version called the field textFirstEditedBy.
    expect(oldNote.props.textFirstEditedBy).toBe('user:kari')
    expect('textLastEditedBy' in oldNote.props).toBe(false)

    const pageStore = newStore()
    addDocumentAndPage(pageStore)
    const doc = new Y.Doc()
    const records = doc.getArray<{ key: string; val: unknown }>('records')
    doc.transact(() => {
      for (const record of Object.values(pageStore.serialize('document'))) records.push([{ key: record.id, val: record }])
      records.push([{ key: oldNote.id, val: oldNote }])
      doc.getMap('meta').set('schema', older)
    }, foreign)
    const before = Y.encodeStateAsUpdate(doc)

    const opened = bind(doc)
    expect(opened.binding.readonlyReason).toBeNull()
    const loaded = opened.store.get(current.id) as TLNoteShape
    expect(loaded.props.textLastEditedBy).toBe('user:kari')
    expect('textFirstEditedBy' in loaded.props).toBe(false)
    // The board's records and schema are the server's to migrate (when its room loads).
    expect(Y.encodeStateAsUpdate(doc)).toEqual(before)
    expect(doc.getMap('meta').get('schema')).toEqual(older)
  })
})
