import { z } from 'zod'
import {
  DescriptionDraft,
  DescriptionFields,
  editableFieldKeys,
  PublishedDescription,
} from '../../../shared/src/description/challengeDescription.ts'
import { isBoardId } from '../../../shared/src/protocol/boardId.ts'
import { DisplayName } from '../../../shared/src/schema/access.ts'
import { EntityId } from '../../../shared/src/schema/entityId.ts'
import { formatIssues } from '../../../shared/src/schema/validation.ts'
import type { DescriptionStore } from './DescriptionStore.ts'
import { attachStore, inTransaction, integerColumn, textColumn, type SharedSqliteConnection, type SqliteRow } from './sqliteDatabase.ts'
import { invalidInput } from './storeErrors.ts'
import { validated } from './storeValidation.ts'

const isoDateTime = z.iso.datetime({ offset: true })
const PublicationRecord = z.strictObject({
  publishedAt: isoDateTime,
  facilitatorId: EntityId,
  publishedBy: DisplayName,
  challengeFacts: DescriptionFields.pick({
    leadMunicipality: true,
    coApplicants: true,
    followerMunicipalities: true,
    languageForm: true,
  }),
})
/** What a version row's body holds; the envelope (number, time, publisher) is in its columns. */
const VersionBody = PublishedDescription.pick({ fields: true, sources: true })

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
    return row === undefined ? null : readStored(DescriptionDraft, textColumn(row, 'body'), `draft of challenge ${challengeId}`)
  }

  function writeDraft(input: DescriptionDraft, challengeId: string): DescriptionDraft {
    const draft = validated(DescriptionDraft, input, 'description draft')
    if (draft.challengeId !== challengeId) throw invalidInput(`The draft belongs to challenge ${draft.challengeId}, not ${challengeId}.`)
    const updatedAt = Date.parse(draft.updatedAt)
    if (!Number.isFinite(updatedAt)) throw invalidInput(`Invalid description draft: updatedAt: Not a date-time.`)
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
        const publication = validated(PublicationRecord, input, 'publication')
        return inTransaction(db, () => {
          const draft = readDraft(challengeId)
          if (draft === null) return null
          const version = integerColumn(sql.nextVersion.get(challengeId), 'next')
          const body = validated(VersionBody, publishedBody(draft, publication.challengeFacts), 'published description')
          const publishedAt = Date.parse(publication.publishedAt)
          sql.insertVersion.run(
            challengeId,
            version,
            publishedAt,
            publication.facilitatorId,
            publication.publishedBy,
            JSON.stringify(body),
          )
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

/** The draft's fields with the challenge's facts, and the sources of each drafted field. */
function publishedBody(draft: DescriptionDraft, facts: z.infer<typeof PublicationRecord>['challengeFacts']) {
  const sources = Object.fromEntries(
    editableFieldKeys.flatMap((key) => {
      const refs = draft.provenance[key]?.sources ?? []
      return refs.length === 0 ? [] : [[key, refs]]
    }),
  )
  return { fields: { ...draft.fields, ...facts }, sources }
}

function readVersion(row: SqliteRow | undefined): PublishedDescription {
  if (row === undefined) throw new Error('The version just written is missing.')
  const challengeId = textColumn(row, 'challenge_id')
  const version = integerColumn(row, 'version')
  const what = `version ${version} of challenge ${challengeId}`
  const body = readStored(VersionBody, textColumn(row, 'body'), what)
  return readStored(
    PublishedDescription,
    {
      challengeId,
      version,
      publishedAt: new Date(integerColumn(row, 'published_at')).toISOString(),
      publishedBy: textColumn(row, 'published_by_name'),
      ...body,
    },
    what,
  )
}

/**
 * A stored document checked against its schema. A failure is not the
 * caller's mistake but a damaged or foreign row, so it is a plain Error
 * (reported as storage_failed), naming the record and the fields.
 */
function readStored<T>(schema: z.ZodType<T>, stored: string | object, what: string): T {
  let value: unknown
  try {
    value = typeof stored === 'string' ? JSON.parse(stored) : stored
  } catch {
    throw new Error(`The stored ${what} is not JSON.`)
  }
  const result = schema.safeParse(value)
  if (!result.success) throw new Error(`The stored ${what} is not valid: ${formatIssues(result.error)}`)
  return result.data
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
