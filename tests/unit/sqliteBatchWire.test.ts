import { describe, expect, it } from 'vitest'
import type { PendingUpdate } from '../../server/src/store/BoardStore.ts'
import { decodeBatch, encodeBatch } from '../../server/src/store/sqliteBatchWire.ts'

describe('a group commit on its way to the commit thread', () => {
  it('arrives as it was sent: updates with their author, records, kind and detail, and the claims', () => {
    const batch: PendingUpdate[] = [
      { boardId: 'board-one-0001', update: Uint8Array.of(1, 2, 3), author: 'person:kari', touched: ['shape:a', 'shape:æøå'], kind: 'edit', detail: null },
      { boardId: 'board-two-0002', update: new Uint8Array(0), author: null, touched: [], kind: 'restore', detail: '{"seq":4}' },
      { boardId: 'board-one-0001', update: Uint8Array.of(9) },
    ]
    const claims = [{ boardId: 'board-one-0001', clientId: 2 ** 32 - 1, owner: 'anonymous' }]
    const decoded = decodeBatch(encodeBatch(batch, claims))
    expect(decoded.claims).toEqual(claims)
    expect(decoded.batch.map((pending) => ({ ...pending, update: [...pending.update] }))).toEqual([
      { boardId: 'board-one-0001', update: [1, 2, 3], author: 'person:kari', touched: ['shape:a', 'shape:æøå'], kind: 'edit', detail: null },
      { boardId: 'board-two-0002', update: [], author: null, touched: [], kind: 'restore', detail: '{"seq":4}' },
      { boardId: 'board-one-0001', update: [9], author: null, touched: null, kind: 'edit', detail: null },
    ])
  })

  it('is one buffer of its own, which can be handed to the thread without copying anyone else’s', () => {
    const buffer = encodeBatch([{ boardId: 'board-one-0001', update: Uint8Array.of(1) }], [])
    const received = structuredClone(buffer, { transfer: [buffer] })
    expect(buffer.byteLength).toBe(0)
    expect(decodeBatch(received).batch).toHaveLength(1)
  })
})
