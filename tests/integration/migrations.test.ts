import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { DatabaseSync } from 'node:sqlite'
import pg from 'pg'
import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { newBoardId } from '../../shared/src/protocol/boardId.ts'
import { accessMigrations } from '../../server/src/store/accessSchema.ts'
import { boardStoreMigrations, createMigrationsTable, schemaMigrations } from '../../server/src/store/boardStoreSchema.ts'
import { domainMigrations } from '../../server/src/store/domainSchema.ts'
import { openPostgresPool } from '../../server/src/store/postgresDatabase.ts'
import { closeSqliteStores, openSqliteStores, type SqliteStores } from '../../server/src/store/sqliteStores.ts'
import { emptyDescriptionFields } from '../helpers/descriptionFixtures.ts'
import { aChallenge, aMunicipality, aStep, aWorkshop } from '../helpers/domainFixtures.ts'
import { freshPostgresDatabase } from '../helpers/postgres.ts'
import { loadStoredDoc } from '../helpers/server.ts'

// The numbered migrations: a new file and files of earlier releases (schema
// version 1: boards only; version 2: the domain, before accounts and sessions)
// all reach the current schema at open.

const cleanups: (() => Promise<unknown> | unknown)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

async function tempFile(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'samskap-migrations-'))
  cleanups.push(() => rm(dir, { recursive: true, force: true }))
  return join(dir, 'samskap.sqlite')
}

function openStores(file: string): SqliteStores {
  const stores = openSqliteStores({ file, retention: { keepLast: 2, keepDaily: 1 } })
  cleanups.push(() => closeSqliteStores(stores))
  return stores
}

function inspect(file: string): DatabaseSync {
  const db = new DatabaseSync(file)
  cleanups.push(() => db.close())
  return db
}

/** Every table and index with its SQL, to compare two files' schemas. */
function schemaOf(file: string): { type: string; name: string; sql: string }[] {
  return inspect(file)
    .prepare("SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name")
    .all()
    .map((row) => ({ type: String(row['type']), name: String(row['name']), sql: String(row['sql']) }))
}

function tablesOf(file: string): string[] {
  return schemaOf(file).flatMap((entry) => (entry.type === 'table' ? [entry.name] : []))
}

function appliedVersions(file: string): unknown[] {
  return inspect(file).prepare('SELECT version FROM schema_migrations ORDER BY version').all().map((row) => row['version'])
}

const currentVersions = schemaMigrations('BLOB').map((migration) => migration.version)

/**
 * Writes a database as the previous release left it: only migration 1, and a
 * board with a snapshot, a log after it, and an asset, written with plain SQL.
 */
function createVersionOneDatabase(file: string, boardId: string): void {
  const db = new DatabaseSync(file)
  try {
    db.exec('PRAGMA journal_mode = WAL')
    db.exec(createMigrationsTable)
    const [first] = boardStoreMigrations('BLOB')
    if (first?.version !== 1) throw new Error('Migration 1 is missing.')
    for (const statement of first.statements) db.exec(statement)
    db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (1, ?, 0)').run(first.name)

    const doc = new Y.Doc()
    const updates: Uint8Array[] = []
    doc.on('update', (update: Uint8Array) => updates.push(update))
    doc.getMap('meta').set('schema', 'v1')
    doc.getArray<string>('records').push(['in the snapshot'])
    const snapshot = Y.encodeStateAsUpdate(doc)
    doc.getArray<string>('records').push(['in the log'])
    db.prepare('INSERT INTO boards (board_id, last_seq, last_snapshot_id, created_at) VALUES (?, 3, 1, 0)').run(boardId)
    db.prepare('INSERT INTO board_snapshots (board_id, id, created_at, covers_seq, state, state_bytes) VALUES (?, 1, 0, 2, ?, ?)').run(
      boardId,
      snapshot,
      snapshot.byteLength,
    )
    db.prepare('INSERT INTO board_updates (board_id, seq, update_data, created_at) VALUES (?, 3, ?, 0)').run(boardId, updates.at(-1) ?? null)
    db.prepare("INSERT INTO assets (id, board_id, mime_type, bytes, created_at) VALUES ('old-asset', ?, 'image/png', ?, 0)").run(
      boardId,
      Uint8Array.of(1, 2, 3),
    )
  } finally {
    db.close()
  }
}

/**
 * Writes a database as release 2 left it: migrations 1 and 2, with a workshop
 * and a participant written with plain SQL (no colour, no link yet).
 */
function createVersionTwoDatabase(file: string, ids: { workshop: string; participant: string }): void {
  const db = new DatabaseSync(file)
  try {
    db.exec('PRAGMA journal_mode = WAL')
    db.exec(createMigrationsTable)
    for (const migration of [...boardStoreMigrations('BLOB'), ...domainMigrations()]) {
      for (const statement of migration.statements) db.exec(statement)
      db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, 0)').run(migration.version, migration.name)
    }
    db.exec(`INSERT INTO municipalities (id, name, municipality_number, county, language_form, created_at)
             VALUES ('grue-municipality', 'Grue', '3417', 'Innlandet', 'nb', 0)`)
    db.exec(`INSERT INTO challenges (id, lead_municipality_id, name, title, summary, status, created_at)
             VALUES ('kirkenaer-challenge', 'grue-municipality', 'Kirkenær', 'Hvordan kan vi …?', '', 'active', 0)`)
    db.prepare(`INSERT INTO workshops (id, challenge_id, title, starts_at, ends_at, status, created_at)
                VALUES (?, 'kirkenaer-challenge', 'Verksted 1', 0, 1, 'open', 0)`).run(ids.workshop)
    db.prepare(`INSERT INTO participants (id, workshop_id, display_name, affiliation, created_at)
                VALUES (?, ?, 'Per', 'citizen', 5)`).run(ids.participant, ids.workshop)
  } finally {
    db.close()
  }
}

/**
 * Writes a database as release 3 left it: migrations 1 to 3, with Grue's
 * challenge and a facilitator written with plain SQL, and no descriptions.
 */
function createVersionThreeDatabase(file: string): void {
  const db = new DatabaseSync(file)
  try {
    db.exec('PRAGMA journal_mode = WAL')
    db.exec(createMigrationsTable)
    for (const migration of [...boardStoreMigrations('BLOB'), ...domainMigrations(), ...accessMigrations()]) {
      for (const statement of migration.statements) db.exec(statement)
      db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, 0)').run(migration.version, migration.name)
    }
    db.exec(`INSERT INTO municipalities (id, name, municipality_number, county, language_form, created_at)
             VALUES ('grue-municipality', 'Grue', '3417', 'Innlandet', 'nb', 0)`)
    db.exec(`INSERT INTO challenges (id, lead_municipality_id, name, title, summary, status, created_at)
             VALUES ('kirkenaer-challenge', 'grue-municipality', 'Kirkenær', 'Hvordan kan vi gjøre Kirkenær levende?', '', 'active', 0)`)
    db.exec(`INSERT INTO facilitators (id, email, display_name, color, created_at)
             VALUES ('kari-facilitator', 'kari@grue.kommune.no', 'Kari Nordmann', '#175CD3', 0)`)
  } finally {
    db.close()
  }
}

describe('schema migrations', () => {
  it('bring an empty database to the current schema, with the domain and access tables', async () => {
    const file = await tempFile()
    openStores(file)
    expect(appliedVersions(file)).toEqual(currentVersions)
    expect(currentVersions).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11])
    expect(tablesOf(file)).toEqual(
      expect.arrayContaining([
        'boards',
        'board_updates',
        'municipalities',
        'challenges',
        'workshops',
        'steps',
        'participants',
        'facilitators',
        'facilitator_credentials',
        'account_tokens',
        'sessions',
        'workshop_links',
        'challenge_drafts',
        'challenge_description_versions',
        'board_clients',
        'workshop_facilitation',
        'private_boards',
      ]),
    )
  })

  it('upgrade a database of release 2 with its workshops and participants intact', async () => {
    const fresh = await tempFile()
    openStores(fresh)
    const file = await tempFile()
    const ids = { workshop: newBoardId(), participant: newBoardId() }
    createVersionTwoDatabase(file, ids)
    expect(appliedVersions(file)).toEqual([1, 2])

    const { domain, access } = openStores(file)
    expect(appliedVersions(file)).toEqual(currentVersions)
    expect(schemaOf(file)).toEqual(schemaOf(fresh))
    expect(await domain.getWorkshop(ids.workshop)).toMatchObject({ title: 'Verksted 1', status: 'open' })
    expect(await access.getParticipant(ids.participant)).toEqual({
      id: ids.participant,
      workshopId: ids.workshop,
      displayName: 'Per',
      affiliation: 'citizen',
      color: '#175CD3',
      linkId: null,
      createdAt: 5,
    })
    expect(await access.getJoinCode(ids.workshop)).toBeNull()
    expect(await access.countFacilitators()).toBe(0)
  })

  it('upgrade a database of release 3 so that its challenges get drafts and versions', async () => {
    const fresh = await tempFile()
    openStores(fresh)
    const file = await tempFile()
    createVersionThreeDatabase(file)
    expect(appliedVersions(file)).toEqual([1, 2, 3])

    const { domain, descriptions } = openStores(file)
    expect(appliedVersions(file)).toEqual(currentVersions)
    expect(schemaOf(file)).toEqual(schemaOf(fresh))
    expect(await domain.getChallenge('kirkenaer-challenge')).toMatchObject({ name: 'Kirkenær' })
    expect(await descriptions.getDraft('kirkenaer-challenge')).toBeNull()
    expect(await descriptions.latestPublished()).toEqual([])

    const fields = emptyDescriptionFields()
    await descriptions.saveDraft({
      challengeId: 'kirkenaer-challenge',
      fields,
      provenance: {},
      workshopId: null,
      updatedAt: '2022-03-14T12:00:00.000Z',
    })
    const published = await descriptions.publish('kirkenaer-challenge', {
      publishedAt: '2022-03-15T09:00:00.000Z',
      facilitatorId: 'kari-facilitator',
      publishedBy: 'Kari Nordmann',
      challengeFacts: { leadMunicipality: fields.leadMunicipality, coApplicants: [], followerMunicipalities: [], languageForm: 'nb' },
    })
    expect(published).toMatchObject({ version: 1, publishedBy: 'Kari Nordmann', publishedAt: '2022-03-15T09:00:00.000Z' })
  })

  it('upgrade a database of the previous release (version 1) with its boards intact', async () => {
    const fresh = await tempFile()
    openStores(fresh)
    const file = await tempFile()
    const boardId = newBoardId()
    createVersionOneDatabase(file, boardId)
    expect(appliedVersions(file)).toEqual([1])

    const { boards, domain } = openStores(file)
    expect(appliedVersions(file)).toEqual(currentVersions)
    expect(schemaOf(file)).toEqual(schemaOf(fresh))

    const stored = await boards.loadBoard(boardId)
    expect(stored).toMatchObject({ lastSeq: 3, logCount: 1 })
    const doc = await loadStoredDoc(boards, boardId)
    expect(doc.getArray('records').toArray()).toEqual(['in the snapshot', 'in the log'])
    expect(doc.getMap('meta').get('schema')).toBe('v1')
    expect(await boards.getAsset('old-asset')).toMatchObject({ boardId, bytes: Uint8Array.of(1, 2, 3) })
    expect(await boards.appendUpdates([{ boardId, update: Uint8Array.of(0, 0) }])).toEqual([4])

    // An old board can become a step's board, content and all.
    const grue = await domain.createMunicipality(aMunicipality())
    const challenge = await domain.createChallenge(aChallenge(grue.id))
    const workshop = await domain.createWorkshop(aWorkshop(challenge.id))
    await domain.createStep(aStep(workshop.id, { boardId }))
    expect(await boards.loadBoard(boardId)).toMatchObject({ lastSeq: 4, logCount: 2 })
  })

  it('apply all of a migration or none of it', async () => {
    const file = await tempFile()
    const boardId = newBoardId()
    createVersionOneDatabase(file, boardId)
    // A table in the way makes migration 2 fail half-way through.
    const operator = new DatabaseSync(file)
    operator.exec('CREATE TABLE workshops (id TEXT)')
    operator.close()

    expect(() => openSqliteStores({ file, retention: { keepLast: 2, keepDaily: 1 } })).toThrow(
      expect.objectContaining({ code: 'storage_failed', message: expect.stringMatching(/table workshops already exists/) }),
    )
    expect(appliedVersions(file)).toEqual([1])
    expect(tablesOf(file)).not.toContain('municipalities')
    expect(tablesOf(file)).toContain('boards')
  })
})

/** Rows of a release that knew only bokmål and nynorsk: two municipalities, a follower link and a challenge. */
const municipalityRowsOfRelease7 = [
  `INSERT INTO municipalities (id, name, municipality_number, county, language_form, created_at)
   VALUES ('vanylven-municipality', 'Vanylven', '1511', 'Møre og Romsdal', 'nn', 0), ('stad-municipality', 'Stad', NULL, NULL, 'nb', 0)`,
  `INSERT INTO municipality_followers (lead_municipality_id, follower_municipality_id) VALUES ('vanylven-municipality', 'stad-municipality')`,
  `INSERT INTO challenges (id, lead_municipality_id, name, title, summary, status, created_at)
   VALUES ('vanylven-challenge', 'vanylven-municipality', 'Fiskå', 'Korleis kan vi …?', '', 'active', 0)`,
]
const neutralRow = `INSERT INTO municipalities (id, name, municipality_number, county, language_form, created_at)
  VALUES ('nome-municipality', 'Nome', NULL, 'Telemark', 'neutral', 0)`
const untilRelease7 = schemaMigrations('BLOB').filter((migration) => migration.version <= 7)

describe('the migration to neutral municipalities', () => {
  it('keeps every municipality’s language form and the rows that refer to it, and lets neutral in (SQLite)', async () => {
    const file = await tempFile()
    const db = new DatabaseSync(file)
    db.exec('PRAGMA foreign_keys = ON')
    db.exec(createMigrationsTable)
    for (const migration of untilRelease7) {
      for (const statement of migration.statements) db.exec(statement)
      db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, 0)').run(migration.version, migration.name)
    }
    for (const statement of municipalityRowsOfRelease7) db.exec(statement)
    expect(() => db.exec(neutralRow)).toThrow(/CHECK constraint failed/)
    db.close()

    const { domain } = openStores(file)
    expect(appliedVersions(file)).toEqual(currentVersions)
    expect(await domain.getMunicipality('vanylven-municipality')).toMatchObject({ name: 'Vanylven', county: 'Møre og Romsdal', languageForm: 'nn' })
    expect(await domain.getMunicipality('stad-municipality')).toMatchObject({ county: null, languageForm: 'nb' })
    expect(await domain.listFollowerLinks()).toEqual([{ leadMunicipalityId: 'vanylven-municipality', followerMunicipalityId: 'stad-municipality' }])
    expect(await domain.getChallenge('vanylven-challenge')).toMatchObject({ leadMunicipalityId: 'vanylven-municipality' })
    expect(await domain.updateMunicipality('stad-municipality', { languageForm: 'neutral' })).toMatchObject({ languageForm: 'neutral' })
    const operator = inspect(file)
    operator.exec(neutralRow)
    expect(() => operator.exec(`UPDATE municipalities SET language_form = 'sv'`)).toThrow(/CHECK constraint failed/)
  })

  it('keeps every municipality’s language form and the rows that refer to it, and lets neutral in (Postgres)', async () => {
    const database = await freshPostgresDatabase()
    cleanups.push(() => database.drop())
    const client = new pg.Client(database.url)
    await client.connect()
    try {
      await client.query(createMigrationsTable)
      for (const migration of schemaMigrations('BYTEA').filter(({ version }) => version <= 7)) {
        for (const statement of migration.statements) await client.query(statement)
        await client.query('INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, 0)', [migration.version, migration.name])
      }
      for (const statement of municipalityRowsOfRelease7) await client.query(statement)
      await expect(client.query(neutralRow)).rejects.toThrow(/check constraint/)
    } finally {
      await client.end()
    }

    const pool = await openPostgresPool({ url: database.url, poolSize: 1 })
    try {
      const versions = await pool.query<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version')
      expect(versions.rows.map((row) => row.version)).toEqual(currentVersions)
      const rows = await pool.query('SELECT id, county, language_form FROM municipalities ORDER BY id')
      expect(rows.rows).toEqual([
        { id: 'stad-municipality', county: null, language_form: 'nb' },
        { id: 'vanylven-municipality', county: 'Møre og Romsdal', language_form: 'nn' },
      ])
      expect((await pool.query('SELECT lead_municipality_id FROM challenges')).rows).toEqual([{ lead_municipality_id: 'vanylven-municipality' }])
      expect((await pool.query('SELECT * FROM municipality_followers')).rowCount).toBe(1)
      await pool.query(neutralRow)
      await expect(pool.query(`UPDATE municipalities SET language_form = 'sv'`)).rejects.toThrow(/check constraint/)
    } finally {
      await pool.end()
    }
  })
})
