import { useEffect, useRef, useState } from 'react'
import type { Signal, TLUser } from 'tldraw'
import { createBoardAssetStore, type AssetUploadProblem } from '../board/assetStore.ts'
import { BoardConnection, type BoardMode } from '../board/BoardConnection.ts'

export interface UseBoardConnectionOptions {
  /** The person at this client; no connection is made while it is null. */
  user: Signal<TLUser | null> | null
  /** 'observe' for observers (see BoardConnection). */
  mode: BoardMode
  onUploadProblem(problem: AssetUploadProblem): void
}

/**
 * The {@link BoardConnection} of a board, created when the component mounts (or the
 * board, user or mode changes) and destroyed in the cleanup; null until created.
 */
export function useBoardConnection(boardId: string, { user, mode, onUploadProblem }: UseBoardConnectionOptions) {
  const [connection, setConnection] = useState<BoardConnection | null>(null)
  const onUploadProblemRef = useRef(onUploadProblem)
  useEffect(() => {
    onUploadProblemRef.current = onUploadProblem
  }, [onUploadProblem])

  useEffect(() => {
    if (user === null) return
    const created = new BoardConnection({
      boardId,
      location: window.location,
      user,
      mode,
      assets: createBoardAssetStore({ boardId, onUploadProblem: (problem) => onUploadProblemRef.current(problem) }),
    })
    setConnection(created)
    return () => {
      setConnection(null)
      created.destroy()
    }
  }, [boardId, user, mode])

  return connection
}
