import { languageCookieName } from '../../../shared/src/protocol/uiLanguage.ts'
import { facilitatorCookieName, guestCookieName } from '../auth/sessionCookies.ts'
import { deviceCookieName } from '../auth/trustedDevices.ts'

// Every kind of personal data Samskap keeps, as one list: whose it is, on what legal basis, and
// where it lies. What it is, why and for how long are said in words per language
// (personalDataTexts*.ts), from the running server's settings (privacySettings.ts). The records
// of processing (/behandlingsprotokoll) and the README's section are both made from this list.

/** Whose data it is. */
export type DataSubject = 'facilitators' | 'invitees' | 'participants' | 'observers' | 'boardVisitors' | 'everyone'

/**
 * The legal basis, as a municipality states it (GDPR art. 6): its task in the public interest
 * (developing services with the people they concern), the security of that service, its
 * duty to keep public records, and its accountability for what its staff did.
 */
export type LegalBasis = 'publicTask' | 'security' | 'publicRecord' | 'accountability'

/** Where data lies: a table of the database (SQLite or Postgres), the server's memory, Redis, logs or the person's own browser. */
export type StorageLocation =
  | { kind: 'database'; tables: readonly string[] }
  | { kind: 'memory' }
  | { kind: 'redis' }
  | { kind: 'logs' }
  | { kind: 'browser'; storage: 'cookie' | 'localStorage' | 'indexedDb'; names: readonly string[] }

export const personalDataCategoryIds = [
  'facilitatorAccounts',
  'facilitatorSessions',
  'accountLinks',
  'signInAttempts',
  'trustedBrowsers',
  'participants',
  'guestSessions',
  'boardContent',
  'boardHistory',
  'privateBoards',
  'facilitationState',
  'presence',
  'browserStorage',
  'descriptionDrafts',
  'publishedDescriptions',
  'auditLog',
  'logs',
] as const
export type PersonalDataCategoryId = (typeof personalDataCategoryIds)[number]

export interface PersonalDataCategory {
  id: PersonalDataCategoryId
  subjects: readonly DataSubject[]
  basis: readonly LegalBasis[]
  /** Where it lies; `cluster` entries only when several instances share Redis. */
  where: readonly StorageLocation[]
  whereInCluster?: readonly StorageLocation[]
}

/** The categories, in the order the records list them. */
export const personalDataCategories: readonly PersonalDataCategory[] = [
  {
    id: 'facilitatorAccounts',
    subjects: ['facilitators'],
    basis: ['publicTask'],
    where: [{ kind: 'database', tables: ['facilitators', 'facilitator_credentials'] }],
  },
  {
    id: 'facilitatorSessions',
    subjects: ['facilitators'],
    basis: ['security'],
    where: [
      { kind: 'database', tables: ['sessions'] },
      { kind: 'browser', storage: 'cookie', names: [facilitatorCookieName] },
    ],
  },
  {
    id: 'accountLinks',
    subjects: ['invitees', 'facilitators'],
    basis: ['publicTask'],
    where: [{ kind: 'database', tables: ['account_tokens', 'password_resets'] }],
  },
  {
    id: 'signInAttempts',
    subjects: ['facilitators', 'everyone'],
    basis: ['security'],
    where: [{ kind: 'memory' }],
    whereInCluster: [{ kind: 'redis' }],
  },
  {
    id: 'trustedBrowsers',
    subjects: ['facilitators'],
    basis: ['security'],
    where: [{ kind: 'browser', storage: 'cookie', names: [deviceCookieName] }],
  },
  {
    id: 'participants',
    subjects: ['participants'],
    basis: ['publicTask'],
    where: [{ kind: 'database', tables: ['participants'] }],
  },
  {
    id: 'guestSessions',
    subjects: ['participants', 'observers'],
    basis: ['security'],
    where: [
      { kind: 'database', tables: ['sessions', 'workshop_links'] },
      { kind: 'browser', storage: 'cookie', names: [guestCookieName] },
    ],
  },
  {
    id: 'boardContent',
    subjects: ['participants', 'facilitators', 'boardVisitors'],
    basis: ['publicTask'],
    where: [{ kind: 'database', tables: ['boards', 'board_updates', 'board_snapshots', 'assets'] }],
  },
  {
    id: 'boardHistory',
    subjects: ['participants', 'facilitators', 'boardVisitors'],
    basis: ['publicTask'],
    where: [{ kind: 'database', tables: ['board_updates', 'board_snapshots', 'board_clients'] }],
  },
  {
    id: 'privateBoards',
    subjects: ['participants'],
    basis: ['publicTask'],
    where: [{ kind: 'database', tables: ['private_boards', 'board_updates', 'board_snapshots'] }],
  },
  {
    id: 'facilitationState',
    subjects: ['participants', 'facilitators'],
    basis: ['publicTask'],
    where: [{ kind: 'database', tables: ['facilitation_state'] }],
  },
  {
    id: 'presence',
    subjects: ['participants', 'facilitators', 'boardVisitors'],
    basis: ['publicTask'],
    where: [{ kind: 'memory' }],
    whereInCluster: [{ kind: 'redis' }],
  },
  {
    id: 'browserStorage',
    subjects: ['participants', 'facilitators', 'boardVisitors'],
    basis: ['publicTask'],
    where: [
      { kind: 'browser', storage: 'indexedDb', names: ['samskap-board-<id>'] },
      { kind: 'browser', storage: 'localStorage', names: ['samskap.user'] },
      { kind: 'browser', storage: 'cookie', names: [languageCookieName] },
    ],
  },
  {
    id: 'descriptionDrafts',
    subjects: ['participants', 'facilitators'],
    basis: ['publicTask'],
    where: [{ kind: 'database', tables: ['challenge_drafts'] }],
  },
  {
    id: 'publishedDescriptions',
    subjects: ['facilitators'],
    basis: ['publicRecord'],
    where: [{ kind: 'database', tables: ['challenge_description_versions'] }],
  },
  {
    id: 'auditLog',
    subjects: ['facilitators'],
    basis: ['accountability'],
    where: [{ kind: 'database', tables: ['audit_entries'] }],
  },
  {
    id: 'logs',
    subjects: ['everyone'],
    basis: ['security'],
    where: [{ kind: 'logs' }],
  },
]
