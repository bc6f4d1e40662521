import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { processingRecordsPath } from '../../../shared/src/protocol/appPages.ts'
import '../styles/siteFooter.css'

/** Where the accessibility statement is, on every page. */
export const accessibilityStatementPath = '/tilgjengelighet'

/** The footer of every plain page: what there is to know about Samskap itself, and what it stores about people. */
export function SiteFooter() {
  const { t } = useTranslation()
  return (
    <footer className="site-footer">
      <nav aria-label={t('footer.label')}>
        <Link to={accessibilityStatementPath} data-testid="accessibility-statement-link">
          {t('footer.accessibility')}
        </Link>
        {/* A page the server renders: a whole navigation, not the router's. */}
        <a href={processingRecordsPath} data-testid="processing-records-link">
          {t('processingRecords.link')}
        </a>
      </nav>
    </footer>
  )
}
