/**
 * The board's code: BoardView with tldraw and Yjs, split from the pages that need none of
 * it. The board page loads it when a board opens; main.tsx starts it as the page starts on
 * a board's address, beside the session and the board's context.
 */
export function loadBoardView(): Promise<typeof import('./BoardView.tsx')> {
  return import('./BoardView.tsx')
}
