import { z } from 'zod'
import {
  DescriptionDraft,
  DescriptionFields,
  PublishedDescription,
  withLaterFields,
} from '../../../shared/src/description/challengeDescription.ts'
import { publishedSources } from '../../../shared/src/description/publishedSources.ts'
import { DisplayName } from '../../../shared/src/schema/access.ts'
import { EntityId } from '../../../shared/src/schema/entityId.ts'
import { formatIssues } from '../../../shared/src/schema/validation.ts'
import type { Publication } from './DescriptionStore.ts'
import { invalidInput } from './storeErrors.ts'
import { integerOf, textOf, type StoredRow } from './storeRows.ts'
import { validated } from './storeValidation.ts'

// The description store's documents as every implementation checks them before writing, and
// the readers that turn a stored row back into a draft or a version (the same columns and JSON
// bodies on SQLite and Postgres).

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

/** A draft about to be stored as `challengeId`'s working copy, and its time as the updated_at column. */
export function checkedDraft(input: DescriptionDraft, challengeId: string): { draft: DescriptionDraft; updatedAt: number } {
  const draft = validated(DescriptionDraft, input, 'description draft')
  if (draft.challengeId !== challengeId) throw invalidInput(`The draft belongs to challenge ${draft.challengeId}, not ${challengeId}.`)
  const updatedAt = Date.parse(draft.updatedAt)
  if (!Number.isFinite(updatedAt)) throw invalidInput(`Invalid description draft: updatedAt: Not a date-time.`)
  return { draft, updatedAt }
}

export function checkedPublication(input: Publication): Publication {
  return validated(PublicationRecord, input, 'publication')
}

/** The columns of the version that publishing `draft` makes: the body as JSON and the time as milliseconds. */
export function versionColumns(draft: DescriptionDraft, publication: Publication): { body: string; publishedAt: number } {
  const body = validated(VersionBody, publishedBody(draft, publication.challengeFacts), 'published description')
  return { body: JSON.stringify(body), publishedAt: Date.parse(publication.publishedAt) }
}

/** The draft's fields with the challenge's facts, and the sources of each drafted field that its published text still holds. */
function publishedBody(draft: DescriptionDraft, facts: Publication['challengeFacts']) {
  const fields = { ...draft.fields, ...facts }
  return { fields, sources: publishedSources(fields, draft.provenance) }
}

/** A challenge_drafts row's body as the draft it holds. */
export function readDraft(row: StoredRow, challengeId: string): DescriptionDraft {
  return readStored(DescriptionDraft, textOf(row, 'body'), `draft of challenge ${challengeId}`)
}

/** A challenge_description_versions row as the published version. */
export function readVersion(row: StoredRow | undefined): PublishedDescription {
  if (row === undefined) throw new Error('The version just written is missing.')
  const challengeId = textOf(row, 'challenge_id')
  const version = integerOf(row, 'version')
  const what = `version ${version} of challenge ${challengeId}`
  const body = readStored(VersionBody, textOf(row, 'body'), what)
  return readStored(
    PublishedDescription,
    {
      challengeId,
      version,
      publishedAt: new Date(integerOf(row, 'published_at')).toISOString(),
      publishedBy: textOf(row, 'published_by_name'),
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
  const result = schema.safeParse(withLaterFields(value))
  if (!result.success) throw new Error(`The stored ${what} is not valid: ${formatIssues(result.error)}`)
  return result.data
}
