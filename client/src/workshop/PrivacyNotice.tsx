import { useTranslation } from 'react-i18next'

/**
 * What joining stores and for how long, before anyone gives their name: the name,
 * the affiliation and what they write on the boards, kept until the facilitators
 * delete the workshop.
 */
export function PrivacyNotice() {
  const { t } = useTranslation()
  return (
    <section className="privacy-notice" aria-labelledby="privacy-heading" data-testid="privacy-notice">
      <h2 id="privacy-heading">{t('privacy.heading')}</h2>
      <ul>
        <li>{t('privacy.stored')}</li>
        <li>{t('privacy.retention')}</li>
        <li>{t('privacy.visible')}</li>
        <li>{t('privacy.cookie')}</li>
      </ul>
    </section>
  )
}
