import { getAssetUrls } from '@tldraw/assets/selfHosted'
import { useMemo } from 'react'
import { useTranslation } from 'react-i18next'
import { Tldraw, type Editor, type TLComponents, type TLCurrentUser, type TLUiOverrides } from 'tldraw'
import 'tldraw/tldraw.css'
import type { BoardAccess } from '../../board/boardAccess.ts'
import { showOpeningView } from '../../board/boardCamera.ts'
import type { BoardConnection } from '../../board/BoardConnection.ts'
import { allowedEmbedDefinitions, boardShapeUtils, registerLinkHandling } from '../../board/offlineLinks.ts'
import { isNarrowScreen } from '../../hooks/useNarrowScreen.ts'
import { useTldrawTranslations } from '../../hooks/useTldrawTranslations.ts'
import { BoardExportNameContext } from './BoardExportMenuItems.tsx'
import { BoardMainMenu } from './BoardMainMenu.tsx'
import { BoardToolbar } from './BoardToolbar.tsx'
import { FrameSwitcher } from './FrameSwitcher.tsx'
import { NoteReactionBar, NoteReactorContext } from './NoteReactionBar.tsx'
import { BoardVoteLayer } from './BoardVoteLayer.tsx'
import { deferredPatternShapeUtils } from './deferredPatternFill.tsx'
import { VotedNoteShapeUtil } from './VotedNoteShapeUtil.tsx'
import { withPrivateNoteMarks } from './privateNoteShapeUtil.tsx'
import { boardThemes } from '../../board/boardTheme.ts'

/** tldraw's fonts, icons and translations, served by our own server. */
const assetUrls = getAssetUrls({ baseUrl: '/tldraw-assets' })
/** The image and video types the server accepts (it checks the content, too); no SVG. */
const acceptedImageMimeTypes = ['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'image/avif']
const acceptedVideoMimeTypes = ['video/mp4', 'video/webm']

/** Actions that change what only facilitators change: locks and pages. */
const facilitatorActions = ['toggle-lock', 'unlock-all', 'move-to-new-page', 'change-page-next']

/**
 * tldraw's menus without what this person may not do (the relay would refuse it, and the
 * board's rules in this browser would undo it): participants do not lock, unlock or make pages,
 * and nobody inserts an embed when no site of the allowed embed hosts can be embedded (tldraw's
 * dialog would list nothing).
 */
function boardOverrides(participant: boolean, embeds: boolean): TLUiOverrides {
  const hidden = [...(participant ? facilitatorActions : []), ...(embeds ? [] : ['insert-embed'])]
  return {
    actions(_editor, actions) {
      const kept = { ...actions }
      for (const id of hidden) delete kept[id]
      return kept
    },
    tools(_editor, tools) {
      if (embeds) return tools
      const { embed: _embed, ...kept } = tools
      return kept
    },
  }
}

/** What sits in front of the canvas: the selected note's reactions and the board's dot vote. */
function InFrontOfTheCanvas() {
  return (
    <>
      <NoteReactionBar />
      <BoardVoteLayer />
    </>
  )
}

export interface BoardCanvasProps {
  connection: BoardConnection
  user: TLCurrentUser
  licenseKey: string | null
  maxAssetBytes: number
  /** The board's name as the page shows it, for exported files' names. */
  exportName: string
  /** How this person is on the board: a participant's menus lack the facilitators' actions. */
  access: BoardAccess
  /** Hosts whose embeds the server allows. */
  embedHosts: readonly string[]
  /** Hears of the editor once it is mounted, and of null when it goes (pass a stable function). */
  onEditor?: (editor: Editor | null) => void
}

/**
 * tldraw on a bound board store. Read-only boards (an observer, a frozen board for a
 * participant, a newer schema) are handled by the store's collaboration mode, which sets the
 * editor's `isReadonly` whenever it changes. Nothing on the canvas reaches another host: links
 * become text that links, embeds come only from allowed hosts.
 */
export function BoardCanvas({ connection, user, licenseKey, maxAssetBytes, exportName, access, embedHosts, onEditor }: BoardCanvasProps) {
  const participant = access.role === 'participant'
  const embeds = useMemo(() => allowedEmbedDefinitions(embedHosts).length > 0, [embedHosts])
  const menuOverrides = useMemo(() => boardOverrides(participant, embeds), [participant, embeds])
  const translations = useTldrawTranslations()
  const overrides = useMemo(() => [menuOverrides, translations], [menuOverrides, translations])
  // Pages are the facilitators' to make; a participant finds the board on the page it opens on.
  const components = useMemo<TLComponents>(
    () => ({ MainMenu: BoardMainMenu, InFrontOfTheCanvas, TopPanel: FrameSwitcher, Toolbar: BoardToolbar, ...(participant ? { PageMenu: null } : {}) }),
    [participant],
  )
  const { i18n } = useTranslation()
  const shapeUtils = useMemo(
    () => [
      ...boardShapeUtils(embedHosts),
      ...deferredPatternShapeUtils,
      withPrivateNoteMarks(VotedNoteShapeUtil, { privateIds: connection.privateNotes.$privateIds, label: () => i18n.t('privateWriting.noteLabel') }),
    ],
    [embedHosts, connection, i18n],
  )
  // Observers watch; everyone else reacts as their session's person, or as this device on a free board.
  const reactorId = access.mode === 'observe' ? null : (access.identity?.id ?? user.userPreferences.get().id)
  const onMount = useMemo(
    () => (editor: Editor) => {
      registerLinkHandling(editor, { ownOrigin: window.location.origin, embedHosts })
      // The canvas mounts only once the board is bound, so its shapes are in the store: open where they are.
      showOpeningView(editor, isNarrowScreen())
      onEditor?.(editor)
      return () => onEditor?.(null)
    },
    [embedHosts, onEditor],
  )
  return (
    <div className="board-canvas" data-testid="board-canvas">
      <BoardExportNameContext.Provider value={exportName}>
        <NoteReactorContext.Provider value={reactorId}>
          <Tldraw
            store={connection.store}
            user={user}
            licenseKey={licenseKey ?? undefined}
            assetUrls={assetUrls}
            components={components}
            overrides={overrides}
            shapeUtils={shapeUtils}
            onMount={onMount}
            maxAssetSize={maxAssetBytes}
            acceptedImageMimeTypes={acceptedImageMimeTypes}
            acceptedVideoMimeTypes={acceptedVideoMimeTypes}
            themes={boardThemes}
          />
        </NoteReactorContext.Provider>
      </BoardExportNameContext.Provider>
    </div>
  )
}
