// The DomainStore rules of domainStore.test.ts (ids as in its table) while two server instances
// change one Postgres database at once. Each instance has its own pool. A lock held from the
// test's own connection (holdLock) makes the racing operations queue up behind it, in the order
// the test starts them, and go on together when it is released: the race happens every run.
// (An operation that ought to wait for the lock and does not makes its test fail waiting for it.)
import { randomBytes } from 'node:crypto'
import pg from 'pg'
import { afterEach, describe, expect, inject, it } from 'vitest'
import { newBoardId } from '../../shared/src/protocol/boardId.ts'
import { newEntityId } from '../../shared/src/schema/entityId.ts'
import { hashSecret, newSecret } from '../../server/src/auth/secrets.ts'
import type { Participant, StoredSession } from '../../server/src/store/AccessStore.ts'
import type { DomainSeed } from '../../server/src/store/DomainStore.ts'
import { openPostgresStores } from '../../server/src/store/postgresStores.ts'
import { closeStores, type Stores } from '../../server/src/store/stores.ts'
import { aChallenge, aMunicipality, aStep, aWorkshop } from '../helpers/domainFixtures.ts'
import { postgresBackend } from '../helpers/storeBackends.ts'
import { anotherInstance, holdLock, queryStorage } from '../helpers/storeRaces.ts'

const cleanups: (() => Promise<unknown>)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

function rejection(code: string, message: RegExp) {
  return expect.objectContaining({ code, message: expect.stringMatching(message) })
}

/** The outcome of an operation started now and looked at later (never an unhandled rejection meanwhile). */
function started<T>(operation: Promise<T>): Promise<PromiseSettledResult<T>> {
  return operation.then(
    (value) => ({ status: 'fulfilled', value }),
    (reason: unknown) => ({ status: 'rejected', reason }),
  )
}

/** Two server instances on one new database, with a municipality, a challenge and a workshop. */
async function twoInstances() {
  const opened = await postgresBackend.open()
  cleanups.push(() => opened.cleanup())
  if (!('url' in opened.storage)) throw new Error('A Postgres database expected.')
  const { url } = opened.storage
  const two = await anotherInstance(url, 4)
  cleanups.push(() => closeStores(two))
  const one = opened.stores
  const grue = await one.domain.createMunicipality(aMunicipality())
  const challenge = await one.domain.createChallenge(aChallenge(grue.id))
  const workshop = await one.domain.createWorkshop(aWorkshop(challenge.id))
  const count = async (table: string, where: string, values: string[]) => {
    const [row] = await queryStorage(opened.storage, `SELECT count(*) AS n FROM ${table} WHERE ${where}`, values)
    return Number(row?.['n'])
  }
  return { one, two, url, grue, challenge, workshop, count }
}

const lockWorkshopRow = 'SELECT id FROM workshops WHERE id = $1 FOR UPDATE'

/** The tables that hold a board's rows. */
const boardTables = ['boards', 'board_updates', 'board_snapshots', 'assets', 'board_clients']

describe('domain store races (Postgres, two instances on one database)', () => {
  it('[D9] deleting a workshop while the other instance adds a step to it takes the new step and its board too', async () => {
    const { one, two, url, workshop, count } = await twoInstances()
    const step = aStep(workshop.id)
    const gate = await holdLock(url, lockWorkshopRow, [workshop.id])
    const adding = started(one.domain.createStep(step))
    await gate.waiters(1)
    const deleting = started(two.domain.deleteWorkshop(workshop.id))
    await gate.waiters(2)
    await gate.release()
    expect(await adding).toEqual({ status: 'fulfilled', value: step })
    expect(await deleting).toEqual({ status: 'fulfilled', value: true })
    expect(await count('steps', 'workshop_id = $1', [workshop.id])).toBe(0)
    for (const table of boardTables) expect([table, await count(table, 'board_id = $1', [step.boardId])]).toEqual([table, 0])
  })

  it('[D9] a step added after its workshop was deleted by the other instance is refused and leaves no board', async () => {
    const { one, two, url, workshop, count } = await twoInstances()
    const step = aStep(workshop.id)
    const gate = await holdLock(url, lockWorkshopRow, [workshop.id])
    const deleting = started(two.domain.deleteWorkshop(workshop.id))
    await gate.waiters(1)
    const adding = started(one.domain.createStep(step))
    await gate.waiters(2)
    await gate.release()
    expect(await deleting).toEqual({ status: 'fulfilled', value: true })
    expect(await adding).toEqual({ status: 'rejected', reason: rejection('invalid_input', /there is no workshop/) })
    expect(await count('steps', 'workshop_id = $1', [workshop.id])).toBe(0)
    for (const table of boardTables) expect([table, await count(table, 'board_id = $1', [step.boardId])]).toEqual([table, 0])
  })

  it('[D9] a participant, link and session being added while the workshop is deleted go with it', async () => {
    const { one, two, url, workshop, count } = await twoInstances()
    const link = { id: newEntityId(), workshopId: workshop.id, role: 'participant' as const, token: newSecret(), createdAt: 1, revokedAt: null }
    const participant: Participant = {
      id: newEntityId(), workshopId: workshop.id, displayName: 'Kari', affiliation: 'citizen', color: '#175CD3', linkId: null, createdAt: 1,
    }
    const observer: StoredSession = {
      idHash: hashSecret(newSecret()), role: 'observer', facilitatorId: null, workshopId: workshop.id, linkId: null, participantId: null,
      csrfToken: newSecret(), createdAt: 1, expiresAt: Date.now() + 60_000,
    }
    const gate = await holdLock(url, lockWorkshopRow, [workshop.id])
    const joins = [
      started(one.access.activeLink(workshop.id, 'participant', () => link)),
      started(one.access.createParticipant(participant)),
      started(one.access.createSession(observer)),
    ]
    await gate.waiters(3)
    const deleting = started(two.domain.deleteWorkshop(workshop.id))
    await gate.waiters(4)
    await gate.release()
    expect(await deleting).toEqual({ status: 'fulfilled', value: true })
    expect((await Promise.all(joins)).map((outcome) => outcome.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled'])
    expect(await two.access.getSession(observer.idHash, Date.now())).toBeNull()
    for (const table of ['participants', 'workshop_links', 'sessions']) {
      expect([table, await count(table, 'workshop_id = $1', [workshop.id])]).toEqual([table, 0])
    }
  })

  it('[D9] an edit being committed to a step’s board when its workshop is deleted leaves no row of that board', async () => {
    const { one, two, url, workshop, count } = await twoInstances()
    const step = await one.domain.createStep(aStep(workshop.id))
    const gate = await holdLock(url, 'SELECT board_id FROM boards WHERE board_id = $1 FOR UPDATE', [step.boardId])
    const editing = started(one.boards.appendUpdates([{ boardId: step.boardId, update: Uint8Array.of(1) }]))
    await gate.waiters(1)
    const deleting = started(two.domain.deleteWorkshop(workshop.id))
    await gate.waiters(2)
    await gate.release()
    expect((await editing).status).toBe('fulfilled')
    expect(await deleting).toEqual({ status: 'fulfilled', value: true })
    for (const table of boardTables) expect([table, await count(table, 'board_id = $1', [step.boardId])]).toEqual([table, 0])
  })

  it('[D8] two instances giving one board to steps of two workshops: one step gets it, the other is refused', async () => {
    const { one, two, url, challenge, workshop, count } = await twoInstances()
    const other = await one.domain.createWorkshop(aWorkshop(challenge.id))
    const boardId = newBoardId()
    await one.boards.appendUpdates([{ boardId, update: Uint8Array.of(1) }])
    // Both pass the check that the board is free, then wait at the board's row.
    const gate = await holdLock(url, 'SELECT board_id FROM boards WHERE board_id = $1 FOR UPDATE', [boardId])
    const first = aStep(workshop.id, { boardId })
    const second = aStep(other.id, { boardId })
    const outcomes = [started(one.domain.createStep(first)), started(two.domain.createStep(second))]
    await gate.waiters(2)
    await gate.release()
    const settled = await Promise.all(outcomes)
    const stored = settled.filter((outcome) => outcome.status === 'fulfilled')
    expect(stored).toHaveLength(1)
    const owner = stored[0]?.status === 'fulfilled' ? stored[0].value : undefined
    expect(settled.find((outcome) => outcome.status === 'rejected')).toEqual({
      status: 'rejected',
      reason: rejection('conflict', new RegExp(`^Board ${boardId} already belongs to step ${owner?.id}\\.$`)),
    })
    expect(await one.domain.getStepByBoardId(boardId)).toEqual(owner)
    expect(await count('steps', 'board_id = $1', [boardId])).toBe(1)
  })

  it('[D8] steps added to one workshop by two instances at once are all stored, at the positions asked', async () => {
    const { one, two, url, workshop } = await twoInstances()
    const steps = [0, 1, 2, 3].map((position) => aStep(workshop.id, { position }))
    const gate = await holdLock(url, lockWorkshopRow, [workshop.id])
    const outcomes = steps.map((step, index) => started((index % 2 === 0 ? one : two).domain.createStep(step)))
    await gate.waiters(steps.length)
    await gate.release()
    expect(await Promise.all(outcomes)).toEqual(steps.map((value) => ({ status: 'fulfilled', value })))
    expect(await two.domain.listSteps(workshop.id)).toEqual(steps)
  })

  it('[D8] steps added by two instances at once, both asking for the next position, get distinct positions', async () => {
    const { one, two, url, workshop } = await twoInstances()
    // As the step route asks: each read the workshop's steps (none) and asks for position 0.
    const steps = [aStep(workshop.id, { position: 0 }), aStep(workshop.id, { position: 0 })]
    const gate = await holdLock(url, lockWorkshopRow, [workshop.id])
    const outcomes = [started(one.domain.createStep(steps[0] ?? aStep(workshop.id))), started(two.domain.createStep(steps[1] ?? aStep(workshop.id)))]
    await gate.waiters(2)
    await gate.release()
    const stored = await Promise.all(outcomes)
    expect(stored.map((outcome) => outcome.status)).toEqual(['fulfilled', 'fulfilled'])
    const listed = await two.domain.listSteps(workshop.id)
    expect(listed.map((step) => step.position)).toEqual([0, 1])
    expect(new Set(listed.map((step) => step.id))).toEqual(new Set(steps.map((step) => step.id)))
  })

  it('[D13] a reordering queued behind another instance’s new step is refused as incomplete', async () => {
    const { one, two, url, workshop } = await twoInstances()
    const steps = [await one.domain.createStep(aStep(workshop.id, { position: 0 })), await one.domain.createStep(aStep(workshop.id, { position: 1 }))]
    const added = aStep(workshop.id, { position: 2 })
    const gate = await holdLock(url, lockWorkshopRow, [workshop.id])
    const adding = started(one.domain.createStep(added))
    await gate.waiters(1)
    const reordering = started(two.domain.reorderSteps(workshop.id, steps.map((step) => step.id).reverse()))
    await gate.waiters(2)
    await gate.release()
    expect((await adding).status).toBe('fulfilled')
    expect(await reordering).toEqual({ status: 'rejected', reason: rejection('invalid_input', /each of the workshop's 3 steps exactly once/) })
    expect(await one.domain.listSteps(workshop.id)).toEqual([...steps, added])
  })

  it('[D13] a reordering that goes first leaves the other instance’s new step after the reordered ones', async () => {
    const { one, two, url, workshop } = await twoInstances()
    const [first, second] = [await one.domain.createStep(aStep(workshop.id, { position: 0 })), await one.domain.createStep(aStep(workshop.id, { position: 1 }))]
    if (first === undefined || second === undefined) throw new Error('Two steps expected.')
    const added = aStep(workshop.id, { position: 2 })
    const gate = await holdLock(url, lockWorkshopRow, [workshop.id])
    const reordering = started(two.domain.reorderSteps(workshop.id, [second.id, first.id]))
    await gate.waiters(1)
    const adding = started(one.domain.createStep(added))
    await gate.waiters(2)
    await gate.release()
    expect(await reordering).toEqual({ status: 'fulfilled', value: [{ ...second, position: 0 }, { ...first, position: 1 }] })
    expect((await adding).status).toBe('fulfilled')
    expect(await one.domain.listSteps(workshop.id)).toEqual([{ ...second, position: 0 }, { ...first, position: 1 }, added])
  })

  it('[D14] two instances deleting two steps of one workshop at once leave the rest numbered from 0', async () => {
    const { one, two, url, workshop } = await twoInstances()
    const steps = []
    for (const position of [0, 1, 2, 3, 4]) steps.push(await one.domain.createStep(aStep(workshop.id, { position })))
    const [s0, s1, s2, s3, s4] = steps
    if (s0 === undefined || s1 === undefined || s2 === undefined || s3 === undefined || s4 === undefined) throw new Error('Five steps expected.')
    const gate = await holdLock(url, lockWorkshopRow, [workshop.id])
    const deletions = [started(one.domain.deleteStep(s0.id)), started(two.domain.deleteStep(s3.id))]
    await gate.waiters(2)
    await gate.release()
    expect(await Promise.all(deletions)).toEqual([
      { status: 'fulfilled', value: s0 },
      { status: 'fulfilled', value: expect.objectContaining({ id: s3.id }) },
    ])
    expect((await one.domain.listSteps(workshop.id)).map((step) => [step.id, step.position])).toEqual([
      [s1.id, 0],
      [s2.id, 1],
      [s4.id, 2],
    ])
  })

  it('[D14] one step deleted by both instances at once is deleted once', async () => {
    const { one, two, url, workshop } = await twoInstances()
    const step = await one.domain.createStep(aStep(workshop.id))
    const kept = await one.domain.createStep(aStep(workshop.id, { position: 1 }))
    const gate = await holdLock(url, lockWorkshopRow, [workshop.id])
    const deletions = [started(one.domain.deleteStep(step.id)), started(two.domain.deleteStep(step.id))]
    await gate.waiters(2)
    await gate.release()
    const outcomes = await Promise.all(deletions)
    expect(outcomes).toContainEqual({ status: 'fulfilled', value: step })
    expect(outcomes).toContainEqual({ status: 'fulfilled', value: null })
    expect(await one.domain.listSteps(workshop.id)).toEqual([{ ...kept, position: 0 }])
  })

  it('[D10] two instances patching one challenge at once keep both patches', async () => {
    const { one, two, url, challenge } = await twoInstances()
    const gate = await holdLock(url, 'SELECT id FROM challenges WHERE id = $1 FOR UPDATE', [challenge.id])
    const patches = [
      started(one.domain.updateChallenge(challenge.id, { status: 'closed' })),
      started(two.domain.updateChallenge(challenge.id, { themes: ['transport', 'bolig'], problemStatements: [] })),
    ]
    await gate.waiters(2)
    await gate.release()
    expect((await Promise.all(patches)).map((outcome) => outcome.status)).toEqual(['fulfilled', 'fulfilled'])
    expect(await two.domain.getChallenge(challenge.id)).toEqual({ ...challenge, status: 'closed', themes: ['transport', 'bolig'], problemStatements: [] })
  })

  it('[D11] two instances patching one workshop at once keep both patches', async () => {
    const { one, two, url, workshop } = await twoInstances()
    const facilitators = [newEntityId(), newEntityId()]
    const gate = await holdLock(url, lockWorkshopRow, [workshop.id])
    const patches = [
      started(one.domain.updateWorkshop(workshop.id, { title: 'Dag 2' })),
      started(two.domain.updateWorkshop(workshop.id, { facilitatorIds: facilitators, status: 'open' })),
    ]
    await gate.waiters(2)
    await gate.release()
    expect((await Promise.all(patches)).map((outcome) => outcome.status)).toEqual(['fulfilled', 'fulfilled'])
    expect(await one.domain.getWorkshop(workshop.id)).toEqual({ ...workshop, title: 'Dag 2', facilitatorIds: facilitators, status: 'open' })
  })

  it('[D12] two instances editing one step at once keep both edits', async () => {
    const { one, two, url, workshop } = await twoInstances()
    const step = await one.domain.createStep(aStep(workshop.id))
    const gate = await holdLock(url, 'SELECT id FROM steps WHERE id = $1 FOR UPDATE', [step.id])
    const edits = [started(one.domain.updateStep(step.id, { instructions: 'Skriv behov' }))]
    await gate.waiters(1)
    edits.push(started(two.domain.updateStep(step.id, { plannedMinutes: 45 })))
    await gate.waiters(2)
    await gate.release()
    expect(await Promise.all(edits)).toEqual([
      { status: 'fulfilled', value: { ...step, instructions: 'Skriv behov' } },
      { status: 'fulfilled', value: { ...step, instructions: 'Skriv behov', plannedMinutes: 45 } },
    ])
    expect(await one.domain.getStep(step.id)).toEqual({ ...step, instructions: 'Skriv behov', plannedMinutes: 45 })
  })

  it('[D15] two instances starting on an empty database seed it once', async () => {
    const opened = await postgresBackend.open()
    cleanups.push(() => opened.cleanup())
    if (!('url' in opened.storage)) throw new Error('A Postgres database expected.')
    const two = await anotherInstance(opened.storage.url, 4)
    cleanups.push(() => closeStores(two))
    const seedOf = (): DomainSeed => {
      const grue = aMunicipality()
      return { municipalities: [grue], followerLinks: [], challenges: [aChallenge(grue.id)] }
    }
    const seeds = [seedOf(), seedOf()]
    const gate = await holdLock(opened.storage.url, 'LOCK TABLE municipalities IN SHARE ROW EXCLUSIVE MODE')
    const seeding = [started(opened.stores.domain.seedIfEmpty(seeds[0] as DomainSeed))]
    await gate.waiters(1)
    seeding.push(started(two.domain.seedIfEmpty(seeds[1] as DomainSeed)))
    await gate.waiters(2)
    await gate.release()
    expect(await Promise.all(seeding)).toEqual([
      { status: 'fulfilled', value: true },
      { status: 'fulfilled', value: false },
    ])
    expect(await two.domain.listMunicipalities()).toEqual(seeds[0]?.municipalities)
    expect(await two.domain.listChallenges()).toEqual(seeds[0]?.challenges)
  })

  it('[D3] two instances adding municipalities with one number at once: the second is refused, naming the first', async () => {
    const { one, two, url } = await twoInstances()
    // The gate's own uncommitted municipality with the number makes both inserts wait for it.
    const gate = await holdLock(
      url,
      `INSERT INTO municipalities (id, name, municipality_number, language_form, created_at) VALUES ($1, 'Gate', '0301', 'nb', 0)`,
      [newEntityId()],
    )
    const oslo = aMunicipality({ name: 'Oslo', municipalityNumber: '0301' })
    const copy = aMunicipality({ name: 'Kristiania', municipalityNumber: '0301' })
    const outcomes = [started(one.domain.createMunicipality(oslo)), started(two.domain.createMunicipality(copy))]
    await gate.waiters(2)
    await gate.release()
    // Both waited for the gate's transaction, so either may win once it rolls back.
    const [first, second] = await Promise.all(outcomes)
    const winner = first?.status === 'fulfilled' ? oslo : copy
    expect(first?.status === 'fulfilled' ? [first, second] : [second, first]).toEqual([
      { status: 'fulfilled', value: winner },
      { status: 'rejected', reason: rejection('conflict', new RegExp(`^Municipality number 0301 already belongs to ${winner.name}\\.$`)) },
    ])
    expect(await one.domain.searchMunicipalities({ text: winner.name })).toEqual([winner])
  })

  it('[D4] [D7] two instances creating a challenge or a workshop with one id at once: the second is a conflict', async () => {
    const { one, two, url, grue, challenge } = await twoInstances()
    const twin = aChallenge(grue.id)
    const challengeGate = await holdLock(
      url,
      `INSERT INTO challenges (id, lead_municipality_id, name, title, summary, status, created_at)
       VALUES ($1, $2, 'Gate', 'Hvordan?', '', 'draft', 0)`,
      [twin.id, grue.id],
    )
    const challenges = [started(one.domain.createChallenge(twin)), started(two.domain.createChallenge({ ...twin, name: 'Twin' }))]
    await challengeGate.waiters(2)
    await challengeGate.release()
    const challengeOutcomes = await Promise.all(challenges)
    expect(challengeOutcomes.map((outcome) => outcome.status).sort()).toEqual(['fulfilled', 'rejected'])
    expect(challengeOutcomes.find((outcome) => outcome.status === 'rejected')).toEqual({
      status: 'rejected',
      reason: rejection('conflict', new RegExp(`^A challenge with id ${twin.id} already exists\\.$`)),
    })

    const workshop = aWorkshop(challenge.id)
    const workshopGate = await holdLock(
      url,
      `INSERT INTO workshops (id, challenge_id, title, starts_at, ends_at, status, created_at) VALUES ($1, $2, 'Gate', 0, 1, 'planned', 0)`,
      [workshop.id, challenge.id],
    )
    const workshops = [started(one.domain.createWorkshop(workshop)), started(two.domain.createWorkshop({ ...workshop, title: 'Twin' }))]
    await workshopGate.waiters(2)
    await workshopGate.release()
    const workshopOutcomes = await Promise.all(workshops)
    expect(workshopOutcomes.map((outcome) => outcome.status).sort()).toEqual(['fulfilled', 'rejected'])
    expect(workshopOutcomes.find((outcome) => outcome.status === 'rejected')).toEqual({
      status: 'rejected',
      reason: rejection('conflict', new RegExp(`^A workshop with id ${workshop.id} already exists\\.$`)),
    })
  })
})

describe('domain store on a Postgres database with a Norwegian collation', () => {
  /** A new database whose default collation sorts as Norwegian does (ICU nb-NO): aA before bB, Æ Ø Å after Z. */
  async function norwegianDatabase(): Promise<string> {
    const adminUrl = inject('postgresAdminUrl')
    const name = `samskap_nb_${randomBytes(6).toString('hex')}`
    const admin = new pg.Client(adminUrl)
    await admin.connect()
    try {
      await admin.query(`CREATE DATABASE ${name} TEMPLATE template0 ENCODING 'UTF8' LOCALE 'C.UTF-8' LOCALE_PROVIDER icu ICU_LOCALE 'nb-NO'`)
    } finally {
      await admin.end()
    }
    cleanups.push(async () => {
      const dropper = new pg.Client(adminUrl)
      await dropper.connect()
      await dropper.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).finally(() => dropper.end())
    })
    const url = new URL(adminUrl)
    url.pathname = `/${name}`
    return url.toString()
  }

  it('[D1] lists in the order SQLite does, not the database’s', async () => {
    const url = await norwegianDatabase()
    const stores: Stores = await openPostgresStores({ url, retention: { keepLast: 2, keepDaily: 1 }, poolSize: 2 })
    cleanups.push(() => closeStores(stores))
    const { domain } = stores
    const [collated] = await queryStorage(
      { url },
      `SELECT array_agg(name ORDER BY name) AS sorted FROM (VALUES ('b'), ('A'), ('Ø'), ('Å')) AS names (name)`,
    )
    // The database's own order is Norwegian, so the store's order below is its own doing.
    expect(collated?.['sorted']).toEqual(['A', 'b', 'Ø', 'Å'])
    for (const name of ['Ørsta', 'Åseral', 'Ærø', 'aurland', 'Averøy', 'Bø']) {
      await domain.createMunicipality(aMunicipality({ name, municipalityNumber: null }))
    }
    expect((await domain.listMunicipalities()).map((municipality) => municipality.name)).toEqual(['Averøy', 'Bø', 'aurland', 'Åseral', 'Ærø', 'Ørsta'])
    expect((await domain.searchMunicipalities({ text: 'a' })).map((municipality) => municipality.name)).toEqual(['Averøy', 'aurland', 'Åseral', 'Ærø', 'Ørsta'])

  })
})
