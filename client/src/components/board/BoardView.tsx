import { useCallback } from 'react'
import { useTranslation } from 'react-i18next'
import { useValue } from 'tldraw'
import type { AssetUploadProblem } from '../../board/assetStore.ts'
import { useBoardConnection } from '../../hooks/useBoardConnection.ts'
import { useClientConfig } from '../../hooks/useClientConfig.ts'
import { useTldrawUser } from '../../hooks/useTldrawUser.ts'
import { ConnectionStatus } from '../ConnectionStatus.tsx'
import { ReadonlyNotice } from '../ReadonlyNotice.tsx'
import { useToasts } from '../Toasts.tsx'
import { TopBar } from '../TopBar.tsx'
import { BoardCanvas } from './BoardCanvas.tsx'

function formatMegabytes(bytes: number, language: string): string {
  return new Intl.NumberFormat(language, { style: 'unit', unit: 'megabyte', maximumFractionDigits: 1 }).format(
    bytes / (1024 * 1024),
  )
}

/** One open board: the top bar with its status, any read-only notice, and the canvas. */
export function BoardView({ boardId }: { boardId: string }) {
  const { t, i18n } = useTranslation()
  const tldrawUser = useTldrawUser()
  const toasts = useToasts()
  const config = useClientConfig()
  const maxAssetBytes = config?.maxAssetBytes

  const onUploadProblem = useCallback(
    (problem: AssetUploadProblem) => {
      if (problem === 'too-large' && maxAssetBytes !== undefined) {
        toasts.show(t('assets.tooLarge', { max: formatMegabytes(maxAssetBytes, i18n.language) }))
      } else if (problem === 'unsupported-type') toasts.show(t('assets.unsupported'))
      else toasts.show(t('assets.failed'))
    },
    [toasts, t, i18n.language, maxAssetBytes],
  )
  const connection = useBoardConnection(boardId, { user: tldrawUser?.$user ?? null, onUploadProblem })
  const state = useValue('boardState', () => connection?.$state.get() ?? null, [connection])
  const title = t('board.title', { id: boardId })

  return (
    <div className="board-page">
      <title>{`${title} – ${t('app.name')}`}</title>
      <TopBar
        title={
          <h1 className="top-bar__title" data-testid="board-title" title={title}>
            {title}
          </h1>
        }
        status={<ConnectionStatus state={state} />}
      />
      {state !== null && <ReadonlyNotice state={state} />}
      <main id="main" className="board-page__main" tabIndex={-1}>
        {connection !== null && tldrawUser !== null && state?.ready && config !== null ? (
          <BoardCanvas
            connection={connection}
            user={tldrawUser.currentUser}
            licenseKey={config.tldrawLicenseKey}
            maxAssetBytes={config.maxAssetBytes}
          />
        ) : (
          <p className="board-loading" data-testid="board-loading" aria-busy="true">
            {t('board.loading')}
          </p>
        )}
      </main>
    </div>
  )
}
