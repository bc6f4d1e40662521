import { afterEach, describe, expect, it } from 'vitest'
import { initialFacilitation, type FacilitationState } from '../../shared/src/schema/facilitation.ts'
import { newEntityId } from '../../shared/src/schema/entityId.ts'
import type { StoredFacilitation } from '../../server/src/store/FacilitationStore.ts'
import { closeStores, type Stores } from '../../server/src/store/stores.ts'
import { aChallenge, aMunicipality, aWorkshop } from '../helpers/domainFixtures.ts'
import { postgresBackend, storeBackends, type OpenedStores, type StoreBackendOptions } from '../helpers/storeBackends.ts'
import { anotherInstance, holdLock, queryStorage } from '../helpers/storeRaces.ts'

// The FacilitationStore on the database it shares with the other stores, on SQLite and on
// Postgres: one facilitation state per workshop and the version its last change gave it. Then
// Postgres with two server instances on one database, each race started behind a lock so that
// all its writers are under way at once.
//
//   F1  a workshop whose state never changed reads as the initial state at version 0 (so does
//       any id that names no workshop)
//   F2  update reads, changes and writes in one transaction: the change sees the stored state,
//       the result is stored with the next version and read back as stored; null stores nothing
//       and resolves to the state as it was, and so does a change that throws
//   F3  a state that fails FacilitationState is refused (invalid_input naming the field) and
//       nothing is stored
//   F4  a change to a workshop that does not exist is refused (invalid_input), its change unasked
//   F5  what is stored outlives a reopen; calls after close are refused
//   F6  deleting a workshop deletes its state, and no other workshop's
//   F7  changes made at once, on any number of instances, apply one after the other: none is
//       lost and each gets its own version
//   F8  a stored state that is not JSON or fails its schema is reported (storage_failed), not served

const cleanups: (() => Promise<unknown> | unknown)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

/** A workshop of a challenge of Grue's. */
async function aWorkshopIn(stores: Stores) {
  const grue = await stores.domain.createMunicipality(aMunicipality({ municipalityNumber: null }))
  const challenge = await stores.domain.createChallenge(aChallenge(grue.id))
  return stores.domain.createWorkshop(aWorkshop(challenge.id))
}

/** One participant's change: their hand raised after the hands already up. */
function raiseHand(participantId: string, raisedAt = 1_700_000_000_000) {
  return (current: StoredFacilitation): FacilitationState => ({
    ...current.state,
    hands: [...current.state.hands, { participantId, raisedAt }],
  })
}

const workshopStateRow = 'SELECT version, state, updated_at FROM workshop_facilitation WHERE workshop_id = $1'

describe.each(storeBackends)('facilitation store ($name)', (backend) => {
  async function openStores(options?: StoreBackendOptions): Promise<OpenedStores & { stores: Stores }> {
    const opened = await backend.open(options)
    cleanups.push(() => opened.cleanup())
    return opened
  }

  it('[F1] reads a workshop whose state never changed as the initial state at version 0', async () => {
    const { stores } = await openStores()
    const workshop = await aWorkshopIn(stores)
    expect(await stores.facilitation.get(workshop.id)).toEqual({ workshopId: workshop.id, version: 0, state: initialFacilitation })
    const unknown = newEntityId()
    expect(await stores.facilitation.get(unknown)).toEqual({ workshopId: unknown, version: 0, state: initialFacilitation })
    expect(await stores.facilitation.get('no')).toEqual({ workshopId: 'no', version: 0, state: initialFacilitation })
  })

  it('[F2] stores a change with the next version; null or a failed change stores nothing', async () => {
    const { stores, storage } = await openStores({ now: () => 1_650_000_000_000 })
    const { facilitation } = stores
    const workshop = await aWorkshopIn(stores)
    const seen: StoredFacilitation[] = []
    const look = (current: StoredFacilitation) => {
      seen.push(current)
      return null
    }
    const initial = { workshopId: workshop.id, version: 0, state: initialFacilitation }
    expect(await facilitation.update(workshop.id, look)).toEqual(initial)
    expect(await queryStorage(storage, workshopStateRow, [workshop.id])).toEqual([])

    const kari = newEntityId()
    const first = await facilitation.update(workshop.id, raiseHand(kari))
    expect(first).toEqual({ workshopId: workshop.id, version: 1, state: { ...initialFacilitation, hands: [{ participantId: kari, raisedAt: 1_700_000_000_000 }] } })
    expect(await facilitation.get(workshop.id)).toEqual(first)
    expect(await facilitation.update(workshop.id, look)).toEqual(first)
    expect(seen).toEqual([initial, first])

    const stepId = newEntityId()
    const second = await facilitation.update(workshop.id, (current) => ({ ...current.state, currentStepId: stepId, keepOnStep: true }))
    expect(second).toMatchObject({ version: 2, state: { currentStepId: stepId, keepOnStep: true, hands: first.state.hands } })
    expect(await facilitation.get(workshop.id)).toEqual(second)
    const [row] = await queryStorage(storage, workshopStateRow, [workshop.id])
    expect(Number(row?.['updated_at'])).toBe(1_650_000_000_000)

    await expect(
      facilitation.update(workshop.id, () => {
        throw new Error('The facilitator gave up.')
      }),
    ).rejects.toMatchObject({ code: 'storage_failed', message: expect.stringContaining('The facilitator gave up.') })
    expect(await facilitation.get(workshop.id)).toEqual(second)
  })

  it('[F3] refuses a state that is not a valid facilitation state, storing nothing', async () => {
    const { stores } = await openStores()
    const { facilitation } = stores
    const workshop = await aWorkshopIn(stores)
    const stored = await facilitation.update(workshop.id, raiseHand(newEntityId()))

    await expect(facilitation.update(workshop.id, raiseHand('no'))).rejects.toMatchObject({
      code: 'invalid_input',
      message: expect.stringContaining('Invalid facilitation state: hands.1.participantId'),
    })
    await expect(
      facilitation.update(workshop.id, (current) => ({ ...current.state, timers: { step: { durationMs: 0, endsAt: null, remainingMs: 5 } } })),
    ).rejects.toMatchObject({ code: 'invalid_input', message: expect.stringContaining('timers.step.durationMs') })
    await expect(
      facilitation.update(workshop.id, (current) => ({ ...current.state, stranger: true }) as FacilitationState),
    ).rejects.toMatchObject({ code: 'invalid_input', message: expect.stringContaining('stranger') })
    expect(await facilitation.get(workshop.id)).toEqual(stored)

    // A workshop with no state yet still has none after a refused first change.
    const other = await aWorkshopIn(stores)
    await expect(facilitation.update(other.id, raiseHand('no'))).rejects.toMatchObject({ code: 'invalid_input' })
    expect(await facilitation.get(other.id)).toMatchObject({ version: 0, state: initialFacilitation })
  })

  it('[F4] refuses a change to a workshop that does not exist, without asking for it', async () => {
    const { stores } = await openStores()
    const asked: StoredFacilitation[] = []
    const change = (current: StoredFacilitation) => {
      asked.push(current)
      return current.state
    }
    const unknown = newEntityId()
    await expect(stores.facilitation.update(unknown, change)).rejects.toMatchObject({
      code: 'invalid_input',
      message: `There is no workshop ${unknown}.`,
    })
    await expect(stores.facilitation.update('no', change)).rejects.toMatchObject({ code: 'invalid_input', message: 'There is no workshop no.' })
    expect(asked).toEqual([])
  })

  it('[F5] keeps the state across a reopen, and refuses calls after close', async () => {
    const opened = await openStores()
    const workshop = await aWorkshopIn(opened.stores)
    await opened.stores.facilitation.update(workshop.id, raiseHand(newEntityId()))
    const stored = await opened.stores.facilitation.update(workshop.id, raiseHand(newEntityId()))
    const { facilitation } = await opened.reopen()
    expect(await facilitation.get(workshop.id)).toEqual(stored)
    expect(await facilitation.update(workshop.id, raiseHand(newEntityId()))).toMatchObject({ version: 3 })
    await facilitation.close()
    await expect(facilitation.get(workshop.id)).rejects.toMatchObject({
      code: 'store_closed',
      message: expect.stringContaining('facilitation store'),
    })
    await expect(facilitation.update(workshop.id, raiseHand(newEntityId()))).rejects.toMatchObject({ code: 'store_closed' })
  })

  it('[F6] deletes a workshop’s state with the workshop, and no other’s', async () => {
    const { stores, storage } = await openStores()
    const { facilitation, domain } = stores
    const workshop = await aWorkshopIn(stores)
    const other = await aWorkshopIn(stores)
    await facilitation.update(workshop.id, raiseHand(newEntityId()))
    const kept = await facilitation.update(other.id, raiseHand(newEntityId()))

    expect(await domain.deleteWorkshop(workshop.id)).toBe(true)
    expect(await queryStorage(storage, workshopStateRow, [workshop.id])).toEqual([])
    expect(await facilitation.get(workshop.id)).toEqual({ workshopId: workshop.id, version: 0, state: initialFacilitation })
    await expect(facilitation.update(workshop.id, raiseHand(newEntityId()))).rejects.toMatchObject({
      code: 'invalid_input',
      message: `There is no workshop ${workshop.id}.`,
    })
    expect(await facilitation.get(other.id)).toEqual(kept)
  })

  it('[F7] applies 30 changes made at once one after the other, losing none', async () => {
    const { stores } = await openStores()
    const workshop = await aWorkshopIn(stores)
    const participants = Array.from({ length: 30 }, () => newEntityId())
    const results = await Promise.all(participants.map((id) => stores.facilitation.update(workshop.id, raiseHand(id))))
    expect(results.map((result) => result.version).toSorted((a, b) => a - b)).toEqual(Array.from({ length: 30 }, (_, index) => index + 1))
    const stored = await stores.facilitation.get(workshop.id)
    expect(stored.version).toBe(30)
    expect(stored.state.hands.map((hand) => hand.participantId).toSorted()).toEqual(participants.toSorted())
  })

  it('[F8] reports a stored state that is not JSON or fails its schema instead of serving it', async () => {
    const { stores, storage } = await openStores()
    const { facilitation } = stores
    const workshop = await aWorkshopIn(stores)
    await facilitation.update(workshop.id, raiseHand(newEntityId()))

    await queryStorage(storage, `UPDATE workshop_facilitation SET state = 'not JSON' WHERE workshop_id = $1`, [workshop.id])
    const notJson = {
      code: 'storage_failed',
      message: expect.stringContaining(`The stored facilitation state of workshop ${workshop.id} is not JSON.`),
    }
    await expect(facilitation.get(workshop.id)).rejects.toMatchObject(notJson)
    await expect(facilitation.update(workshop.id, (current) => current.state)).rejects.toMatchObject(notJson)

    await queryStorage(storage, `UPDATE workshop_facilitation SET state = '{"hands": 3}' WHERE workshop_id = $1`, [workshop.id])
    const notValid = {
      code: 'storage_failed',
      message: expect.stringContaining(`The stored facilitation state of workshop ${workshop.id} is not valid`),
    }
    await expect(facilitation.get(workshop.id)).rejects.toMatchObject(notValid)
    await expect(facilitation.update(workshop.id, raiseHand(newEntityId()))).rejects.toMatchObject(notValid)
    const [row] = await queryStorage(storage, workshopStateRow, [workshop.id])
    expect(Number(row?.['version'])).toBe(1)
  })
})

describe('facilitation store on Postgres, two server instances on one database', () => {
  it('[F7] loses none of 30 changes made at once on both, to a workshop without a state and then to a stored one', async () => {
    const opened = await postgresBackend.open()
    cleanups.push(() => opened.cleanup())
    if (!('url' in opened.storage)) throw new Error('The Postgres backend names its database by URL.')
    const url = opened.storage.url
    // Pools large enough that every change of a round holds a connection while it waits.
    const [first, second] = [await anotherInstance(url, 15), await anotherInstance(url, 15)]
    cleanups.push(() => closeStores(first), () => closeStores(second))
    const workshop = await aWorkshopIn(opened.stores)

    /** Holds `statement`'s lock while 30 changes, half on each instance, start; lets go once all wait for it. */
    async function raceBehind(statement: string, round: string[]) {
      const lock = await holdLock(url, statement, [workshop.id])
      cleanups.push(() => lock.release())
      const racing = round.map((id, index) => (index % 2 === 0 ? first : second).facilitation.update(workshop.id, raiseHand(id)))
      await lock.waiters(round.length)
      await lock.release()
      return Promise.all(racing)
    }
    const versionsOf = (results: StoredFacilitation[]) => results.map((result) => result.version).toSorted((a, b) => a - b)
    const range = (from: number) => Array.from({ length: 30 }, (_, index) => from + index)

    // No state yet: the first writers wait for the workshop's row, and each finds the one before it.
    const firstRound = Array.from({ length: 30 }, () => newEntityId())
    expect(versionsOf(await raceBehind('SELECT id FROM workshops WHERE id = $1 FOR UPDATE', firstRound))).toEqual(range(1))
    const secondRound = Array.from({ length: 30 }, () => newEntityId())
    const stateRowLock = 'SELECT version FROM workshop_facilitation WHERE workshop_id = $1 FOR UPDATE'
    expect(versionsOf(await raceBehind(stateRowLock, secondRound))).toEqual(range(31))

    const stored = await second.facilitation.get(workshop.id)
    expect(stored.version).toBe(60)
    expect(stored.state.hands.map((hand) => hand.participantId).toSorted()).toEqual([...firstRound, ...secondRound].toSorted())
  })
})
