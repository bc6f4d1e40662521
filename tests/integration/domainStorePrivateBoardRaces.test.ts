// The private-board rules of domainStore.test.ts (D18, D19) while two server instances change one
// Postgres database at once, as domainStoreRaces.test.ts does for the rest: a lock the test holds
// on the step's row makes the racing operations queue behind it and go on together at its release.
import { afterEach, describe, expect, it } from 'vitest'
import { newEntityId } from '../../shared/src/schema/entityId.ts'
import type { Stores } from '../../server/src/store/stores.ts'
import { closeStores } from '../../server/src/store/stores.ts'
import { aChallenge, aMunicipality, aStep, aWorkshop } from '../helpers/domainFixtures.ts'
import { postgresBackend } from '../helpers/storeBackends.ts'
import { anotherInstance, holdLock, queryStorage } from '../helpers/storeRaces.ts'

const cleanups: (() => Promise<unknown>)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

/** The outcome of an operation started now and looked at later (never an unhandled rejection meanwhile). */
function started<T>(operation: Promise<T>): Promise<PromiseSettledResult<T>> {
  return operation.then(
    (value) => ({ status: 'fulfilled', value }),
    (reason: unknown) => ({ status: 'rejected', reason }),
  )
}

/** Two server instances on one new database, with a workshop of one step. */
async function twoInstances() {
  const opened = await postgresBackend.open()
  cleanups.push(() => opened.cleanup())
  if (!('url' in opened.storage)) throw new Error('A Postgres database expected.')
  const { url } = opened.storage
  const two: Stores = await anotherInstance(url, 4)
  cleanups.push(() => closeStores(two))
  const one = opened.stores
  const grue = await one.domain.createMunicipality(aMunicipality())
  const challenge = await one.domain.createChallenge(aChallenge(grue.id))
  const workshop = await one.domain.createWorkshop(aWorkshop(challenge.id))
  const step = await one.domain.createStep(aStep(workshop.id, { position: 0 }))
  const rows = async (table: string) => Number((await queryStorage(opened.storage, `SELECT count(*) AS n FROM ${table}`))[0]?.['n'])
  return { one, two, url, workshop, step, rows }
}

const lockStepRow = 'SELECT id FROM steps WHERE id = $1 FOR UPDATE'

describe('private board races (Postgres, two instances on one database)', () => {
  it('[D18] two instances making one person’s private board at once make one board, and leave no other', async () => {
    const { one, two, url, step, rows } = await twoInstances()
    const kari = newEntityId()
    const gate = await holdLock(url, lockStepRow, [step.id])
    const first = started(one.domain.privateBoard(step.id, kari, true))
    const second = started(two.domain.privateBoard(step.id, kari, true))
    await gate.waiters(2)
    await gate.release()
    const [a, b] = [await first, await second]
    expect(a.status === 'fulfilled' && typeof a.value === 'string').toBe(true)
    expect(b).toEqual(a)
    expect(await one.domain.listPrivateBoards(step.id)).toEqual([{ boardId: a.status === 'fulfilled' ? a.value : null, stepId: step.id, personId: kari }])
    expect(await rows('private_boards')).toBe(1)
    expect(await rows('boards')).toBe(2)
  })

  for (const deletion of ['step', 'workshop'] as const) {
    it(`[D19] a private board made while the other instance deletes its ${deletion} leaves no board behind`, async () => {
      const { one, two, url, workshop, step, rows } = await twoInstances()
      const gate = await holdLock(url, lockStepRow, [step.id])
      const making = started(one.domain.privateBoard(step.id, newEntityId(), true))
      await gate.waiters(1)
      const deleting = started<unknown>(deletion === 'step' ? two.domain.deleteStep(step.id) : two.domain.deleteWorkshop(workshop.id))
      await gate.waiters(2)
      await gate.release()
      // Made first and deleted with the step, or found no step: either way nothing of it is left.
      expect((await making).status).toBe('fulfilled')
      expect((await deleting).status).toBe('fulfilled')
      expect(await rows('private_boards')).toBe(0)
      expect(await rows('boards')).toBe(0)
      expect(await one.domain.getStep(step.id)).toBeNull()
    })
  }
})
