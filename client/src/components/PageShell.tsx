import type { ReactNode } from 'react'
import { TopBar } from './TopBar.tsx'

export interface PageShellProps {
  title: string
  children: ReactNode
  /** Ask for a display name on a first visit. Only boards need one: a name is what others see by your cursor. */
  askForName?: boolean
}

/** A plain page (not a board): the top bar and the page's content. */
export function PageShell({ title, children, askForName = false }: PageShellProps) {
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
