import { lazy, Suspense, useMemo, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useParams } from 'react-router'
import { isBoardId } from '../../../shared/src/protocol/boardId.ts'
import { boardAccessFor } from '../board/boardAccess.ts'
import { loadBoardView } from '../components/board/loadBoardView.ts'
import { PageShell } from '../components/PageShell.tsx'
import { useBoardContext } from '../hooks/useBoardContext.ts'
import { useClientConfig } from '../hooks/useClientConfig.ts'
import { useSession } from '../hooks/useSession.ts'
import { useWorkshopLanguage } from '../hooks/useWorkshopLanguage.ts'
import { BoardRefused } from '../workshop/BoardRefused.tsx'

// tldraw and Yjs are loaded only when a board is opened.
const BoardView = lazy(() => loadBoardView().then(({ BoardView }) => ({ default: BoardView })))

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
  return <OpenBoard key={boardId} boardId={boardId} />
}

function OpenBoard({ boardId }: { boardId: string }) {
  const { t } = useTranslation()
  // The three are asked together as the page starts (AppServices): none waits for another.
  const place = useBoardContext(boardId)
  const sessionState = useSession()
  const session = sessionState.status === 'loaded' ? sessionState.session : null
  const config = useClientConfig()
  const loading: ReactNode = (
    <PageShell title={t('app.name')}>
      <p className="board-loading" aria-busy="true">
        {t('board.loading')}
      </p>
    </PageShell>
  )
  const context = place.kind === 'step' ? place.context : null
  useWorkshopLanguage(context?.language ?? null)
  // Stable while the context and the session are: a new object would open the board anew.
  const access = useMemo(() => boardAccessFor(context, session), [context, session])
  // The board opens as the person the session says (or the device, offline): not before it is known.
  if (place.kind === 'loading' || config === null || sessionState.status === 'loading') return loading
  if (place.kind === 'refused') return <BoardRefused boardId={boardId} reason={place.error.code === 'wrong_workshop' ? 'wrongWorkshop' : 'notJoined'} />
  // A free board this server keeps for facilitators: say so at once, instead of asking for a
  // name and then being refused (4412). Offline, the server's rule is unknown: the board opens.
  if (place.kind === 'free' && session?.facilitator == null && config.scratchBoards === 'facilitators') {
    return <BoardRefused boardId={boardId} reason="facilitatorsOnly" />
  }
  return (
    <Suspense fallback={loading}>
      <BoardView
        // A new role or person (signed in, joined) is a new connection.
        key={`${access.mode}:${access.identity?.id ?? 'device'}`}
        boardId={boardId}
        access={access}
        context={context}
        config={config}
      />
    </Suspense>
  )
}
