// [B13] Refusals converge: the board page's own client code (BoardConnection, with its rule guard
// and binding, on a real tldraw store in Node) against the real relay. A change the relay refuses
// leaves nobody diverged: the sender's copy is rebuilt from the relay's, its other unsaved changes
// are kept and saved, and the person is told; a change the rules forbid is not even sent.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { TLRecord, TLShape } from 'tldraw'
import type { BoardConnection } from '../../client/src/board/BoardConnection.ts'
import { openRecordMap } from '../../shared/src/board/boardDoc.ts'
import { UpdateRejection } from '../../shared/src/protocol/messages.ts'
import { startAuthorityScene, type AuthorityScene } from '../helpers/authorityScene.ts'
import { waitFor } from '../helpers/waitFor.ts'
import { note } from '../unit/binding-fixtures.ts'

let scene: AuthorityScene
const cleanups: Array<() => unknown> = []
beforeEach(async () => {
  scene = await startAuthorityScene()
})
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.()
  await scene.close()
})


function shapeIn(connection: BoardConnection, id: string): TLShape {
  return connection.store.get(id as TLShape['id']) as TLShape
}

describe('[B13] refusals converge', () => {
  it('[B13] rebuilds the sender’s copy after a refused change, and keeps and saves its later honest edits', async () => {
    const ada = scene.page('ada')
    await waitFor(() => ada.$state.get().ready && ada.$state.get().status === 'saved', { message: 'Ada’s board saved' })
    const gridId = scene.templateShape('grid')
    const grid = shapeIn(ada, gridId)
    const oldDoc = ada.doc

    // A change past the page's own rules (as a buggy or tampered page would send): straight into the document.
    const map = openRecordMap(oldDoc)
    oldDoc.transact(() => map.records.set(gridId, { ...grid, x: grid.x + 500 } as TLRecord), { name: 'tampered' })
    map.dispose()
    // Honest edits made right after it, before the refusal comes back.
    ada.store.put([note('honest-1', 'Torgdag hver lørdag') as TLRecord])
    ada.store.put([note('honest-2', 'Ungdomsklubb i sentrum', 300) as TLRecord])

    await waitFor(() => ada.$refusal.get()?.reason === UpdateRejection.template, { message: 'Ada told' })
    await waitFor(() => ada.doc !== oldDoc && ada.$state.get().status === 'saved', { message: 'Ada’s copy rebuilt and saved' })
    expect(shapeIn(ada, gridId).x).toBe(grid.x)
    const { records } = await scene.stored()
    expect(records.has('shape:honest-1') && records.has('shape:honest-2')).toBe(true)
    expect((records.get(gridId) as TLShape).x).toBe(grid.x)
    // Her copy and the relay's are the same board.
    await waitFor(() => ada.store.has('shape:honest-2' as TLShape['id']))
    const mine = Object.keys(ada.store.serialize('document')).sort()
    expect(mine).toEqual([...records.keys()].sort())

    // And she goes on editing on the rebuilt copy.
    ada.store.put([note('after', 'Etter omstarten', 600) as TLRecord])
    await waitFor(async () => (await scene.stored()).records.has('shape:after'), { message: 'the later note stored' })
    const bo = await scene.client('bo')
    await waitFor(() => bo.records.has('shape:after'))
    expect((bo.records.get(gridId) as TLShape).x).toBe(grid.x)
  })

  it('[B13] does not even send what the rules forbid, and says so', async () => {
    const ada = scene.page('ada')
    await waitFor(() => ada.$state.get().ready && ada.$state.get().status === 'saved', { message: 'Ada’s board saved' })
    const gridId = scene.templateShape('grid')
    const grid = shapeIn(ada, gridId)
    const before = (await scene.stored()).lastSeq
    const doc = ada.doc
    ada.store.put([{ ...grid, x: grid.x + 500 }])
    ada.store.remove([gridId as TLShape['id']])
    expect(shapeIn(ada, gridId).x).toBe(grid.x)
    expect(ada.$refusal.get()?.reason).toBe(UpdateRejection.template)
    // Nothing went out: no refusal to rebuild from, nothing stored.
    ada.store.put([note('fine', 'Lov') as TLRecord])
    await waitFor(async () => (await scene.stored()).records.has('shape:fine'), { message: 'the allowed note stored' })
    expect(ada.doc).toBe(doc)
    expect((await scene.stored()).lastSeq).toBe(before + 1)
  })

  it('[B13] drops changes a facilitator’s new mode forbids while they were on their way', async () => {
    const ada = scene.page('ada')
    await waitFor(() => ada.$state.get().ready && ada.$state.get().status === 'saved', { message: 'Ada’s board saved' })
    const bo = await scene.client('bo')
    bo.setRecord('shape:bos', { ...note('bos', 'Bos lapp'), meta: { createdBy: scene.personId('bo') } })
    await bo.waitForSaved()
    await waitFor(() => ada.store.has('shape:bos' as TLShape['id']))
    // The relay knows add-only before Ada's page does (it has not heard yet): her deletion of Bo's note is refused.
    ada.provider.disconnect()
    await scene.setMode('add-only')
    ada.store.remove(['shape:bos' as TLShape['id']])
    ada.store.put([note('mine', 'Min lapp') as TLRecord])
    ada.provider.connect()
    await waitFor(() => ada.$refusal.get()?.reason === UpdateRejection.notOwn, { message: 'Ada told' })
    await waitFor(() => ada.$state.get().status === 'saved' && ada.store.has('shape:bos' as TLShape['id']), { message: 'Bo’s note back' })
    await waitFor(async () => (await scene.stored()).records.has('shape:mine'), { message: 'Ada’s own note saved' })
    expect(ada.$boardMode.get()).toBe('add-only')
  })
})
