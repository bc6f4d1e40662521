import { useTranslation } from 'react-i18next'
import { processingRecordsPath } from '../../../shared/src/protocol/appPages.ts'
import { useClientConfig } from '../hooks/useClientConfig.ts'

/**
 * What joining stores and for how long, before anyone gives their name: the name,
 * the affiliation and what they write on the boards, kept until the facilitators
 * delete the workshop or RETENTION_DAYS after it closed; the records of processing say more.
 */
export function PrivacyNotice() {
  const { t } = useTranslation()
  const retentionDays = useClientConfig()?.retentionDays
  return (
    <section className="privacy-notice" aria-labelledby="privacy-heading" data-testid="privacy-notice">
      <h2 id="privacy-heading">{t('privacy.heading')}</h2>
      <ul>
        <li>{t('privacy.stored')}</li>
        <li>{retentionDays === undefined ? t('privacy.retention') : t('processingRecords.joinRetention', { count: retentionDays })}</li>
        <li>{t('privacy.visible')}</li>
        <li>{t('privacy.cookie')}</li>
      </ul>
      <p>
        <a href={processingRecordsPath} data-testid="join-processing-records-link">
          {t('processingRecords.readMore')}
        </a>
      </p>
    </section>
  )
}
