// The tldraw store <-> Y.Doc binding against real tldraw stores and real Y.Docs.
import { afterEach, describe, expect, it } from 'vitest'
import type { TLNoteShape, TLRecord, TLStore } from 'tldraw'
import { toRichText } from 'tldraw'
import * as Y from 'yjs'
import { YjsStoreBinding } from '../../client/src/board/YjsStoreBinding.ts'
import {
  DocLink,
  countUpdates,
  docRecords,
  documentRecords,
  newStore,
  note,
  peerOrigin,
  preparedBoard,
} from './binding-fixtures.ts'

interface Peer {
  doc: Y.Doc
  store: TLStore
  binding: YjsStoreBinding
}

const cleanups: (() => void)[] = []
afterEach(() => {
  for (const cleanup of cleanups.splice(0).reverse()) cleanup()
})

function bind(doc: Y.Doc, store = newStore()): Peer {
  const binding = new YjsStoreBinding({ doc, store })
  cleanups.push(() => binding.destroy())
  return { doc, store, binding }
}

/** Two clients on one board: A creates it, B joins through a link that acts as the relay. */
function twoPeers(): { a: Peer; b: Peer; link: DocLink } {
  const a = bind(preparedBoard())
  const docB = new Y.Doc()
  const link = new DocLink(a.doc, docB)
  cleanups.push(() => link.close())
  Y.applyUpdate(docB, Y.encodeStateAsUpdate(a.doc), peerOrigin)
  return { a, b: bind(docB), link }
}

function withText(shape: TLNoteShape, text: string): TLNoteShape {
  return { ...shape, props: { ...shape.props, richText: toRichText(text) } }
}

function expectAllEqual({ a, b }: { a: Peer; b: Peer }): void {
  const expected = documentRecords(a.store)
  expect(documentRecords(b.store)).toEqual(expected)
  expect(docRecords(a.doc)).toEqual(expected)
  expect(docRecords(b.doc)).toEqual(expected)
}

describe('YjsStoreBinding', () => {
  it('shows a new board as the server prepared it, and writes nothing of its own', () => {
    const doc = preparedBoard()
    const before = Y.encodeStateAsUpdate(doc)
    const { store, binding } = bind(doc)
    expect(binding.readonlyReason).toBeNull()
    expect(documentRecords(store)).toEqual(docRecords(doc))
    expect(Object.keys(documentRecords(store))).toEqual(['document:document', 'page:page'])
    expect(Y.encodeStateAsUpdate(doc)).toEqual(before)
  })

  it('keeps two stores and their docs equal through local and remote changes', () => {
    const peers = twoPeers()
    const { a, b } = peers
    expectAllEqual(peers)

    a.store.put([note('one', 'Første lapp'), note('two', 'Andre lapp', 300)])
    expectAllEqual(peers)

    const two = b.store.get(note('two', '').id) as TLNoteShape
    b.store.put([withText(two, 'Endret på B'), note('three', 'Tredje', 600)])
    expectAllEqual(peers)
    expect((a.store.get(two.id) as TLNoteShape).props.richText).toEqual(toRichText('Endret på B'))

    a.store.remove([note('one', '').id])
    expectAllEqual(peers)
    expect(b.store.has(note('one', '').id)).toBe(false)
  })

  it('does not send remote changes back as local ones', () => {
    const { a, b } = twoPeers()
    const echoes = countUpdates(b.doc, b.binding.origin)
    const localOnB: unknown[] = []
    const stopListening = b.store.listen((entry) => localOnB.push(entry), { source: 'user', scope: 'document' })

    a.store.put([note('one', 'Hei')])
    a.store.put([withText(a.store.get(note('one', '').id) as TLNoteShape, 'Hei igjen')])
    a.store.remove([note('one', '').id])

    expect(echoes.count).toBe(0)
    expect(localOnB).toEqual([])
    stopListening()
    echoes.stop()
  })

  it('writes one Y transaction per local change', () => {
    const { a } = twoPeers()
    const writes = countUpdates(a.doc, a.binding.origin)
    a.store.put([note('one', '1'), note('two', '2'), note('three', '3')])
    expect(writes.count).toBe(1)
    a.store.remove([note('one', '').id, note('two', '').id])
    expect(writes.count).toBe(2)
    writes.stop()
  })

  it('converges after concurrent offline edits of the same note', () => {
    const peers = twoPeers()
    const { a, b, link } = peers
    a.store.put([note('one', 'Start')])
    link.pause()
    const shape = a.store.get(note('one', '').id) as TLNoteShape
    a.store.put([withText(shape, 'Fra A')])
    b.store.put([withText(shape, 'Fra B'), note('b-only', 'Bare B')])
    a.store.put([note('a-only', 'Bare A')])
    link.resume()
    expectAllEqual(peers)
    expect(a.store.has(note('a-only', '').id) && a.store.has(note('b-only', '').id)).toBe(true)
  })

  it('keeps a local change that was not yet written when a remote change to the same record arrived', () => {
    // tldraw hands store changes to listeners on the next animation frame; simulate frames.
    const frames: FrameRequestCallback[] = []
    const globals = globalThis as { __FORCE_RAF_IN_TESTS__?: boolean; requestAnimationFrame?: unknown }
    globals.__FORCE_RAF_IN_TESTS__ = true
    globals.requestAnimationFrame = (callback: FrameRequestCallback) => frames.push(callback)
    cleanups.push(() => {
      delete globals.__FORCE_RAF_IN_TESTS__
      delete globals.requestAnimationFrame
    })
    const runFrames = () => {
      while (frames.length > 0) frames.shift()?.(performance.now())
    }

    const peers = twoPeers()
    const { a, b } = peers
    a.store.put([note('one', 'Start')])
    runFrames()
    expectAllEqual(peers)

    const shape = a.store.get(note('one', '').id) as TLNoteShape
    // Both edit before the next frame; A's frame runs first, so B sees A's change while
    // its own is still waiting to be written.
    a.store.put([withText(shape, 'Fra A')])
    b.store.put([withText(shape, 'Fra B')])
    runFrames()

    expectAllEqual(peers)
    expect((a.store.get(shape.id) as TLNoteShape).props.richText).toEqual(toRichText('Fra B'))
  })

  it('skips records it cannot read and ignores session records on the board', () => {
    const { a, b } = twoPeers()
    const good = note('good', 'Gyldig')
    const bad = { ...note('bad', 'Ugyldig'), props: { ...note('bad', '').props, color: 'not-a-colour' } }
    const records = a.doc.getArray<{ key: string; val: unknown }>('records')
    const foreign = { name: 'someone else' }
    const instanceId = 'instance:instance' as TLRecord['id']
    const instanceOfB = b.store.get(instanceId)
    expect(instanceOfB).toBeDefined()
    a.doc.transact(() => {
      records.push([{ key: good.id, val: good }, { key: bad.id, val: bad }])
      records.push([{ key: 'instance:instance', val: { id: 'instance:instance', typeName: 'instance' } }])
    }, foreign)
    for (const peer of [a, b]) {
      expect(peer.store.has(good.id)).toBe(true)
      expect(peer.store.has(bad.id)).toBe(false)
    }
    // The board's "instance" entry never replaces a client's own session state.
    expect(b.store.get(instanceId)).toBe(instanceOfB)
    expect(a.store.get(instanceId)).not.toEqual({ id: instanceId, typeName: 'instance' })
  })

  it('stops both directions on destroy', () => {
    const { a, b } = twoPeers()
    b.binding.destroy()
    const before = Y.encodeStateVector(b.doc)
    b.store.put([note('after', 'Etter destroy')])
    expect(Y.encodeStateVector(b.doc)).toEqual(before)
    a.store.put([note('remote', 'Fra A')])
    expect(b.store.has(note('remote', '').id)).toBe(false)
  })
})
