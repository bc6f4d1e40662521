// The DomainStore contract: every rule below holds on SQLite (one connection shared with the
// board, access and description stores) and on Postgres (one pool shared the same way). The
// rules' ids prefix the tests that check them, here, in domainStoreWrites.test.ts and in
// domainStoreRaces.test.ts and domainStorePrivateBoardRaces.test.ts (Postgres, two server
// instances on one database).
//
//   D1   municipalities are stored trimmed and read back; listed by name in the order of the
//        characters' code points (capitals first, æ ø å after z); an id never stored reads null
//   D2   follower links: adding one twice stores it once; listed by lead, then follower; a
//        municipality following itself, or a missing one, is refused (invalid_input)
//   D3   a municipality id or municipality number already taken is refused (conflict, naming the holder)
//   D4   a challenge is stored with its co-applicants, followers and lists in order; a taken id is a
//        conflict; a missing municipality, or one in two roles, is refused
//   D5   an invalid record is refused with each failed field named, and nothing of it is stored
//   D6   search compares text without case or diacritics (ø as o, æ as ae, å as a) and a county
//        whole; challenges also by a municipality's part in them and by status; results as listed
//   D7   workshops: times given back in UTC, facilitators in order, listed by start time; a
//        missing challenge is refused
//   D8   a step comes with its (empty) board; steps are listed by position and found by id and by
//        board; a board belongs to one step and a step id to one step (conflict)
//   D9   deleting a workshop deletes its steps, facilitators, participants, links, sessions and its
//        boards' logs, snapshots, assets and client claims, and nothing of another workshop
//   D10  a challenge patch is validated merged with the stored challenge, lists included; a refused
//        one changes nothing
//   D11  a workshop patch is validated merged; the workshop stays on its challenge
//   D12  a step edit changes its instructions and planned minutes only
//   D13  reordering numbers the steps 0, 1, … in the order given, which must name each step once
//   D14  deleting a step deletes its board and numbers the other steps from 0 again
//   D15  seeding fills an empty domain once, whole or not at all
//   D16  a closed domain store refuses calls while the stores sharing its connection or pool go
//        on; what was stored is there after reopening
//   D17  a person's private board on a step is made (an empty board) the first time it is asked
//        for with `create`, and is the same board after; found by step and person, and by board
//        (its owner); a step's are listed by when they were made; nothing for a missing step, and
//        nothing is anybody's private board but what was made as one
//   D18  several asking at once for one person's private board on a step make one board, and
//        leave no other board behind
//   D19  deleting a step deletes its private boards, and deleting a workshop its steps', with
//        their logs, snapshots, assets and client claims; other steps keep theirs
//   D20  a municipality's official language form (nb, nn or neutral) and county can be changed,
//        nothing else of it; the merged municipality is validated, and a refused change changes nothing
import { afterEach, describe, expect, it } from 'vitest'
import { newBoardId } from '../../shared/src/protocol/boardId.ts'
import { newEntityId } from '../../shared/src/schema/entityId.ts'
import { hashSecret, newSecret } from '../../server/src/auth/secrets.ts'
import type { DomainSeed } from '../../server/src/store/DomainStore.ts'
import { aChallenge, aMunicipality, aStep, aWorkshop } from '../helpers/domainFixtures.ts'
import { storeBackends, type OpenedStores, type StoreBackend } from '../helpers/storeBackends.ts'
import { queryStorage } from '../helpers/storeRaces.ts'

const cleanups: (() => Promise<unknown>)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

function rejection(code: string, message: RegExp) {
  return expect.objectContaining({ code, message: expect.stringMatching(message) })
}

describe.each(storeBackends)('domain store ($name)', (backend: StoreBackend) => {
  async function open(): Promise<OpenedStores> {
    const opened = await backend.open()
    cleanups.push(() => opened.cleanup())
    return opened
  }

  /** How many rows of `table` match `where` (an operator's count, beside the stores). */
  async function count(opened: OpenedStores, table: string, where = 'TRUE', values: string[] = []): Promise<number> {
    const [row] = await queryStorage(opened.storage, `SELECT count(*) AS n FROM ${table} WHERE ${where}`, values)
    return Number(row?.['n'])
  }

  it('[D1] stores municipalities trimmed and lists them by name in code-point order', async () => {
    const { stores } = await open()
    const { domain } = stores
    const sortland = await domain.createMunicipality(aMunicipality({ name: 'Sortland', municipalityNumber: null, county: 'Nordland' }))
    const rana = await domain.createMunicipality(aMunicipality({ name: '  Rana ', municipalityNumber: '1833', county: null }))
    expect(rana.name).toBe('Rana')
    expect(await domain.getMunicipality(sortland.id)).toEqual(sortland)
    expect(await domain.getMunicipality(rana.id)).toEqual(rana)
    expect(await domain.getMunicipality(newEntityId())).toBeNull()
    expect(await domain.getMunicipality('no')).toBeNull()
    expect(await domain.getMunicipality('not an id at all')).toBeNull()
    for (const name of ['Ørsta', 'Åseral', 'Ærø', 'aurland', 'Averøy', 'Bø']) {
      await domain.createMunicipality(aMunicipality({ name, municipalityNumber: null }))
    }
    // The order of SQLite's BINARY collation, whatever the locale of a Postgres database.
    expect((await domain.listMunicipalities()).map((municipality) => municipality.name)).toEqual([
      'Averøy', 'Bø', 'Rana', 'Sortland', 'aurland', 'Åseral', 'Ærø', 'Ørsta',
    ])
  })

  it('[D2] records a follower municipality once and refuses a link to itself or to a missing municipality', async () => {
    const { domain } = (await open()).stores
    const sortland = await domain.createMunicipality(aMunicipality({ name: 'Sortland', municipalityNumber: null }))
    const rana = await domain.createMunicipality(aMunicipality({ name: 'Rana', municipalityNumber: null }))
    const link = { leadMunicipalityId: sortland.id, followerMunicipalityId: rana.id }
    await domain.addFollower(link)
    await domain.addFollower(link)
    const back = { leadMunicipalityId: rana.id, followerMunicipalityId: sortland.id }
    await domain.addFollower(back)
    expect(await domain.listFollowerLinks()).toEqual([link, back].sort((a, b) => (a.leadMunicipalityId < b.leadMunicipalityId ? -1 : 1)))
    await expect(domain.addFollower({ leadMunicipalityId: sortland.id, followerMunicipalityId: sortland.id })).rejects.toEqual(
      rejection('invalid_input', /followerMunicipalityId: A municipality cannot follow itself/),
    )
    const missing = newEntityId()
    await expect(domain.addFollower({ leadMunicipalityId: missing, followerMunicipalityId: rana.id })).rejects.toEqual(
      rejection('invalid_input', new RegExp(`^Follower link: there is no municipality ${missing}\\.$`)),
    )
    await expect(domain.addFollower({ leadMunicipalityId: rana.id, followerMunicipalityId: missing })).rejects.toEqual(
      rejection('invalid_input', new RegExp(`there is no municipality ${missing}`)),
    )
    expect(await domain.listFollowerLinks()).toHaveLength(2)
  })

  it('[D3] refuses a second municipality with the same id or number', async () => {
    const { domain } = (await open()).stores
    const grue = await domain.createMunicipality(aMunicipality())
    await expect(domain.createMunicipality({ ...grue, name: 'Other' })).rejects.toEqual(
      rejection('conflict', new RegExp(`^A municipality with id ${grue.id} already exists\\.$`)),
    )
    await expect(domain.createMunicipality(aMunicipality({ name: 'Copy' }))).rejects.toEqual(
      rejection('conflict', /^Municipality number 3417 already belongs to Grue\.$/),
    )
    expect(await domain.listMunicipalities()).toEqual([grue])
  })

  it('[D4] stores a challenge with its municipalities and lists in order', async () => {
    const { domain } = (await open()).stores
    const grue = await domain.createMunicipality(aMunicipality())
    const kongsvinger = await domain.createMunicipality(aMunicipality({ name: 'Kongsvinger', municipalityNumber: '3401' }))
    const averoy = await domain.createMunicipality(aMunicipality({ name: 'Averøy', municipalityNumber: null, languageForm: 'nn' }))
    const challenge = aChallenge(grue.id, {
      coApplicantIds: [kongsvinger.id, averoy.id],
      problemStatements: ['Hvordan kan vi a?', 'Korleis kan vi b?', 'How might we c?'],
      themes: ['sentrumsutvikling', 'transport'],
      stakeholderGroups: ['næringsliv', 'kommune', 'innbyggere'],
    })
    expect(await domain.createChallenge(challenge)).toEqual(challenge)
    expect(await domain.getChallenge(challenge.id)).toEqual(challenge)
    const followed = await domain.createChallenge(aChallenge(kongsvinger.id, { name: 'Byen', followerMunicipalityIds: [averoy.id, grue.id], themes: [] }))
    expect(await domain.listChallenges()).toEqual([followed, challenge])
    expect(await domain.getChallenge(newEntityId())).toBeNull()
    expect(await domain.getChallenge('?')).toBeNull()
    await expect(domain.createChallenge(challenge)).rejects.toEqual(rejection('conflict', /already exists/))

    const stranger = newEntityId()
    await expect(domain.createChallenge(aChallenge(grue.id, { followerMunicipalityIds: [stranger] }))).rejects.toEqual(
      rejection('invalid_input', new RegExp(`^Challenge [\\w-]+: there is no municipality ${stranger}\\.$`)),
    )
    // The lead is named first when several are missing.
    const missingLead = newEntityId()
    await expect(domain.createChallenge(aChallenge(missingLead, { coApplicantIds: [stranger] }))).rejects.toEqual(
      rejection('invalid_input', new RegExp(`there is no municipality ${missingLead}`)),
    )
    // A taken id is named before a missing municipality.
    await expect(domain.createChallenge({ ...challenge, coApplicantIds: [stranger] })).rejects.toEqual(rejection('conflict', /already exists/))
    await expect(domain.createChallenge(aChallenge(grue.id, { coApplicantIds: [grue.id] }))).rejects.toEqual(
      rejection('invalid_input', /coApplicantIds\.0: .* already the lead municipality/),
    )
    expect(await domain.listChallenges()).toHaveLength(2)
  })

  it('[D5] refuses invalid records with the failed fields named, and stores nothing of them', async () => {
    const opened = await open()
    const { domain } = opened.stores
    const grue = await domain.createMunicipality(aMunicipality())
    const challenge = await domain.createChallenge(aChallenge(grue.id))
    const workshop = await domain.createWorkshop(aWorkshop(challenge.id))

    await expect(domain.createMunicipality(aMunicipality({ municipalityNumber: '12', name: '' }))).rejects.toEqual(
      rejection('invalid_input', /^Invalid municipality: name: Must not be empty\.; municipalityNumber: A municipality number has four digits\.$/),
    )
    await expect(domain.createMunicipality({ ...aMunicipality({ municipalityNumber: null }), languageForm: 'sv' as 'nb' })).rejects.toEqual(
      rejection('invalid_input', /languageForm/),
    )
    await expect(domain.createMunicipality(null as never)).rejects.toEqual(rejection('invalid_input', /^Invalid municipality/))
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
    const orphan = aWorkshop(newEntityId())
    await expect(domain.createWorkshop(orphan)).rejects.toEqual(
      rejection('invalid_input', new RegExp(`^Workshop ${orphan.id}: there is no challenge ${orphan.challengeId}\\.$`)),
    )
    await expect(domain.createStep(aStep(workshop.id, { plannedMinutes: 0, templateId: 'Framing!' }))).rejects.toEqual(
      rejection('invalid_input', /templateId: A template id is a lower-case slug.*; plannedMinutes: A step takes at least one minute/),
    )
    await expect(domain.createStep(aStep(workshop.id, { boardId: 'bad id' }))).rejects.toEqual(rejection('invalid_input', /boardId/))
    const lost = aStep(newEntityId())
    await expect(domain.createStep(lost)).rejects.toEqual(
      rejection('invalid_input', new RegExp(`^Step ${lost.id}: there is no workshop ${lost.workshopId}\\.$`)),
    )
    const tables = ['municipalities', 'challenges', 'challenge_items', 'workshops', 'steps', 'boards']
    const counts = await Promise.all(tables.map((table) => count(opened, table)))
    expect(Object.fromEntries(tables.map((table, index) => [table, counts[index]]))).toEqual({
      municipalities: 1,
      challenges: 1,
      challenge_items: 4,
      workshops: 1,
      steps: 0,
      boards: 0,
    })
  })

  it('[D6] finds municipalities and challenges without regard to case or diacritics', async () => {
    const { domain } = (await open()).stores
    const add = (name: string, county: string | null) =>
      domain.createMunicipality(aMunicipality({ name, county, municipalityNumber: null }))
    const orsta = await add('Ørsta', 'Møre og Romsdal')
    const aseral = await add('Åseral', 'Agder')
    const baerum = await add('Bærum', 'Akershus')
    const grue = await add('Grue', 'Innlandet')
    const names = async (search: Parameters<typeof domain.searchMunicipalities>[0]) =>
      (await domain.searchMunicipalities(search)).map((municipality) => municipality.name)
    expect(await names({ text: 'orsta' })).toEqual(['Ørsta'])
    expect(await names({ text: 'ØRSTA' })).toEqual(['Ørsta'])
    expect(await names({ text: 'aser' })).toEqual(['Åseral'])
    expect(await names({ text: 'BAERUM' })).toEqual(['Bærum'])
    expect(await names({ text: 'bærum' })).toEqual(['Bærum'])
    expect(await names({ text: ' grue ' })).toEqual(['Grue'])
    expect(await names({ text: 'r' })).toEqual(['Bærum', 'Grue', 'Åseral', 'Ørsta'])
    expect(await names({ text: '  ' })).toEqual(['Bærum', 'Grue', 'Åseral', 'Ørsta'])
    expect(await names({ text: '%' })).toEqual([])
    expect(await names({ text: '_' })).toEqual([])
    expect(await names({ county: 'more og romsdal' })).toEqual(['Ørsta'])
    expect(await names({ county: 'Romsdal' })).toEqual([])
    expect(await names({ county: 'agder', text: 'orsta' })).toEqual([])
    expect(await names({})).toEqual(['Bærum', 'Grue', 'Åseral', 'Ørsta'])

    const grueChallenge = await domain.createChallenge(
      aChallenge(grue.id, { name: 'Kirkenær sentrum', coApplicantIds: [aseral.id], themes: ['Næringsliv'], status: 'active' }),
    )
    const orstaChallenge = await domain.createChallenge(
      aChallenge(orsta.id, {
        name: 'Ungdom i Ørsta',
        title: 'Korleis kan vi halde på ungdommen?',
        summary: 'Om å bli buande.',
        problemStatements: ['Korleis kan vi få fleire til å flytte heim?'],
        themes: ['busetting'],
        followerMunicipalityIds: [baerum.id],
        status: 'draft',
      }),
    )
    const found = async (search: Parameters<typeof domain.searchChallenges>[0]) =>
      (await domain.searchChallenges(search)).map((challenge) => challenge.id)
    expect(await found({})).toEqual([grueChallenge.id, orstaChallenge.id])
    expect(await found({ text: 'NAERINGSLIV' })).toEqual([grueChallenge.id])
    expect(await found({ text: 'kirkenaer' })).toEqual([grueChallenge.id])
    expect(await found({ text: 'orsta' })).toEqual([orstaChallenge.id])
    expect(await found({ text: 'flytte heim' })).toEqual([orstaChallenge.id])
    expect(await found({ text: 'buande' })).toEqual([orstaChallenge.id])
    expect(await found({ text: 'grue' })).toEqual([grueChallenge.id])
    expect(await found({ municipalityId: aseral.id })).toEqual([grueChallenge.id])
    expect(await found({ municipalityId: baerum.id })).toEqual([orstaChallenge.id])
    expect(await found({ municipalityId: orsta.id, status: 'draft' })).toEqual([orstaChallenge.id])
    expect(await found({ municipalityId: orsta.id, status: 'active' })).toEqual([])
    expect(await found({ status: 'closed' })).toEqual([])
    expect(await found({ municipalityId: newEntityId() })).toEqual([])
    expect(await found({ municipalityId: 'no such id!' })).toEqual([])
    expect(await found({ status: 'open' as 'active' })).toEqual([])
  })

  it('[D7] stores workshops in UTC with their facilitators, listed by start time', async () => {
    const { domain } = (await open()).stores
    const grue = await domain.createMunicipality(aMunicipality())
    const challenge = await domain.createChallenge(aChallenge(grue.id))
    const facilitators = [newEntityId(), newEntityId(), newEntityId()]
    const later = await domain.createWorkshop(aWorkshop(challenge.id, { startsAt: '2022-04-01T10:00:00+02:00', endsAt: '2022-04-01T15:30:00+02:00' }))
    const earlier = await domain.createWorkshop(aWorkshop(challenge.id, { facilitatorIds: facilitators, status: 'open', title: ' Dag 1 ' }))
    expect(later).toMatchObject({ startsAt: '2022-04-01T08:00:00.000Z', endsAt: '2022-04-01T13:30:00.000Z' })
    expect(earlier).toMatchObject({ title: 'Dag 1', facilitatorIds: facilitators })
    expect(await domain.getWorkshop(earlier.id)).toEqual(earlier)
    expect(await domain.getWorkshop(newEntityId())).toBeNull()
    expect(await domain.getWorkshop('x')).toBeNull()
    expect((await domain.listWorkshops(challenge.id)).map((workshop) => workshop.id)).toEqual([earlier.id, later.id])
    expect(await domain.listWorkshops(newEntityId())).toEqual([])
    expect(await domain.listWorkshops('not an id')).toEqual([])
    await expect(domain.createWorkshop(aWorkshop(challenge.id, { id: later.id }))).rejects.toEqual(
      rejection('conflict', new RegExp(`^A workshop with id ${later.id} already exists\\.$`)),
    )
  })

  it('[D8] stores steps in agenda order, each with its board', async () => {
    const { domain, boards } = (await open()).stores
    const grue = await domain.createMunicipality(aMunicipality())
    const challenge = await domain.createChallenge(aChallenge(grue.id))
    const workshop = await domain.createWorkshop(aWorkshop(challenge.id))
    const other = await domain.createWorkshop(aWorkshop(challenge.id))

    const second = await domain.createStep(aStep(workshop.id, { position: 1, templateId: 'stakeholder-mapping', instructions: ' Kartlegg ' }))
    const first = await domain.createStep(aStep(workshop.id, { position: 0 }))
    expect(second.instructions).toBe('Kartlegg')
    expect(await domain.listSteps(workshop.id)).toEqual([first, second])
    expect(await domain.listSteps(newEntityId())).toEqual([])
    expect(await domain.listSteps('-')).toEqual([])
    expect(await domain.getStep(second.id)).toEqual(second)
    expect(await domain.getStep('x')).toBeNull()
    expect(await domain.getStepByBoardId(first.boardId)).toEqual(first)
    expect(await domain.getStepByBoardId(newBoardId())).toBeNull()
    expect(await domain.getStepByBoardId('bad board id')).toBeNull()
    // The step's board exists (empty) in the board store.
    expect(await boards.loadBoard(first.boardId)).toMatchObject({ snapshot: null, updates: [], lastSeq: 0 })
    await expect(domain.createStep(aStep(other.id, { boardId: first.boardId }))).rejects.toEqual(
      rejection('conflict', new RegExp(`^Board ${first.boardId} already belongs to step ${first.id}\\.$`)),
    )
    await expect(domain.createStep(aStep(other.id, { id: first.id }))).rejects.toEqual(
      rejection('conflict', new RegExp(`^A step with id ${first.id} already exists\\.$`)),
    )
    // A board written before its step (as the routes do) becomes the step's, its content kept.
    const boardId = newBoardId()
    await boards.appendUpdates([{ boardId, update: Uint8Array.of(1) }])
    const built = await domain.createStep(aStep(other.id, { boardId }))
    expect(await domain.getStepByBoardId(boardId)).toEqual(built)
    expect(await boards.loadBoard(boardId)).toMatchObject({ lastSeq: 1 })
    expect(await domain.listSteps(other.id)).toEqual([built])
  })

  it('[D9] deletes a workshop with its steps, people, links and sessions, and its boards’ logs, snapshots and assets', async () => {
    const opened = await open()
    const { domain, boards, access } = opened.stores
    const grue = await domain.createMunicipality(aMunicipality())
    const challenge = await domain.createChallenge(aChallenge(grue.id))
    const doomed = await domain.createWorkshop(aWorkshop(challenge.id, { facilitatorIds: [newEntityId()] }))
    const kept = await domain.createWorkshop(aWorkshop(challenge.id, { facilitatorIds: [newEntityId()] }))
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
    const people = async (workshopId: string) => {
      const link = await access.activeLink(workshopId, 'participant', () => ({
        id: newEntityId(), workshopId, role: 'participant', token: newSecret(), createdAt: 1000, revokedAt: null,
      }))
      const participant = await access.createParticipant({
        id: newEntityId(), workshopId, displayName: 'Kari', affiliation: 'municipality', color: '#175CD3', linkId: link.id, createdAt: 1000,
      })
      const idHash = hashSecret(newSecret())
      await access.createSession({
        idHash, role: 'participant', facilitatorId: null, workshopId, linkId: link.id, participantId: participant.id,
        csrfToken: newSecret(), createdAt: 1000, expiresAt: 5000,
      })
      return { link, participant, idHash }
    }
    const doomedPeople = await people(doomed.id)
    const keptPeople = await people(kept.id)

    expect(await domain.deleteWorkshop(doomed.id)).toBe(true)

    expect(await domain.getWorkshop(doomed.id)).toBeNull()
    expect(await domain.listSteps(doomed.id)).toEqual([])
    for (const step of steps) {
      expect(await domain.getStep(step.id)).toBeNull()
      expect(await boards.loadBoard(step.boardId)).toEqual({ snapshot: null, updates: [], lastSeq: 0, logCount: 0, logBytes: 0, clients: new Map() })
      expect(await boards.listSnapshots(step.boardId)).toEqual([])
      expect(await boards.getAsset(`asset-${step.id}`)).toBeNull()
    }
    expect(await access.getParticipant(doomedPeople.participant.id)).toBeNull()
    expect(await access.getSession(doomedPeople.idHash, 2000)).toBeNull()
    expect(await access.findActiveLink(doomedPeople.link.token)).toBeNull()
    const doomedBoards = steps.map((step) => step.boardId)
    const leftOf = async (table: string) => count(opened, table, 'board_id IN ($1, $2)', doomedBoards)
    for (const table of ['boards', 'board_updates', 'board_snapshots', 'assets', 'board_clients']) expect(await leftOf(table)).toBe(0)
    for (const table of ['participants', 'workshop_links', 'sessions', 'workshop_facilitators']) {
      expect(await count(opened, table, 'workshop_id = $1', [doomed.id])).toBe(0)
      expect(await count(opened, table, 'workshop_id = $1', [kept.id])).toBe(1)
    }

    // The other workshop keeps everything.
    expect(await domain.getWorkshop(kept.id)).toEqual(kept)
    expect(await domain.listSteps(kept.id)).toEqual([keptStep])
    expect(await boards.loadBoard(keptStep.boardId)).toMatchObject({ snapshot: Uint8Array.of(9, 9), updates: [Uint8Array.of(3)], lastSeq: 3 })
    expect(await boards.getAsset(`asset-${keptStep.id}`)).not.toBeNull()
    expect(await access.getParticipant(keptPeople.participant.id)).not.toBeNull()
    expect(await access.getSession(keptPeople.idHash, 2000)).not.toBeNull()

    expect(await domain.deleteWorkshop(doomed.id)).toBe(false)
    expect(await domain.deleteWorkshop('not an id')).toBe(false)
  })

  it('[D15] seeds an empty domain once, and a seed with a bad record not at all', async () => {
    const { domain } = (await open()).stores
    const grue = aMunicipality()
    const kongsvinger = aMunicipality({ name: 'Kongsvinger', municipalityNumber: '3401' })
    const seed: DomainSeed = {
      municipalities: [grue, kongsvinger],
      followerLinks: [{ leadMunicipalityId: grue.id, followerMunicipalityId: kongsvinger.id }],
      challenges: [aChallenge(grue.id, { coApplicantIds: [kongsvinger.id] })],
    }
    await expect(domain.seedIfEmpty({ ...seed, challenges: [aChallenge(newEntityId())] })).rejects.toEqual(
      rejection('invalid_input', /there is no municipality/),
    )
    await expect(domain.seedIfEmpty({ ...seed, followerLinks: {} as never })).rejects.toEqual(
      rejection('invalid_input', /^The seed's follower links must be an array\.$/),
    )
    await expect(domain.seedIfEmpty({ ...seed, municipalities: [grue, { ...kongsvinger, municipalityNumber: '1' }] })).rejects.toEqual(
      rejection('invalid_input', /^Invalid municipality 1 of the seed: municipalityNumber/),
    )
    await expect(domain.seedIfEmpty({ ...seed, municipalities: [grue, { ...kongsvinger, municipalityNumber: '3417' }] })).rejects.toEqual(
      rejection('conflict', /3417 already belongs to Grue/),
    )
    expect(await domain.listMunicipalities()).toEqual([])

    expect(await domain.seedIfEmpty(seed)).toBe(true)
    expect(await domain.listMunicipalities()).toEqual([grue, kongsvinger])
    expect(await domain.listFollowerLinks()).toEqual(seed.followerLinks)
    expect(await domain.listChallenges()).toEqual(seed.challenges)
    expect(await domain.seedIfEmpty({ municipalities: [aMunicipality({ municipalityNumber: null })], followerLinks: [], challenges: [] })).toBe(false)
    expect(await domain.listMunicipalities()).toHaveLength(2)
  })

  it('[D16] refuses calls once closed, leaves the other stores working, and keeps what it stored', async () => {
    const opened = await open()
    const { domain, boards } = opened.stores
    const grue = await domain.createMunicipality(aMunicipality())
    await domain.close()
    await domain.close()
    await expect(domain.listMunicipalities()).rejects.toEqual(rejection('store_closed', /^Cannot list municipalities: the domain store is closed\.$/))
    await expect(domain.createMunicipality(aMunicipality())).rejects.toEqual(rejection('store_closed', /domain store is closed/))
    await boards.appendUpdates([{ boardId: newBoardId(), update: Uint8Array.of(1) }])
    const reopened = await opened.reopen()
    expect(await reopened.domain.getMunicipality(grue.id)).toEqual(grue)
  })
})
