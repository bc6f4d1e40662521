import type { DescriptionDraft } from '../../../shared/src/description/challengeDescription.ts'
import { isBoardId } from '../../../shared/src/protocol/boardId.ts'
import type { DescriptionStore } from './DescriptionStore.ts'
import { checkedDraft, checkedPublication, readDraft, readVersion, versionColumns } from './descriptionRecords.ts'
import { attachPostgresStore, inPostgresTransaction, type Queryable, type SharedPostgresPool } from './postgresDatabase.ts'
import { queryRow, queryRows } from './postgresQueries.ts'
import { invalidInput } from './storeErrors.ts'
import { integerOf, type StoredRow } from './storeRows.ts'

// The statements of sqliteDescriptionStore.ts with Postgres' numbered parameters ($1 …), with the row locks that
// keep one challenge's drafts and versions in order while several server instances write them.
const sql = {
  challengeExists: 'SELECT id FROM challenges WHERE id = $1',
  /** The lock a first draft is written under: a challenge's first writers go one at a time. */
  lockChallenge: 'SELECT id FROM challenges WHERE id = $1 FOR NO KEY UPDATE',
  draft: 'SELECT body FROM challenge_drafts WHERE challenge_id = $1',
  lockedDraft: 'SELECT body FROM challenge_drafts WHERE challenge_id = $1 FOR UPDATE',
  upsertDraft: `INSERT INTO challenge_drafts (challenge_id, body, updated_at) VALUES ($1, $2, $3)
    ON CONFLICT (challenge_id) DO UPDATE SET body = excluded.body, updated_at = excluded.updated_at`,
  nextVersion: 'SELECT COALESCE(MAX(version), 0) + 1 AS next FROM challenge_description_versions WHERE challenge_id = $1',
  insertVersion: `INSERT INTO challenge_description_versions
      (challenge_id, version, published_at, published_by_facilitator_id, published_by_name, body)
    VALUES ($1, $2, $3, $4, $5, $6) RETURNING *`,
  version: 'SELECT * FROM challenge_description_versions WHERE challenge_id = $1 AND version = $2',
  versions: 'SELECT * FROM challenge_description_versions WHERE challenge_id = $1 ORDER BY version DESC',
  // Text ordered byte-wise, as SQLite orders it, whatever the database's locale.
  latestVersions: `SELECT * FROM challenge_description_versions AS v
    WHERE v.version = (SELECT MAX(w.version) FROM challenge_description_versions AS w WHERE w.challenge_id = v.challenge_id)
    ORDER BY v.published_at DESC, v.challenge_id COLLATE "C"`,
} as const

/** The version column is an INTEGER: a number beyond it names no version (SQLite's integers are wider). */
const maxVersion = 2 ** 31 - 1

/**
 * The DescriptionStore on the Postgres pool the other stores use (open them with
 * openPostgresStores), behaving as the SQLite one (sqliteDescriptionStore.ts). SQLite writes one
 * transaction at a time; here a draft is changed and published with its row locked, so edits and
 * publishes of one challenge on any number of server instances apply one after the other.
 * Its close() lets go of the pool.
 */
export function createPostgresDescriptionStore(shared: SharedPostgresPool): DescriptionStore {
  const { pool } = shared
  const { operation, close } = attachPostgresStore(shared, 'description')
  const transaction = <T>(work: (client: Queryable) => Promise<T>) => inPostgresTransaction(pool, work)

  async function loadDraft(db: Queryable, challengeId: string, statement: string): Promise<DescriptionDraft | null> {
    const row = isBoardId(challengeId) ? await queryRow(db, statement, [challengeId]) : undefined
    return row === undefined ? null : readDraft(row, challengeId)
  }

  /**
   * Locks the stored draft's row until commit, so that no other writer changes it in between, and
   * resolves to it. A missing draft has no row to lock: the challenge's row is locked instead and
   * the draft read again, since a first writer that held it may have committed one meanwhile.
   */
  async function lockDraftRow(client: Queryable, challengeId: string): Promise<StoredRow | undefined> {
    if (!isBoardId(challengeId)) return undefined
    const row = await queryRow(client, sql.lockedDraft, [challengeId])
    if (row !== undefined) return row
    await client.query(sql.lockChallenge, [challengeId])
    return queryRow(client, sql.lockedDraft, [challengeId])
  }

  /** Stores a checked draft (checkedDraft); call with its row locked (lockDraftRow). */
  async function writeDraft(
    client: Queryable,
    { draft, updatedAt }: ReturnType<typeof checkedDraft>,
    challengeId: string,
  ): Promise<DescriptionDraft> {
    if ((await queryRow(client, sql.challengeExists, [challengeId])) === undefined) {
      throw invalidInput(`There is no challenge ${challengeId}.`)
    }
    await client.query(sql.upsertDraft, [challengeId, JSON.stringify(draft), updatedAt])
    return draft
  }

  return {
    getDraft(challengeId) {
      return operation(`load the description draft of challenge ${challengeId}`, () => loadDraft(pool, challengeId, sql.draft))
    },

    saveDraft(draft) {
      return operation(`save the description draft of challenge ${draft.challengeId}`, async () => {
        const checked = checkedDraft(draft, draft.challengeId)
        return transaction(async (client) => {
          // Locked as updateDraft locks it, so a save and an update made at once apply one after the
          // other. The stored draft is replaced unread, as SQLite replaces it, damaged or not.
          await lockDraftRow(client, checked.draft.challengeId)
          return writeDraft(client, checked, checked.draft.challengeId)
        })
      })
    },

    updateDraft(challengeId, change) {
      return operation(`update the description draft of challenge ${challengeId}`, () =>
        // Should Postgres end this transaction as a deadlock's loser, it runs again from the
        // start: `change` then sees the draft as it is by then, as the next editor would.
        transaction(async (client) => {
          const row = await lockDraftRow(client, challengeId)
          const current = row === undefined ? null : readDraft(row, challengeId)
          const next = change(current)
          return next === null ? current : writeDraft(client, checkedDraft(next, challengeId), challengeId)
        }),
      )
    },

    publish(challengeId, input) {
      return operation(`publish the description of challenge ${challengeId}`, async () => {
        const publication = checkedPublication(input)
        return transaction(async (client) => {
          // The draft's row lock orders publishes of one challenge: the second waits for the first
          // to commit, and its next statement (each sees what was committed before it began)
          // reads the number the first took. No draft: nothing to publish, no number taken.
          const draft = await loadDraft(client, challengeId, sql.lockedDraft)
          if (draft === null) return null
          const version = integerOf(await queryRow(client, sql.nextVersion, [challengeId]), 'next')
          const { body, publishedAt } = versionColumns(draft, publication)
          const values = [challengeId, version, publishedAt, publication.facilitatorId, publication.publishedBy, body]
          return readVersion(await queryRow(client, sql.insertVersion, values))
        })
      })
    },

    listVersions(challengeId) {
      return operation(`list the versions of challenge ${challengeId}`, async () =>
        isBoardId(challengeId) ? (await queryRows(pool, sql.versions, [challengeId])).map(readVersion) : [],
      )
    },

    getVersion(challengeId, version) {
      return operation(`load version ${version} of challenge ${challengeId}`, async () => {
        const known = isBoardId(challengeId) && Number.isSafeInteger(version) && Math.abs(version) <= maxVersion
        const row = known ? await queryRow(pool, sql.version, [challengeId, version]) : undefined
        return row === undefined ? null : readVersion(row)
      })
    },

    latestPublished() {
      return operation('list the published descriptions', async () => (await queryRows(pool, sql.latestVersions)).map(readVersion))
    },

    close,
  }
}
