// tldraw hands store changes to store.listen on the next animation frame. Until then an edit
// exists only in the editor, so the status must not say "Saved", and a closing page must
// write it at once.
import { afterEach, describe, expect, it } from 'vitest'
import { CameraRecordType } from 'tldraw'
import * as Y from 'yjs'
import { YjsStoreBinding } from '../../client/src/board/YjsStoreBinding.ts'
import { manualAnimationFrames, type ManualFrames } from '../helpers/animationFrames.ts'
import { DocLink, docRecords, newStore, note, preparedBoard } from './binding-fixtures.ts'

let frames: ManualFrames
const cleanups: (() => void)[] = []
afterEach(() => {
  for (const cleanup of cleanups.splice(0).reverse()) cleanup()
})

function boundBoard() {
  frames = manualAnimationFrames()
  cleanups.push(() => frames.restore())
  const doc = preparedBoard()
  const store = newStore()
  const binding = new YjsStoreBinding({ doc, store })
  cleanups.push(() => binding.destroy())
  frames.run()
  return { doc, store, binding }
}

describe('YjsStoreBinding.$hasUnwrittenChanges', () => {
  it('is true from a local edit until the next frame writes it to the board', () => {
    const { doc, store, binding } = boundBoard()
    expect(binding.$hasUnwrittenChanges.get()).toBe(false)

    store.put([note('one', 'Ulagret')])
    expect(doc.getArray('records').length).toBeGreaterThan(0)
    expect(docRecords(doc)).not.toHaveProperty(note('one', '').id)
    expect(binding.$hasUnwrittenChanges.get()).toBe(true)
    expect(frames.pending).toBeGreaterThan(0)

    frames.run()
    expect(docRecords(doc)).toHaveProperty(note('one', '').id)
    expect(binding.$hasUnwrittenChanges.get()).toBe(false)
  })

  it('ignores session changes and changes from other people', () => {
    const { doc, store, binding } = boundBoard()
    const camera = CameraRecordType.create({ id: CameraRecordType.createId('page') })
    store.put([camera])
    store.put([{ ...camera, x: 120 }])
    expect(binding.$hasUnwrittenChanges.get()).toBe(false)

    const other = new Y.Doc()
    const link = new DocLink(doc, other)
    cleanups.push(() => link.close())
    const otherStore = newStore()
    const otherBinding = new YjsStoreBinding({ doc: other, store: otherStore })
    cleanups.push(() => otherBinding.destroy())
    otherStore.put([note('theirs', 'Fra en annen')])
    frames.run()
    expect(store.has(note('theirs', '').id)).toBe(true)
    expect(binding.$hasUnwrittenChanges.get()).toBe(false)
  })

  it('flush() writes an unwritten edit at once, as on pagehide', () => {
    const { doc, store, binding } = boundBoard()
    store.put([note('closing', 'Skrevet før lukking')])
    expect(binding.$hasUnwrittenChanges.get()).toBe(true)
    binding.flush()
    expect(docRecords(doc)).toHaveProperty(note('closing', '').id)
    expect(binding.$hasUnwrittenChanges.get()).toBe(false)
  })
})
