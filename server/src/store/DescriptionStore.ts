import type {
  DescriptionDraft,
  DescriptionFields,
  PublishedDescription,
} from '../../../shared/src/description/challengeDescription.ts'

/**
 * Where challenge descriptions live: one working draft per challenge and its
 * immutable published versions, numbered 1, 2, … per challenge. Implemented
 * for SQLite (sqliteDescriptionStore.ts) and Postgres (postgresDescriptionStore.ts)
 * on the connection or pool the other stores share (migration 4,
 * descriptionSchema.ts); both pass tests/integration/descriptionStore.test.ts.
 *
 * Every draft and version is validated with the shared zod schemas when it is
 * written and when it is read back. Errors as in DomainStore (BoardStoreError):
 * `invalid_input` naming the failed fields or a missing challenge, `store_closed`,
 * `storage_failed`.
 */
export interface DescriptionStore {
  /** The stored draft, or null when none was saved yet. */
  getDraft(challengeId: string): Promise<DescriptionDraft | null>
  /** Stores the draft as the challenge's working copy, replacing any earlier one. */
  saveDraft(draft: DescriptionDraft): Promise<DescriptionDraft>
  /**
   * Reads the stored draft (null when none), lets `change` make the next one
   * and stores it, in one transaction, so two editors' changes are applied
   * one after the other and neither is lost. `change` must be synchronous;
   * returning null leaves the draft as it was. Resolves to the stored draft.
   */
  updateDraft(
    challengeId: string,
    change: (current: DescriptionDraft | null) => DescriptionDraft | null,
  ): Promise<DescriptionDraft | null>
  /**
   * Publishes the stored draft as the challenge's next version (1 for the
   * first) in one transaction: two racing publishes get consecutive numbers.
   * Resolves to null when there is no draft to publish.
   */
  publish(challengeId: string, publication: Publication): Promise<PublishedDescription | null>
  /** The challenge's versions, newest first. */
  listVersions(challengeId: string): Promise<PublishedDescription[]>
  /** One version, or null. */
  getVersion(challengeId: string, version: number): Promise<PublishedDescription | null>
  /** The newest version of every challenge that has one, most recently published first. */
  latestPublished(): Promise<PublishedDescription[]>
  close(): Promise<void>
}

/** Who publishes, when, and the facts that follow the challenge rather than the draft. */
export interface Publication {
  /** ISO date-time. */
  publishedAt: string
  facilitatorId: string
  /** The facilitator's display name, kept with the version as it was. */
  publishedBy: string
  /** Written over the draft's: municipalities and language form follow the challenge as it is now. */
  challengeFacts: ChallengeFacts
}

/** The fields of a description that always follow its challenge and lead municipality. */
export type ChallengeFacts = Pick<
  DescriptionFields,
  'leadMunicipality' | 'coApplicants' | 'followerMunicipalities' | 'languageForm'
>
