// The DomainStore's part in retention, on SQLite and on Postgres alike: when a closed workshop's
// boards and people are deleted (retentionSchema.ts). The rules' ids prefix the tests.
//
//   R1  a closed workshop's deletion date is stored and read back, and forgotten with null;
//       nothing is read of a workshop that is not closed, or of an id that could never exist
//   R2  a date is refused (false, nothing stored) for a workshop that is not closed or does not
//       exist, and refused as invalid_input when it comes before the closing it counts from
//   R3  closed workshops without a date all get the one given, and only they
//   R4  the closed workshops due at a moment are listed soonest first: not those due later, not
//       those without a date, not those open again
import { afterEach, describe, expect, it } from 'vitest'
import { newEntityId } from '../../shared/src/schema/entityId.ts'
import { aChallenge, aMunicipality, aWorkshop } from '../helpers/domainFixtures.ts'
import { storeBackends, type StoreBackend } from '../helpers/storeBackends.ts'

const cleanups: (() => Promise<unknown>)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

const day = 24 * 60 * 60 * 1000
const closedAt = Date.parse('2026-12-07T10:00:00Z')

describe.each(storeBackends)('workshop retention in the domain store ($name)', (backend: StoreBackend) => {
  /** The stores, and workshops made on one challenge with the given statuses. */
  async function withWorkshops(...statuses: ('planned' | 'open' | 'closed')[]) {
    const opened = await backend.open()
    cleanups.push(() => opened.cleanup())
    const { domain } = opened.stores
    const municipality = await domain.createMunicipality(aMunicipality())
    const challenge = await domain.createChallenge(aChallenge(municipality.id))
    const ids: string[] = []
    for (const status of statuses) ids.push((await domain.createWorkshop(aWorkshop(challenge.id, { status }))).id)
    return { domain, ids }
  }

  it('[R1] stores, reads and forgets a closed workshop’s deletion date', async () => {
    const { domain, ids: [closed = '', open = ''] } = await withWorkshops('closed', 'open')
    expect(await domain.getWorkshopRetention(closed)).toBeNull()
    const retention = { closedAt, deleteAfter: closedAt + 90 * day }
    expect(await domain.setWorkshopRetention(closed, retention)).toBe(true)
    expect(await domain.getWorkshopRetention(closed)).toEqual(retention)
    // Postponed: the closing it counts from stays.
    expect(await domain.setWorkshopRetention(closed, { closedAt, deleteAfter: closedAt + 200 * day })).toBe(true)
    expect(await domain.getWorkshopRetention(closed)).toEqual({ closedAt, deleteAfter: closedAt + 200 * day })
    expect(await domain.setWorkshopRetention(closed, null)).toBe(true)
    expect(await domain.getWorkshopRetention(closed)).toBeNull()
    // A workshop reopened keeps no date anyone reads.
    expect(await domain.setWorkshopRetention(closed, retention)).toBe(true)
    await domain.updateWorkshop(closed, { status: 'open' })
    expect(await domain.getWorkshopRetention(closed)).toBeNull()
    expect(await domain.getWorkshopRetention(open)).toBeNull()
    expect(await domain.getWorkshopRetention(newEntityId())).toBeNull()
    expect(await domain.getWorkshopRetention('not an id at all')).toBeNull()
  })

  it('[R2] refuses a date for a workshop that is not closed, and one before its closing', async () => {
    const { domain, ids: [planned = '', closed = ''] } = await withWorkshops('planned', 'closed')
    const retention = { closedAt, deleteAfter: closedAt + day }
    expect(await domain.setWorkshopRetention(planned, retention)).toBe(false)
    expect(await domain.setWorkshopRetention(newEntityId(), retention)).toBe(false)
    await domain.updateWorkshop(planned, { status: 'closed' })
    expect(await domain.getWorkshopRetention(planned)).toBeNull()
    await expect(domain.setWorkshopRetention(closed, { closedAt, deleteAfter: closedAt - 1 })).rejects.toEqual(
      expect.objectContaining({ code: 'invalid_input', message: expect.stringMatching(/deleteAfter: A workshop cannot be deleted before it closed/) }),
    )
    await expect(domain.setWorkshopRetention(closed, { closedAt: 1.5, deleteAfter: 2 })).rejects.toEqual(expect.objectContaining({ code: 'invalid_input' }))
    expect(await domain.getWorkshopRetention(closed)).toBeNull()
  })

  it('[R3] dates every closed workshop without a date, and only those', async () => {
    const { domain, ids: [undated = '', dated = '', open = ''] } = await withWorkshops('closed', 'closed', 'open')
    const own = { closedAt: closedAt - day, deleteAfter: closedAt + 5 * day }
    await domain.setWorkshopRetention(dated, own)
    const given = { closedAt, deleteAfter: closedAt + 90 * day }
    expect(await domain.dateClosedWorkshops(given)).toBe(1)
    expect(await domain.getWorkshopRetention(undated)).toEqual(given)
    expect(await domain.getWorkshopRetention(dated)).toEqual(own)
    await domain.updateWorkshop(open, { status: 'closed' })
    expect(await domain.dateClosedWorkshops(given)).toBe(1)
    expect(await domain.dateClosedWorkshops(given)).toBe(0)
  })

  it('[R4] lists the closed workshops due at a moment, soonest first', async () => {
    // The fourth stays closed without a date.
    const { domain, ids: [later = '', sooner = '', notYet = '', , reopened = ''] } = await withWorkshops(
      'closed', 'closed', 'closed', 'closed', 'closed',
    )
    await domain.setWorkshopRetention(later, { closedAt, deleteAfter: closedAt + 2 * day })
    await domain.setWorkshopRetention(sooner, { closedAt, deleteAfter: closedAt + day })
    await domain.setWorkshopRetention(notYet, { closedAt, deleteAfter: closedAt + 3 * day })
    await domain.setWorkshopRetention(reopened, { closedAt, deleteAfter: closedAt })
    await domain.updateWorkshop(reopened, { status: 'open' })
    expect(await domain.workshopsDueForDeletion(closedAt + 2 * day)).toEqual([sooner, later])
    expect(await domain.workshopsDueForDeletion(closedAt)).toEqual([])
  })
})
