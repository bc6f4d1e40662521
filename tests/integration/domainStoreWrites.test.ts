// The DomainStore's changes after creation, on SQLite and on Postgres: municipalities' language
// form and county, challenges and workshops patched (the merged record validated), steps edited,
// reordered, and deleted with their boards; people's private boards on a step. Rule ids as in the table at the top of domainStore.test.ts.
import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { isBoardId, newBoardId } from '../../shared/src/protocol/boardId.ts'
import { newEntityId } from '../../shared/src/schema/entityId.ts'
import type { BoardStore } from '../../server/src/store/BoardStore.ts'
import { aChallenge, aMunicipality, aStep, aWorkshop } from '../helpers/domainFixtures.ts'
import { storeBackends, type StoreBackend, type StoreBackendOptions } from '../helpers/storeBackends.ts'
import { queryStorage } from '../helpers/storeRaces.ts'

const cleanups: (() => Promise<unknown>)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

function rejection(code: string, message: RegExp) {
  return expect.objectContaining({ code, message: expect.stringMatching(message) })
}

describe.each(storeBackends)('domain store changes ($name)', (backend: StoreBackend) => {
  async function openStores(options: StoreBackendOptions = {}) {
    const opened = await backend.open(options)
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

  it('[D20] changes a municipality’s language form (neutral too) and county, nothing else, and refuses an invalid result', async () => {
    const { domain, grue } = await openStores()
    const nome = await domain.createMunicipality(aMunicipality({ name: 'Nome', municipalityNumber: null, county: null, languageForm: 'neutral' }))
    expect(await domain.getMunicipality(nome.id)).toEqual(nome)

    const patched = await domain.updateMunicipality(grue.id, { languageForm: 'neutral', county: ' Akershus ' })
    expect(patched).toEqual({ ...grue, languageForm: 'neutral', county: 'Akershus' })
    expect(await domain.getMunicipality(grue.id)).toEqual(patched)
    // One field at a time leaves the other; null clears the county.
    expect(await domain.updateMunicipality(grue.id, { languageForm: 'nn' })).toEqual({ ...grue, languageForm: 'nn', county: 'Akershus' })
    expect(await domain.updateMunicipality(grue.id, { county: null })).toEqual({ ...grue, languageForm: 'nn', county: null })
    // A patch cannot rename or renumber a municipality.
    expect(await domain.updateMunicipality(grue.id, { name: 'Kirkenær', municipalityNumber: '0301' } as never)).toEqual({ ...grue, languageForm: 'nn', county: null })

    await expect(domain.updateMunicipality(grue.id, { languageForm: 'sv' as 'nb' })).rejects.toEqual(rejection('invalid_input', /languageForm/))
    await expect(domain.updateMunicipality(grue.id, { county: '  ' })).rejects.toEqual(rejection('invalid_input', /county/))
    expect(await domain.getMunicipality(grue.id)).toEqual({ ...grue, languageForm: 'nn', county: null })
    expect(await domain.getMunicipality(nome.id)).toEqual(nome)
    expect(await domain.updateMunicipality(newEntityId(), { languageForm: 'nb' })).toBeNull()
    expect(await domain.updateMunicipality('not an id', { languageForm: 'nb' })).toBeNull()
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

  /** Gives a board a log, a snapshot, an asset and a client claim, as the relay leaves one. */
  async function fillBoard(boards: BoardStore, boardId: string): Promise<void> {
    await boards.appendUpdates([{ boardId, update: Uint8Array.of(1) }], [{ boardId, clientId: 5, owner: 'server' }])
    await boards.writeSnapshot(boardId, Uint8Array.of(9), 1)
    await boards.putAsset({ id: `asset-${boardId}`, boardId, mimeType: 'image/png', bytes: Uint8Array.of(7), createdAt: 1 })
  }

  /** How many rows each board table holds of these boards. */
  async function boardRows(storage: Parameters<typeof queryStorage>[0], boardIds: readonly string[]): Promise<Record<string, number>> {
    const rows: Record<string, number> = {}
    for (const table of ['boards', 'board_updates', 'board_snapshots', 'assets', 'board_clients', 'private_boards']) {
      let n = 0
      for (const boardId of boardIds) {
        const [row] = await queryStorage(storage, `SELECT count(*) AS n FROM ${table} WHERE board_id = $1`, [boardId])
        n += Number(row?.['n'])
      }
      rows[table] = n
    }
    return rows
  }

  const none = { boards: 0, board_updates: 0, board_snapshots: 0, assets: 0, board_clients: 0, private_boards: 0 }

  it('[D17] makes a person’s private board on a step once, finds it by step and person and by board, and lists the step’s', async () => {
    let clock = 1_000
    const { domain, boards, workshop, storage } = await openStores({ now: () => (clock += 1) })
    const step = await domain.createStep(aStep(workshop.id, { position: 0 }))
    const [kari, ola] = [newEntityId(), newEntityId()]
    expect(await domain.privateBoard(step.id, kari, false)).toBeNull()
    expect(await domain.listPrivateBoards(step.id)).toEqual([])

    const kariBoard = await domain.privateBoard(step.id, kari, true)
    if (kariBoard === null) throw new Error('A private board expected.')
    expect(isBoardId(kariBoard)).toBe(true)
    expect(kariBoard).not.toBe(step.boardId)
    expect(await domain.privateBoard(step.id, kari, true)).toBe(kariBoard)
    expect(await domain.privateBoard(step.id, kari, false)).toBe(kariBoard)
    // An ordinary, empty board: the board store serves it as any other.
    expect(await boards.loadBoard(kariBoard)).toMatchObject({ snapshot: null, updates: [], lastSeq: 0 })
    expect(await boardRows(storage, [kariBoard])).toEqual({ ...none, boards: 1, private_boards: 1 })

    const olaBoard = await domain.privateBoard(step.id, ola, true)
    expect(olaBoard).not.toBe(kariBoard)
    expect(await domain.privateBoardOwner(kariBoard)).toEqual({ boardId: kariBoard, stepId: step.id, personId: kari })
    expect(await domain.listPrivateBoards(step.id)).toEqual([
      { boardId: kariBoard, stepId: step.id, personId: kari },
      { boardId: olaBoard, stepId: step.id, personId: ola },
    ])

    // The step's own board, a board nobody made and ids that could never be stored are nobody's.
    for (const boardId of [step.boardId, newBoardId(), 'not a board']) expect(await domain.privateBoardOwner(boardId)).toBeNull()
    // No step, no board: nothing is made for a step that is not there.
    const missingStep = newEntityId()
    expect(await domain.privateBoard(missingStep, kari, true)).toBeNull()
    expect(await domain.privateBoard('not a step', kari, true)).toBeNull()
    expect(await domain.listPrivateBoards(missingStep)).toEqual([])
    expect(await domain.listPrivateBoards('?')).toEqual([])
    expect(await domain.privateBoard(step.id, 'not a person', false)).toBeNull()
    await expect(domain.privateBoard(step.id, 'not a person', true)).rejects.toEqual(rejection('invalid_input', /needs the id of a person/))
    const [row] = await queryStorage(storage, 'SELECT count(*) AS n FROM boards')
    expect(Number(row?.['n'])).toBe(3)
  })

  it('[D18] makes one board of several asked for at once for the same person and step', async () => {
    const { domain, workshop, storage } = await openStores()
    const step = await domain.createStep(aStep(workshop.id, { position: 0 }))
    const kari = newEntityId()
    const made = await Promise.all(Array.from({ length: 6 }, () => domain.privateBoard(step.id, kari, true)))
    const [first] = made
    expect(first).not.toBeNull()
    expect(made).toEqual(made.map(() => first))
    expect(await domain.listPrivateBoards(step.id)).toEqual([{ boardId: first, stepId: step.id, personId: kari }])
    // The step's board and the one private board: no board of a losing request is left.
    const [row] = await queryStorage(storage, 'SELECT count(*) AS n FROM boards')
    expect(Number(row?.['n'])).toBe(2)
  })

  it('[D19] deletes a step’s private boards with the step, and a workshop’s with the workshop, with all their rows', async () => {
    const { domain, boards, workshop, storage } = await openStores()
    const [doomed, kept] = await Promise.all([0, 1].map((position) => domain.createStep(aStep(workshop.id, { position }))))
    if (doomed === undefined || kept === undefined) throw new Error('Two steps expected.')
    const [kari, ola] = [newEntityId(), newEntityId()]
    const privateBoardsOf = async (stepId: string) =>
      (await Promise.all([kari, ola].map((person) => domain.privateBoard(stepId, person, true)))).map((boardId) => boardId ?? '')
    const doomedBoards = await privateBoardsOf(doomed.id)
    const keptBoards = await privateBoardsOf(kept.id)
    for (const boardId of [...doomedBoards, ...keptBoards]) await fillBoard(boards, boardId)

    expect(await domain.deleteStep(doomed.id)).toEqual(doomed)
    expect(await boardRows(storage, [doomed.boardId, ...doomedBoards])).toEqual(none)
    expect(await domain.listPrivateBoards(doomed.id)).toEqual([])
    for (const boardId of doomedBoards) {
      expect(await domain.privateBoardOwner(boardId)).toBeNull()
      expect(await boards.getAsset(`asset-${boardId}`)).toBeNull()
    }
    expect(await domain.privateBoard(doomed.id, kari, false)).toBeNull()
    // The other step keeps its private boards, whole.
    expect(await boardRows(storage, keptBoards)).toEqual({ boards: 2, board_updates: 2, board_snapshots: 2, assets: 2, board_clients: 2, private_boards: 2 })
    expect(await domain.privateBoard(kept.id, ola, false)).toBe(keptBoards[1])

    expect(await domain.deleteWorkshop(workshop.id)).toBe(true)
    expect(await boardRows(storage, [kept.boardId, ...keptBoards])).toEqual(none)
    expect(await domain.listPrivateBoards(kept.id)).toEqual([])
  })
})
