import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { PageShell } from '../components/PageShell.tsx'

/** Any path the app does not know. */
export function NotFoundPage() {
  const { t } = useTranslation()
  return (
    <PageShell title={`${t('notFound.title')} – ${t('app.name')}`}>
      <section className="message-page" data-testid="page-not-found">
        <h1>{t('notFound.title')}</h1>
        <p>{t('notFound.body')}</p>
        <p>
          <Link to="/">{t('board.backHome')}</Link>
        </p>
      </section>
    </PageShell>
  )
}
