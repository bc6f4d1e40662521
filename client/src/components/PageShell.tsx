import type { ReactNode } from 'react'
import { SiteFooter } from './SiteFooter.tsx'
import { TopBar } from './TopBar.tsx'

export interface PageShellProps {
  title: string
  children: ReactNode
  /** Wider content, for pages with two columns (the workshop editor). */
  wide?: boolean
}

/** A plain page (not a board): the top bar, the page's content and the footer. */
export function PageShell({ title, children, wide = false }: PageShellProps) {
  return (
    <div className="page">
      <title>{title}</title>
      <TopBar />
      <main id="main" className={wide ? 'page__main page__main--wide' : 'page__main'} tabIndex={-1}>
        {children}
      </main>
      <SiteFooter />
    </div>
  )
}
