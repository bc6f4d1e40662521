import { isBoardId } from '../../../shared/src/protocol/boardId.ts'
import { BoardPlacement } from '../../../shared/src/schema/workshopApi.ts'
import { fetchApi } from './publicApi.ts'

/** The board id of a board page's path (`/board/:boardId`), else null. */
export function boardIdOfPath(pathname: string): string | null {
  const match = /^\/board\/([^/]+)\/?$/.exec(pathname)
  const boardId = match?.[1] === undefined ? null : decodeURIComponent(match[1])
  return boardId !== null && isBoardId(boardId) ? boardId : null
}

/** `GET /api/boards/:boardId/context`, as the board page asks it. */
export function boardContextPath(boardId: string): string {
  return `/api/boards/${encodeURIComponent(boardId)}/context`
}

/**
 * The board context a board page needs, asked as the page starts when it opens on a
 * board's address, at the same time as the session and the client configuration rather
 * than after them: it depends on the session cookie the browser sends, not on the
 * session's answer. The board page takes it once; any later asking (another board, a
 * changed session) goes to the server as usual.
 */
export class BoardContextPreload {
  private pending: { boardId: string; placement: Promise<BoardPlacement> } | null

  constructor(boardId: string | null, fetchPlacement: (path: string) => Promise<BoardPlacement> = (path) => fetchApi(path, BoardPlacement)) {
    if (boardId === null) {
      this.pending = null
      return
    }
    const placement = fetchPlacement(boardContextPath(boardId))
    // Whoever takes it hears of a failure; until then it is nobody's unhandled rejection.
    placement.catch(() => undefined)
    this.pending = { boardId, placement }
  }

  /** The answer asked at start for this board, once; null when none was asked for it or it was taken. */
  take(boardId: string): Promise<BoardPlacement> | null {
    if (this.pending?.boardId !== boardId) return null
    const { placement } = this.pending
    this.pending = null
    return placement
  }
}

/** tldraw's files that its first render of a board waits for (their paths under /tldraw-assets). */
export function firstRenderTldrawFiles(tldrawLocale: 'no' | 'en'): { href: string; as: 'font' | 'fetch'; type?: string }[] {
  const translations = [...new Set(['en', tldrawLocale])].map((locale) => ({ href: `/tldraw-assets/translations/${locale}.json`, as: 'fetch' as const }))
  // The templates' texts, notes and shapes are all in tldraw's sans font.
  return [{ href: '/tldraw-assets/fonts/IBMPlexSans-Medium.woff2', as: 'font', type: 'font/woff2' }, ...translations]
}

/**
 * Asks for tldraw's translations and the templates' font as the page starts, so that they
 * are in the browser's cache when tldraw mounts instead of being asked for only then.
 */
export function preloadFirstRenderFiles(doc: Document, tldrawLocale: 'no' | 'en'): void {
  for (const file of firstRenderTldrawFiles(tldrawLocale)) {
    const link = doc.createElement('link')
    link.rel = 'preload'
    link.href = file.href
    link.as = file.as
    // tldraw fetches both in CORS mode (fetch(), FontFace): the preload must match to be used.
    link.crossOrigin = 'anonymous'
    if (file.type !== undefined) link.type = file.type
    doc.head.append(link)
  }
}
