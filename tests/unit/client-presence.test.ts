// Presence: our cursor and name go out through awareness; other people's come in as
// instance_presence records, which tldraw draws as their cursors and names.
import { afterEach, expect, it } from 'vitest'
import { UserRecordType, atom, createUserId, type TLInstancePresence, type TLRecord, type TLStore } from 'tldraw'
import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate } from 'y-protocols/awareness'
import * as Y from 'yjs'
import { PresenceSync, type BoardAwarenessState } from '../../client/src/board/PresenceSync.ts'
import { addDocumentAndPage, newStore } from './binding-fixtures.ts'

const cleanups: (() => void)[] = []
afterEach(() => {
  for (const cleanup of cleanups.splice(0).reverse()) cleanup()
})

/** A store as an editor leaves it: document, page and the session records presence reads. */
function editorLikeStore(): TLStore {
  const store = newStore()
  addDocumentAndPage(store)
  // mergeRemoteChanges ends with tldraw's integrity check, which adds instance, camera, pointer.
  store.mergeRemoteChanges(() => undefined)
  return store
}

function client(name: string) {
  const awareness = new Awareness(new Y.Doc())
  const store = editorLikeStore()
  const user = atom('user', UserRecordType.create({ id: createUserId(name.toLowerCase()), name, color: '#175CD3' }))
  const presence = new PresenceSync({ awareness, store, user, scheduleFrame: (fn) => {
    fn()
    return () => undefined
  } })
  cleanups.push(() => {
    presence.destroy()
    awareness.destroy()
  })
  return { awareness, store, presence }
}

/** Delivers every awareness change of `from` to `to`, as the relay would. */
function relay(from: Awareness, to: Awareness): void {
  const forward = ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }) => {
    const changed = [...added, ...updated, ...removed].filter((id) => id === from.clientID)
    if (changed.length > 0) applyAwarenessUpdate(to, encodeAwarenessUpdate(from, changed), 'relay')
  }
  from.on('update', forward)
  cleanups.push(() => from.off('update', forward))
  applyAwarenessUpdate(to, encodeAwarenessUpdate(from, [from.clientID]), 'relay')
}

function presences(store: TLStore): TLInstancePresence[] {
  return store.query.records('instance_presence').get()
}

it('shows other people as presence records and removes them when they leave', () => {
  const kari = client('Kari')
  const ola = client('Ola')
  relay(kari.awareness, ola.awareness)
  relay(ola.awareness, kari.awareness)

  const local = kari.awareness.getLocalState() as BoardAwarenessState
  expect(local.user.name).toBe('Kari')
  expect(local.presence?.userName).toBe('Kari')

  const seenByOla = presences(ola.store)
  expect(seenByOla.map((presence) => presence.userName)).toEqual(['Kari'])
  expect(presences(kari.store).map((presence) => presence.userName)).toEqual(['Ola'])

  // Kari moves the pointer: Ola sees the cursor move.
  kari.store.put([{ ...kari.store.get('pointer:pointer' as TLRecord['id'])!, x: 120, y: 80 } as TLRecord])
  expect(presences(ola.store)[0]?.cursor).toMatchObject({ x: 120, y: 80 })

  kari.awareness.setLocalState(null)
  expect(presences(ola.store)).toEqual([])
})

it('ignores states that are not presence records', () => {
  const kari = client('Kari')
  const stranger = new Awareness(new Y.Doc())
  cleanups.push(() => stranger.destroy())
  stranger.setLocalState({ presence: { id: 'instance_presence:x', typeName: 'instance_presence', junk: true } })
  applyAwarenessUpdate(kari.awareness, encodeAwarenessUpdate(stranger, [stranger.clientID]), 'relay')
  expect(presences(kari.store)).toEqual([])
})

it('an observer publishes nothing but still sees the others', () => {
  const kari = client('Kari')
  const awareness = new Awareness(new Y.Doc())
  awareness.setLocalState(null)
  const store = editorLikeStore()
  const watcher = new PresenceSync({
    awareness,
    store,
    user: atom('user', null),
    publish: false,
    scheduleFrame: (fn) => {
      fn()
      return () => undefined
    },
  })
  cleanups.push(() => {
    watcher.destroy()
    awareness.destroy()
  })
  const sentByWatcher: number[] = []
  awareness.on('update', ({ added, updated }: { added: number[]; updated: number[] }) => {
    if ([...added, ...updated].includes(awareness.clientID)) sentByWatcher.push(awareness.clientID)
  })
  relay(kari.awareness, awareness)
  store.put([{ ...store.get('pointer:pointer' as TLRecord['id'])!, x: 5, y: 5 } as TLRecord])
  expect(presences(store).map((presence) => presence.userName)).toEqual(['Kari'])
  expect(awareness.getLocalState()).toBeNull()
  expect(sentByWatcher).toEqual([])
})
