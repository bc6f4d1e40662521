import { afterEach, describe, expect, it } from 'vitest'
import { newBoardId } from '../../shared/src/protocol/boardId.ts'
import { CloseCode } from '../../shared/src/protocol/closeCodes.ts'
import type { AwarenessStats } from '../../server/src/relay/awarenessRelay.ts'
import { awarenessEntriesMessage, awarenessMessage, createClient, RawClient, type TestClient } from '../helpers/clients.ts'
import { startTestServer, type TestServer, type TestServerOptions } from '../helpers/server.ts'
import { waitFor } from '../helpers/waitFor.ts'

// Presence (awareness) is bounded and owned: a state the relay could not encode is refused at the
// door, a connection publishes only its own few client ids, and a room forgets whoever left.

const cleanups: Array<() => unknown> = []
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.()
})

interface Scene {
  server: TestServer
  boardId: string
  /** A real provider in the room, with a name set so its presence is known to the relay. */
  observer: TestClient
  raw(): Promise<RawClient>
  awareness(): AwarenessStats
  /** The observer's view of a client id's state (undefined when it has none). */
  seen(clientId: number): Record<string, unknown> | undefined
  /**
   * Waits until the relay has handled everything the observer sent, echoes included: a stock provider
   * echoes every presence it receives, and an echo that arrived after its owner left would be taken
   * as the observer's own (a short-lived ghost the relay expires after 30 s).
   */
  settle(): Promise<void>
}

/** The relay's presence bookkeeping with only the observer in the room. */
const baseline: AwarenessStats = { states: 1, meta: 2, owned: 1 }

async function scene(options: TestServerOptions = {}): Promise<Scene> {
  const server = await startTestServer(options)
  cleanups.push(() => server.close())
  const boardId = newBoardId()
  const observer = createClient(server.syncUrl, boardId)
  cleanups.push(() => observer.destroy())
  await observer.waitForSynced()
  observer.provider.awareness.setLocalStateField('user', { name: 'observer' })
  const awareness = (): AwarenessStats => {
    const stats = server.running.rooms.stats(boardId)
    if (stats === null) throw new Error('the room is not loaded')
    return stats.awareness
  }
  await waitFor(() => awareness().states === 1, { message: 'the observer’s presence at the relay' })
  let settles = 0
  return {
    server,
    boardId,
    observer,
    async raw() {
      const raw = await RawClient.connect(server.syncUrl, boardId)
      cleanups.push(() => raw.close())
      await raw.barrier()
      return raw
    },
    awareness,
    seen: (clientId) => observer.provider.awareness.getStates().get(clientId),
    async settle() {
      // Acked means every earlier frame of that socket was handled.
      observer.setRecord(`settle:${settles++}`, true)
      await observer.waitForSaved()
    },
  }
}

/** The code the server closed `raw` with (polled, so a socket left open fails in 10 s with a clear message). */
function closeCode(raw: RawClient): Promise<number> {
  return waitFor(() => raw.closeCode, { message: 'the server to close the socket' })
}

/** JSON of arrays nested `depth` levels deep, built as text: JSON.stringify itself would overflow on deep ones. */
function nestedArrays(depth: number): string {
  return '['.repeat(depth) + ']'.repeat(depth)
}

describe('presence limits', () => {
  it('closes with 4402 on a state nested too deep to encode, and later joiners still get the room’s presences', async () => {
    const s = await scene()
    const attacker = await s.raw()
    attacker.send(awarenessEntriesMessage([{ clientId: 666, clock: 1, json: nestedArrays(200_000) }]))
    expect(await closeCode(attacker)).toBe(CloseCode.malformedMessage.code)
    // A barrier on a closed socket says so at once rather than timing out.
    await expect(attacker.presenceBarrier()).rejects.toThrow('the socket closed with 4402 before answering queryAwareness')

    const joiner = await s.raw()
    await joiner.presenceBarrier()
    const late = createClient(s.server.syncUrl, s.boardId)
    cleanups.push(() => late.destroy())
    await late.waitForSynced()
    await waitFor(() => late.provider.awareness.getStates().has(s.observer.doc.clientID), { message: 'the observer’s presence' })
    expect(joiner.closeCode).toBeNull()
    expect(late.closeCodes).toEqual([])
    expect(s.awareness().states).toBe(1)
  })

  it('takes a state 32 levels deep, and refuses 33 levels or more than 64 KiB of JSON', async () => {
    const s = await scene()
    const deepest = await s.raw()
    deepest.send(awarenessEntriesMessage([{ clientId: 700, clock: 1, json: `{"a":${nestedArrays(31)}}` }]))
    await waitFor(() => s.seen(700), { message: 'the 32-level state to reach the observer' })
    expect(deepest.closeCode).toBeNull()

    const tooDeep = await s.raw()
    tooDeep.send(awarenessEntriesMessage([{ clientId: 701, clock: 1, json: `{"a":${nestedArrays(32)}}` }]))
    expect(await closeCode(tooDeep)).toBe(CloseCode.malformedMessage.code)

    const tooBig = await s.raw()
    tooBig.send(awarenessMessage(702, 1, { name: 'x'.repeat(64 * 1024) }))
    expect(await closeCode(tooBig)).toBe(CloseCode.malformedMessage.code)

    await deepest.presenceBarrier()
    expect(s.seen(701)).toBeUndefined()
    expect(s.seen(702)).toBeUndefined()
  })
})

describe('presence ownership', () => {
  it('ignores updates and removals of another connection’s client id, and keeps it when that connection leaves', async () => {
    const s = await scene()
    const owner = await s.raw()
    owner.send(awarenessMessage(5001, 1, { name: 'owner' }))
    await waitFor(() => s.seen(5001)?.['name'] === 'owner', { message: 'the owner’s presence' })
    await s.settle()

    const intruder = await s.raw()
    intruder.send(awarenessMessage(5001, 10, { name: 'intruder' }))
    intruder.send(awarenessMessage(5001, 11, null))
    await intruder.barrier()
    // Frames of one socket are handled in order, and the owner's next clock is lower than the intruder's:
    // it only shows if the intruder's entries were ignored.
    owner.send(awarenessMessage(5001, 2, { name: 'owner, still' }))
    await waitFor(() => s.seen(5001)?.['name'] === 'owner, still', { message: 'the owner’s update' })

    intruder.close()
    await waitFor(() => s.server.running.rooms.stats(s.boardId)?.connections === 2, { message: 'the intruder to leave' })
    owner.send(awarenessMessage(5001, 3, { name: 'owner, after' }))
    await waitFor(() => s.seen(5001)?.['name'] === 'owner, after', { message: 'the owner’s presence to survive' })
    expect(s.awareness()).toEqual({ states: 2, meta: 3, owned: 2 })
  })

  it('keeps at most four client ids per connection, ignores removals of unknown ids, and forgets a leaver’s ids', async () => {
    const s = await scene()
    const flooder = await s.raw()
    // ~1.4 MB of removals of ids nobody has: y-protocols alone would keep a clock for each.
    flooder.send(awarenessEntriesMessage(Array.from({ length: 150_000 }, (_, i) => ({ clientId: 100_000 + i, clock: 1, json: 'null' }))))
    flooder.send(awarenessEntriesMessage(Array.from({ length: 100_000 }, (_, i) => ({ clientId: 1 + i, clock: 1, json: '{}' }))))
    await flooder.barrier()
    expect(flooder.closeCode).toBeNull()
    expect(s.awareness()).toEqual({ states: 1 + 4, meta: 2 + 4, owned: 1 + 4 })
    await waitFor(() => [1, 2, 3, 4].every((id) => s.seen(id) !== undefined), { message: 'the first four ids at the observer' })
    // The relay sends the others nothing past the limit: the first four are all the observer ever gets.
    await flooder.presenceBarrier()
    expect(s.observer.provider.awareness.getStates().size).toBe(1 + 4)

    await s.settle()
    flooder.close()
    await waitFor(() => s.seen(1) === undefined, { message: 'the flooder’s presences to be removed' })
    await waitFor(() => s.awareness().owned === baseline.owned, { message: 'the flooder’s ids to be released' })
    expect(s.awareness()).toEqual(baseline)
  })

  it('returns to its baseline after many joins and leaves, and takes a reconnecting client id as new', async () => {
    const s = await scene()
    for (let cycle = 0; cycle < 40; cycle++) {
      const visitor = await s.raw()
      visitor.send(awarenessMessage(9000 + cycle, 1 + cycle, { name: `visitor ${cycle}` }))
      await waitFor(() => s.seen(9000 + cycle), { message: `visitor ${cycle}’s presence` })
      await s.settle()
      visitor.close()
      await waitFor(() => s.seen(9000 + cycle) === undefined, { message: `visitor ${cycle} to be removed` })
    }
    for (let cycle = 0; cycle < 10; cycle++) {
      const provider = createClient(s.server.syncUrl, s.boardId)
      await provider.waitForSynced()
      provider.provider.awareness.setLocalStateField('user', { name: `provider ${cycle}` })
      await waitFor(() => s.seen(provider.doc.clientID), { message: `provider ${cycle}’s presence` })
      await s.settle()
      provider.destroy()
      await waitFor(() => s.seen(provider.doc.clientID) === undefined, { message: `provider ${cycle} to be removed` })
    }
    await waitFor(() => s.awareness().owned === baseline.owned, { message: 'every visitor released' })
    expect(s.awareness()).toEqual(baseline)

    // The same client id on a new socket (a provider that lost its connection) is published again.
    const back = await s.raw()
    back.send(awarenessMessage(9000, 50, { name: 'visitor 0, back' }))
    await waitFor(() => s.seen(9000)?.['name'] === 'visitor 0, back', { message: 'the returning visitor' })
  })

  it('holds at most the per-room number of client ids', async () => {
    const s = await scene({ awarenessLimits: { maxClientsPerRoom: 6 } })
    const crowd = await Promise.all([s.raw(), s.raw(), s.raw()])
    crowd.forEach((raw, index) => {
      raw.send(awarenessEntriesMessage([1, 2, 3, 4].map((n) => ({ clientId: index * 10 + n, clock: 1, json: '{}' }))))
    })
    await Promise.all(crowd.map((raw) => raw.barrier()))
    expect(s.awareness()).toEqual({ states: 6, meta: 7, owned: 6 })
    expect(crowd.map((raw) => raw.closeCode)).toEqual([null, null, null])
  })
})
