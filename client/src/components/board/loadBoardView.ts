/**
 * The board's code: BoardView with tldraw and Yjs, split from the pages that need none of
 * it. The board page loads it when a board opens; main.tsx starts it as the page starts on
 * a board's address, beside the session and the board's context. Its files are fetched even
 * before that, as index.html is read (`boardCodePreload` in client/vite.config.ts finds the
 * chunk by this module's path).
 */
export function loadBoardView(): Promise<typeof import('./BoardView.tsx')> {
  return import('./BoardView.tsx')
}
