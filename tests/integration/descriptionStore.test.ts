import { afterEach, describe, expect, it } from 'vitest'
import type { DescriptionDraft, SourceRef } from '../../shared/src/description/challengeDescription.ts'
import { newEntityId } from '../../shared/src/schema/entityId.ts'
import type { Publication } from '../../server/src/store/DescriptionStore.ts'
import { closeStores, type Stores } from '../../server/src/store/stores.ts'
import { emptyDescriptionFields } from '../helpers/descriptionFixtures.ts'
import { aChallenge, aMunicipality } from '../helpers/domainFixtures.ts'
import { postgresBackend, storeBackends, type OpenedStores } from '../helpers/storeBackends.ts'
import { anotherInstance, holdLock, queryStorage } from '../helpers/storeRaces.ts'

// The DescriptionStore on the database it shares with the other stores, on SQLite and on
// Postgres: a challenge's working draft and its published versions. Then Postgres with two server
// instances on one database, each race started behind a lock so that all its writers are under
// way at once.
//
//   P1  a draft is checked when written (each failed field named, its own challenge, an existing
//       challenge) and reads back as written; a challenge has none until one is saved
//   P2  a stored draft or version that fails its schema is reported (storage_failed), not served
//   P3  updateDraft reads, changes and writes in one transaction: the change sees the stored draft
//       (null before the first), null keeps it, a failed change keeps it, and changes made at
//       once, on any number of instances, apply one after the other with none lost
//   P4  publishing makes the stored draft the challenge's next version (1, 2, …) with the
//       challenge's facts and each drafted field's sources; nothing without a draft; publishes made
//       at once get consecutive numbers
//   P5  versions read back as published: a challenge's newest first, one by its number, the
//       newest of every challenge most recently published first
//   P6  what is stored outlives a reopen; calls after close are refused

const cleanups: (() => Promise<unknown> | unknown)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

function aDraft(challengeId: string, overrides: Partial<DescriptionDraft> = {}): DescriptionDraft {
  return {
    challengeId,
    fields: emptyDescriptionFields(),
    provenance: {},
    workshopId: null,
    updatedAt: '2022-03-14T12:00:00.000Z',
    ...overrides,
  }
}

function aPublication(facilitatorId: string, overrides: Partial<Publication> = {}): Publication {
  const { leadMunicipality } = emptyDescriptionFields()
  return {
    publishedAt: '2022-03-15T09:00:00.000Z',
    facilitatorId,
    publishedBy: 'Kari Nordmann',
    challengeFacts: { leadMunicipality, coApplicants: [], followerMunicipalities: [], languageForm: 'nb' },
    ...overrides,
  }
}

const stakeholderSource: SourceRef = {
  stepId: 'stakeholder-step',
  boardId: 'stakeholder-board',
  frameKey: 'grid',
  frameName: 'Interesse og innflytelse',
  stepTitle: 'Kartlegge aktører',
  notes: [{ id: 'shape:note-1', text: 'Kirkenær Næringsforening' }],
}
/** A field's provenance without rows suggested, deleted or dismissed. */
const noRows = { pendingRows: [], deletedRows: [], dismissedRows: [] }

/** The change of one editor: one goal more on the stored draft (a new draft when there is none). */
function addGoal(challengeId: string, goal: string) {
  return (current: DescriptionDraft | null): DescriptionDraft => {
    const draft = current ?? aDraft(challengeId)
    return { ...draft, fields: { ...draft.fields, goals: [...draft.fields.goals, goal] } }
  }
}

/** A challenge of Grue's and a facilitator to publish it. */
async function aChallengeIn(stores: Stores, overrides: Parameters<typeof aChallenge>[1] = {}) {
  const grue = await stores.domain.createMunicipality(aMunicipality({ municipalityNumber: null }))
  return stores.domain.createChallenge(aChallenge(grue.id, overrides))
}

async function aFacilitatorIn(stores: Stores) {
  return stores.access.createFacilitator(
    { id: newEntityId(), email: `kari-${newEntityId().toLowerCase()}@grue.kommune.no`, displayName: 'Kari', color: '#175CD3', createdAt: 0, invitedBy: null },
    { provider: 'password', subject: newEntityId(), secret: 'scrypt$hash' },
  )
}

describe.each(storeBackends)('description store ($name)', (backend) => {
  async function openStores(): Promise<OpenedStores & { stores: Stores }> {
    const opened = await backend.open()
    cleanups.push(() => opened.cleanup())
    return opened
  }

  it('[P1] checks a draft when it is written and reads it back as it was written', async () => {
    const { stores } = await openStores()
    const { descriptions } = stores
    const challenge = await aChallengeIn(stores)
    expect(await descriptions.getDraft(challenge.id)).toBeNull()
    expect(await descriptions.getDraft('no')).toBeNull()

    const draft = aDraft(challenge.id, {
      fields: emptyDescriptionFields({ summary: 'Et sentrum for alle.', stakeholders: [{ actor: 'Grue kommune', sector: 'municipality', interest: 'high', influence: null }] }),
      provenance: { stakeholders: { sources: [stakeholderSource], drafted: [], edited: true, pending: null, ...noRows } },
      workshopId: newEntityId(),
    })
    expect(await descriptions.saveDraft(draft)).toEqual(draft)
    expect(await descriptions.getDraft(challenge.id)).toEqual(draft)
    const replaced = aDraft(challenge.id, { updatedAt: '2022-03-14T13:00:00.000Z' })
    expect(await descriptions.saveDraft(replaced)).toEqual(replaced)
    expect(await descriptions.getDraft(challenge.id)).toEqual(replaced)

    await expect(descriptions.saveDraft(aDraft(challenge.id, { fields: emptyDescriptionFields({ summary: 'x'.repeat(501) }) }))).rejects.toMatchObject({
      code: 'invalid_input',
      message: expect.stringContaining('fields.summary'),
    })
    await expect(descriptions.saveDraft(aDraft(challenge.id, { updatedAt: 'yesterday' }))).rejects.toMatchObject({
      code: 'invalid_input',
      message: 'Invalid description draft: updatedAt: Not a date-time.',
    })
    const unknown = newEntityId()
    await expect(descriptions.saveDraft(aDraft(unknown))).rejects.toMatchObject({
      code: 'invalid_input',
      message: `There is no challenge ${unknown}.`,
    })
    await expect(descriptions.saveDraft(aDraft('no'))).rejects.toMatchObject({ code: 'invalid_input', message: expect.stringContaining('challengeId') })
    expect(await descriptions.getDraft(challenge.id)).toEqual(replaced)
  })

  it('[P2] reports a stored draft or version that fails its schema instead of serving it', async () => {
    const { stores, storage } = await openStores()
    const { descriptions } = stores
    const challenge = await aChallengeIn(stores)
    await descriptions.saveDraft(aDraft(challenge.id))
    const facilitator = await aFacilitatorIn(stores)
    await descriptions.publish(challenge.id, aPublication(facilitator.id))

    await queryStorage(storage, `UPDATE challenge_drafts SET body = '{"challengeId": 3}' WHERE challenge_id = $1`, [challenge.id])
    const notValid = { code: 'storage_failed', message: expect.stringContaining(`The stored draft of challenge ${challenge.id} is not valid`) }
    await expect(descriptions.getDraft(challenge.id)).rejects.toMatchObject(notValid)
    await expect(descriptions.updateDraft(challenge.id, (current) => current)).rejects.toMatchObject(notValid)
    await expect(descriptions.publish(challenge.id, aPublication(facilitator.id))).rejects.toMatchObject(notValid)
    await queryStorage(storage, `UPDATE challenge_drafts SET body = 'not JSON' WHERE challenge_id = $1`, [challenge.id])
    await expect(descriptions.getDraft(challenge.id)).rejects.toMatchObject({
      code: 'storage_failed',
      message: expect.stringContaining(`The stored draft of challenge ${challenge.id} is not JSON.`),
    })
    // Saving replaces the damaged draft unread.
    const draft = aDraft(challenge.id)
    expect(await descriptions.saveDraft(draft)).toEqual(draft)
    expect(await descriptions.getDraft(challenge.id)).toEqual(draft)

    await queryStorage(storage, `UPDATE challenge_description_versions SET body = '{"fields": {}}' WHERE challenge_id = $1`, [challenge.id])
    const versionNotValid = { code: 'storage_failed', message: expect.stringContaining(`The stored version 1 of challenge ${challenge.id} is not valid`) }
    await expect(descriptions.listVersions(challenge.id)).rejects.toMatchObject(versionNotValid)
    await expect(descriptions.getVersion(challenge.id, 1)).rejects.toMatchObject(versionNotValid)
    await expect(descriptions.latestPublished()).rejects.toMatchObject(versionNotValid)
  })

  it('[P3] changes the stored draft in one transaction: null before the first, null keeps it, a failed change keeps it', async () => {
    const { stores } = await openStores()
    const { descriptions } = stores
    const challenge = await aChallengeIn(stores)
    const seen: (DescriptionDraft | null)[] = []
    const look = (current: DescriptionDraft | null) => {
      seen.push(current)
      return null
    }
    expect(await descriptions.updateDraft(challenge.id, look)).toBeNull()
    expect(await descriptions.getDraft(challenge.id)).toBeNull()

    const first = await descriptions.updateDraft(challenge.id, addGoal(challenge.id, 'Flere besøkende'))
    expect(first?.fields.goals).toEqual(['Flere besøkende'])
    expect(await descriptions.getDraft(challenge.id)).toEqual(first)
    expect(await descriptions.updateDraft(challenge.id, look)).toEqual(first)
    expect(seen).toEqual([null, first])

    const second = await descriptions.updateDraft(challenge.id, addGoal(challenge.id, 'Færre tomme lokaler'))
    expect(second?.fields.goals).toEqual(['Flere besøkende', 'Færre tomme lokaler'])

    await expect(
      descriptions.updateDraft(challenge.id, (current) => current && { ...current, fields: { ...current.fields, title: '' } }),
    ).rejects.toMatchObject({ code: 'invalid_input', message: expect.stringContaining('fields.title') })
    const other = newEntityId()
    await expect(descriptions.updateDraft(challenge.id, () => aDraft(other))).rejects.toMatchObject({
      code: 'invalid_input',
      message: `The draft belongs to challenge ${other}, not ${challenge.id}.`,
    })
    await expect(
      descriptions.updateDraft(challenge.id, () => {
        throw new Error('The editor gave up.')
      }),
    ).rejects.toMatchObject({ code: 'storage_failed', message: expect.stringContaining('The editor gave up.') })
    expect(await descriptions.getDraft(challenge.id)).toEqual(second)

    const unknown = newEntityId()
    await expect(descriptions.updateDraft(unknown, addGoal(unknown, 'x'))).rejects.toMatchObject({
      code: 'invalid_input',
      message: `There is no challenge ${unknown}.`,
    })
    expect(await descriptions.updateDraft('no', (current) => current)).toBeNull()
  })

  it('[P3] applies 20 changes made at once one after the other, losing none', async () => {
    const { stores } = await openStores()
    const { descriptions } = stores
    const challenge = await aChallengeIn(stores)
    const goals = Array.from({ length: 20 }, (_, index) => `Mål ${index + 1}`)
    await Promise.all(goals.map((goal) => descriptions.updateDraft(challenge.id, addGoal(challenge.id, goal))))
    expect((await descriptions.getDraft(challenge.id))?.fields.goals.toSorted()).toEqual(goals.toSorted())
  })

  it('[P4] publishes the stored draft as the next version, with the challenge’s facts and the drafted fields’ sources', async () => {
    const { stores } = await openStores()
    const { descriptions } = stores
    const challenge = await aChallengeIn(stores)
    const facilitator = await aFacilitatorIn(stores)
    expect(await descriptions.publish(challenge.id, aPublication(facilitator.id))).toBeNull()
    expect(await descriptions.publish('no', aPublication(facilitator.id))).toBeNull()

    const draft = aDraft(challenge.id, {
      fields: emptyDescriptionFields({
        summary: 'Et sentrum for alle.',
        languageForm: 'nn',
        // The source's note is still in the text, so it is published with it.
        stakeholders: [{ actor: 'Kirkenær Næringsforening', sector: null, interest: 'high', influence: 'high' }],
      }),
      provenance: {
        stakeholders: { sources: [stakeholderSource], drafted: [], edited: false, pending: null, ...noRows },
        summary: { sources: [], drafted: null, edited: true, pending: null, ...noRows },
      },
    })
    await descriptions.saveDraft(draft)
    const averoy = { id: 'averoy-municipality', name: 'Averøy' }
    const facts = { ...aPublication(facilitator.id).challengeFacts, coApplicants: [averoy] }
    // A time with an offset is kept as the moment it names.
    const v1 = await descriptions.publish(challenge.id, aPublication(facilitator.id, { challengeFacts: facts, publishedAt: '2022-03-15T10:00:00+01:00' }))
    expect(v1).toEqual({
      challengeId: challenge.id,
      version: 1,
      publishedAt: '2022-03-15T09:00:00.000Z',
      publishedBy: 'Kari Nordmann',
      fields: { ...draft.fields, coApplicants: [averoy], languageForm: 'nb' },
      sources: { stakeholders: [stakeholderSource] },
    })
    // The draft stays the working copy.
    expect(await descriptions.getDraft(challenge.id)).toEqual(draft)
    const v2 = await descriptions.publish(challenge.id, aPublication(facilitator.id, { publishedAt: '2022-03-16T09:00:00.000Z', publishedBy: 'Ola' }))
    expect(v2).toMatchObject({ version: 2, publishedBy: 'Ola', publishedAt: '2022-03-16T09:00:00.000Z' })

    await expect(descriptions.publish(challenge.id, aPublication('no'))).rejects.toMatchObject({
      code: 'invalid_input',
      message: expect.stringContaining('facilitatorId'),
    })
    await expect(descriptions.publish(challenge.id, aPublication(facilitator.id, { publishedAt: 'yesterday' }))).rejects.toMatchObject({
      code: 'invalid_input',
      message: expect.stringContaining('publishedAt'),
    })
    await expect(
      descriptions.publish(challenge.id, aPublication(facilitator.id, { challengeFacts: { ...facts, languageForm: 'sv' as 'nb' } })),
    ).rejects.toMatchObject({ code: 'invalid_input', message: expect.stringContaining('challengeFacts.languageForm') })
    expect(await descriptions.listVersions(challenge.id)).toHaveLength(2)
  })

  it('[P4] gives publishes made at once consecutive numbers', async () => {
    const { stores } = await openStores()
    const { descriptions } = stores
    const challenge = await aChallengeIn(stores)
    const facilitator = await aFacilitatorIn(stores)
    await descriptions.saveDraft(aDraft(challenge.id))
    const published = await Promise.all(Array.from({ length: 5 }, () => descriptions.publish(challenge.id, aPublication(facilitator.id))))
    expect(published.map((version) => version?.version).toSorted()).toEqual([1, 2, 3, 4, 5])
  })

  it('[P5] reads versions back as published: newest first, by number, the newest of every challenge', async () => {
    const { stores } = await openStores()
    const { descriptions } = stores
    // Published in the same millisecond: by challenge id as the bytes order it, capitals first.
    const later = await aChallengeIn(stores, { id: 'zzzzzzzz-challenge' })
    const earlier = await aChallengeIn(stores, { id: 'ZZZZZZZZ-challenge' })
    const third = await aChallengeIn(stores)
    const facilitator = await aFacilitatorIn(stores)
    for (const challenge of [later, earlier, third]) await descriptions.saveDraft(aDraft(challenge.id))
    const at = (day: number) => aPublication(facilitator.id, { publishedAt: `2022-03-${day}T09:00:00.000Z` })
    const third1 = await descriptions.publish(third.id, at(10))
    const later1 = await descriptions.publish(later.id, at(11))
    const earlier1 = await descriptions.publish(earlier.id, at(12))
    const later2 = await descriptions.publish(later.id, at(12))
    expect(await descriptions.listVersions(later.id)).toEqual([later2, later1])
    expect(await descriptions.getVersion(later.id, 1)).toEqual(later1)
    expect(await descriptions.getVersion(later.id, 3)).toBeNull()
    expect(await descriptions.getVersion(later.id, 0)).toBeNull()
    expect(await descriptions.getVersion(later.id, 1.5)).toBeNull()
    expect(await descriptions.getVersion(later.id, 2 ** 40)).toBeNull()
    expect(await descriptions.getVersion('no', 1)).toBeNull()
    expect(await descriptions.listVersions(newEntityId())).toEqual([])
    expect(await descriptions.listVersions('no')).toEqual([])
    expect(await descriptions.latestPublished()).toEqual([earlier1, later2, third1])
  })

  it('[P6] keeps drafts and versions across a reopen, and refuses calls after close', async () => {
    const opened = await openStores()
    const challenge = await aChallengeIn(opened.stores)
    const facilitator = await aFacilitatorIn(opened.stores)
    const draft = aDraft(challenge.id)
    await opened.stores.descriptions.saveDraft(draft)
    const version = await opened.stores.descriptions.publish(challenge.id, aPublication(facilitator.id))
    const { descriptions } = await opened.reopen()
    expect(await descriptions.getDraft(challenge.id)).toEqual(draft)
    expect(await descriptions.listVersions(challenge.id)).toEqual([version])
    await descriptions.close()
    await expect(descriptions.getDraft(challenge.id)).rejects.toMatchObject({
      code: 'store_closed',
      message: expect.stringContaining('description store'),
    })
  })
})

describe('description store on Postgres, two server instances on one database', () => {
  /** A fresh database with the stores of two instances on it, each with a pool of its own. */
  async function twoInstances() {
    const opened = await postgresBackend.open()
    cleanups.push(() => opened.cleanup())
    if (!('url' in opened.storage)) throw new Error('The Postgres backend names its database by URL.')
    const url = opened.storage.url
    const [first, second] = [await anotherInstance(url, 10), await anotherInstance(url, 10)]
    cleanups.push(() => closeStores(first), () => closeStores(second))
    const challenge = await aChallengeIn(opened.stores)
    const facilitator = await aFacilitatorIn(opened.stores)
    return { url, first, second, challenge, facilitator }
  }

  /** Holds `statement`'s lock while `start` sets the racing calls going; lets go once `count` of them wait for it. */
  async function raceBehind<T>(url: string, statement: string, values: string[], count: number, start: () => Promise<T>[]) {
    const lock = await holdLock(url, statement, values)
    cleanups.push(() => lock.release())
    const racing = start()
    await lock.waiters(count)
    await lock.release()
    return Promise.all(racing)
  }

  it('[P3] loses none of 20 changes made at once on both, to a missing draft and then to a stored one', async () => {
    const { url, first, second, challenge } = await twoInstances()
    const tenEach = (round: string) =>
      Array.from({ length: 20 }, (_, index) => {
        const instance = index % 2 === 0 ? first : second
        return instance.descriptions.updateDraft(challenge.id, addGoal(challenge.id, `${round} ${index + 1}`))
      })
    // No draft yet: the first writers wait for the challenge's row, and each finds the one before it.
    await raceBehind(url, 'SELECT id FROM challenges WHERE id = $1 FOR UPDATE', [challenge.id], 20, () => tenEach('Første'))
    const afterFirst = await first.descriptions.getDraft(challenge.id)
    expect(afterFirst?.fields.goals).toHaveLength(20)
    await raceBehind(url, 'SELECT body FROM challenge_drafts WHERE challenge_id = $1 FOR UPDATE', [challenge.id], 20, () => tenEach('Andre'))
    const goals = (await second.descriptions.getDraft(challenge.id))?.fields.goals ?? []
    expect(goals).toHaveLength(40)
    expect(new Set(goals).size).toBe(40)
  })

  it('[P4] gives two publishes at once on both versions 1 and 2, and ten more 3 to 12', async () => {
    const { url, first, second, challenge, facilitator } = await twoInstances()
    await first.descriptions.saveDraft(aDraft(challenge.id))
    const two = await raceBehind(url, 'SELECT body FROM challenge_drafts WHERE challenge_id = $1 FOR UPDATE', [challenge.id], 2, () => [
      first.descriptions.publish(challenge.id, aPublication(facilitator.id)),
      second.descriptions.publish(challenge.id, aPublication(facilitator.id)),
    ])
    expect(two.map((version) => version?.version).toSorted()).toEqual([1, 2])
    const ten = await Promise.all(
      Array.from({ length: 10 }, (_, index) => (index % 2 === 0 ? first : second).descriptions.publish(challenge.id, aPublication(facilitator.id))),
    )
    expect(ten.map((version) => version?.version).toSorted((a = 0, b = 0) => a - b)).toEqual([3, 4, 5, 6, 7, 8, 9, 10, 11, 12])
    expect((await first.descriptions.listVersions(challenge.id)).map((version) => version.version)).toEqual(
      Array.from({ length: 12 }, (_, index) => 12 - index),
    )
  })
})
