import { isBoardId } from '../../../shared/src/protocol/boardId.ts'
import { WorkshopDetail } from '../../../shared/src/schema/workshopApi.ts'
import { useApiResource, type ApiResource } from './useApiResource.ts'
import { sessionKey, useSession } from './useSession.ts'

/**
 * `GET /api/workshops/:id` for the browser's session, loaded again when the session
 * changes or `revision` does (after an edit, or to see who is here now). Waits for
 * the session, since the answer depends on it.
 */
export function useWorkshopDetail(workshopId: string, revision: number): ApiResource<WorkshopDetail> {
  const state = useSession()
  const valid = isBoardId(workshopId)
  const session = state.status === 'loaded' ? state.session : null
  const path = valid && state.status !== 'loading' ? `/api/workshops/${workshopId}` : null
  const resource = useApiResource(path, WorkshopDetail, `${sessionKey(session)}#${revision}`)
  return valid ? resource : { status: 'notFound' }
}
