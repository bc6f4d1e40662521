import { getAssetUrls } from '@tldraw/assets/selfHosted'
import { Tldraw, type Editor, type TLComponents, type TLCurrentUser } from 'tldraw'
import 'tldraw/tldraw.css'
import { showWholeBoard } from '../../board/boardCamera.ts'
import type { BoardConnection } from '../../board/BoardConnection.ts'
import { boardShapeUtils, registerOfflineLinkHandling } from '../../board/offlineLinks.ts'
import { BoardExportNameContext } from './BoardExportMenuItems.tsx'
import { BoardMainMenu } from './BoardMainMenu.tsx'

/** tldraw's fonts, icons and translations, served by our own server. */
const assetUrls = getAssetUrls({ baseUrl: '/tldraw-assets' })
/** The image and video types the server accepts (it checks the content, too); no SVG. */
const acceptedImageMimeTypes = ['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'image/avif']
const acceptedVideoMimeTypes = ['video/mp4', 'video/webm']
const components: TLComponents = { MainMenu: BoardMainMenu }

/**
 * The canvas mounts only once the board is bound (after the local copy or the first
 * sync), so the board's shapes are in the store here: open where they are, once.
 */
function onBoardMount(editor: Editor): void {
  registerOfflineLinkHandling(editor)
  showWholeBoard(editor)
}

export interface BoardCanvasProps {
  connection: BoardConnection
  user: TLCurrentUser
  licenseKey: string | null
  maxAssetBytes: number
  /** The board's name as the page shows it, for exported files' names. */
  exportName: string
}

/**
 * tldraw on a bound board store. Read-only boards are handled by the store's
 * collaboration mode, which sets the editor's `isReadonly` whenever it changes.
 * Nothing on the canvas reaches another host: links become plain bookmark cards
 * (no fetch for a preview) and embeds are off (no other sites' iframes).
 */
export function BoardCanvas({ connection, user, licenseKey, maxAssetBytes, exportName }: BoardCanvasProps) {
  return (
    <div className="board-canvas" data-testid="board-canvas">
      <BoardExportNameContext.Provider value={exportName}>
        <Tldraw
          store={connection.store}
          user={user}
          licenseKey={licenseKey ?? undefined}
          assetUrls={assetUrls}
          components={components}
          shapeUtils={boardShapeUtils}
          onMount={onBoardMount}
          maxAssetSize={maxAssetBytes}
          acceptedImageMimeTypes={acceptedImageMimeTypes}
          acceptedVideoMimeTypes={acceptedVideoMimeTypes}
        />
      </BoardExportNameContext.Provider>
    </div>
  )
}
