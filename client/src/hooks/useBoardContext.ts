import { BoardPlacement, type BoardContext } from '../../../shared/src/schema/workshopApi.ts'
import type { ApiRequestError } from '../app/apiErrors.ts'
import { useAppServices } from '../app/AppServicesContext.tsx'
import { boardContextPath } from '../app/BoardOpening.ts'
import { useApiResource } from './useApiResource.ts'
import { useObservable } from './useObservable.ts'

/** Where a board belongs, as the board page needs it. */
export type BoardPlace =
  | { kind: 'loading' }
  /** A workshop step's board. */
  | { kind: 'step'; context: BoardContext }
  /** A board outside any workshop (null): a free board, if the server opens those for this session. */
  | { kind: 'free' }
  /** The server refused to say (401 no session, 403 another workshop's board): the board will not open either. */
  | { kind: 'refused'; error: ApiRequestError }
  /** The server could not be asked (offline): open the board from this device's copy, without a step bar. */
  | { kind: 'unknown' }


/**
 * `GET /api/boards/:id/context` for the browser's session: the answer asked as the page
 * started (beside the session, not after it), and asked again when who this browser is changes.
 */
export function useBoardContext(boardId: string): BoardPlace {
  const { session, boardContext } = useAppServices()
  const identity = useObservable(session.identity)
  const started = identity === 0 ? () => boardContext.take(boardId) : undefined
  const resource = useApiResource(boardContextPath(boardId), BoardPlacement, identity, started)
  switch (resource.status) {
    case 'loading':
      return { kind: 'loading' }
    case 'loaded':
      return resource.value === null ? { kind: 'free' } : { kind: 'step', context: resource.value }
    case 'notFound':
      return { kind: 'free' }
    case 'failed': {
      const { error } = resource
      if (error !== null && (error.status === 401 || error.status === 403)) return { kind: 'refused', error }
      return { kind: 'unknown' }
    }
  }
}
