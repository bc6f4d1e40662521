import { loadConfig } from '../config.ts'
import { processingRecordsMarkdown } from './processingRecords.ts'
import { privacySettingsOf } from './privacySettings.ts'

/** The README's records of processing as the code defines them: the default configuration's settings, in English. */
export function defaultProcessingRecordsMarkdown(): string {
  return processingRecordsMarkdown(privacySettingsOf(loadConfig({})))
}
