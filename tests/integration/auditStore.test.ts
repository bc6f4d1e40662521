import { afterEach, describe, expect, it } from 'vitest'
import { newEntityId } from '../../shared/src/schema/entityId.ts'
import type { AuditTarget } from '../../shared/src/schema/auditLog.ts'
import type { NewAuditEntry } from '../../server/src/store/AuditStore.ts'
import type { Stores } from '../../server/src/store/stores.ts'
import { aChallenge, aMunicipality, aWorkshop } from '../helpers/domainFixtures.ts'
import { storeBackends, type OpenedStores } from '../helpers/storeBackends.ts'
import { queryStorage } from '../helpers/storeRaces.ts'

// The AuditStore on the database it shares with the other stores, on SQLite and on Postgres.
//
//   U1  an appended entry reads back as written: actor (id and name as given), action, targets,
//       detail, its time as first and last time, counted once
//   U2  an entry that fails the shared schemas (an unknown action, a detail field the log does
//       not know, a malformed id) is refused as invalid_input and nothing is stored
//   U3  entries list newest first, by time then id, filtered by workshop, challenge, action and a
//       time range (an entry counts when its span reaches into the range), and page on from the
//       last entry of a page without gaps or repeats, even among entries of one millisecond
//   U4  with coalesceWithinMs, the same facilitator repeating the same action on the same targets
//       within that time counts into the entry (times, lastAt); another facilitator, target, detail
//       or a later time makes a new entry
//   U5  entries name what they are about by id only: they outlive the workshop they name
//   U6  deleteBefore deletes the entries whose last time is before the cutoff, and no others
//   U7  a stored entry whose detail fails its schema is reported (storage_failed), not served;
//       what is stored outlives a reopen, and calls after close are refused

const cleanups: (() => Promise<unknown> | unknown)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

const kari = { facilitatorId: 'facilitator-kari-0001', displayName: 'Kari Nordmann' }
const ola = { facilitatorId: 'facilitator-ola-00001', displayName: 'Ola Hansen' }
const t0 = Date.parse('2022-03-14T09:00:00.000Z')
const minute = 60_000

function target(about: Partial<AuditTarget> = {}): AuditTarget {
  return { workshopId: null, challengeId: null, stepId: null, boardId: null, municipalityId: null, facilitatorId: null, ...about }
}

function anEntry(overrides: Partial<NewAuditEntry> = {}): NewAuditEntry {
  return { at: t0, actor: kari, action: 'workshop.create', target: target(), detail: {}, ...overrides }
}

describe.each(storeBackends)('audit store ($name)', (backend) => {
  async function openStores(): Promise<OpenedStores & { stores: Stores }> {
    const opened = await backend.open()
    cleanups.push(() => opened.cleanup())
    return opened
  }

  it('[U1] reads an appended entry back as written', async () => {
    const { stores } = await openStores()
    const about = target({ workshopId: newEntityId(), challengeId: newEntityId() })
    const stored = await stores.audit.append(anEntry({ action: 'description.publish', target: about, detail: { version: 3 } }))
    expect(stored).toEqual({
      id: expect.any(String),
      at: t0,
      lastAt: t0,
      times: 1,
      actor: kari,
      action: 'description.publish',
      target: about,
      detail: { version: 3 },
    })
    expect(await stores.audit.list({ limit: 10 })).toEqual([stored])
  })

  it('[U2] refuses an entry the shared schemas refuse, storing nothing', async () => {
    const { stores } = await openStores()
    const refused = [
      anEntry({ action: 'workshop.burn' as NewAuditEntry['action'] }),
      anEntry({ detail: { participantName: 'Anna' } as NewAuditEntry['detail'] }),
      anEntry({ target: target({ workshopId: 'no' }) }),
      anEntry({ actor: { facilitatorId: kari.facilitatorId, displayName: '' } }),
      anEntry({ at: -1 }),
    ]
    for (const entry of refused) {
      await expect(stores.audit.append(entry)).rejects.toMatchObject({ code: 'invalid_input' })
    }
    expect(await stores.audit.list({ limit: 10 })).toEqual([])
  })

  it('[U3] lists newest first, filtered, and pages on without gaps or repeats', async () => {
    const { stores } = await openStores()
    const workshopA = newEntityId()
    const workshopB = newEntityId()
    const challenge = newEntityId()
    const written = []
    // Five entries in one millisecond and five a minute apart: the order falls back on ids.
    for (let index = 0; index < 10; index++) {
      const workshopId = index % 2 === 0 ? workshopA : workshopB
      written.push(
        await stores.audit.append(
          anEntry({
            at: index < 5 ? t0 : t0 + (index - 4) * minute,
            action: index % 3 === 0 ? 'workshop.open' : 'workshop.update',
            target: target({ workshopId, challengeId: index < 8 ? challenge : null }),
          }),
        ),
      )
    }
    const all = await stores.audit.list({ limit: 100 })
    expect(all.map((entry) => entry.id).sort()).toEqual(written.map((entry) => entry.id).sort())
    for (const [index, entry] of all.entries()) {
      const next = all[index + 1]
      if (next === undefined) continue
      expect(entry.at > next.at || (entry.at === next.at && entry.id > next.id)).toBe(true)
    }

    const paged = []
    let after: { at: number; id: string } | undefined
    for (;;) {
      const page = await stores.audit.list({ limit: 3, after })
      paged.push(...page)
      const last = page.at(-1)
      if (page.length < 3 || last === undefined) break
      after = { at: last.at, id: last.id }
    }
    expect(paged.map((entry) => entry.id)).toEqual(all.map((entry) => entry.id))

    const ids = (entries: { id: string }[]) => entries.map((entry) => entry.id)
    expect(ids(await stores.audit.list({ workshopId: workshopA, limit: 100 }))).toEqual(ids(all.filter((entry) => entry.target.workshopId === workshopA)))
    expect(ids(await stores.audit.list({ challengeId: challenge, limit: 100 }))).toHaveLength(8)
    expect(ids(await stores.audit.list({ action: 'workshop.open', limit: 100 }))).toEqual(ids(all.filter((entry) => entry.action === 'workshop.open')))
    const inRange = await stores.audit.list({ since: t0 + 2 * minute, until: t0 + 4 * minute, limit: 100 })
    expect(inRange.map((entry) => entry.at)).toEqual([t0 + 4 * minute, t0 + 3 * minute, t0 + 2 * minute])
    const combined = await stores.audit.list({ workshopId: workshopB, action: 'workshop.update', since: t0 + minute, limit: 100 })
    expect(combined.every((entry) => entry.target.workshopId === workshopB && entry.action === 'workshop.update' && entry.at >= t0 + minute)).toBe(true)
    expect(combined.length).toBeGreaterThan(0)
  })

  it('[U4] counts a repeated action into one entry within the window, and only that', async () => {
    const { stores } = await openStores()
    const challengeId = newEntityId()
    const edit = (at: number, overrides: Partial<NewAuditEntry> = {}) =>
      stores.audit.append(anEntry({ at, action: 'description.edit', target: target({ challengeId }), ...overrides }), { coalesceWithinMs: 15 * minute })
    const first = await edit(t0)
    await edit(t0 + 5 * minute)
    const third = await edit(t0 + 19 * minute)
    expect(third).toMatchObject({ id: first.id, at: t0, lastAt: t0 + 19 * minute, times: 3 })

    const byOla = await edit(t0 + 20 * minute, { actor: ola })
    const otherChallenge = await edit(t0 + 20 * minute, { target: target({ challengeId: newEntityId() }) })
    const otherDetail = await edit(t0 + 20 * minute, { detail: { fields: ['goals'] } })
    const tooLate = await edit(t0 + 40 * minute)
    const notCoalesced = await stores.audit.append(anEntry({ at: t0 + 41 * minute, action: 'description.edit', target: target({ challengeId }) }))
    const ids = new Set([first.id, byOla.id, otherChallenge.id, otherDetail.id, tooLate.id, notCoalesced.id])
    expect(ids.size).toBe(6)
    expect(tooLate).toMatchObject({ times: 1, at: t0 + 40 * minute })
    expect(await stores.audit.list({ limit: 100 })).toHaveLength(6)
  })

  it('[U5] keeps the entries of a workshop after the workshop is deleted', async () => {
    const { stores } = await openStores()
    const grue = await stores.domain.createMunicipality(aMunicipality({ municipalityNumber: null }))
    const challenge = await stores.domain.createChallenge(aChallenge(grue.id))
    const workshop = await stores.domain.createWorkshop(aWorkshop(challenge.id))
    await stores.audit.append(anEntry({ target: target({ workshopId: workshop.id, challengeId: challenge.id }) }))
    expect(await stores.domain.deleteWorkshop(workshop.id)).toBe(true)
    const [entry] = await stores.audit.list({ workshopId: workshop.id, limit: 10 })
    expect(entry?.target).toMatchObject({ workshopId: workshop.id, challengeId: challenge.id })
  })

  it('[U6] deletes the entries whose last time is before the cutoff, and no others', async () => {
    const { stores } = await openStores()
    const challengeId = newEntityId()
    const old = await stores.audit.append(anEntry({ at: t0 }))
    // First done before the cutoff, last counted after it: kept.
    await stores.audit.append(anEntry({ at: t0, action: 'description.edit', target: target({ challengeId }) }), { coalesceWithinMs: 15 * minute })
    const counted = await stores.audit.append(anEntry({ at: t0 + 10 * minute, action: 'description.edit', target: target({ challengeId }) }), {
      coalesceWithinMs: 15 * minute,
    })
    const recent = await stores.audit.append(anEntry({ at: t0 + 10 * minute }))
    expect(await stores.audit.deleteBefore(t0 + 5 * minute)).toBe(1)
    const kept = (await stores.audit.list({ limit: 10 })).map((entry) => entry.id)
    expect(kept.sort()).toEqual([counted.id, recent.id].sort())
    expect(kept).not.toContain(old.id)
    expect(await stores.audit.deleteBefore(t0 + 5 * minute)).toBe(0)
  })

  it('[U7] reports a damaged entry, keeps entries across a reopen and refuses calls after close', async () => {
    const opened = await openStores()
    const stored = await opened.stores.audit.append(anEntry({ detail: { version: 1 } }))
    const reopened = await opened.reopen()
    expect(await reopened.audit.list({ limit: 10 })).toEqual([stored])

    await queryStorage(opened.storage, `UPDATE audit_entries SET detail = '{"participantName":"Anna"}' WHERE id = $1`, [stored.id])
    await expect(reopened.audit.list({ limit: 10 })).rejects.toMatchObject({ code: 'storage_failed' })

    await reopened.audit.close()
    await expect(reopened.audit.list({ limit: 10 })).rejects.toMatchObject({ code: 'store_closed' })
    await expect(reopened.audit.append(anEntry())).rejects.toMatchObject({ code: 'store_closed' })
  })
})
