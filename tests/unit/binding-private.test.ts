// A participant's private board bound into the same store as the step's board (rule W1 in
// server/src/workshop/SPEC.md): which document each change goes to, and how the reveal (the shared
// board gains the notes, the private board loses them) leaves exactly one copy in the store,
// whichever of the two arrives first. Real tldraw stores and real Y.Docs.
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createShapeId, type IndexKey, type TLNoteShape, type TLRecord, type TLShape, type TLStore } from 'tldraw'
import type * as Y from 'yjs'
import { openRecordMap, putBoardRecords } from '../../shared/src/board/boardDoc.ts'
import { createdByMetaKey } from '../../shared/src/board/boardRules.ts'
import { PrivateNoteRouter } from '../../client/src/board/PrivateNoteRouter.ts'
import { YjsStoreBinding } from '../../client/src/board/YjsStoreBinding.ts'
import { docRecords, newStore, note, pageId, peerOrigin, preparedBoard } from './binding-fixtures.ts'

const kari = 'kari-person-id'
const ola = 'ola-person-id'
const frameId = createShapeId('writing')

const cleanups: (() => void)[] = []
afterEach(() => {
  for (const cleanup of cleanups.splice(0).reverse()) cleanup()
  vi.useRealTimers()
})

function frame(): TLShape {
  return {
    id: frameId,
    typeName: 'shape',
    type: 'frame',
    parentId: pageId,
    index: 'a0' as IndexKey,
    x: 0,
    y: 0,
    rotation: 0,
    isLocked: false,
    opacity: 1,
    meta: {},
    props: { w: 1000, h: 800, name: 'Stille idémyldring', color: 'black' },
  } as TLShape
}

/** A note by `author`, on the page or in the frame. */
function noteBy(name: string, author: string, text: string, inFrame = false): TLNoteShape {
  return { ...note(name, text, 40), parentId: inFrame ? frameId : pageId, meta: { [createdByMetaKey]: author } }
}

/** The step's board with its frame and Ola's note, and Kari's private board, as the server prepares them. */
interface Desk {
  store: TLStore
  shared: Y.Doc
  privateDoc: Y.Doc
  router: PrivateNoteRouter
  sharedBinding: YjsStoreBinding
  bindPrivate(): YjsStoreBinding
  /** Store changes that removed a record, by id, in order. */
  removals: string[]
}

function desk({ bindPrivate = true, revealGraceMs = 5_000 } = {}): Desk {
  const store = newStore()
  const shared = preparedBoard()
  putBoardRecords(shared, [frame(), noteBy('olas', ola, 'Olas lapp') as TLRecord], peerOrigin)
  const privateDoc = preparedBoard()
  let sharedBinding: YjsStoreBinding | null = null
  const router = new PrivateNoteRouter({ store, shared: { holds: (id) => sharedBinding?.holds(id) ?? false }, revealGraceMs })
  sharedBinding = new YjsStoreBinding({ doc: shared, store, share: router.sharedShare })
  const removals: string[] = []
  const stop = store.listen(({ changes }) => removals.push(...Object.keys(changes.removed)), { scope: 'document' })
  const privateBindings: YjsStoreBinding[] = []
  const bind = () => {
    const binding = new YjsStoreBinding({ doc: privateDoc, store, share: router.privateShare })
    privateBindings.push(binding)
    router.attach(binding)
    return binding
  }
  cleanups.push(() => {
    stop()
    for (const binding of privateBindings) binding.destroy()
    sharedBinding?.destroy()
    router.destroy()
  })
  if (bindPrivate) bind()
  return { store, shared, privateDoc, router, sharedBinding, bindPrivate: bind, removals }
}

/** What someone else (the relay, the server's reveal) does to a document. */
function remotely(doc: Y.Doc, put: TLRecord[], remove: string[] = []): void {
  const map = openRecordMap(doc)
  try {
    doc.transact(() => {
      for (const record of put) map.records.set(record.id, record)
      for (const id of remove) map.records.delete(id)
    }, peerOrigin)
  } finally {
    map.dispose()
  }
}

function make(store: TLStore, records: TLRecord[]): void {
  store.put(records)
  store._flushHistory()
}

const keys = (doc: Y.Doc) => Object.keys(docRecords(doc))
const notesIn = (store: TLStore) =>
  store
    .allRecords()
    .filter((record) => record.typeName === 'shape' && record.type === 'note')
    .map((record) => record.id)
    .sort()

describe('a private board beside the step’s board', () => {
  it('sends the person’s new notes to the private board only while they write privately, and the rest to the shared board', () => {
    const { store, shared, privateDoc, router } = desk()
    router.route({ personId: kari, frameId: null })
    const mine = noteBy('mine', kari, 'Hemmelig idé')
    make(store, [mine])
    expect(keys(privateDoc)).toContain(mine.id)
    expect(keys(shared)).not.toContain(mine.id)
    expect(router.$privateIds.get()).toEqual(new Set([mine.id]))

    // Someone else's note (a facilitator's, a paste kept as theirs) and any other shape stay shared.
    const notMine = noteBy('theirs', ola, 'Ikke min')
    const ownFrame = { ...frame(), id: createShapeId('own-frame'), meta: { [createdByMetaKey]: kari } } as TLShape
    make(store, [notMine, ownFrame])
    for (const id of [notMine.id, ownFrame.id]) {
      expect(keys(shared)).toContain(id)
      expect(keys(privateDoc)).not.toContain(id)
    }

    // Editing the private note changes the private board; editing Ola's shared note changes the shared one.
    make(store, [{ ...mine, x: 300 }, { ...(store.get(createShapeId('olas')) as TLNoteShape), x: 500 }])
    expect((docRecords(privateDoc)[mine.id] as TLNoteShape).x).toBe(300)
    expect((docRecords(shared)[createShapeId('olas')] as TLNoteShape).x).toBe(500)
    expect(keys(shared)).not.toContain(mine.id)

    // Once private writing stops, new notes are shared; the private note stays on the private board.
    router.route(null)
    const later = noteBy('later', kari, 'Etterpå')
    make(store, [later, { ...mine, y: 99 } as TLRecord])
    expect(keys(shared)).toContain(later.id)
    expect(keys(shared)).not.toContain(mine.id)
    expect((docRecords(privateDoc)[mine.id] as TLNoteShape).y).toBe(99)

    // Deleting the private note deletes it from the private board.
    store.remove([mine.id])
    store._flushHistory()
    expect(keys(privateDoc)).not.toContain(mine.id)
    expect(router.$privateIds.get().size).toBe(0)
  })

  it('keeps only notes made in the private frame private when a frame is', () => {
    const { store, shared, privateDoc, router } = desk()
    router.route({ personId: kari, frameId })
    const inFrame = noteBy('in-frame', kari, 'I rammen', true)
    const outside = noteBy('outside', kari, 'Utenfor')
    make(store, [inFrame, outside])
    expect(keys(privateDoc)).toContain(inFrame.id)
    expect(keys(shared)).not.toContain(inFrame.id)
    expect(keys(shared)).toContain(outside.id)
    expect(keys(privateDoc)).not.toContain(outside.id)
  })

  it('shows the private board’s notes, not its own page and document, and never writes the shared board’s records to it', () => {
    const { store, shared, privateDoc, router } = desk()
    router.route({ personId: kari, frameId: null })
    const before = keys(privateDoc)
    // Kari's other tab wrote a private note.
    const fromTab = noteBy('tab', kari, 'Fra fanen')
    remotely(privateDoc, [fromTab])
    expect(store.get(fromTab.id)).toEqual(fromTab)
    expect(router.$privateIds.get()).toEqual(new Set([fromTab.id]))
    // The shared board's page renamed: the store shows the shared one, the private board is untouched.
    const page = store.get(pageId) as TLRecord
    make(store, [{ ...page, name: 'Omdøpt' } as TLRecord])
    expect((docRecords(shared)[pageId] as { name: string }).name).toBe('Omdøpt')
    expect((docRecords(privateDoc)[pageId] as { name: string }).name).toBe('Side 1')
    expect(keys(privateDoc)).toEqual([...before, fromTab.id].sort())
  })

  it('keeps notes made before the private board is bound, and writes them to it once it is', () => {
    const { store, shared, privateDoc, router, bindPrivate } = desk({ bindPrivate: false })
    router.route({ personId: kari, frameId: null })
    const early = noteBy('early', kari, 'Tidlig')
    make(store, [early])
    make(store, [{ ...early, x: 120 }])
    expect(keys(shared)).not.toContain(early.id)
    expect(store.get(early.id)).toBeDefined()
    bindPrivate()
    expect((docRecords(privateDoc)[early.id] as TLNoteShape).x).toBe(120)
    expect(keys(shared)).not.toContain(early.id)
    expect(store.get(early.id)).toBeDefined()
  })

  it('keeps the private notes in the store when the shared board is bound anew (a rebuilt copy)', () => {
    const { store, shared, router, sharedBinding } = desk()
    router.route({ personId: kari, frameId: null })
    const mine = noteBy('mine', kari, 'Hemmelig')
    make(store, [mine])
    sharedBinding.destroy()
    const again = new YjsStoreBinding({ doc: shared, store, share: router.sharedShare })
    cleanups.push(() => again.destroy())
    expect(store.get(mine.id)).toBeDefined()
    expect(store.get(createShapeId('olas'))).toBeDefined()
  })

  describe('the reveal', () => {
    function revealed(record: TLNoteShape): TLNoteShape {
      return { ...record, parentId: frameId, x: 20, y: 140 }
    }

    it('ends with one copy and no removal when the shared board’s copy comes first', () => {
      const { store, shared, privateDoc, router, removals } = desk()
      router.route({ personId: kari, frameId: null })
      const mine = noteBy('mine', kari, 'Hemmelig')
      make(store, [mine])
      router.route(null)

      remotely(shared, [revealed(mine)])
      expect(store.get(mine.id)).toEqual(revealed(mine))
      remotely(privateDoc, [], [mine.id])
      store._flushHistory()
      expect(store.get(mine.id)).toEqual(revealed(mine))
      expect(removals).not.toContain(mine.id)
      expect(notesIn(store)).toEqual([createShapeId('mine'), createShapeId('olas')].sort())
      expect(router.$privateIds.get().size).toBe(0)
      // From now on it is the shared board's note.
      make(store, [{ ...revealed(mine), x: 400 }])
      expect((docRecords(shared)[mine.id] as TLNoteShape).x).toBe(400)
      expect(keys(privateDoc)).not.toContain(mine.id)
    })

    it('ends with one copy and no removal when the private board loses the note first', () => {
      vi.useFakeTimers()
      const { store, shared, privateDoc, router, removals } = desk()
      router.route({ personId: kari, frameId: null })
      const mine = noteBy('mine', kari, 'Hemmelig')
      make(store, [mine])

      remotely(privateDoc, [], [mine.id])
      store._flushHistory()
      expect(store.get(mine.id)).toBeDefined()
      vi.advanceTimersByTime(1_000)
      remotely(shared, [revealed(mine)])
      store._flushHistory()
      vi.advanceTimersByTime(10_000)
      expect(store.get(mine.id)).toEqual(revealed(mine))
      expect(removals).not.toContain(mine.id)
      expect(notesIn(store)).toEqual([createShapeId('mine'), createShapeId('olas')].sort())
    })

    it('lets a note the private board lost go after a while when the shared board never brings it', () => {
      vi.useFakeTimers()
      const { store, privateDoc, router } = desk({ revealGraceMs: 2_000 })
      router.route({ personId: kari, frameId: null })
      const mine = noteBy('mine', kari, 'Slettet i en annen fane')
      make(store, [mine])
      remotely(privateDoc, [], [mine.id])
      vi.advanceTimersByTime(1_999)
      expect(store.get(mine.id)).toBeDefined()
      vi.advanceTimersByTime(1)
      expect(store.get(mine.id)).toBeUndefined()
    })

    it('takes the private board’s notes out of the store when it closes, and leaves the revealed ones', () => {
      const { store, shared, router } = desk()
      router.route({ personId: kari, frameId: null })
      const shown = noteBy('shown', kari, 'Vist fram')
      const late = noteBy('late', kari, 'For sent')
      make(store, [shown, late])
      remotely(shared, [revealed(shown)])
      router.route(null)
      router.detach()
      expect(store.get(shown.id)).toEqual(revealed(shown))
      expect(store.get(late.id)).toBeUndefined()
      expect(keys(shared)).not.toContain(late.id)
    })
  })
})
