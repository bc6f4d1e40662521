import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { PageShell } from '../components/PageShell.tsx'

/** Why a board will not open here. */
export type BoardRefusal = 'notJoined' | 'wrongWorkshop' | 'facilitatorsOnly'

const messageKey = {
  notJoined: 'readonly.notAuthenticated',
  wrongWorkshop: 'readonly.wrongWorkshop',
  facilitatorsOnly: 'readonly.boardNotInWorkshop',
} as const satisfies Record<BoardRefusal, string>

/**
 * A board this browser may not open: a workshop board without joining (401) or
 * of another workshop (403), or a free board on a server that keeps those for
 * facilitators. Said before any connection is tried, with what to do.
 */
export function BoardRefused({ boardId, reason }: { boardId: string; reason: BoardRefusal }) {
  const { t } = useTranslation()
  return (
    <PageShell title={`${t('workshop.noAccessTitle')} – ${t('app.name')}`}>
      <section className="message-page" data-testid="board-refused" data-reason={reason}>
        <h1>{t('workshop.noAccessTitle')}</h1>
        <p>{t(messageKey[reason])}</p>
        <p>
          <Link to={`/login?next=${encodeURIComponent(`/board/${boardId}`)}`} className="button button--primary">
            {t('gate.signIn')}
          </Link>
        </p>
      </section>
    </PageShell>
  )
}
