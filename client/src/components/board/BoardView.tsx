import { useCallback, useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { atom, useValue, type TLUser } from 'tldraw'
import type { BoardContext } from '../../../../shared/src/schema/workshopApi.ts'
import type { ClientConfig } from '../../app/clientConfig.ts'
import type { BoardAccess } from '../../board/boardAccess.ts'
import type { AssetUploadProblem } from '../../board/assetStore.ts'
import { useBoardConnection } from '../../hooks/useBoardConnection.ts'
import { useBoardRoom } from '../../hooks/useBoardRoom.ts'
import { StepHeldNotice } from '../../workshop/StepHeldNotice.tsx'
import { BoardVoteContext, useBoardVote } from '../../hooks/useBoardVote.ts'
import { useTldrawUser } from '../../hooks/useTldrawUser.ts'
import { StepBar } from '../../workshop/StepBar.tsx'
import { ConnectionStatus } from '../ConnectionStatus.tsx'
import { ObserverNotice } from '../ObserverNotice.tsx'
import { ReadonlyNotice } from '../ReadonlyNotice.tsx'
import { useToasts } from '../Toasts.tsx'
import { TopBar } from '../TopBar.tsx'
import { BoardHistoryDialog } from '../../history/BoardHistoryDialog.tsx'
import { BoardModeControl } from '../../workshop/BoardModeControl.tsx'
import { FollowBanner } from '../../workshop/FollowBanner.tsx'
import { PrivateWritingNotice } from '../../workshop/PrivateWritingNotice.tsx'
import { RoomAnnouncer } from '../../workshop/RoomAnnouncer.tsx'
import { RoomNotice } from '../../workshop/RoomNotice.tsx'
import { BoardCanvas } from './BoardCanvas.tsx'
import { BoardViews } from './outline/BoardViews.tsx'
import { useRefusalNotices } from './useRefusalNotices.ts'

function formatMegabytes(bytes: number, language: string): string {
  return new Intl.NumberFormat(language, { style: 'unit', unit: 'megabyte', maximumFractionDigits: 1 }).format(
    bytes / (1024 * 1024),
  )
}

export interface BoardViewProps {
  boardId: string
  access: BoardAccess
  /** The workshop step this board belongs to; null for a free board (or when it could not be asked). */
  context: BoardContext | null
  /** The server's client configuration (or the fallback when offline). */
  config: ClientConfig
}

/**
 * One open board: the top bar with its status, the step bar of a workshop step, any
 * read-only or observer notice, and the canvas.
 */
export function BoardView({ boardId, access, context, config }: BoardViewProps) {
  const { t, i18n } = useTranslation()
  const tldrawUser = useTldrawUser(access.identity)
  const toasts = useToasts()
  const maxAssetBytes = config.maxAssetBytes
  const observing = access.mode === 'observe'
  // An observer has no user in the board's store, so tldraw writes no user record for them.
  const nobody = useMemo(() => atom<TLUser | null>('observer', null), [])

  const onUploadProblem = useCallback(
    (problem: AssetUploadProblem) => {
      if (problem === 'too-large') {
        toasts.show(t('assets.tooLarge', { max: formatMegabytes(maxAssetBytes, i18n.language) }))
      } else if (problem === 'unsupported-type') toasts.show(t('assets.unsupported'))
      else toasts.show(t('assets.failed'))
    },
    [toasts, t, i18n.language, maxAssetBytes],
  )
  const user = tldrawUser === null ? null : observing ? nobody : tldrawUser.$user
  const embedHosts = useMemo(() => config.embedHosts ?? [], [config.embedHosts])
  const connection = useBoardConnection(boardId, { user, access, embedHosts, onUploadProblem })
  const state = useValue('boardState', () => connection?.$state.get() ?? null, [connection])
  const boardMode = useValue('boardMode', () => connection?.$boardMode.get() ?? 'open', [connection])
  const facilitating = access.role === 'facilitator' && !observing
  const [historyOpen, setHistoryOpen] = useState(false)
  const { room, notice, onEditor } = useBoardRoom(context)
  const boardVote = useBoardVote(room, context?.step.id ?? null)
  useRefusalNotices(connection)
  const title =
    context === null ? t('board.title', { id: boardId }) : t('board.stepTitle', { step: context.step.templateName, workshop: context.workshop.title })
  const refused = state?.readonlyCause != null
  // In a step's bar when there is one (the top bar has no room to spare on a phone).
  const boardTools = (
    <>
      <BoardModeControl boardId={boardId} mode={boardMode} canChange={facilitating} />
      {facilitating && (
        <button type="button" className="top-bar__button" data-testid="open-history" onClick={() => setHistoryOpen(true)}>
          {t('history.open')}
        </button>
      )}
    </>
  )

  const page = (
    <div className="board-page">
      <title>{`${title} – ${t('app.name')}`}</title>
      <TopBar
        title={
          <h1 className="top-bar__title" data-testid="board-title" title={title}>
            {title}
          </h1>
        }
        actions={context === null ? boardTools : undefined}
        status={<ConnectionStatus state={state} observing={observing} />}
        localName={access.identity === null && !observing ? 'ask' : 'none'}
      />
      {context !== null && <StepBar context={context} tools={boardTools} room={room} />}
      {room !== null && <FollowBanner room={room} />}
      {room !== null && <RoomAnnouncer room={room} />}
      {room !== null && context !== null && <PrivateWritingNotice room={room} connection={connection} access={access} stepId={context.step.id} />}
      {room !== null && context !== null && <StepHeldNotice room={room} connection={connection} stepId={context.step.id} />}
      <RoomNotice notice={notice} room={room} />
      {state !== null && refused ? (
        <ReadonlyNotice state={state} boardId={boardId} workshopId={context?.workshop.id ?? null} />
      ) : (
        observing && <ObserverNotice />
      )}
      <main id="main" className="board-page__main" tabIndex={-1} aria-label={title}>
        {connection !== null && tldrawUser !== null && state?.ready ? (
          <BoardViews
            connection={connection}
            onEditor={onEditor}
            canvas={(onViewsEditor) => (
              <BoardCanvas
                connection={connection}
                user={tldrawUser.currentUser}
                licenseKey={config.tldrawLicenseKey}
                maxAssetBytes={config.maxAssetBytes}
                exportName={title}
                access={access}
                embedHosts={embedHosts}
                onEditor={onViewsEditor}
              />
            )}
          />
        ) : refused ? null : (
          <p className="board-loading" data-testid="board-loading" aria-busy="true">
            {t('board.loading')}
          </p>
        )}
      </main>
      {historyOpen && <BoardHistoryDialog boardId={boardId} title={title} onClose={() => setHistoryOpen(false)} />}
    </div>
  )
  // The vote reaches the notes on the canvas and the facilitator's panel in the step bar alike.
  return <BoardVoteContext value={boardVote}>{page}</BoardVoteContext>
}
