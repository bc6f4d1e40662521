import { useEffect, useRef, useState } from 'react'
import type { Signal, TLUser } from 'tldraw'
import { createBoardAssetStore, type AssetUploadProblem } from '../board/assetStore.ts'
import type { BoardAccess } from '../board/boardAccess.ts'
import { BoardConnection } from '../board/BoardConnection.ts'

export interface UseBoardConnectionOptions {
  /** The person at this client; no connection is made while it is null. */
  user: Signal<TLUser | null> | null
  /** How this browser opens the board (see boardAccessFor); pass a stable object. */
  access: BoardAccess
  /** Hosts whose embeds the server allows. */
  embedHosts: readonly string[]
  onUploadProblem(problem: AssetUploadProblem): void
}

/**
 * The {@link BoardConnection} of a board, created when the component mounts (or the
 * board, user or mode changes) and destroyed in the cleanup; null until created.
 */
export function useBoardConnection(boardId: string, { user, access, embedHosts, onUploadProblem }: UseBoardConnectionOptions) {
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
      mode: access.mode,
      actor: { role: access.role, person: access.identity },
      embedHosts,
      assets: createBoardAssetStore({ boardId, onUploadProblem: (problem) => onUploadProblemRef.current(problem) }),
    })
    setConnection(created)
    return () => {
      setConnection(null)
      created.destroy()
    }
  }, [boardId, user, access, embedHosts])

  return connection
}
