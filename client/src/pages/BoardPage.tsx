import { lazy, Suspense } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useParams } from 'react-router'
import { isBoardId } from '../../../shared/src/protocol/boardId.ts'
import { PageShell } from '../components/PageShell.tsx'

// tldraw and Yjs are loaded only when a board is opened.
const BoardView = lazy(() => import('../components/board/BoardView.tsx').then(({ BoardView }) => ({ default: BoardView })))

/** `/board/:boardId`: the board, or a clear message when the id is not a board id. */
export function BoardPage() {
  const { t } = useTranslation()
  const { boardId = '' } = useParams()
  if (!isBoardId(boardId)) {
    return (
      <PageShell title={`${t('board.notFoundTitle')} – ${t('app.name')}`}>
        <section className="message-page" data-testid="board-not-found">
          <h1>{t('board.notFoundTitle')}</h1>
          <p>{t('board.notFoundBody', { id: boardId })}</p>
          <p>
            <Link to="/">{t('board.backHome')}</Link>
          </p>
        </section>
      </PageShell>
    )
  }
  return (
    <Suspense
      fallback={
        <PageShell title={t('app.name')} askForName={false}>
          <p className="board-loading" aria-busy="true">
            {t('board.loading')}
          </p>
        </PageShell>
      }
    >
      <BoardView key={boardId} boardId={boardId} />
    </Suspense>
  )
}
