import { Router } from 'express'
import { processingRecordsPath } from '../../../shared/src/protocol/appPages.ts'
import type { Config } from '../config.ts'
import { documentContentSecurityPolicy } from '../export/printCss.ts'
import { renderProcessingRecordsPage } from '../privacy/processingRecords.ts'
import { privacySettingsOf } from '../privacy/privacySettings.ts'
import { pageLanguageOf } from './pageLanguage.ts'

/**
 * `GET /behandlingsprotokoll`: the records of processing (GDPR art. 30) with this server's own
 * settings, rendered by the server without script, in the person's language (pageLanguage.ts).
 */
export function processingRecordsRouter(
  config: Pick<Config, 'retentionDays' | 'historyMs' | 'snapshotKeepLast' | 'snapshotKeepDaily' | 'auditRetentionDays' | 'redisUrl'>,
): Router {
  const settings = privacySettingsOf(config)
  const router = Router()
  router.get(processingRecordsPath, (request, response) => {
    const language = pageLanguageOf(request)
    response
      .status(200)
      .set({
        'Content-Type': 'text/html; charset=utf-8',
        'Content-Language': language,
        // The language follows the cookie and Accept-Language, so a cache must keep one answer per each.
        Vary: 'Cookie, Accept-Language',
        'Content-Security-Policy': documentContentSecurityPolicy,
        'Cache-Control': 'no-cache',
      })
      .send(renderProcessingRecordsPage(language, settings))
  })
  return router
}
