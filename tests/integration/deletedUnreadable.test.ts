// Deleted means unreadable: once a workshop is deleted, its participant's name is in none of the
// database's files, read as raw bytes (as from a copy of the disk), not merely gone from what
// queries return. SQLite (the file, its -wal and -shm, after a clean stop and after SIGKILL) and
// Postgres (the database's table files after a checkpoint; what its WAL still holds is printed).
import pg from 'pg'
import { afterEach, describe, expect, inject, it } from 'vitest'
import type { ApiAgent } from '../helpers/auth.ts'
import { setUpFirstFacilitator } from '../helpers/auth.ts'
import { openParticipantBoard, putNote, templateShapeId } from '../helpers/boardNotes.ts'
import { clusterDatabase, startInstances } from '../helpers/cluster.ts'
import { filesUnder, occurrencesInFiles, sqliteFiles, totalOccurrences } from '../helpers/fileBytes.ts'
import { createDataDir, removeDataDir, spawnServer } from '../helpers/server.ts'
import { waitFor } from '../helpers/waitFor.ts'
import { expectStatus, firstFacilitator, grueChallengeId, openWorkshop } from '../helpers/workshopApi.ts'

/** A name found nowhere else (not in the seed, the templates or the code). */
const name = 'Ingebjørg Quistgaard-Tveit'

const cleanups: Array<() => unknown> = []
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.()
})

/**
 * An open workshop of one step where the participant joined under `name` and wrote a note: the
 * name is in their participant row and in the board (tldraw's user record), which a compaction
 * also puts into a snapshot. Resolves to the workshop's id.
 */
async function workshopWithParticipant(server: { url: string; syncUrl: string }, facilitator: ApiAgent): Promise<string> {
  const opened = await openWorkshop(facilitator, {
    baseUrl: server.url,
    challengeId: await grueChallengeId(facilitator),
    steps: [{ templateId: 'challenge-framing', plannedMinutes: 20 }],
    participant: { displayName: name, affiliation: 'voluntary' },
  })
  const [step] = opened.steps
  const board = await openParticipantBoard(server.syncUrl, step.boardId, opened.participant)
  cleanups.push(() => board.destroy())
  for (const text of ['Møteplass for ungdom', 'Flere benker', 'Lys i parken', 'Kafé på torget']) {
    putNote(board, templateShapeId('challenge-framing', 'needs.group.1'), text, opened.participant.userId)
  }
  await board.waitForSaved()
  board.destroy()
  return opened.workshopId
}

describe('a deleted workshop on SQLite', () => {
  it.each(['SIGTERM', 'SIGKILL'] as const)(
    'leaves its participant’s name in none of the database files (stopped with %s)',
    async (signal) => {
      const dataDir = createDataDir()
      cleanups.push(() => removeDataDir(dataDir))
      // Compaction after a few updates, so that a snapshot holds the name as well as the log.
      const server = await spawnServer(dataDir, { LOG_LEVEL: 'warn', COMPACT_AFTER_UPDATES: '3' })
      cleanups.push(() => server.kill('SIGKILL'))
      const facilitator = await firstFacilitator(server, { email: 'kari@grue.kommune.no', displayName: 'Kari Fasilitator' })
      const workshopId = await workshopWithParticipant(server, facilitator)
      // The files hold the name before the deletion (so that finding it 0 times after means something).
      expect(totalOccurrences(sqliteFiles(dataDir), name)).toBeGreaterThan(0)

      expectStatus(await facilitator.delete(`/api/workshops/${workshopId}`), 204)
      expect(await server.kill(signal)).toEqual(signal === 'SIGTERM' ? { code: 0, signal: null } : { code: null, signal })

      expect(occurrencesInFiles(sqliteFiles(dataDir), name)).toEqual({
        'samskap.sqlite': 0,
        'samskap.sqlite-wal': 0,
        'samskap.sqlite-shm': 0,
      })
    },
  )
})

/** One instance on a fresh Postgres database, and a way to count the name in that database's table files. */
async function postgresScene() {
  const database = await clusterDatabase()
  cleanups.push(() => database.drop())
  const [instance] = await startInstances(1, database, { compactAfterUpdates: 3 })
  if (instance === undefined) throw new Error('No instance started.')
  cleanups.push(() => instance.close())
  const admin = new pg.Client({ connectionString: inject('postgresAdminUrl') })
  await admin.connect()
  cleanups.push(() => admin.end())
  const databaseName = new URL(database.databaseUrl).pathname.slice(1)
  const dataDirectory = (await admin.query<{ data_directory: string }>('SHOW data_directory')).rows[0]?.data_directory
  const { rows } = await admin.query<{ oid: number }>('SELECT oid FROM pg_database WHERE datname = $1', [databaseName])
  const databaseFolder = `${dataDirectory}/base/${rows[0]?.oid}`
  /** The name's occurrences in the database's files once Postgres has written what it holds in memory. */
  const inTableFiles = async (): Promise<number> => {
    await admin.query('CHECKPOINT')
    return totalOccurrences(filesUnder(databaseFolder), name)
  }
  const facilitator = (await setUpFirstFacilitator(instance)).agent
  return { database, instance, dataDirectory, inTableFiles, facilitator }
}

/** A client of the scene's database of its own, ended after the test. */
async function databaseClient(databaseUrl: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: databaseUrl })
  await client.connect()
  cleanups.push(() => client.end())
  return client
}

describe('a deleted workshop on Postgres', () => {
  it('leaves its participant’s name in none of the database’s table files', async () => {
    const { instance, dataDirectory, inTableFiles, facilitator } = await postgresScene()
    const workshopId = await workshopWithParticipant(instance, facilitator)
    expect(await inTableFiles()).toBeGreaterThan(0)

    expectStatus(await facilitator.delete(`/api/workshops/${workshopId}`), 204)
    expect(await inTableFiles()).toBe(0)
    // What the README says remains: the write-ahead log keeps the rows as they were written until
    // its segments are recycled.
    const inWal = totalOccurrences(filesUnder(`${dataDirectory}/pg_wal`), name)
    process.stdout.write(`Postgres' pg_wal still holds the deleted name ${inWal} times after the scrub.\n`)
  })

  it('rewrites the tables again once a read that began before the deletion, and kept the rows, has ended', async () => {
    const { database, instance, inTableFiles, facilitator } = await postgresScene()
    const workshopId = await workshopWithParticipant(instance, facilitator)
    // A long read (a report, a pg_dump) whose snapshot was taken before the deletion: while it lasts,
    // a rewrite must copy the deleted rows, since that snapshot may still read them.
    const reader = await databaseClient(database.databaseUrl)
    await reader.query('BEGIN ISOLATION LEVEL REPEATABLE READ')
    await reader.query('SELECT 1')
    const catalog = await databaseClient(database.databaseUrl)
    const tableFiles = async (): Promise<Map<string, number>> => {
      const { rows } = await catalog.query<{ relname: string; relfilenode: number }>(
        `SELECT relname, relfilenode FROM pg_class WHERE relnamespace = current_schema()::regnamespace AND relkind = 'r'`,
      )
      return new Map(rows.map((row) => [row.relname, row.relfilenode]))
    }
    const before = await tableFiles()

    const deleted = facilitator.delete(`/api/workshops/${workshopId}`)
    // Awaited below; a failure meanwhile must not go unhandled.
    deleted.catch(() => undefined)
    // The scrub waits a while for older snapshots, then rewrites every table anyway (each gets a new file)…
    await waitFor(async () => [...(await tableFiles())].every(([table, file]) => file !== before.get(table)), {
      message: 'every table rewritten once while the read lasts',
      timeoutMs: 45_000,
    })
    expect(await inTableFiles()).toBeGreaterThan(0)
    // …and once the read is over, rewrites again the tables that had to keep rows.
    await reader.query('COMMIT')
    expectStatus(await deleted, 204)
    await waitFor(async () => (await inTableFiles()) === 0, { message: 'the name gone from the table files', timeoutMs: 45_000 })
  }, 150_000)
})
