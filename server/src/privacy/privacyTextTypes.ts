// The shape of the records of processing in words (one file per language fills it).

import type { DataSubject, LegalBasis, PersonalDataCategoryId, StorageLocation } from './personalData.ts'
import type { PrivacySettings } from './privacySettings.ts'

/** One category of personal data in words: its name, what it is, why it is kept and for how long. */
export interface CategoryTexts {
  name: string
  what: string
  why: string
  howLong(settings: PrivacySettings): string
}

/** The records of processing in one language. */
export interface PrivacyTexts {
  title: string
  /** Who answers for the processing, and what the page is. */
  lead: string
  /** That the figures are this server's settings. */
  settingsNote: string
  categoriesHeading: string
  labels: { subjects: string; what: string; why: string; basis: string; howLong: string; where: string }
  subjects: Record<DataSubject, string>
  bases: Record<LegalBasis, string>
  where(location: StorageLocation): string
  /** Leads the places data lies only when several instances share Redis. */
  inCluster: string
  categories: Record<PersonalDataCategoryId, CategoryTexts>
  /** The other points of GDPR art. 30: recipients, transfers abroad, security. */
  recipientsHeading: string
  recipients: string
  transfersHeading: string
  transfers: string
  securityHeading: string
  security: string
  rightsHeading: string
  rights: string
  home: string
  accessibility: string
}

/** "1 day" or "5 days" in the words of a language. */
export function counted(count: number, one: string, other: string): string {
  return `${count} ${count === 1 ? one : other}`
}
