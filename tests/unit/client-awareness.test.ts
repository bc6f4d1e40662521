// Our client sends only its own awareness state; it never re-sends other people's. Three
// real clients on the real relay are in tests/integration/client-awareness.test.ts.
import { afterEach, describe, expect, it } from 'vitest'
import * as decoding from 'lib0/decoding'
import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate } from 'y-protocols/awareness'
import * as Y from 'yjs'
import { createOwnAwarenessHandler } from '../../client/src/board/awarenessBroadcast.ts'
import { MessageType } from '../../shared/src/protocol/messages.ts'

const cleanups: (() => void | Promise<void>)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

function newAwareness(): Awareness {
  const awareness = new Awareness(new Y.Doc())
  cleanups.push(() => awareness.destroy())
  return awareness
}

/** The client ids an awareness update carries. */
function awarenessClients(update: Uint8Array): number[] {
  const decoder = decoding.createDecoder(update)
  const clients: number[] = []
  for (let count = decoding.readVarUint(decoder); count > 0; count--) {
    clients.push(decoding.readVarUint(decoder))
    decoding.readVarUint(decoder)
    decoding.readVarString(decoder)
  }
  return clients
}

/** The client ids in a message our handler sent (`[1, awareness update]`). */
function clientsIn(message: Uint8Array): number[] {
  const decoder = decoding.createDecoder(message)
  expect(decoding.readVarUint(decoder)).toBe(MessageType.awareness)
  return awarenessClients(decoding.readVarUint8Array(decoder))
}

describe('createOwnAwarenessHandler', () => {
  it('sends our own changes and none of the states it receives', () => {
    const ours = newAwareness()
    const theirs = newAwareness()
    const sent: Uint8Array[] = []
    ours.on('update', createOwnAwarenessHandler(ours, (message) => sent.push(message)))

    ours.setLocalStateField('user', { name: 'Kari', color: '#175CD3' })
    expect(sent.map(clientsIn)).toEqual([[ours.clientID]])

    theirs.setLocalStateField('user', { name: 'Ola', color: '#067647' })
    applyAwarenessUpdate(ours, encodeAwarenessUpdate(theirs, [theirs.clientID]), 'provider')
    expect(ours.getStates().has(theirs.clientID)).toBe(true)
    expect(sent).toHaveLength(1)

    // Someone marks us as gone: we answer with our state (and a newer clock) to stay visible.
    const goneClock = (ours.meta.get(ours.clientID)?.clock ?? 0) + 1
    const removal = new Awareness(new Y.Doc())
    removal.meta.set(ours.clientID, { clock: goneClock, lastUpdated: 0 })
    applyAwarenessUpdate(ours, encodeAwarenessUpdate(removal, [ours.clientID], new Map()), 'provider')
    removal.destroy()
    expect(sent.map(clientsIn)).toEqual([[ours.clientID], [ours.clientID]])
    expect(ours.getLocalState()).not.toBeNull()
  })
})
