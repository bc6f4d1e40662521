import { describe, expect, it } from 'vitest'
import type { TLRecord } from '@tldraw/tlschema'
import * as Y from 'yjs'
import { putBoardRecords, readBoardRecords } from '../../shared/src/board/boardDoc.ts'
import { planPersonErasure, withoutPerson } from '../../shared/src/board/personErasure.ts'
import { changesAfterErasure } from '../../client/src/board/staleCopy.ts'
import { pendingChanges } from '../../client/src/board/pendingChanges.ts'
import { noteShape } from '../helpers/boardNotes.ts'

// What erasing a person leaves of a board's records (server/src/workshop/SPEC.md E3), and what an
// offline copy from before it may still give the board (E5).

const user = (id: string, name: string) => ({ id: `user:${id}`, typeName: 'user', name, color: '#175CD3', imageUrl: '', meta: {} }) as unknown as TLRecord
const note = (id: string, author: string, reactions?: Record<string, string[]>, parentId = 'page:page') => {
  const shape = noteShape({ id: `shape:${id}` as never, parentId: parentId as never, index: 'a1' as never, x: 0, y: 0, text: id, author })
  return (reactions === undefined ? shape : { ...shape, meta: { ...shape.meta, reactions } }) as TLRecord
}
const frame = (id: string, author: string) =>
  ({ ...note(id, author), type: 'frame', props: { w: 100, h: 100, name: 'Ramme', color: 'black' } }) as unknown as TLRecord

const recordsOf = (...records: TLRecord[]) => new Map(records.map((record) => [record.id as string, record]))

describe('erasing a person from a board', () => {
  it('[E3] takes their user record, creator, signature and reactions, and leaves everyone else’s', () => {
    const records = recordsOf(user('kari', 'Kari'), user('per', 'Per'), note('a', 'kari', { like: ['per', 'kari'], idea: ['kari'] }), note('b', 'per', { like: ['kari'] }))
    const { changes, deletedShapeIds } = planPersonErasure(records, { personId: 'kari', deleteTheirShapes: false })
    expect(deletedShapeIds).toEqual([])
    expect(changes.get('user:kari')).toBeUndefined()
    expect(changes.has('user:kari')).toBe(true)
    expect(changes.has('user:per')).toBe(false)
    const a = changes.get('shape:a') as TLRecord & { props: { textLastEditedBy: string | null } }
    expect(a.meta).toEqual({ reactions: { like: ['per'] } })
    expect(a.props.textLastEditedBy).toBeNull()
    expect(changes.get('shape:b')?.meta).toEqual({ createdBy: 'per' })
    expect(JSON.stringify([...changes.values()])).not.toContain('kari')
    // A record that names nobody erased comes back as the same object.
    const perNote = note('c', 'per')
    expect(withoutPerson(perNote, 'kari')).toBe(perNote)
  })

  it('[E3] deletes their shapes when asked, but keeps a frame of theirs that holds someone else’s note', () => {
    const records = recordsOf(user('kari', 'Kari'), frame('f', 'kari'), note('in', 'per', undefined, 'shape:f'), note('mine', 'kari'), note('b', 'per'))
    const { changes, deletedShapeIds } = planPersonErasure(records, { personId: 'kari', deleteTheirShapes: true })
    expect(deletedShapeIds).toEqual(['shape:mine'])
    expect(changes.has('shape:mine') && changes.get('shape:mine') === undefined).toBe(true)
    expect(changes.get('shape:f')?.meta).toEqual({})
    expect(changes.has('shape:in')).toBe(false)
  })

  it('[E5] an offline copy from before gives back its own changes, without the erased person and not their deleted notes', () => {
    const server = new Y.Doc()
    putBoardRecords(server, [user('kari', 'Kari'), note('k', 'kari'), note('p', 'per', { like: ['kari'] })])
    // The copy kept offline: it moves Kari's note and Per's, and adds a note of its own.
    const old = new Y.Doc()
    Y.applyUpdate(old, Y.encodeStateAsUpdate(server))
    const moved = (record: TLRecord) => ({ ...record, x: 50 }) as TLRecord
    putBoardRecords(old, [moved(note('k', 'kari')), moved(note('p', 'per', { like: ['kari'] })), note('new', 'per')])
    // Meanwhile Kari is erased with her notes.
    const records = readBoardRecords(server)
    const plan = planPersonErasure(records, { personId: 'kari', deleteTheirShapes: true })
    putBoardRecords(server, [...plan.changes].flatMap(([, value]) => (value === undefined ? [] : [value])))
    const map = server.getArray('records')
    server.transact(() => {
      for (let index = map.length - 1; index >= 0; index--) {
        const entry = map.get(index) as { key: string }
        if (plan.changes.has(entry.key) && plan.changes.get(entry.key) === undefined) map.delete(index)
      }
    })

    const { changes, leftOut } = changesAfterErasure(pendingChanges(old, server, new Set()), old, server)
    expect(leftOut).toBe(1)
    expect(changes.map((change) => change.key).sort()).toEqual(['shape:new', 'shape:p'])
    expect(JSON.stringify(changes)).not.toContain('kari')
    expect(changes.find((change) => change.key === 'shape:p')?.value).toMatchObject({ x: 50, meta: { createdBy: 'per' } })
  })
})
