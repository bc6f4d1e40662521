import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { LanguageSelect } from './LanguageSelect.tsx'
import { NameControl } from './NameControl.tsx'
import { SessionMenu } from './SessionMenu.tsx'

export interface TopBarProps {
  /** The board's title, on a board page. */
  title?: ReactNode
  /** The connection status, on a board page. */
  status?: ReactNode
  /** What can be done to the board from here (its mode, its history), on a board page. */
  actions?: ReactNode
  /**
   * The name this device remembers, with its dialog: only on boards where no session
   * gives a name (free boards). 'ask' also opens the dialog on a first visit.
   */
  localName?: 'ask' | 'show' | 'none'
}

/** The bar on top of every page: app name, board title, status, who is signed in, name and language. */
export function TopBar({ title, status, actions, localName = 'none' }: TopBarProps) {
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
      {actions}
      {status}
      {localName !== 'none' && <NameControl askIfMissing={localName === 'ask'} />}
      <SessionMenu />
      <LanguageSelect />
    </header>
  )
}
