// The binding of an observer's board (writable: false): it shows the board, follows remote changes,
// migrates an older board in memory only, and never writes to the document, since anything an
// observer's provider sent would get the socket closed (4408).
import { afterEach, expect, it } from 'vitest'
import type { SerializedSchemaV2, TLNoteShape, TLRecord } from 'tldraw'
import * as Y from 'yjs'
import { YjsStoreBinding } from '../../client/src/board/YjsStoreBinding.ts'
import { addDocumentAndPage, newStore, note, peerOrigin } from './binding-fixtures.ts'

const cleanups: (() => void)[] = []
afterEach(() => {
  for (const cleanup of cleanups.splice(0).reverse()) cleanup()
})

/** A board document with a page and the given records, written by someone else, with `schema` or none. */
function board(records: TLRecord[], schema: SerializedSchemaV2 | null): Y.Doc {
  const pageStore = newStore()
  addDocumentAndPage(pageStore)
  const doc = new Y.Doc()
  const array = doc.getArray<{ key: string; val: unknown }>('records')
  doc.transact(() => {
    for (const record of [...Object.values(pageStore.serialize('document')), ...records]) array.push([{ key: record.id, val: record }])
    if (schema !== null) doc.getMap('meta').set('schema', schema)
  }, peerOrigin)
  return doc
}

function watch(doc: Y.Doc) {
  const store = newStore()
  const ours = { count: 0 }
  const onUpdate = (_update: Uint8Array, origin: unknown) => {
    if (origin !== peerOrigin) ours.count++
  }
  doc.on('update', onUpdate)
  const binding = new YjsStoreBinding({ doc, store, writable: false })
  cleanups.push(() => {
    binding.destroy()
    doc.off('update', onUpdate)
  })
  return { store, binding, ours }
}

it('shows a board without a schema and writes nothing, not even the schema', () => {
  const doc = board([note('one', 'En') as TLRecord], null)
  const { store, ours } = watch(doc)
  expect(store.has(note('one', '').id)).toBe(true)
  expect(doc.getMap('meta').get('schema')).toBeUndefined()
  store.put([note('mine', 'Min lapp', 200) as TLRecord])
  store._flushHistory()
  expect(ours.count).toBe(0)
})

it('follows remote changes', () => {
  const doc = board([], newStore().schema.serialize())
  const { store } = watch(doc)
  doc.transact(() => doc.getArray('records').push([{ key: note('later', '').id, val: note('later', 'Senere') }]), peerOrigin)
  expect(store.has(note('later', '').id)).toBe(true)
})

it('migrates an older board in memory only', () => {
  const ours = newStore().schema.serialize()
  const noteSequence = 'com.tldraw.shape.note'
  const older = { ...ours, sequences: { ...ours.sequences, [noteSequence]: ours.sequences[noteSequence]! - 1 } }
  const current = { ...note('old', 'Gammel'), props: { ...note('old', '').props, textLastEditedBy: 'user:kari' } }
  const down = newStore().schema.migratePersistedRecord(current, older, 'down')
  if (down.type !== 'success') throw new Error('could not build the old-shape note')
  const doc = board([down.value as TLRecord], older)
  const { store, ours: written } = watch(doc)
  expect((store.get(current.id) as TLNoteShape).props.textLastEditedBy).toBe('user:kari')
  expect(doc.getMap('meta').get('schema')).toEqual(older)
  expect(written.count).toBe(0)
})
