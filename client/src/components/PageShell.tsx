import type { ReactNode } from 'react'
import { TopBar } from './TopBar.tsx'

export interface PageShellProps {
  title: string
  children: ReactNode
  /** Wider content, for pages with two columns (the workshop editor). */
  wide?: boolean
}

/** A plain page (not a board): the top bar and the page's content. */
export function PageShell({ title, children, wide = false }: PageShellProps) {
  return (
    <div className="page">
      <title>{title}</title>
      <TopBar />
      <main id="main" className={wide ? 'page__main page__main--wide' : 'page__main'} tabIndex={-1}>
        {children}
      </main>
    </div>
  )
}
