// The DomainStore's changes after creation, on SQLite and on Postgres: challenges and workshops
// patched (the merged record validated), steps edited, reordered, and deleted with their boards.
// Rule ids as in the table at the top of domainStore.test.ts.
import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { newEntityId } from '../../shared/src/schema/entityId.ts'
import { aChallenge, aMunicipality, aStep, aWorkshop } from '../helpers/domainFixtures.ts'
import { storeBackends, type StoreBackend } from '../helpers/storeBackends.ts'
import { queryStorage } from '../helpers/storeRaces.ts'

const cleanups: (() => Promise<unknown>)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

function rejection(code: string, message: RegExp) {
  return expect.objectContaining({ code, message: expect.stringMatching(message) })
}

describe.each(storeBackends)('domain store changes ($name)', (backend: StoreBackend) => {
  async function openStores() {
    const opened = await backend.open()
    cleanups.push(() => opened.cleanup())
    const { domain } = opened.stores
    const grue = await domain.createMunicipality(aMunicipality())
    const challenge = await domain.createChallenge(aChallenge(grue.id))
    const workshop = await domain.createWorkshop(aWorkshop(challenge.id))
    return { ...opened.stores, storage: opened.storage, grue, challenge, workshop }
  }

  it('[D10] patches a challenge, lists included, and refuses an invalid result', async () => {
    const { domain, grue, challenge } = await openStores()
    const kongsvinger = await domain.createMunicipality(aMunicipality({ name: 'Kongsvinger', municipalityNumber: '3401' }))
    const averoy = await domain.createMunicipality(aMunicipality({ name: 'Averøy', municipalityNumber: null }))
    const patched = await domain.updateChallenge(challenge.id, {
      status: 'closed',
      coApplicantIds: [kongsvinger.id],
      followerMunicipalityIds: [averoy.id],
      problemStatements: ['Hvordan kan vi samarbeide bedre?', 'Korleis kan vi dele?'],
      themes: [],
      name: ' Kirkenær ',
    })
    expect(patched).toEqual({
      ...challenge,
      status: 'closed',
      name: 'Kirkenær',
      coApplicantIds: [kongsvinger.id],
      followerMunicipalityIds: [averoy.id],
      problemStatements: ['Hvordan kan vi samarbeide bedre?', 'Korleis kan vi dele?'],
      themes: [],
    })
    expect(await domain.getChallenge(challenge.id)).toEqual(patched)
    // The lists are rewritten whole, in their new order.
    const reordered = await domain.updateChallenge(challenge.id, { problemStatements: ['Korleis kan vi dele?', 'Hvordan kan vi samarbeide bedre?'] })
    expect(reordered?.problemStatements).toEqual(['Korleis kan vi dele?', 'Hvordan kan vi samarbeide bedre?'])
    expect(await domain.getChallenge(challenge.id)).toEqual(reordered)

    await expect(domain.updateChallenge(challenge.id, { title: 'Ikke et spørsmål' })).rejects.toEqual(rejection('invalid_input', /^Invalid challenge [\w-]+: title/))
    await expect(domain.updateChallenge(challenge.id, { followerMunicipalityIds: [grue.id] })).rejects.toEqual(
      rejection('invalid_input', /already the lead municipality/),
    )
    const stranger = newEntityId()
    await expect(domain.updateChallenge(challenge.id, { coApplicantIds: [stranger], themes: ['ny'] })).rejects.toEqual(
      rejection('invalid_input', new RegExp(`^Challenge ${challenge.id}: there is no municipality ${stranger}\\.$`)),
    )
    expect(await domain.getChallenge(challenge.id)).toEqual(reordered)
    // A patch cannot give the challenge another id.
    expect(await domain.updateChallenge(challenge.id, { id: newEntityId() } as never)).toEqual(reordered)
    expect(await domain.updateChallenge(newEntityId(), { status: 'draft' })).toBeNull()
    expect(await domain.updateChallenge('not an id', { status: 'draft' })).toBeNull()
  })

  it('[D11] patches a workshop, facilitators included, and keeps it on its challenge', async () => {
    const { domain, workshop } = await openStores()
    const facilitators = [newEntityId(), newEntityId()]
    const patched = await domain.updateWorkshop(workshop.id, { status: 'open', facilitatorIds: facilitators, title: ' Dag 2 ' })
    expect(patched).toEqual({ ...workshop, status: 'open', facilitatorIds: facilitators, title: 'Dag 2' })
    expect(await domain.getWorkshop(workshop.id)).toEqual(patched)
    const reversed = await domain.updateWorkshop(workshop.id, { facilitatorIds: [...facilitators].reverse(), startsAt: '2022-03-14T08:00:00+01:00' })
    expect(reversed).toEqual({ ...patched, facilitatorIds: [...facilitators].reverse(), startsAt: '2022-03-14T07:00:00.000Z' })
    await expect(domain.updateWorkshop(workshop.id, { endsAt: '2022-03-14T07:00:00Z' })).rejects.toEqual(
      rejection('invalid_input', /endsAt: A workshop must end after it starts/),
    )
    const moved = { challengeId: newEntityId() } as Record<string, unknown>
    expect(await domain.updateWorkshop(workshop.id, moved)).toEqual(reversed)
    expect(await domain.getWorkshop(workshop.id)).toEqual(reversed)
    expect(await domain.updateWorkshop(newEntityId(), { status: 'closed' })).toBeNull()
  })

  it('[D12] edits a step’s instructions and minutes, nothing else', async () => {
    const { domain, workshop } = await openStores()
    const step = await domain.createStep(aStep(workshop.id, { position: 0 }))
    const edited = await domain.updateStep(step.id, { instructions: ' Ny tekst ', plannedMinutes: 5 })
    expect(edited).toEqual({ ...step, instructions: 'Ny tekst', plannedMinutes: 5 })
    expect(await domain.getStep(step.id)).toEqual(edited)
    const fixed = { position: 7, boardId: 'another-board-id', templateId: 'other', templateVersion: 9, workshopId: newEntityId() }
    expect(await domain.updateStep(step.id, { ...fixed, plannedMinutes: 6 } as never)).toEqual({ ...edited, plannedMinutes: 6 })
    await expect(domain.updateStep(step.id, { plannedMinutes: 0 })).rejects.toEqual(rejection('invalid_input', /^Invalid step [\w-]+: plannedMinutes/))
    expect(await domain.getStep(step.id)).toEqual({ ...edited, plannedMinutes: 6 })
    expect(await domain.updateStep(newEntityId(), { plannedMinutes: 3 })).toBeNull()
  })

  it('[D13] reorders a workshop’s steps, naming each exactly once', async () => {
    const { domain, workshop } = await openStores()
    const steps = await Promise.all([0, 1, 2].map((position) => domain.createStep(aStep(workshop.id, { position }))))
    const [first, second, third] = steps.map((step) => step.id)
    if (first === undefined || second === undefined || third === undefined) throw new Error('Three steps expected.')

    expect((await domain.reorderSteps(workshop.id, [third, first, second]))?.map((step) => [step.id, step.position])).toEqual([
      [third, 0],
      [first, 1],
      [second, 2],
    ])
    for (const wrong of [[third, first], [third, first, second, second], [third, first, newEntityId()], []]) {
      await expect(domain.reorderSteps(workshop.id, wrong)).rejects.toEqual(
        rejection('invalid_input', /^The new order must name each of the workshop's 3 steps exactly once\.$/),
      )
    }
    expect((await domain.listSteps(workshop.id)).map((step) => step.id)).toEqual([third, first, second])
    expect(await domain.reorderSteps(newEntityId(), [])).toBeNull()
    expect(await domain.reorderSteps('not an id', [])).toBeNull()
  })

  it('[D14] deletes a step with its board and numbers the other steps from 0 again', async () => {
    const { domain, boards, workshop, storage } = await openStores()
    const steps = await Promise.all([0, 1, 2].map((position) => domain.createStep(aStep(workshop.id, { position }))))
    const [doomed, second, third] = steps
    if (doomed === undefined || second === undefined || third === undefined) throw new Error('Three steps expected.')
    await domain.reorderSteps(workshop.id, [third.id, doomed.id, second.id])
    const doc = new Y.Doc()
    doc.getMap('meta').set('schema', 1)
    await boards.appendUpdates([{ boardId: doomed.boardId, update: Y.encodeStateAsUpdate(doc) }], [{ boardId: doomed.boardId, clientId: 3, owner: 'server' }])
    await boards.writeSnapshot(doomed.boardId, Y.encodeStateAsUpdate(doc), 1)
    await boards.putAsset({ id: `asset-${doomed.id}`, boardId: doomed.boardId, mimeType: 'image/png', bytes: Uint8Array.of(7), createdAt: 1 })
    expect(await domain.deleteStep(doomed.id)).toEqual({ ...doomed, position: 1 })
    expect(await boards.loadBoard(doomed.boardId)).toMatchObject({ snapshot: null, updates: [], lastSeq: 0 })
    expect(await boards.getAsset(`asset-${doomed.id}`)).toBeNull()
    for (const table of ['boards', 'board_updates', 'board_snapshots', 'assets', 'board_clients']) {
      const [row] = await queryStorage(storage, `SELECT count(*) AS n FROM ${table} WHERE board_id = $1`, [doomed.boardId])
      expect([table, Number(row?.['n'])]).toEqual([table, 0])
    }
    expect((await domain.listSteps(workshop.id)).map((step) => [step.id, step.position])).toEqual([
      [third.id, 0],
      [second.id, 1],
    ])
    expect(await domain.deleteStep(doomed.id)).toBeNull()
    expect(await domain.deleteStep('?')).toBeNull()
  })
})
