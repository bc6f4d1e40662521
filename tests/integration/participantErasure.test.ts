// Erasing one participant (server/src/workshop/SPEC.md, E1–E6) against a real server on port 0,
// real y-websocket clients and the real database files, on SQLite and on Postgres: the live
// boards, every stored row, a restart, a fresh joiner and an old offline copy find nothing of them.
import { DatabaseSync } from 'node:sqlite'
import path from 'node:path'
import pg from 'pg'
import { afterEach, describe, expect, inject, it } from 'vitest'
import * as Y from 'yjs'
import { readBoardRecords, readHistoryGeneration } from '../../shared/src/board/boardDoc.ts'
import { CloseCode } from '../../shared/src/protocol/closeCodes.ts'
import { DescriptionDraft } from '../../shared/src/description/challengeDescription.ts'
import { AuditLogPage } from '../../shared/src/schema/auditLog.ts'
import { EraseParticipantAnswer, ParticipantDataExport } from '../../shared/src/schema/participantDataApi.ts'
import { WorkshopDetail } from '../../shared/src/schema/workshopApi.ts'
import type { RunningServer } from '../../server/src/app.ts'
import { databaseFileName } from '../../server/src/app.ts'
import type { Config } from '../../server/src/config.ts'
import { ApiAgent, firstFacilitator, logIn, setUpFirstFacilitator } from '../helpers/auth.ts'
import { noteShape, openParticipantBoard, placeImage, putNote, templateShapeId } from '../helpers/boardNotes.ts'
import { createClient, type TestClient } from '../helpers/clients.ts'
import { clusterDatabase, startInstances, type ClusterDatabase } from '../helpers/cluster.ts'
import { filesUnder, occurrencesInFiles, sqliteFiles, totalOccurrences } from '../helpers/fileBytes.ts'
import { createDataDir, removeDataDir, startTestServer } from '../helpers/server.ts'
import { waitFor } from '../helpers/waitFor.ts'
import { expectError, expectStatus, grueChallengeId, invalidFields, joined, openWorkshop, type JoinedParticipant } from '../helpers/workshopApi.ts'

/** A server and the rows it stores, as each backend runs them. */
interface Served {
  url: string
  syncUrl: string
  running: RunningServer
  close(): Promise<void>
  /** Every stored value of the tables that hold boards and people, as bytes, to search for a name or id. */
  storedBytes(): Promise<Buffer[]>
}

interface Backend {
  name: string
  /** The SQLite backend's DATA_DIR. */
  dataDir?: string
  /** The Postgres backend's database, once started. */
  databaseUrl?: () => string | undefined
  /** Starts a server on the backend's storage (the same storage every time within a test). */
  start(): Promise<Served>
  cleanup(): Promise<void>
}

/** Small thresholds, so that the boards have snapshots (and history rows) holding the name before the erasure. */
const config: Partial<Config> = { compactAfterUpdates: 3 }

/** The tables that hold boards and people. */
const tables = ['board_updates', 'board_snapshots', 'board_clients', 'private_boards', 'participants', 'sessions', 'workshop_facilitation', 'challenge_drafts']

function sqliteBackend(): Backend {
  const dataDir = createDataDir()
  return {
    name: 'SQLite',
    dataDir,
    async start() {
      const server = await startTestServer({ dataDir, config })
      return {
        url: server.url,
        syncUrl: server.syncUrl,
        running: server.running,
        close: () => server.close(),
        async storedBytes() {
          const db = new DatabaseSync(path.join(dataDir, databaseFileName), { readOnly: true })
          try {
            return tables.flatMap((table) =>
              db
                .prepare(`SELECT * FROM ${table}`)
                .all()
                .flatMap((row) => Object.values(row).map((value) => (value instanceof Uint8Array ? Buffer.from(value) : Buffer.from(String(value))))),
            )
          } finally {
            db.close()
          }
        },
      }
    },
    async cleanup() {
      removeDataDir(dataDir)
    },
  }
}

function postgresBackend(): Backend {
  let cluster: ClusterDatabase | null = null
  return {
    name: 'Postgres',
    databaseUrl: () => cluster?.databaseUrl,
    async start() {
      cluster ??= await clusterDatabase()
      const database = cluster
      const [instance] = await startInstances(1, database, config)
      if (instance === undefined) throw new Error('No instance started.')
      return {
        ...instance,
        async storedBytes() {
          const client = new pg.Client({ connectionString: database.databaseUrl })
          await client.connect()
          try {
            const found: Buffer[] = []
            for (const table of tables) {
              for (const row of (await client.query<Record<string, unknown>>(`SELECT * FROM ${table}`)).rows) {
                for (const value of Object.values(row)) found.push(Buffer.isBuffer(value) ? value : Buffer.from(String(value)))
              }
            }
            return found
          } finally {
            await client.end()
          }
        },
      }
    },
    async cleanup() {
      await cluster?.drop()
    },
  }
}

const cleanups: Array<() => unknown> = []
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.()
})

/** A client of the board with the browser's cookies (a facilitator's or a participant's). */
function boardClient(served: Served, boardId: string, agent: ApiAgent, doc?: Y.Doc): TestClient {
  const client = createClient(served.syncUrl, boardId, { headers: { cookie: agent.cookieHeader() }, doc })
  cleanups.push(() => client.destroy())
  return client
}

/** How many stored values hold `text` (as UTF-8 bytes: a Yjs update carries strings so). */
async function storedHits(served: Served, text: string): Promise<number> {
  const needle = Buffer.from(text)
  return (await served.storedBytes()).filter((bytes) => bytes.includes(needle)).length
}

/** Nothing of Kari in the records a board's copy holds. */
function namesKari(doc: Y.Doc, kariId: string): boolean {
  return JSON.stringify([...readBoardRecords(doc).values()]).includes(kariId) || JSON.stringify([...readBoardRecords(doc).values()]).includes('Sigrunn Østvold')
}

const kari = { displayName: 'Sigrunn Østvold', affiliation: 'voluntary' as const }

/**
 * A workshop of one framing step where Kari (erased later) and Per wrote notes, Per reacted on
 * Kari's note and Kari on Per's, Kari raised her hand; the facilitator watches the board live.
 */
async function scene(served: Served, facilitator: ApiAgent) {
  const opened = await openWorkshop(facilitator, {
    baseUrl: served.url,
    challengeId: await grueChallengeId(facilitator),
    steps: [{ templateId: 'challenge-framing', plannedMinutes: 20 }],
    participant: kari,
  })
  const [step] = opened.steps
  const detail = WorkshopDetail.parse(expectStatus(await facilitator.get(`/api/workshops/${opened.workshopId}`), 200))
  const per = await joined(served.url, detail.links?.participantUrl ?? '', { displayName: 'Per Hansen', affiliation: 'business' })
  const perParticipant: JoinedParticipant = { agent: per.agent, session: per.session, displayName: 'Per Hansen', userId: per.session.guest?.participantId ?? '' }
  const kariId = opened.participant.userId
  const kariBoard = await openParticipantBoard(served.syncUrl, step.boardId, opened.participant)
  cleanups.push(() => kariBoard.destroy())
  const perBoard = await openParticipantBoard(served.syncUrl, step.boardId, perParticipant)
  cleanups.push(() => perBoard.destroy())
  const kariQuestion = putNote(kariBoard, templateShapeId('challenge-framing', 'questions'), 'Hvordan kan vi få flere unge til sentrum?', kariId)
  const kariNotes = [kariQuestion, putNote(kariBoard, templateShapeId('challenge-framing', 'needs.group.1'), 'Møteplass for ungdom', kariId)]
  await kariBoard.waitForSaved()
  const perNote = putNote(perBoard, templateShapeId('challenge-framing', 'needs.group.1'), 'Kunder i sentrum på dagtid', perParticipant.userId)
  await perBoard.waitForSaved()
  // Each puts a photo of the wall on the board.
  const kariImage = await placeImage(served.url, kariBoard, step.boardId, opened.participant, kariId)
  const perImage = await placeImage(served.url, perBoard, step.boardId, perParticipant, perParticipant.userId)
  await Promise.all([kariBoard.waitForSaved(), perBoard.waitForSaved()])
  await waitFor(() => kariBoard.records.get(perNote) !== undefined && perBoard.records.get(kariQuestion) !== undefined, { message: 'both notes everywhere' })
  // Each reacts on the other's note, as the reaction bar writes it.
  const react = (client: TestClient, noteId: string, personId: string) => {
    const note = client.records.get(noteId) as ReturnType<typeof noteShape>
    client.setRecord(noteId, { ...note, meta: { ...note.meta, reactions: { like: [personId] } } })
  }
  react(perBoard, kariQuestion, perParticipant.userId)
  react(kariBoard, perNote, kariId)
  await Promise.all([kariBoard.waitForSaved(), perBoard.waitForSaved()])
  expectStatus(await opened.participant.agent.post(`/api/workshops/${opened.workshopId}/facilitation`, { type: 'raiseHand' }), 200)
  const watcher = boardClient(served, step.boardId, facilitator)
  await watcher.waitForSynced()
  await waitFor(() => readBoardRecords(watcher.doc).get(perNote)?.meta['reactions'] !== undefined, { message: 'the watcher has every reaction' })
  return { ...opened, step, kariId, kariQuestion, kariNotes, kariImage, perNote, perImage, per: perParticipant, kariBoard, perBoard, watcher }
}

describe.each([
  { name: 'SQLite', backend: sqliteBackend },
  { name: 'Postgres', backend: postgresBackend },
])('erasing a participant on $name', ({ backend: makeBackend }) => {
  it('[E2][E3][E4][E5][E6] leaves nothing of her on the live board, in any stored row, after a restart, for a fresh joiner or from an old offline copy', async () => {
    const backend = makeBackend()
    cleanups.push(() => backend.cleanup())
    let served = await backend.start()
    cleanups.push(() => served.close())
    const facilitator = (await setUpFirstFacilitator(served)).agent
    const room = await scene(served, facilitator)
    const { workshopId, step, kariId, kariNotes, kariImage, perImage, perNote, watcher, kariBoard } = room
    // Drafting keeps the notes' text as the description's sources.
    expectStatus(await facilitator.post(`/api/challenges/${await grueChallengeId(facilitator)}/description/draft`, { workshopId }), 200)
    // An offline copy kept before the erasure, of a browser that was away meanwhile.
    const oldCopy = Y.encodeStateAsUpdate(watcher.doc)
    expect(await storedHits(served, 'Sigrunn Østvold')).toBeGreaterThan(0)
    expect(await storedHits(served, kariId)).toBeGreaterThan(0)
    const shownPhoto = await facilitator.get(`/api/assets/${kariImage.uploadId}`)
    expectStatus(shownPhoto, 200)
    // A browser that showed her photo asks again before showing it from its cache.
    const revalidate = { headers: { 'if-none-match': shownPhoto.headers.get('etag') ?? '', 'cache-control': 'max-age=0' } }
    expect((await facilitator.get(`/api/assets/${kariImage.uploadId}`, revalidate)).status).toBe(304)

    const erased = EraseParticipantAnswer.parse(
      expectStatus(await facilitator.post(`/api/workshops/${workshopId}/participants/${kariId}/erasure`, { deleteNotes: true }), 200),
    )
    expect(erased).toMatchObject({ boards: 1, shapesDeleted: 3 })
    expect(erased.draftSourcesRemoved).toBeGreaterThan(0)

    // Her socket closed at once; the live board lost her name, her notes and her reaction.
    await waitFor(() => kariBoard.closeCodes.includes(CloseCode.erasedFromWorkshop.code), { message: 'her socket closed with 4418' })
    await waitFor(() => !namesKari(watcher.doc, kariId), { message: 'the watcher no longer sees anything of her' })
    const live = readBoardRecords(watcher.doc)
    for (const shapeId of [...kariNotes, kariImage.shapeId]) expect(live.has(shapeId)).toBe(false)
    // Her photo's bytes went with the history that held it; Per's stays.
    expectError(await facilitator.get(`/api/assets/${kariImage.uploadId}`), 404, 'not_found')
    expectError(await facilitator.get(`/api/assets/${kariImage.uploadId}`, revalidate), 404, 'not_found')
    expectStatus(await facilitator.get(`/api/assets/${perImage.uploadId}`), 200)
    expect(live.get(perNote)?.meta['reactions']).toBeUndefined()
    expect(readHistoryGeneration(watcher.doc)).toBe(1)
    // Her session no longer works, she is not among the people, her hand is down.
    expect((await room.participant.agent.get('/api/session')).body).toMatchObject({ guest: null })
    const detail = WorkshopDetail.parse(expectStatus(await facilitator.get(`/api/workshops/${workshopId}`), 200))
    expect(detail.people.map((person) => person.displayName)).toEqual(expect.arrayContaining(['Per Hansen']))
    expect(detail.people.some((person) => person.id === kariId)).toBe(false)
    // Nothing stored holds her name or her id: the boards' logs and snapshots, claims, the room, the draft.
    expect(await storedHits(served, 'Sigrunn Østvold')).toBe(0)
    expect(await storedHits(served, kariId)).toBe(0)
    const draft = DescriptionDraft.parse(expectStatus(await facilitator.get(`/api/challenges/${await grueChallengeId(facilitator)}/description`), 200))
    const sourceTexts = Object.values(draft.provenance).flatMap((field) => field?.sources.flatMap((source) => source.notes.map((note) => note.text)) ?? [])
    expect(sourceTexts).toContain('Kunder i sentrum på dagtid')
    expect(sourceTexts).not.toContain('Møteplass for ungdom')
    expect(sourceTexts).not.toContain('Hvordan kan vi få flere unge til sentrum?')

    // A copy kept from before, saying its generation, is turned away before anything of it is read.
    const stale = createClient(served.syncUrl, `${step.boardId}?generation=0`, { headers: { cookie: facilitator.cookieHeader() }, doc: docOf(oldCopy) })
    cleanups.push(() => stale.destroy())
    await waitFor(() => stale.closeCodes.includes(CloseCode.staleCopy.code), { message: 'the stale copy closed with 4419' })
    // A copy that says nothing (another client) only receives: the erasure reaches it, and nothing of it comes back.
    const old = boardClient(served, step.boardId, facilitator, docOf(oldCopy))
    await old.waitForSynced()
    await waitFor(() => !namesKari(old.doc, kariId), { message: 'the old copy lost her' })
    // Its person moves Per's note with the value the old copy had (her reaction on it): refused.
    const perClient = await openParticipantBoard(served.syncUrl, step.boardId, room.per)
    cleanups.push(() => perClient.destroy())
    const stalePer = createClient(served.syncUrl, step.boardId, { headers: { cookie: room.per.agent.cookieHeader() }, doc: docOf(oldCopy), connect: false })
    cleanups.push(() => stalePer.destroy())
    const oldNote = readBoardRecords(stalePer.doc).get(perNote)
    stalePer.setRecord(perNote, { ...oldNote, x: (oldNote as { x: number }).x + 40 })
    stalePer.provider.connect()
    await waitFor(() => stalePer.rejections.length > 0, { message: 'the stale change refused' })
    expect(await storedHits(served, kariId)).toBe(0)

    // A restart on the same storage, and a fresh joiner, find nothing of her.
    await served.close()
    served = await backend.start()
    const again = await logIn(served, firstFacilitator)
    const fresh = boardClient(served, step.boardId, again)
    await fresh.waitForSynced()
    expect(namesKari(fresh.doc, kariId)).toBe(false)
    expect(readBoardRecords(fresh.doc).has(perNote)).toBe(true)
    expect(await storedHits(served, 'Sigrunn Østvold')).toBe(0)
    expectError(await again.get(`/api/workshops/${workshopId}/participants/${kariId}/export`), 404, 'participant_not_found')
  })
})

function docOf(state: Uint8Array): Y.Doc {
  const doc = new Y.Doc()
  Y.applyUpdate(doc, state)
  return doc
}

describe('a participant’s data on SQLite', () => {
  it('[E7][E3] exports all of hers and nothing of Per’s; erasing without her notes keeps them, made by nobody', async () => {
    const backend = sqliteBackend()
    cleanups.push(() => backend.cleanup())
    const served = await backend.start()
    cleanups.push(() => served.close())
    const facilitator = (await setUpFirstFacilitator(served)).agent
    const { workshopId, kariId, kariQuestion, kariNotes, perNote, watcher, per } = await scene(served, facilitator)

    const response = await facilitator.get(`/api/workshops/${workshopId}/participants/${kariId}/export`)
    const data = ParticipantDataExport.parse(expectStatus(response, 200))
    expect(response.headers.get('content-disposition')).toContain('attachment')
    expect(data.participant).toMatchObject({ id: kariId, displayName: 'Sigrunn Østvold', affiliation: 'voluntary', removedAt: null })
    expect(data.workshop.id).toBe(workshopId)
    expect(data.sessions).toHaveLength(1)
    const [board] = data.boards
    expect(board?.userRecord?.name).toBe('Sigrunn Østvold')
    expect(board?.notes.map((note) => note.text).sort()).toEqual(['Hvordan kan vi få flere unge til sentrum?', 'Møteplass for ungdom'])
    expect(board?.notes.every((note) => note.createdByThem && note.textLastEditedByThem)).toBe(true)
    expect(board?.reactions).toEqual([{ noteId: perNote, reaction: 'like' }])
    expect(board?.changes.count).toBeGreaterThan(0)
    expect(data.room.handRaisedAt).not.toBeNull()
    // Nothing of anyone else: not Per's name, id or note, nor a session's secret.
    const text = JSON.stringify(data)
    for (const other of ['Per Hansen', per.userId, 'Kunder i sentrum på dagtid', 'csrf', 'idHash']) expect(text).not.toContain(other)

    expect(
      EraseParticipantAnswer.parse(expectStatus(await facilitator.post(`/api/workshops/${workshopId}/participants/${kariId}/erasure`, { deleteNotes: false }), 200)),
    ).toMatchObject({ boards: 1, shapesDeleted: 0, draftSourcesRemoved: 0 })
    await waitFor(() => !namesKari(watcher.doc, kariId), { message: 'the watcher no longer sees anything of her' })
    const live = readBoardRecords(watcher.doc)
    for (const noteId of kariNotes) {
      const note = live.get(noteId)
      expect(note?.meta['createdBy']).toBeUndefined()
      expect(note?.typeName === 'shape' && note.type === 'note' ? note.props.textLastEditedBy : 'missing').toBeNull()
    }
    // Per's reaction on her note stays: it is his.
    expect(live.get(kariQuestion)?.meta['reactions']).toEqual({ like: [per.userId] })
    expect(await storedHits(served, 'Sigrunn Østvold')).toBe(0)
    expect(await storedHits(served, kariId)).toBe(0)
    expect(await storedHits(served, 'Møteplass for ungdom')).toBeGreaterThan(0)
    // A second erasure finds nobody.
    expectError(await facilitator.post(`/api/workshops/${workshopId}/participants/${kariId}/erasure`, { deleteNotes: false }), 404, 'participant_not_found')

    // The audit log says a facilitator exported and erased someone in this workshop, never whom.
    const log = AuditLogPage.parse(expectStatus(await facilitator.get(`/api/audit?workshopId=${workshopId}`), 200))
    const aboutPeople = log.entries.filter((entry) => entry.action.startsWith('participant.'))
    expect(aboutPeople.map((entry) => [entry.action, entry.target.workshopId]).toSorted()).toEqual([
      ['participant.erase', workshopId],
      ['participant.exportData', workshopId],
    ])
    for (const person of ['Sigrunn Østvold', kariId]) expect(JSON.stringify(log)).not.toContain(person)
  })

  it('[E1] refuses participants, observers, no session, no CSRF token, bad ids and bad bodies', async () => {
    const backend = sqliteBackend()
    cleanups.push(() => backend.cleanup())
    const served = await backend.start()
    cleanups.push(() => served.close())
    const facilitator = (await setUpFirstFacilitator(served)).agent
    const opened = await openWorkshop(facilitator, {
      baseUrl: served.url,
      challengeId: await grueChallengeId(facilitator),
      steps: [{ templateId: 'challenge-framing', plannedMinutes: 20 }],
      participant: kari,
    })
    const { workshopId, participant } = opened
    const kariId = participant.userId
    const detail = WorkshopDetail.parse(expectStatus(await facilitator.get(`/api/workshops/${workshopId}`), 200))
    const observer = await joined(served.url, detail.links?.observerUrl ?? '')
    const erasure = `/api/workshops/${workshopId}/participants/${kariId}/erasure`
    const exported = `/api/workshops/${workshopId}/participants/${kariId}/export`
    for (const guest of [participant.agent, observer.agent]) {
      expectError(await guest.post(erasure, { deleteNotes: true }), 403, 'facilitators_only')
      expectError(await guest.get(exported), 403, 'facilitators_only')
    }
    const stranger = new ApiAgent(served.url)
    expectError(await stranger.post(erasure, { deleteNotes: true }), 401, 'not_signed_in')
    expectError(await stranger.get(exported), 401, 'not_signed_in')
    expectError(await facilitator.post(erasure, { deleteNotes: true }, { csrf: false }), 403, 'csrf_token_invalid')
    expect(invalidFields(await facilitator.post(erasure, {}))).toEqual(['deleteNotes'])
    expect(invalidFields(await facilitator.post(erasure, { deleteNotes: 'yes' }))).toEqual(['deleteNotes'])
    expect(invalidFields(await facilitator.post(erasure, { deleteNotes: true, also: 1 }))).toEqual(['also'])
    expect(invalidFields(await facilitator.post(`/api/workshops/${workshopId}/participants/no!/erasure`, { deleteNotes: true }))).toEqual(['participantId'])
    expectError(await facilitator.post(`/api/workshops/${workshopId}/participants/AAAAAAAAAAAAAAAAAAAAA/erasure`, { deleteNotes: true }), 404, 'participant_not_found')
    expectError(await facilitator.get(`/api/workshops/AAAAAAAAAAAAAAAAAAAAA/participants/${kariId}/export`), 404, 'workshop_not_found')
    // Nothing of the refusals touched her.
    expect((await participant.agent.get('/api/session')).body).toMatchObject({ guest: { participantId: kariId } })
  })
})

describe('deleted means unreadable, for an erased participant', () => {
  it('[E4] leaves her name and affiliation in none of the SQLite files (main, -wal, -shm)', async () => {
    const backend = sqliteBackend()
    cleanups.push(() => backend.cleanup())
    const served = await backend.start()
    cleanups.push(() => served.close())
    const facilitator = (await setUpFirstFacilitator(served)).agent
    const { workshopId, kariId } = await scene(served, facilitator)
    const files = sqliteFiles(backend.dataDir ?? '')
    // The files hold both before (so that 0 after means something); nobody else is 'voluntary'.
    expect(totalOccurrences(files, 'Sigrunn Østvold')).toBeGreaterThan(0)
    expect(totalOccurrences(files, 'voluntary')).toBeGreaterThan(0)

    expectStatus(await facilitator.post(`/api/workshops/${workshopId}/participants/${kariId}/erasure`, { deleteNotes: true }), 200)
    for (const text of ['Sigrunn Østvold', 'voluntary', kariId]) {
      expect(occurrencesInFiles(files, text)).toEqual({ 'samskap.sqlite': 0, 'samskap.sqlite-wal': 0, 'samskap.sqlite-shm': 0 })
    }
  })

  it('[E4] leaves her name and affiliation in none of the Postgres table files', async () => {
    const backend = postgresBackend()
    cleanups.push(() => backend.cleanup())
    const served = await backend.start()
    cleanups.push(() => served.close())
    const inTableFiles = await postgresTableFiles(backend)
    const facilitator = (await setUpFirstFacilitator(served)).agent
    const { workshopId, kariId } = await scene(served, facilitator)
    expect(await inTableFiles('Sigrunn Østvold')).toBeGreaterThan(0)
    expect(await inTableFiles('voluntary')).toBeGreaterThan(0)

    expectStatus(await facilitator.post(`/api/workshops/${workshopId}/participants/${kariId}/erasure`, { deleteNotes: true }), 200)
    for (const text of ['Sigrunn Østvold', 'voluntary', kariId]) expect(await inTableFiles(text)).toBe(0)
  })
})

/** How often a text is in the backend's Postgres database's files, once Postgres wrote what it holds in memory. */
async function postgresTableFiles(backend: Backend): Promise<(text: string) => Promise<number>> {
  const databaseUrl = backend.databaseUrl?.()
  if (databaseUrl === undefined) throw new Error('Not a Postgres backend.')
  const admin = new pg.Client({ connectionString: inject('postgresAdminUrl') })
  await admin.connect()
  cleanups.push(() => admin.end())
  const dataDirectory = (await admin.query<{ data_directory: string }>('SHOW data_directory')).rows[0]?.data_directory
  const { rows } = await admin.query<{ oid: number }>('SELECT oid FROM pg_database WHERE datname = $1', [new URL(databaseUrl).pathname.slice(1)])
  const folder = `${dataDirectory}/base/${rows[0]?.oid}`
  return async (text) => {
    await admin.query('CHECKPOINT')
    return totalOccurrences(filesUnder(folder), text)
  }
}
