// Records live in a y-utility YKeyValue: rewriting one record does not make the board grow.
import { expect, it } from 'vitest'
import type { TLNoteShape } from 'tldraw'
import { toRichText } from 'tldraw'
import * as Y from 'yjs'
import { YjsStoreBinding } from '../../client/src/board/YjsStoreBinding.ts'
import { newStore, note, preparedBoard } from './binding-fixtures.ts'

it('keeps the encoded board small when one note is edited 1,000 times', () => {
  const store = newStore()
  const doc = preparedBoard()
  const binding = new YjsStoreBinding({ doc, store })
  const shape = note('busy', 'Versjon 0')
  store.put([shape])
  const sizeAfterFirstWrite = Y.encodeStateAsUpdate(doc).byteLength

  for (let version = 1; version <= 1000; version++) {
    const current = store.get(shape.id) as TLNoteShape
    // Same text length every time, so any growth would come from history, not content.
    const text = `Versjon ${String(version).padStart(4, '0')}`
    store.put([{ ...current, x: version, props: { ...current.props, richText: toRichText(text) } }])
  }

  const sizeAfterEdits = Y.encodeStateAsUpdate(doc).byteLength
  expect(doc.getArray('records').length).toBe(3)
  // 1,000 edits of a ~600-byte record cost a few bytes of tombstones, not 600 kB.
  expect(sizeAfterEdits).toBeLessThan(sizeAfterFirstWrite + 1024)
  binding.destroy()
})
