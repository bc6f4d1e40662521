import type { ReactNode } from 'react'
import { TopBar } from './TopBar.tsx'

export interface PageShellProps {
  title: string
  children: ReactNode
  /** Ask for a display name on a first visit (not while a board page is still loading). */
  askForName?: boolean
}

/** A plain page (not a board): the top bar and the page's content. */
export function PageShell({ title, children, askForName = true }: PageShellProps) {
  return (
    <div className="page">
      <title>{title}</title>
      <TopBar askForName={askForName} />
      <main id="main" className="page__main" tabIndex={-1}>
        {children}
      </main>
    </div>
  )
}
