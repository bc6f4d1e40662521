import { isBoardId } from '../../../shared/src/protocol/boardId.ts'
import type { DescriptionDraft } from '../../../shared/src/description/challengeDescription.ts'
import type { DescriptionStore } from './DescriptionStore.ts'
import { checkedDraft, checkedPublication, readDraft as readDraftRow, readVersion, versionColumns } from './descriptionRecords.ts'
import { attachStore, inTransaction, integerColumn, type SharedSqliteConnection } from './sqliteDatabase.ts'
import { invalidInput } from './storeErrors.ts'

/**
 * The DescriptionStore on the SQLite connection the other stores use (open
 * them with openSqliteStores). Its close() releases the connection.
 */
export function createSqliteDescriptionStore(connection: SharedSqliteConnection): DescriptionStore {
  const db = connection.db
  const { operation, close } = attachStore(connection, 'description')
  const sql = prepareStatements(connection)

  function readDraft(challengeId: string): DescriptionDraft | null {
    const row = isBoardId(challengeId) ? sql.draft.get(challengeId) : undefined
    return row === undefined ? null : readDraftRow(row, challengeId)
  }

  function writeDraft(input: DescriptionDraft, challengeId: string): DescriptionDraft {
    const { draft, updatedAt } = checkedDraft(input, challengeId)
    if (sql.challengeExists.get(challengeId) === undefined) throw invalidInput(`There is no challenge ${challengeId}.`)
    sql.upsertDraft.run(challengeId, JSON.stringify(draft), updatedAt)
    return draft
  }

  return {
    getDraft(challengeId) {
      return operation(`load the description draft of challenge ${challengeId}`, () => readDraft(challengeId))
    },

    saveDraft(draft) {
      return operation(`save the description draft of challenge ${draft.challengeId}`, () =>
        inTransaction(db, () => writeDraft(draft, draft.challengeId)),
      )
    },

    updateDraft(challengeId, change) {
      return operation(`update the description draft of challenge ${challengeId}`, () =>
        inTransaction(db, () => {
          const current = readDraft(challengeId)
          const next = change(current)
          return next === null ? current : writeDraft(next, challengeId)
        }),
      )
    },

    publish(challengeId, input) {
      return operation(`publish the description of challenge ${challengeId}`, () => {
        const publication = checkedPublication(input)
        return inTransaction(db, () => {
          const draft = readDraft(challengeId)
          if (draft === null) return null
          const version = integerColumn(sql.nextVersion.get(challengeId), 'next')
          const { body, publishedAt } = versionColumns(draft, publication)
          sql.insertVersion.run(challengeId, version, publishedAt, publication.facilitatorId, publication.publishedBy, body)
          return readVersion(sql.version.get(challengeId, version))
        })
      })
    },

    listVersions(challengeId) {
      return operation(`list the versions of challenge ${challengeId}`, () =>
        isBoardId(challengeId) ? sql.versions.all(challengeId).map(readVersion) : [],
      )
    },

    getVersion(challengeId, version) {
      return operation(`load version ${version} of challenge ${challengeId}`, () => {
        const row = isBoardId(challengeId) && Number.isSafeInteger(version) ? sql.version.get(challengeId, version) : undefined
        return row === undefined ? null : readVersion(row)
      })
    },

    latestPublished() {
      return operation('list the published descriptions', () => sql.latestVersions.all().map(readVersion))
    },

    close,
  }
}

function prepareStatements({ db }: SharedSqliteConnection) {
  return {
    challengeExists: db.prepare('SELECT id FROM challenges WHERE id = ?'),
    draft: db.prepare('SELECT body FROM challenge_drafts WHERE challenge_id = ?'),
    upsertDraft: db.prepare(
      `INSERT INTO challenge_drafts (challenge_id, body, updated_at) VALUES (?, ?, ?)
       ON CONFLICT (challenge_id) DO UPDATE SET body = excluded.body, updated_at = excluded.updated_at`,
    ),
    nextVersion: db.prepare(
      'SELECT COALESCE(MAX(version), 0) + 1 AS next FROM challenge_description_versions WHERE challenge_id = ?',
    ),
    insertVersion: db.prepare(
      `INSERT INTO challenge_description_versions
         (challenge_id, version, published_at, published_by_facilitator_id, published_by_name, body)
       VALUES (?, ?, ?, ?, ?, ?)`,
    ),
    version: db.prepare('SELECT * FROM challenge_description_versions WHERE challenge_id = ? AND version = ?'),
    versions: db.prepare('SELECT * FROM challenge_description_versions WHERE challenge_id = ? ORDER BY version DESC'),
    latestVersions: db.prepare(
      `SELECT * FROM challenge_description_versions AS v
       WHERE v.version = (SELECT MAX(w.version) FROM challenge_description_versions AS w WHERE w.challenge_id = v.challenge_id)
       ORDER BY v.published_at DESC, v.challenge_id`,
    ),
  }
}
