import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { LanguageSelect } from './LanguageSelect.tsx'
import { NameControl } from './NameControl.tsx'

export interface TopBarProps {
  /** The board's title, on a board page. */
  title?: ReactNode
  /** The connection status, on a board page. */
  status?: ReactNode
  /** Ask for a display name if none is remembered yet (the first visit). Default: true. */
  askForName?: boolean
}

/** The bar on top of every page: app name, board title, status, name and language. */
export function TopBar({ title, status, askForName = true }: TopBarProps) {
  const { t } = useTranslation()
  return (
    <header className="top-bar">
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <Link to="/" className="top-bar__brand" aria-label={t('app.home')}>
        <img src="/favicon.svg" alt="" width="24" height="24" />
        <span className="top-bar__brand-name">{t('app.name')}</span>
      </Link>
      {title}
      <div className="top-bar__spacer" />
      {status}
      <NameControl askIfMissing={askForName} />
      <LanguageSelect />
    </header>
  )
}
