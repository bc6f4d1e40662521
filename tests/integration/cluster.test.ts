import { Redis } from 'ioredis'
import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { newBoardId } from '../../shared/src/protocol/boardId.ts'
import { CloseCode } from '../../shared/src/protocol/closeCodes.ts'
import { WorkshopDetail, type AgendaStep } from '../../shared/src/schema/workshopApi.ts'
import { joinCodeRules } from '../../server/src/auth/joinCodeThrottle.ts'
import { ApiAgent, firstFacilitator, linkToken, setUpFirstFacilitator, type SignedInFacilitator } from '../helpers/auth.ts'
import {
  awarenessMessage,
  createClient,
  isAcknowledged,
  presencesSeenBy,
  RawClient,
  type EditMark,
  type TestClient,
} from '../helpers/clients.ts'
import {
  clusterDatabase,
  roundRobin,
  spawnInstances,
  startInstances,
  type ClusterDatabase,
  type InProcessInstance,
} from '../helpers/cluster.ts'
import { WorkshopEventStream } from '../helpers/eventStream.ts'
import { openPostgresStores } from '../../server/src/store/postgresStores.ts'
import { closeStores } from '../../server/src/store/stores.ts'
import { randomInt, seededRandom, testSeed } from '../helpers/random.ts'
import { loadStoredDoc } from '../helpers/server.ts'
import { startLocalRedis } from '../../server/scripts/localServices.ts'
import { noteEntry } from '../helpers/testRecords.ts'
import { waitFor } from '../helpers/waitFor.ts'
import { createWorkshop, expectStatus, grueChallengeId, openWorkshop, setStatus, type JoinedParticipant } from '../helpers/workshopApi.ts'

// Several relay instances on one Postgres and one Redis, with the people of one board spread over
// them as a load balancer without sticky sessions spreads them.

const cleanups: Array<() => unknown> = []
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.()
})

async function cluster(): Promise<ClusterDatabase> {
  const database = await clusterDatabase()
  cleanups.push(() => database.drop())
  return database
}

function client(syncUrl: string, boardId: string, options: Parameters<typeof createClient>[2] = {}): TestClient {
  const created = createClient(syncUrl, boardId, options)
  cleanups.push(() => created.destroy())
  return created
}

function recordKeys(doc: Y.Doc): string[] {
  return doc
    .getArray<{ key: string }>('records')
    .toArray()
    .map((entry) => entry.key)
}

interface WorkshopScene {
  instances: InProcessInstance[]
  facilitator: SignedInFacilitator
  workshopId: string
  /** The first step's board. */
  boardId: string
  steps: readonly AgendaStep[]
  participant: JoinedParticipant
}

/** Three instances, an open workshop with two steps (made through the first) and a participant who joined. */
async function workshopOnThree(): Promise<WorkshopScene> {
  const instances = await startInstances(3, await cluster())
  for (const instance of instances) cleanups.push(() => instance.close())
  const [first] = instances
  if (first === undefined) throw new Error('an instance')
  const facilitator = await setUpFirstFacilitator(first)
  const { workshopId, steps, participant } = await openWorkshop(facilitator.agent, {
    baseUrl: first.url,
    challengeId: await grueChallengeId(facilitator.agent),
    steps: [
      { templateId: 'stakeholder-mapping', plannedMinutes: 20 },
      { templateId: 'ideas', plannedMinutes: 15 },
    ],
    participant: { displayName: 'Per Hansen', affiliation: 'business' },
  })
  return { instances, facilitator, workshopId, boardId: steps[0].boardId, steps, participant }
}

/** A board socket of the participant's browser on one instance, let in. */
async function participantSocket(syncUrl: string, boardId: string, participant: JoinedParticipant): Promise<RawClient> {
  const raw = await RawClient.connect(syncUrl, boardId, { headers: { cookie: participant.agent.cookieHeader() } })
  cleanups.push(() => raw.close())
  await raw.barrier()
  return raw
}

describe('several relay instances', () => {
  it('[C1] [C2] [C8] relay updates, presence and a joiner’s full state across instances', async () => {
    const instances = await startInstances(3, await cluster())
    for (const instance of instances) cleanups.push(() => instance.close())
    const boardId = newBoardId()
    const [a, b, c] = instances.map((instance) => client(instance.syncUrl, boardId))
    if (a === undefined || b === undefined || c === undefined) throw new Error('three clients')
    await Promise.all([a, b, c].map((each) => each.waitForSynced()))

    a.setRecord(...noteEntry('shape:from-a', { text: 'Møteplass for ungdom' }))
    b.setRecord(...noteEntry('shape:from-b', { text: 'Torgdag' }))
    await a.waitForSaved()
    await b.waitForSaved()
    for (const each of [a, b, c]) {
      await waitFor(() => each.records.get('shape:from-a') !== undefined && each.records.get('shape:from-b') !== undefined, {
        message: 'both notes on every instance',
      })
    }

    // A joiner on the third instance gets everything, committed on the first two.
    const joiner = client(instances[2]?.syncUrl ?? '', boardId)
    await joiner.waitForSynced()
    expect(recordKeys(joiner.doc)).toEqual(expect.arrayContaining(['shape:from-a', 'shape:from-b']))

    // Presence published on one instance is seen on the others.
    const watcher = await RawClient.connect(instances[1]?.syncUrl ?? '', boardId)
    cleanups.push(() => watcher.close())
    const presenter = await RawClient.connect(instances[0]?.syncUrl ?? '', boardId)
    cleanups.push(() => presenter.close())
    presenter.send(awarenessMessage(4242, 1, { presence: { userName: 'Kari' } }))
    await waitFor(() => presencesSeenBy(watcher).has(4242), { message: 'the presence on the other instance' })
    // …and its departure too.
    presenter.close()
    await waitFor(() => presencesSeenBy(watcher).get(4242) === null, { message: 'the presence gone on the other instance' })
  })

  it('[C3] catches a board up from the store when the bus was cut off and what it published meanwhile is lost', async () => {
    const database = await cluster()
    const instances = await startInstances(2, database)
    for (const instance of instances) cleanups.push(() => instance.close())
    const [first, second] = instances
    if (first === undefined || second === undefined) throw new Error('two instances')
    const boardId = newBoardId()
    const writer = client(first.syncUrl, boardId)
    const reader = client(second.syncUrl, boardId)
    await Promise.all([writer.waitForSynced(), reader.waitForSynced()])
    const redis = new Redis(database.redisUrl)
    cleanups.push(() => redis.quit())

    // Cut every subscriber off and write at once: the update is published while the second
    // instance is not listening.
    await redis.client('KILL', 'TYPE', 'pubsub')
    writer.setRecord(...noteEntry('shape:while-cut', { text: 'Skrevet mens bussen var nede' }))
    await writer.waitForSaved()
    await waitFor(() => reader.records.get('shape:while-cut') !== undefined, { message: 'the note on the other instance' })
    expect(second.running.rooms.stats(boardId)?.catchUps).toBeGreaterThan(0)
  })

  it('[C6] closes a rotated link’s sockets on every instance within a second', async () => {
    const { instances, facilitator, workshopId, boardId, participant } = await workshopOnThree()
    // One participant, whose browser reaches a different instance with each socket.
    const sockets = await Promise.all(instances.map((instance) => participantSocket(instance.syncUrl, boardId, participant)))
    const started = performance.now()
    expectStatus(await facilitator.agent.post(`/api/workshops/${workshopId}/links/participant/rotate`), 200)
    for (const socket of sockets) {
      expect(await waitFor(() => socket.closeCode, { message: 'the socket closed', intervalMs: 1 })).toBe(CloseCode.linkRotated.code)
    }
    expect(performance.now() - started).toBeLessThan(1000)
  })

  it('[C10] sends a facilitator’s change to the workshop’s streams on every instance, and ends a rotated link’s streams there', async () => {
    const { instances, facilitator, workshopId, participant } = await workshopOnThree()
    const streams = await Promise.all(instances.map((instance) => WorkshopEventStream.open(participant.agent.at(instance.url), workshopId)))
    for (const stream of streams) cleanups.push(() => stream.close())
    for (const stream of streams) await stream.until((snapshot) => snapshot.version === 0, 'the initial state')
    // Through the second instance; the streams are on all three.
    const facilitatorThere = facilitator.agent.at(instances[1]?.url ?? '')
    expectStatus(await facilitatorThere.post(`/api/workshops/${workshopId}/facilitation`, { type: 'raiseHand' }), 403)
    expectStatus(await participant.agent.at(instances[2]?.url ?? '').post(`/api/workshops/${workshopId}/facilitation`, { type: 'raiseHand' }), 200)
    expectStatus(await facilitatorThere.post(`/api/workshops/${workshopId}/facilitation`, { type: 'keepOnStep', keep: true }), 200)
    for (const stream of streams) {
      const last = await stream.until((snapshot) => snapshot.version === 2, 'both changes')
      expect(last.state.keepOnStep).toBe(true)
      expect(last.state.hands.map((hand) => hand.participantId)).toEqual([participant.session.guest?.participantId])
    }
    expectStatus(await facilitator.agent.post(`/api/workshops/${workshopId}/links/participant/rotate`), 200)
    for (const stream of streams) await waitFor(() => stream.ended, { message: 'the rotated link’s stream ended' })
  })

  it('[C8] shows who is here, and on which steps, whichever instance their boards and the facilitator’s page are on', async () => {
    const { instances, facilitator, workshopId, steps, participant } = await workshopOnThree()
    const [first, second] = steps
    if (first === undefined || second === undefined) throw new Error('two steps')
    const participantId = participant.session.guest?.participantId
    const seen = async (): Promise<{ online: boolean; onStepIds: string[] } | undefined> => {
      const detail = WorkshopDetail.parse(expectStatus(await facilitator.agent.get(`/api/workshops/${workshopId}`), 200))
      return detail.people.find((person) => person.id === participantId)
    }
    const shows = (online: boolean, onStepIds: string[]) => async () => {
      const person = await seen()
      return person?.online === online && JSON.stringify(person.onStepIds) === JSON.stringify(onStepIds)
    }
    expect(await seen()).toMatchObject({ online: false, onStepIds: [] })
    // The facilitator's page is served by the first instance; the participant's boards by the third and the second.
    const onSecond = await participantSocket(instances[2]?.syncUrl ?? '', second.boardId, participant)
    await waitFor(shows(true, [second.id]), { message: 'the participant shown on the second step from another instance' })
    const onFirst = await participantSocket(instances[1]?.syncUrl ?? '', first.boardId, participant)
    await waitFor(shows(true, [first.id, second.id]), { message: 'the participant shown on both steps' })
    onSecond.close()
    await waitFor(shows(true, [first.id]), { message: 'the participant shown on the first step only' })
    onFirst.close()
    await waitFor(shows(false, []), { message: 'the participant shown offline' })
  })

  it('[C8] counts sign-in and join-code guesses across instances', async () => {
    const instances = await startInstances(2, await cluster())
    for (const instance of instances) cleanups.push(() => instance.close())
    const [first, second] = instances
    if (first === undefined || second === undefined) throw new Error('two instances')
    const facilitator = await setUpFirstFacilitator(first)
    const guess = (instance: typeof first) =>
      new ApiAgent(instance.url).post('/api/auth/login', { email: firstFacilitator.email, password: 'not the passphrase' })
    // Five wrong guesses, spread over both instances, use up the account's budget on both.
    for (let attempt = 0; attempt < 5; attempt++) expect((await guess(attempt % 2 === 0 ? first : second)).status).toBe(401)
    expect((await guess(first)).status).toBe(429)
    expect((await guess(second)).status).toBe(429)

    // Wrong join codes from one address, spread over both instances, use up its budget on both.
    const { workshop, links } = await createWorkshop(facilitator.agent, await grueChallengeId(facilitator.agent))
    await setStatus(facilitator.agent, workshop.id, 'open')
    expectStatus(await facilitator.agent.put(`/api/workshops/${workshop.id}/join-code`, { joinCode: 'KIRKE' }), 200)
    const token = linkToken(links?.observerUrl ?? '')
    const wrongCode = (instance: typeof first) => new ApiAgent(instance.url).post(`/api/join/${token}`, { joinCode: 'WRONG' })
    for (let attempt = 0; attempt < joinCodeRules.address.freeFailures; attempt++) {
      expect((await wrongCode(attempt % 2 === 0 ? first : second)).status).toBe(403)
    }
    expect((await wrongCode(first)).status).toBe(429)
    expect((await wrongCode(second)).status).toBe(429)
  })

  it('[C9] keeps saving edits and signing people in while Redis is gone', async () => {
    const database = await cluster()
    const redis = await startLocalRedis()
    cleanups.push(() => redis.stop())
    const [instance] = await startInstances(1, { ...database, redisUrl: redis.url })
    if (instance === undefined) throw new Error('an instance')
    cleanups.push(() => instance.close())
    await setUpFirstFacilitator(instance)
    const boardId = newBoardId()
    const writer = client(instance.syncUrl, boardId)
    await writer.waitForSynced()

    await redis.stop()
    // Postgres holds what must survive; Redis only carries news between instances.
    writer.setRecord(...noteEntry('shape:without-redis', { text: 'Lagret uten Redis' }))
    await writer.waitForSaved()
    const signIn = (password: string) => new ApiAgent(instance.url).post('/api/auth/login', { email: firstFacilitator.email, password })
    expect((await signIn(firstFacilitator.password)).status).toBe(200)
    // Guesses are still counted, by the instance on its own.
    for (let attempt = 0; attempt < 5; attempt++) expect((await signIn('not the passphrase')).status).toBe(401)
    expect((await signIn('not the passphrase')).status).toBe(429)
  })

  it('[C4] compacts a board on an instance whose room only receives the rows the others commit', async () => {
    const database = await cluster()
    // The writer's instance never compacts on its own; the second one compacts after three rows.
    const [writerInstance] = await startInstances(1, database, { compactAfterUpdates: 1_000_000 })
    const [readerInstance] = await startInstances(1, database, { compactAfterUpdates: 3 })
    if (writerInstance === undefined || readerInstance === undefined) throw new Error('two instances')
    cleanups.push(() => writerInstance.close(), () => readerInstance.close())
    const boardId = newBoardId()
    const writer = client(writerInstance.syncUrl, boardId)
    const reader = client(readerInstance.syncUrl, boardId)
    await Promise.all([writer.waitForSynced(), reader.waitForSynced()])

    for (const n of [1, 2, 3]) writer.setRecord(...noteEntry(`shape:row-${n}`, { text: `Rad ${n}`, x: n }))
    await writer.waitForSaved()
    await waitFor(() => reader.records.get('shape:row-3') !== undefined, { message: 'the rows on the reader’s instance' })
    const snapshots = await waitFor(async () => {
      const listed = await readerInstance.running.store.listSnapshots(boardId)
      return listed.length > 0 ? listed : null
    }, { message: 'a snapshot written by the reader’s instance' })
    expect(snapshots).toHaveLength(1)
    const stored = new Set(recordKeys(await loadStoredDoc(readerInstance.running.store, boardId)))
    expect(['shape:row-1', 'shape:row-2', 'shape:row-3'].filter((key) => !stored.has(key))).toEqual([])
  })

  it('[C4] [C5] keeps every acknowledged edit when an instance is killed mid-editing, and every client converges', async () => {
    const seed = testSeed()
    const random = seededRandom(seed)
    const database = await cluster()
    const instances = await spawnInstances(3, database, { COMPACT_AFTER_UPDATES: '40' })
    const alive = [true, true, true]
    cleanups.push(() => Promise.all(instances.map((instance) => instance.kill('SIGKILL'))))
    const boardId = newBoardId()
    const writers = Array.from({ length: 6 }, (_, index) =>
      client(instances[index % 3]?.syncUrl ?? '', boardId, { route: roundRobin(instances, (i) => alive[i] === true, index % 3) }),
    )
    await Promise.all(writers.map((writer) => writer.waitForSynced()))

    const edits: Array<{ key: string; mark: EditMark }> = []
    let writing = true
    const writing$ = (async () => {
      for (let n = 0; writing; n++) {
        writers.forEach((writer, index) => {
          const key = `shape:w${index}-${n}`
          edits.push({ key, mark: writer.setRecord(...noteEntry(key, { text: 'x'.repeat(randomInt(random, 1, 120)), x: n })) })
        })
        await new Promise((resolve) => setTimeout(resolve, 5))
      }
    })()
    const killAfter = randomInt(random, 60, 300)
    await waitFor(() => edits.length >= killAfter, { intervalMs: 1, message: `${killAfter} edits` })
    // The kill comes once snapshots are being written while rows come in from the others.
    const stores = await openPostgresStores({ url: database.databaseUrl, retention: { keepLast: 2, keepDaily: 1 }, poolSize: 2 })
    cleanups.push(() => closeStores(stores))
    await waitFor(async () => (await stores.boards.listSnapshots(boardId)).length > 0, { message: `seed ${seed}: a compaction` })
    alive[1] = false
    const exit = await instances[1]?.kill('SIGKILL')
    expect(exit?.signal).toBe('SIGKILL')
    // Editing goes on while the dead instance's clients find another.
    const resumeUntil = edits.length + 120
    await waitFor(() => edits.length >= resumeUntil, { intervalMs: 1, message: 'editing after the kill' })
    writing = false
    await writing$

    // Every client reconnects (to a live instance), sends what it has, and is told it is saved.
    for (const writer of writers) await writer.waitForSaved({ timeoutMs: 60_000 })
    const acknowledged = edits.filter(({ mark }) => isAcknowledged(mark)).map(({ key }) => key)
    expect(acknowledged.length, `seed ${seed}`).toBeGreaterThan(100)
    const everyKey = [...new Set(edits.map(({ key }) => key))].sort()
    // Converged: every client has every edit (each wrote its own and was saved), once.
    const hasEvery = (client: TestClient) => () => everyKey.every((key) => client.records.get(key) !== undefined)
    for (const writer of writers) {
      await waitFor(hasEvery(writer), { message: `seed ${seed}: a client converged`, timeoutMs: 30_000 })
      const keys = recordKeys(writer.doc).filter((key) => key.startsWith('shape:w'))
      expect(keys.length, `seed ${seed}: no record twice`).toBe(new Set(keys).size)
      expect([...new Set(keys)].sort(), `seed ${seed}`).toEqual(everyKey)
    }
    // A fresh joiner on each live instance gets the same, including every acknowledged edit.
    for (const index of [0, 2]) {
      const joiner = client(instances[index]?.syncUrl ?? '', boardId)
      await joiner.waitForSynced()
      await waitFor(hasEvery(joiner), { message: `seed ${seed}: the joiner has everything` })
      const keys = new Set(recordKeys(joiner.doc))
      expect(acknowledged.filter((key) => !keys.has(key)), `seed ${seed}: acknowledged edits lost`).toEqual([])
    }
    // And the store, whose snapshots the instances wrote under the lease while rows came in from
    // the others, rebuilds all of it: no snapshot covered a row its writer did not have.
    const stored = new Set(recordKeys(await loadStoredDoc(stores.boards, boardId)))
    expect(everyKey.filter((key) => !stored.has(key)), `seed ${seed}: edits missing from the store`).toEqual([])
  })
})
