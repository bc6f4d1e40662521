import { useTranslation } from 'react-i18next'
import { PageShell } from '../components/PageShell.tsx'
import { useClientConfig } from '../hooks/useClientConfig.ts'

/** What meets WCAG 2.1 AA and what does not yet, in the order a reader looks for them. */
const meets = ['meetsPages', 'meetsTesting', 'meetsLanguage', 'meetsTime', 'meetsAnnouncements'] as const
const gaps = ['gapPointer', 'gapList', 'gapLive', 'gapContrast', 'gapImages', 'gapPhone', 'gapTldrawLanguage'] as const

/** An e-mail address becomes a mailto: link; anything else the server accepted is an http(s) address. */
function contactHref(contact: string): string {
  return contact.includes('@') && !contact.includes('://') ? `mailto:${contact}` : contact
}

/** `/tilgjengelighet`: the accessibility statement, with the contact point the deployment configures. */
export function AccessibilityStatementPage() {
  const { t } = useTranslation()
  const config = useClientConfig()
  const contact = config?.accessibilityContact ?? null
  return (
    <PageShell title={`${t('accessibility.title')} – ${t('app.name')}`}>
      <article className="accessibility-statement" data-testid="accessibility-statement">
        <h1>{t('accessibility.title')}</h1>
        <p>{t('accessibility.lead')}</p>
        <h2>{t('accessibility.statusHeading')}</h2>
        <p>{t('accessibility.status')}</p>
        <h2>{t('accessibility.meetsHeading')}</h2>
        <ul>
          {meets.map((key) => (
            <li key={key}>{t(`accessibility.${key}`)}</li>
          ))}
        </ul>
        <h2>{t('accessibility.gapsHeading')}</h2>
        <ul>
          {gaps.map((key) => (
            <li key={key}>{t(`accessibility.${key}`)}</li>
          ))}
        </ul>
        <h2>{t('accessibility.contactHeading')}</h2>
        <p>{t('accessibility.contactLead')}</p>
        {config === null ? null : contact === null ? (
          <p data-testid="accessibility-contact-missing">{t('accessibility.contactMissing')}</p>
        ) : (
          <p data-testid="accessibility-contact">
            {t('accessibility.contact')} <a href={contactHref(contact)}>{contact}</a>
          </p>
        )}
        <h2>{t('accessibility.complaintHeading')}</h2>
        <p>
          {t('accessibility.complaint')} <a href="https://www.uutilsynet.no/">{t('accessibility.complaintLink')}</a>
        </p>
        <h2>{t('accessibility.basisHeading')}</h2>
        <p>{t('accessibility.basis')}</p>
      </article>
    </PageShell>
  )
}
