// The SQLite DomainStore's changes after creation: challenges and workshops
// patched (the merged record validated), steps edited, deleted with their
// boards, and reordered.
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { newEntityId } from '../../shared/src/schema/entityId.ts'
import { closeSqliteStores, openSqliteStores } from '../../server/src/store/sqliteStores.ts'
import { aChallenge, aMunicipality, aStep, aWorkshop } from '../helpers/domainFixtures.ts'

const cleanups: (() => Promise<unknown> | unknown)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

async function openStores() {
  const dir = await mkdtemp(join(tmpdir(), 'samskap-domain-writes-'))
  cleanups.push(() => rm(dir, { recursive: true, force: true }))
  const stores = openSqliteStores({ file: join(dir, 'samskap.sqlite'), retention: { keepLast: 2, keepDaily: 1 } })
  cleanups.push(() => closeSqliteStores(stores))
  const { domain } = stores
  const grue = await domain.createMunicipality(aMunicipality())
  const challenge = await domain.createChallenge(aChallenge(grue.id))
  const workshop = await domain.createWorkshop(aWorkshop(challenge.id))
  return { ...stores, grue, challenge, workshop }
}

function rejection(code: string, message: RegExp) {
  return expect.objectContaining({ code, message: expect.stringMatching(message) })
}

describe('SQLite domain store changes', () => {
  it('patches a challenge, lists included, and refuses an invalid result', async () => {
    const { domain, grue, challenge } = await openStores()
    const kongsvinger = await domain.createMunicipality(aMunicipality({ name: 'Kongsvinger', municipalityNumber: '3401' }))
    const patched = await domain.updateChallenge(challenge.id, {
      status: 'closed',
      coApplicantIds: [kongsvinger.id],
      problemStatements: ['Hvordan kan vi samarbeide bedre?'],
    })
    expect(patched).toEqual({ ...challenge, status: 'closed', coApplicantIds: [kongsvinger.id], problemStatements: ['Hvordan kan vi samarbeide bedre?'] })
    expect(await domain.getChallenge(challenge.id)).toEqual(patched)
    await expect(domain.updateChallenge(challenge.id, { title: 'Ikke et spørsmål' })).rejects.toEqual(rejection('invalid_input', /title/))
    await expect(domain.updateChallenge(challenge.id, { followerMunicipalityIds: [grue.id] })).rejects.toEqual(
      rejection('invalid_input', /already the lead municipality/),
    )
    await expect(domain.updateChallenge(challenge.id, { coApplicantIds: [newEntityId()] })).rejects.toEqual(
      rejection('invalid_input', /no municipality/),
    )
    expect(await domain.getChallenge(challenge.id)).toEqual(patched)
    expect(await domain.updateChallenge(newEntityId(), { status: 'draft' })).toBeNull()
  })

  it('patches a workshop, facilitators included, and keeps it on its challenge', async () => {
    const { domain, workshop } = await openStores()
    const facilitators = [newEntityId(), newEntityId()]
    const patched = await domain.updateWorkshop(workshop.id, { status: 'open', facilitatorIds: facilitators, title: ' Dag 2 ' })
    expect(patched).toEqual({ ...workshop, status: 'open', facilitatorIds: facilitators, title: 'Dag 2' })
    await expect(domain.updateWorkshop(workshop.id, { endsAt: '2022-03-14T08:00:00Z' })).rejects.toEqual(
      rejection('invalid_input', /endsAt: A workshop must end after it starts/),
    )
    const moved = { challengeId: newEntityId() } as Record<string, unknown>
    expect(await domain.updateWorkshop(workshop.id, moved)).toEqual(patched)
    expect(await domain.updateWorkshop(newEntityId(), { status: 'closed' })).toBeNull()
  })

  it('edits, reorders and deletes steps; a deleted step takes its board', async () => {
    const { domain, boards, workshop } = await openStores()
    const steps = await Promise.all([0, 1, 2].map((position) => domain.createStep(aStep(workshop.id, { position }))))
    const [first, second, third] = steps.map((step) => step.id)
    if (first === undefined || second === undefined || third === undefined) throw new Error('Three steps expected.')

    const edited = await domain.updateStep(second, { instructions: 'Ny tekst', plannedMinutes: 5 })
    expect(edited).toMatchObject({ id: second, instructions: 'Ny tekst', plannedMinutes: 5, position: 1 })
    await expect(domain.updateStep(second, { plannedMinutes: 0 })).rejects.toEqual(rejection('invalid_input', /plannedMinutes/))

    expect((await domain.reorderSteps(workshop.id, [third, first, second]))?.map((step) => [step.id, step.position])).toEqual([
      [third, 0],
      [first, 1],
      [second, 2],
    ])
    for (const wrong of [[third, first], [third, first, second, second], [third, first, newEntityId()]]) {
      await expect(domain.reorderSteps(workshop.id, wrong)).rejects.toEqual(rejection('invalid_input', /exactly once/))
    }
    expect(await domain.reorderSteps(newEntityId(), [])).toBeNull()

    const doomed = steps[0]
    if (doomed === undefined) throw new Error('A step expected.')
    const doc = new Y.Doc()
    doc.getMap('meta').set('schema', 1)
    await boards.appendUpdates([{ boardId: doomed.boardId, update: Y.encodeStateAsUpdate(doc) }])
    expect(await domain.deleteStep(doomed.id)).toEqual({ ...doomed, position: 1 })
    expect(await boards.loadBoard(doomed.boardId)).toMatchObject({ snapshot: null, updates: [], lastSeq: 0 })
    expect((await domain.listSteps(workshop.id)).map((step) => [step.id, step.position])).toEqual([
      [third, 0],
      [second, 1],
    ])
    expect(await domain.deleteStep(doomed.id)).toBeNull()
  })
})
