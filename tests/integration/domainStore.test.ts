import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { DatabaseSync } from 'node:sqlite'
import { afterEach, describe, expect, it } from 'vitest'
import { newBoardId } from '../../shared/src/protocol/boardId.ts'
import { newEntityId } from '../../shared/src/schema/entityId.ts'
import { closeSqliteStores, openSqliteStores, type SqliteStores } from '../../server/src/store/sqliteStores.ts'
import { aChallenge, aMunicipality, aStep, aWorkshop } from '../helpers/domainFixtures.ts'

// The SQLite DomainStore on the connection it shares with the board store.

const cleanups: (() => Promise<unknown> | unknown)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

async function tempFile(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'samskap-domain-'))
  cleanups.push(() => rm(dir, { recursive: true, force: true }))
  return join(dir, 'samskap.sqlite')
}

async function openStores(file?: string): Promise<SqliteStores & { file: string }> {
  const path = file ?? (await tempFile())
  const stores = openSqliteStores({ file: path, retention: { keepLast: 2, keepDaily: 1 } })
  cleanups.push(() => closeSqliteStores(stores))
  return { ...stores, file: path }
}

/** A second connection to the file, as an operator's sqlite3 shell would be. */
function inspect(file: string): DatabaseSync {
  const db = new DatabaseSync(file)
  cleanups.push(() => db.close())
  return db
}

function rejection(code: string, message: RegExp) {
  return expect.objectContaining({ code, message: expect.stringMatching(message) })
}

describe('SQLite domain store', () => {
  it('stores and lists municipalities and their follower municipalities', async () => {
    const { domain } = await openStores()
    const sortland = await domain.createMunicipality(aMunicipality({ name: 'Sortland', municipalityNumber: null, county: 'Nordland' }))
    const rana = await domain.createMunicipality(aMunicipality({ name: '  Rana ', municipalityNumber: '1833', county: null }))
    expect(rana.name).toBe('Rana')
    expect(await domain.getMunicipality(sortland.id)).toEqual(sortland)
    expect(await domain.getMunicipality(newEntityId())).toBeNull()
    expect(await domain.getMunicipality('no')).toBeNull()
    expect((await domain.listMunicipalities()).map((municipality) => municipality.name)).toEqual(['Rana', 'Sortland'])

    const link = { leadMunicipalityId: sortland.id, followerMunicipalityId: rana.id }
    await domain.addFollower(link)
    await domain.addFollower(link)
    expect(await domain.listFollowerLinks()).toEqual([link])
    await expect(domain.addFollower({ leadMunicipalityId: sortland.id, followerMunicipalityId: sortland.id })).rejects.toEqual(
      rejection('invalid_input', /followerMunicipalityId: A municipality cannot follow itself/),
    )
    const missing = newEntityId()
    await expect(domain.addFollower({ leadMunicipalityId: missing, followerMunicipalityId: rana.id })).rejects.toEqual(
      rejection('invalid_input', new RegExp(`no municipality ${missing}`)),
    )
  })

  it('refuses a second municipality with the same id or number', async () => {
    const { domain } = await openStores()
    const grue = await domain.createMunicipality(aMunicipality())
    await expect(domain.createMunicipality({ ...grue, name: 'Other' })).rejects.toEqual(rejection('conflict', /already exists/))
    await expect(domain.createMunicipality(aMunicipality({ name: 'Copy' }))).rejects.toEqual(
      rejection('conflict', /3417 already belongs to Grue/),
    )
  })

  it('stores a challenge with its municipalities and lists in order', async () => {
    const { domain } = await openStores()
    const grue = await domain.createMunicipality(aMunicipality())
    const kongsvinger = await domain.createMunicipality(aMunicipality({ name: 'Kongsvinger', municipalityNumber: '3401' }))
    const averoy = await domain.createMunicipality(aMunicipality({ name: 'Averøy', municipalityNumber: null, languageForm: 'nn' }))
    const challenge = aChallenge(grue.id, {
      coApplicantIds: [kongsvinger.id],
      followerMunicipalityIds: [averoy.id],
      problemStatements: ['Hvordan kan vi a?', 'Korleis kan vi b?', 'How might we c?'],
      themes: ['sentrumsutvikling', 'transport'],
      stakeholderGroups: ['næringsliv', 'kommune', 'innbyggere'],
    })
    expect(await domain.createChallenge(challenge)).toEqual(challenge)
    expect(await domain.getChallenge(challenge.id)).toEqual(challenge)
    expect(await domain.listChallenges()).toEqual([challenge])
    await expect(domain.createChallenge(challenge)).rejects.toEqual(rejection('conflict', /already exists/))

    const stranger = newEntityId()
    await expect(domain.createChallenge(aChallenge(grue.id, { followerMunicipalityIds: [stranger] }))).rejects.toEqual(
      rejection('invalid_input', new RegExp(`there is no municipality ${stranger}`)),
    )
    await expect(domain.createChallenge(aChallenge(grue.id, { coApplicantIds: [grue.id] }))).rejects.toEqual(
      rejection('invalid_input', /coApplicantIds\.0: .* already the lead municipality/),
    )
  })

  it('refuses invalid records with the failed fields named, and stores nothing of them', async () => {
    const { domain, file } = await openStores()
    const grue = await domain.createMunicipality(aMunicipality())
    const challenge = await domain.createChallenge(aChallenge(grue.id))
    const workshop = await domain.createWorkshop(aWorkshop(challenge.id))

    await expect(domain.createMunicipality(aMunicipality({ municipalityNumber: '12', name: '' }))).rejects.toEqual(
      rejection('invalid_input', /^Invalid municipality: name: Must not be empty\.; municipalityNumber: A municipality number has four digits\.$/),
    )
    await expect(domain.createMunicipality({ ...aMunicipality({ municipalityNumber: null }), languageForm: 'sv' as 'nb' })).rejects.toEqual(
      rejection('invalid_input', /languageForm/),
    )
    await expect(domain.createChallenge(aChallenge(grue.id, { title: 'Kirkenær – et attraktivt sentrum' }))).rejects.toEqual(
      rejection('invalid_input', /title: Must be phrased as a question, like "Hvordan kan vi …\?"/),
    )
    await expect(domain.createChallenge(aChallenge(grue.id, { problemStatements: ['Hvordan kan vi?', 'Mer sentrum.'] }))).rejects.toEqual(
      rejection('invalid_input', /problemStatements\.1: Must be phrased as a question/),
    )
    await expect(domain.createChallenge({ ...aChallenge(grue.id), status: 'open' as 'active' })).rejects.toEqual(
      rejection('invalid_input', /status/),
    )
    await expect(domain.createChallenge({ ...aChallenge(grue.id), secret: 1 } as never)).rejects.toEqual(
      rejection('invalid_input', /secret/),
    )
    await expect(
      domain.createWorkshop(aWorkshop(challenge.id, { startsAt: '2022-03-14T12:00:00Z', endsAt: '2022-03-14T09:00:00Z' })),
    ).rejects.toEqual(rejection('invalid_input', /endsAt: A workshop must end after it starts/))
    await expect(domain.createWorkshop(aWorkshop(challenge.id, { startsAt: '14.03.2022 09:00' }))).rejects.toEqual(
      rejection('invalid_input', /startsAt: Expected an ISO 8601 date and time/),
    )
    await expect(domain.createWorkshop(aWorkshop(newEntityId()))).rejects.toEqual(rejection('invalid_input', /there is no challenge/))
    await expect(domain.createStep(aStep(workshop.id, { plannedMinutes: 0, templateId: 'Framing!' }))).rejects.toEqual(
      rejection('invalid_input', /templateId: A template id is a lower-case slug.*; plannedMinutes: A step takes at least one minute/),
    )
    await expect(domain.createStep(aStep(workshop.id, { boardId: 'bad id' }))).rejects.toEqual(rejection('invalid_input', /boardId/))
    await expect(domain.createStep(aStep(newEntityId()))).rejects.toEqual(rejection('invalid_input', /there is no workshop/))

    const db = inspect(file)
    const count = (table: string) => db.prepare(`SELECT count(*) AS n FROM ${table}`).get()?.['n']
    expect([count('municipalities'), count('challenges'), count('workshops'), count('steps'), count('boards')]).toEqual([1, 1, 1, 0, 0])
  })

  it('stores workshops in UTC and their steps in agenda order, each with its board', async () => {
    const { domain, boards } = await openStores()
    const grue = await domain.createMunicipality(aMunicipality())
    const challenge = await domain.createChallenge(aChallenge(grue.id))
    const facilitator = newEntityId()
    const later = await domain.createWorkshop(aWorkshop(challenge.id, { startsAt: '2022-04-01T10:00:00+02:00', endsAt: '2022-04-01T15:30:00+02:00' }))
    const earlier = await domain.createWorkshop(aWorkshop(challenge.id, { facilitatorIds: [facilitator], status: 'open' }))
    expect(later).toMatchObject({ startsAt: '2022-04-01T08:00:00.000Z', endsAt: '2022-04-01T13:30:00.000Z' })
    expect(await domain.getWorkshop(earlier.id)).toEqual(earlier)
    expect(earlier.facilitatorIds).toEqual([facilitator])
    expect((await domain.listWorkshops(challenge.id)).map((workshop) => workshop.id)).toEqual([earlier.id, later.id])
    expect(await domain.listWorkshops(newEntityId())).toEqual([])

    const second = await domain.createStep(aStep(earlier.id, { position: 1, templateId: 'stakeholder-mapping' }))
    const first = await domain.createStep(aStep(earlier.id, { position: 0 }))
    expect(await domain.listSteps(earlier.id)).toEqual([first, second])
    expect(await domain.getStep(second.id)).toEqual(second)
    expect(await domain.getStepByBoardId(first.boardId)).toEqual(first)
    expect(await domain.getStepByBoardId(newBoardId())).toBeNull()
    // The step's board exists (empty) in the board store.
    expect(await boards.loadBoard(first.boardId)).toMatchObject({ snapshot: null, updates: [], lastSeq: 0 })
    await expect(domain.createStep(aStep(later.id, { boardId: first.boardId }))).rejects.toEqual(
      rejection('conflict', new RegExp(`Board ${first.boardId} already belongs to step ${first.id}`)),
    )
  })

  it('deletes a workshop with its steps, participants, and its boards’ logs, snapshots and assets', async () => {
    const { domain, boards, file } = await openStores()
    const grue = await domain.createMunicipality(aMunicipality())
    const challenge = await domain.createChallenge(aChallenge(grue.id))
    const doomed = await domain.createWorkshop(aWorkshop(challenge.id))
    const kept = await domain.createWorkshop(aWorkshop(challenge.id))
    const steps = [await domain.createStep(aStep(doomed.id)), await domain.createStep(aStep(doomed.id, { position: 1 }))]
    const keptStep = await domain.createStep(aStep(kept.id))
    for (const step of [...steps, keptStep]) {
      await boards.appendUpdates(
        [1, 2, 3].map((byte) => ({ boardId: step.boardId, update: Uint8Array.of(byte) })),
        [{ boardId: step.boardId, clientId: 7, owner: 'server' }],
      )
      await boards.writeSnapshot(step.boardId, Uint8Array.of(9, 9), 2)
      await boards.putAsset({ id: `asset-${step.id}`, boardId: step.boardId, mimeType: 'image/png', bytes: Uint8Array.of(7), createdAt: 1 })
    }
    const operator = inspect(file)
    const addParticipant = operator.prepare(
      "INSERT INTO participants (id, workshop_id, display_name, affiliation, created_at) VALUES (?, ?, 'Kari', 'kommune', 0)",
    )
    addParticipant.run(newEntityId(), doomed.id)
    addParticipant.run(newEntityId(), kept.id)

    expect(await domain.deleteWorkshop(doomed.id)).toBe(true)

    expect(await domain.getWorkshop(doomed.id)).toBeNull()
    expect(await domain.listSteps(doomed.id)).toEqual([])
    for (const step of steps) {
      expect(await domain.getStep(step.id)).toBeNull()
      expect(await boards.loadBoard(step.boardId)).toEqual({
        snapshot: null,
        updates: [],
        lastSeq: 0,
        logCount: 0,
        logBytes: 0,
        clients: new Map(),
      })
      expect(await boards.listSnapshots(step.boardId)).toEqual([])
      expect(await boards.getAsset(`asset-${step.id}`)).toBeNull()
    }
    const participantsOf = (workshopId: string) =>
      operator.prepare('SELECT count(*) AS n FROM participants WHERE workshop_id = ?').get(workshopId)?.['n']
    expect(participantsOf(doomed.id)).toBe(0)
    expect(operator.prepare('SELECT count(*) AS n FROM boards WHERE board_id IN (?, ?)').get(steps[0]?.boardId ?? '', steps[1]?.boardId ?? '')?.['n']).toBe(0)

    // The other workshop keeps everything.
    expect(participantsOf(kept.id)).toBe(1)
    expect(await domain.listSteps(kept.id)).toEqual([keptStep])
    expect(await boards.loadBoard(keptStep.boardId)).toMatchObject({ snapshot: Uint8Array.of(9, 9), updates: [Uint8Array.of(3)], lastSeq: 3 })
    expect(await boards.getAsset(`asset-${keptStep.id}`)).not.toBeNull()

    expect(await domain.deleteWorkshop(doomed.id)).toBe(false)
    expect(await domain.deleteWorkshop('not an id')).toBe(false)
  })

  it('keeps the shared connection open until both stores have closed', async () => {
    const { domain, boards } = await openStores()
    await domain.close()
    await expect(domain.listMunicipalities()).rejects.toEqual(rejection('store_closed', /domain store is closed/))
    await boards.appendUpdates([{ boardId: newBoardId(), update: Uint8Array.of(1) }])
    await boards.close()
    await expect(boards.checkWritable()).rejects.toEqual(rejection('store_closed', /closed/))
  })
})
